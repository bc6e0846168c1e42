// GET {base}/models (what can be asked for, within this server's limits, and whether it is
// live) and GET {base}/health.
import type { ModelCatalogEntry } from '@medialoft/ai-connect';
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import type { ResolvedServerOptions, ServerLimits } from '../options';
import type { HealthResponse, ModelInfo, ModelsResponse } from '../protocol';

/** A catalogue entry as the wire shows it: limits narrowed to the server's, `live` set. */
export function toModelInfo(
  entry: ModelCatalogEntry,
  live: boolean,
  limits: ServerLimits,
): ModelInfo {
  const l = entry.limits;
  const info: ModelInfo = {
    id: entry.id,
    label: entry.label,
    provider: entry.provider,
    live,
    limits: {
      minWidth: l.minWidth,
      maxWidth: Math.min(l.maxWidth, limits.maxWidth),
      minHeight: l.minHeight,
      maxHeight: Math.min(l.maxHeight, limits.maxHeight),
      maxN: Math.min(l.maxN, limits.maxN),
      maxPromptLength: Math.min(l.maxPromptLength, limits.maxPromptLength),
    },
    defaults: { ...entry.defaults },
    capabilities: {
      negativePrompt: entry.capabilities.negativePrompt,
      seed: entry.capabilities.seed,
      steps: entry.capabilities.steps,
    },
  };
  if (entry.description !== undefined) info.description = entry.description;
  if (entry.placeholder) info.placeholder = true;
  if (l.sizeMultiple !== undefined) info.limits.sizeMultiple = l.sizeMultiple;
  if (l.minSteps !== undefined) info.limits.minSteps = l.minSteps;
  if (l.maxSteps !== undefined) info.limits.maxSteps = Math.min(l.maxSteps, limits.maxSteps);
  if (entry.capabilities.sizes) info.capabilities.sizes = [...entry.capabilities.sizes];
  if (entry.capabilities.operations) {
    info.capabilities.operations = [...entry.capabilities.operations];
  }
  if (entry.costPerImageUsd !== undefined) info.costPerImageUsd = entry.costPerImageUsd;
  return info;
}

/**
 * The models route.
 *
 * @example
 * api.route('/', modelRoutes(options));
 */
export function modelRoutes(options: ResolvedServerOptions): Hono<AppEnv> {
  const route = new Hono<AppEnv>();
  const live = new Set(options.liveProviders);
  route.get('/models', function models(c) {
    const body: ModelsResponse = {
      defaultModel: options.registry.defaultModel(options.liveProviders).id,
      models: options.registry
        .list()
        .map((entry) => toModelInfo(entry, live.has(entry.provider), options.limits)),
    };
    return c.json(body);
  });
  return route;
}

/**
 * The health route: cheap, unauthenticated, no provider call.
 *
 * @example
 * app.route(basePath, healthRoute(options));
 */
export function healthRoute(options: ResolvedServerOptions): Hono<AppEnv> {
  const route = new Hono<AppEnv>();
  route.get('/health', function health(c) {
    const body: HealthResponse = {
      status: 'ok',
      liveProviders: options.liveProviders,
      time: new Date(options.now()).toISOString(),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
  return route;
}
