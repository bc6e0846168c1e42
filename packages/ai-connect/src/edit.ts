// editImages: the edit counterpart of generateImages. Picks a model that does the operation,
// checks the image and settings against it, splits n into calls, runs them with the same safe
// retries, total timeout and real cancellation, and checks every output is an image.

import {
  EDIT_OPERATIONS,
  type ResolvedEditRequest,
  resolveEditRequest,
  supportsOperation,
} from './edit-validate';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_TIMEOUT_MS,
  estimate,
  progressReporter,
  retryDelay,
  SEED_RANGE,
} from './generate';
import { isProviderLive, liveProviderNames } from './live-providers';
import { providerCredentialEnv } from './provider-env';
import { defaultRegistry, roundUsd } from './registry';
import { abortableSleep, RunControl, untilAborted } from './run-control';
import { dedupeWarnings } from './setting-warnings';
import { sniffImageType } from './sniff-image';
import {
  CanceledError,
  InvalidRequestError,
  OutputNotImageError,
  ProviderError,
} from './spec/errors';
import type {
  ImageEditCallOptions,
  ImageModelResult,
  ImageModelV1,
  ImageModelWarning,
} from './spec/image-model';
import type {
  EditImagesOptions,
  EditImagesRequest,
  EditImagesResult,
  GeneratedImage,
  ModelCatalogEntry,
  UsageReport,
} from './types';

type EditableModel = ImageModelV1 & Required<Pick<ImageModelV1, 'doEdit'>>;

/**
 * Edits `request.image` with the requested model, or the first live model in the registry
 * that does `request.operation`, and returns `request.n` results.
 *
 * Everything {@link generateImages} guarantees holds here too: the request is checked before
 * any provider is called (the operation against the model's `capabilities.operations`, a
 * prompt for edit and inpaint, the image sniffed and within the model's sides, a mask that is
 * a PNG with transparency of the image's size, scale 2 or 4 for upscale only, bounded outpaint
 * sides, `n` within the model's `maxN`); `n` is split into calls of `maxImagesPerCall` with
 * `seed + offset`; only rate limits and retryable provider errors are retried; `timeoutMs`
 * bounds the whole run and, like the caller's `signal`, aborts the provider's upstream work;
 * an empty result is asked for once more; every output is sniffed as an image.
 *
 * @throws InvalidRequestError with `field` for a request the model cannot serve.
 *
 * @example
 * const { images } = await editImages(
 *   { operation: 'upscale', image: pngBytes, scale: 2 },
 *   { providers: { local: createLocalProvider() } },
 * );
 */
export async function editImages(
  request: EditImagesRequest,
  options: EditImagesOptions,
): Promise<EditImagesResult> {
  const registry = options.registry ?? defaultRegistry;
  const now = options.now ?? Date.now;
  const started = now();
  if (options.signal?.aborted) throw new CanceledError();

  const entry = selectEditModel(
    request,
    registry.list(),
    registry.get(request.model ?? ''),
    options,
  );
  const provider = options.providers[entry.provider];
  if (!provider) throw new Error(`The ${entry.provider} provider vanished after selection.`);
  const model = provider.imageModel(entry.providerModelId);
  if (typeof model.doEdit !== 'function') {
    throw new InvalidRequestError(
      `${entry.label} lists edit operations but its provider cannot edit; choose another model.`,
      { field: 'model', provider: entry.provider, ownMessage: true },
    );
  }
  const resolved = await resolveEditRequest(request, entry);
  const run = new RunControl(options.signal, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, started, now);
  try {
    return await runEdit(request, resolved, entry, model as EditableModel, options, run, started);
  } catch (error) {
    throw run.explain(error, entry.provider);
  } finally {
    run.dispose();
  }
}

/** The requested model (checked: known, live, does the operation) or the first one that can. */
function selectEditModel(
  request: EditImagesRequest,
  entries: ModelCatalogEntry[],
  requested: ModelCatalogEntry | undefined,
  options: EditImagesOptions,
): ModelCatalogEntry {
  const { providers } = options;
  if (!EDIT_OPERATIONS.includes(request.operation)) {
    throw new InvalidRequestError(`operation must be one of ${EDIT_OPERATIONS.join(', ')}.`, {
      field: 'operation',
    });
  }
  if (request.model === undefined) {
    const live = new Set(liveProviderNames(providers));
    const candidates = entries.filter(
      (e) => live.has(e.provider) && supportsOperation(e, request.operation),
    );
    const chosen = candidates.find((e) => !e.placeholder) ?? candidates[0];
    if (!chosen) {
      throw new InvalidRequestError(
        `No model on this server can ${request.operation}; configure a provider whose models do.`,
        { field: 'operation' },
      );
    }
    return chosen;
  }
  if (!requested) {
    const able = entries
      .filter((e) => supportsOperation(e, request.operation))
      .map((e) => e.id)
      .join(', ');
    throw new InvalidRequestError(
      `Unknown model "${request.model}". Models that can ${request.operation}: ${able || 'none'}.`,
      { field: 'model' },
    );
  }
  if (!isProviderLive(providers[requested.provider])) {
    const envVar = providerCredentialEnv[requested.provider];
    const hint = envVar ? ` Set ${envVar} on the server, or choose another model.` : '';
    throw new InvalidRequestError(
      `Model "${requested.id}" is not available: the ${requested.provider} provider is not configured on this server.${hint}`,
      { field: 'model', provider: requested.provider, ownMessage: true },
    );
  }
  if (!supportsOperation(requested, request.operation)) {
    const served = (requested.capabilities.operations ?? ['generate']).join(', ');
    throw new InvalidRequestError(
      `${requested.label} cannot ${request.operation}; it does ${served}. Choose another model.`,
      { field: 'operation', provider: requested.provider, ownMessage: true },
    );
  }
  return requested;
}

async function runEdit(
  request: EditImagesRequest,
  resolved: ResolvedEditRequest,
  entry: ModelCatalogEntry,
  model: EditableModel,
  options: EditImagesOptions,
  run: RunControl,
  started: number,
): Promise<EditImagesResult> {
  const perCall = Math.max(1, Math.floor(model.maxImagesPerCall) || 1);
  const total = resolved.n;
  const images: GeneratedImage[] = [];
  const warnings = ignoredSettings(request, entry);
  const requestIds: string[] = [];
  let predictMs: number | undefined;
  let costUsd: number | undefined;

  for (let offset = 0; offset < total; offset += perCall) {
    const count = Math.min(perCall, total - offset);
    const callSeed =
      resolved.seed === undefined ? undefined : (resolved.seed + offset) % SEED_RANGE;
    const call = buildEditCall(resolved, count, callSeed, options.providerOptions);
    call.onProgress = progressReporter(options, run, offset, count, total);
    const result = await callWithNonEmptyResult(model, call, options, run, entry);
    const produced = result.images.slice(0, count);
    if (result.images.length > count) {
      warnings.push({
        type: 'other',
        message: `${entry.label} returned ${result.images.length} images for ${count} requested; the extra ones were dropped.`,
      });
    }
    for (const [j, data] of produced.entries()) {
      const mediaType = sniffImageType(data.bytes);
      if (!mediaType) {
        throw new OutputNotImageError(
          `${entry.label} returned an output that is not a PNG, JPEG, WebP, GIF or AVIF image.`,
          { provider: entry.provider },
        );
      }
      const image: GeneratedImage = {
        bytes: data.bytes,
        mediaType,
        width: data.width ?? resolved.output.width,
        height: data.height ?? resolved.output.height,
      };
      const seed = data.seed ?? (j === 0 || count === 1 ? (result.seed ?? callSeed) : undefined);
      if (seed !== undefined) image.seed = seed;
      images.push(image);
    }
    warnings.push(...result.warnings);
    if (result.response.id) requestIds.push(result.response.id);
    if (result.timings?.predictMs !== undefined) {
      predictMs = (predictMs ?? 0) + result.timings.predictMs;
    }
    const callCost = result.costUsd ?? estimate(entry, produced.length);
    if (callCost !== undefined) costUsd = (costUsd ?? 0) + callCost;
  }

  options.onProgress?.({ stage: 'done', percent: 100, image: total, images: total });
  const usage: UsageReport = {
    provider: entry.provider,
    model: entry.id,
    images: images.length,
    durationMs: run.now() - started,
    requestIds,
  };
  if (predictMs !== undefined) usage.predictMs = predictMs;
  if (costUsd !== undefined) usage.costUsd = roundUsd(costUsd);
  options.onUsage?.(usage);
  return {
    images,
    model: entry,
    warnings: dedupeWarnings(warnings),
    usage,
    operation: resolved.operation,
  };
}

function buildEditCall(
  resolved: ResolvedEditRequest,
  n: number,
  seed: number | undefined,
  providerOptions: EditImagesOptions['providerOptions'],
): ImageEditCallOptions {
  const call: ImageEditCallOptions = { operation: resolved.operation, image: resolved.image, n };
  if (resolved.mask) call.mask = resolved.mask;
  if (resolved.prompt !== undefined) call.prompt = resolved.prompt;
  if (resolved.scale !== undefined) call.scale = resolved.scale;
  if (seed !== undefined) call.seed = seed;
  if (resolved.outpaint) call.outpaint = resolved.outpaint;
  if (resolved.strength !== undefined) call.strength = resolved.strength;
  if (resolved.negativePrompt !== undefined) call.negativePrompt = resolved.negativePrompt;
  if (providerOptions) call.providerOptions = providerOptions;
  return call;
}

/** One call, retried only when a retry cannot bill the same images twice. */
async function callWithRetries(
  model: EditableModel,
  call: ImageEditCallOptions,
  options: EditImagesOptions,
  run: RunControl,
): Promise<ImageModelResult> {
  const sleep = options.sleep ?? abortableSleep;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  for (let attempt = 0; ; attempt++) {
    run.throwIfStopped();
    try {
      return await untilAborted(model.doEdit({ ...call, abortSignal: run.signal }), run.signal);
    } catch (error) {
      if (run.stopped || attempt >= maxRetries) throw error;
      const waitMs = retryDelay(error, attempt, maxRetryAfterMs);
      if (waitMs === undefined || waitMs >= run.remainingMs()) throw error;
      await sleep(waitMs, run.signal);
    }
  }
}

/** An empty result made nothing, so it is asked for once more; twice empty is a failure. */
async function callWithNonEmptyResult(
  model: EditableModel,
  call: ImageEditCallOptions,
  options: EditImagesOptions,
  run: RunControl,
  entry: ModelCatalogEntry,
): Promise<ImageModelResult> {
  const first = await callWithRetries(model, call, options, run);
  if (first.images.length > 0) return first;
  const second = await callWithRetries(model, call, options, run);
  if (second.images.length > 0) return second;
  throw new ProviderError(
    `${entry.label} returned no images, twice in a row. Try again later or choose another model.`,
    { provider: entry.provider, retryable: false, ownMessage: true },
  );
}

/** Settings this model does not take, reported rather than refused. */
function ignoredSettings(
  request: EditImagesRequest,
  entry: ModelCatalogEntry,
): ImageModelWarning[] {
  const warnings: ImageModelWarning[] = [];
  if (request.negativePrompt && !entry.capabilities.negativePrompt) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'negativePrompt',
      details: `${entry.label} does not take a negative prompt; it was left out.`,
    });
  }
  if (request.seed !== undefined && !entry.capabilities.seed) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'seed',
      details: `${entry.label} does not take a seed; results will differ each time.`,
    });
  }
  return warnings;
}
