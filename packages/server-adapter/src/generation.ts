// One generation as every route runs it: parse and check the body, pick a live model, wait for
// a provider slot, call ai-connect with an abort signal that fires on disconnect or timeout.
import {
  CanceledError,
  type GeneratedImage,
  type GenerateImagesResult,
  generateImages,
  type ImageGenerationProgress,
  type ImageModelWarning,
  type ImagePartial,
  type ModelCatalogEntry,
  type ResolvedImageRequest,
  resolveImageRequest,
  TimeoutError,
} from '@medialoft/ai-connect';
import type { Context } from 'hono';
import type { AppEnv } from './context';
import { fromAIConnectError, HttpError } from './errors';
import type { JobTokens } from './job-token';
import type { ConcurrencyGate } from './middleware/concurrency';
import type { ResolvedServerOptions } from './options';
import { type GenerateRequest, generateRequestSchema, type ImageMetadata } from './protocol';

/** Longest provider text kept in a log line. */
const MAX_DETAIL = 2000;

/** What the routes need from the app: resolved options and the shared concurrency gate. */
export interface GenerationDeps {
  options: ResolvedServerOptions;
  gate: ConcurrencyGate;
  /** Signs and checks resumable job tokens; absent, no generation runs as a job. */
  jobTokens?: JobTokens;
}

/** A generated image with its bytes and the metadata the wire carries. */
export interface ServedImage {
  index: number;
  bytes: Uint8Array;
  mediaType: string;
  metadata: ImageMetadata;
}

export interface GenerationOutcome {
  requestId: string;
  entry: ModelCatalogEntry;
  images: ServedImage[];
  warnings: Array<{ type: string; message: string }>;
  usage: GenerateImagesResult['usage'];
}

/** Reads the body as JSON; malformed JSON is the caller's error (400), never a 500. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    throw new HttpError(400, 'invalid_request', 'The request body is empty; send a JSON object.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_request', 'The request body is not valid JSON.');
  }
}

/** Parses a generate body, turning the first zod issue into a 400 naming the field. */
export function parseGenerateRequest(body: unknown): GenerateRequest {
  const parsed = generateRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const what = field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid body');
  throw new HttpError(
    400,
    'invalid_request',
    `The request is not a valid image request (${what}). Send { prompt, width, height, model?, negativePrompt?, steps?, seed?, n? }.`,
    { field },
  );
}

/**
 * Picks the model (the request's, or the registry's default among live providers) and checks
 * the request against the server's limits and the model's own.
 */
export function planGeneration(
  request: GenerateRequest,
  options: ResolvedServerOptions,
): {
  entry: ModelCatalogEntry;
  request: GenerateRequest & { model: string };
  resolved: ResolvedImageRequest;
} {
  const { registry, limits, liveProviders } = options;
  const entry =
    request.model === undefined
      ? registry.defaultModel(liveProviders)
      : registry.get(request.model);
  if (!entry) {
    throw new HttpError(
      400,
      'invalid_request',
      `Unknown model "${request.model}". GET the models list for the ids this server knows.`,
      { field: 'model' },
    );
  }
  if (!liveProviders.includes(entry.provider)) {
    throw new HttpError(
      400,
      'invalid_request',
      `Model "${entry.id}" is not live on this server (its provider is not configured); choose a live model from the models list.`,
      { field: 'model' },
    );
  }
  const resolved = resolveImageRequest(request, entry);
  const over = (field: string, value: number | undefined, max: number) => {
    if (value !== undefined && value > max) {
      throw new HttpError(
        400,
        'invalid_request',
        `${field} is ${value}; this server allows at most ${max}.`,
        {
          field,
        },
      );
    }
  };
  over('prompt', resolved.prompt.length, limits.maxPromptLength);
  over('negativePrompt', request.negativePrompt?.length, limits.maxPromptLength);
  over('width', resolved.width, limits.maxWidth);
  over('height', resolved.height, limits.maxHeight);
  over('n', resolved.n, limits.maxN);
  over('steps', resolved.steps, limits.maxSteps);
  return { entry, request: { ...request, model: entry.id }, resolved };
}

/**
 * Runs a planned generation for the request in `c`. The abort signal passed to ai-connect
 * fires when the client disconnects (CanceledError) or after `timeoutMs` (TimeoutError), and
 * either one makes the provider cancel its upstream work.
 */
export async function runGeneration(
  c: Context<AppEnv>,
  deps: GenerationDeps,
  planned: ReturnType<typeof planGeneration>,
  hooks: {
    onProgress?: (progress: ImageGenerationProgress) => void;
    /** Previews while the images render; only event streams ask, as only they can send them. */
    onPartialImage?: (partial: ImagePartial) => void;
    signal?: AbortSignal;
  } = {},
): Promise<GenerationOutcome> {
  const { options, gate } = deps;
  const { entry, request } = planned;
  const requestId = c.get('requestId');
  const userId = c.get('userId');

  const controller = new AbortController();
  const cancel = () =>
    controller.abort(new CanceledError('The client disconnected; the generation was canceled.'));
  const signals = [c.req.raw.signal, hooks.signal].filter((s): s is AbortSignal => !!s);
  for (const s of signals) {
    if (s.aborted) cancel();
    else s.addEventListener('abort', cancel, { once: true });
  }
  const timer = setTimeout(
    () =>
      controller.abort(
        new TimeoutError(
          `The generation took longer than ${Math.round(options.timeoutMs / 1000)} s and was canceled; try fewer images or a faster model.`,
        ),
      ),
    options.timeoutMs,
  );

  let release: (() => void) | undefined;
  try {
    release = await gate.acquire(entry.provider, controller.signal, () =>
      hooks.onProgress?.({ stage: 'queued', message: 'Waiting for a free generation slot.' }),
    );
    const result = await generateImages(request, {
      ...options.generateOptions,
      providers: options.providers,
      registry: options.registry,
      signal: controller.signal,
      timeoutMs: options.timeoutMs,
      onProgress: hooks.onProgress,
      onPartialImage: hooks.onPartialImage,
      onUsage: (usage) => {
        // Billing hooks must not fail a generation that already happened (and was paid for).
        try {
          const pending = options.onUsage?.({ ...usage, userId, requestId });
          if (pending) {
            pending.catch((error) =>
              options.logger.error('onUsage failed', { requestId, error: String(error) }),
            );
          }
        } catch (error) {
          options.logger.error('onUsage failed', { requestId, error: String(error) });
        }
      },
    });
    return toOutcome(result, planned, requestId, options.now());
  } catch (error) {
    // Whatever the provider said, a fired signal says why we stopped.
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
    if (reason instanceof TimeoutError && !(error instanceof HttpError)) {
      throw fromAIConnectError(reason);
    }
    const mapped = fromAIConnectError(error);
    if (mapped?.detail !== undefined) {
      // The caller got a typed message; what the provider said is kept here (redacted).
      options.logger.warn('provider error', {
        requestId,
        provider: entry.provider,
        code: mapped.code,
        status: mapped.status,
        // Bounded: a provider's text can be any size. The redactor still catches a key cut
        // short before the ellipsis.
        detail:
          mapped.detail.length > MAX_DETAIL
            ? `${mapped.detail.slice(0, MAX_DETAIL)}…`
            : mapped.detail,
      });
    }
    throw mapped ?? error;
  } finally {
    clearTimeout(timer);
    release?.();
    for (const s of signals) s.removeEventListener('abort', cancel);
  }
}

/** A result as the routes send it: images with their wire metadata. Shared with the job routes. */
export function toOutcome(
  result: GenerateImagesResult,
  planned: ReturnType<typeof planGeneration>,
  requestId: string,
  createdAt: number,
): GenerationOutcome {
  const { usage, model } = result;
  const { request } = planned;
  // What the model really ran with: the checked request, unless a fallback model served.
  const ran =
    model.id === planned.entry.id ? planned.resolved : resolveImageRequest(request, model);
  const perImageCost =
    usage.costUsd === undefined || result.images.length === 0
      ? undefined
      : Math.round((usage.costUsd / result.images.length) * 1e6) / 1e6;
  const images = result.images.map((image: GeneratedImage, index): ServedImage => {
    const metadata: ImageMetadata = {
      provider: model.provider,
      model: model.id,
      prompt: request.prompt,
      width: image.width,
      height: image.height,
      createdAt,
      generationMs: usage.durationMs,
      requestId,
    };
    if (ran.negativePrompt !== undefined) metadata.negativePrompt = ran.negativePrompt;
    if (image.seed !== undefined) metadata.seed = image.seed;
    if (ran.steps !== undefined) metadata.steps = ran.steps;
    if (perImageCost !== undefined) metadata.costUsd = perImageCost;
    return { index, bytes: image.bytes, mediaType: image.mediaType, metadata };
  });
  return {
    requestId,
    entry: model,
    images,
    warnings: result.warnings.map(describeWarning),
    usage,
  };
}

function describeWarning(warning: ImageModelWarning): { type: string; message: string } {
  if (warning.type === 'other') return { type: 'other', message: warning.message };
  return {
    type: warning.type,
    message: warning.details ?? `${warning.setting} is not supported by this model.`,
  };
}

/** Base64 of bytes: Node's Buffer when present, else chunked `btoa` (edge runtimes). */
export function toBase64(bytes: Uint8Array): string {
  const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  if (NodeBuffer) {
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
