// The one entry point: pick and validate the model, split n into calls, run them with safe
// retries, a total timeout and real cancellation, then check every output is an image.
import sharp from 'sharp';
import { isProviderLive, liveProviderNames } from './live-providers';
import { providerCredentialEnv } from './provider-env';
import { defaultRegistry, roundUsd } from './registry';
import { abortableSleep, RunControl, untilAborted } from './run-control';
import { dedupeWarnings, settingWarnings } from './setting-warnings';
import { sniffImageType } from './sniff-image';
import {
  type AIConnectError,
  CanceledError,
  InvalidRequestError,
  OutputNotImageError,
  ProviderError,
  RateLimitedError,
} from './spec/errors';
import type {
  ImageGenerationProgress,
  ImageModelCallOptions,
  ImageModelResult,
  ImageModelV1,
  ImageModelWarning,
  ImageProvider,
} from './spec/image-model';
import type {
  GeneratedImage,
  GenerateImagesOptions,
  GenerateImagesRequest,
  GenerateImagesResult,
  ModelCatalogEntry,
  ModelRegistry,
  UsageReport,
} from './types';
import { type ResolvedImageRequest, resolveImageRequest } from './validate';

// Exported with the helpers below for editImages (edit.ts), which keeps the same guarantees.
export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;
export const SEED_RANGE = 2 ** 32;

interface Candidate {
  entry: ModelCatalogEntry;
  provider: ImageProvider;
  resolved: ResolvedImageRequest;
}

/**
 * Generates `request.n` images with the requested model, or the registry's default among the
 * providers in `options.providers`.
 *
 * - `n` is split into calls of at most the model's `maxImagesPerCall`, run one after another.
 *   With a seed, each call gets `seed + (images before it)`, so a result is reproducible.
 * - Retries only what cannot bill twice: rate limits (honouring Retry-After up to
 *   `maxRetryAfterMs`; a longer wait fails at once) and provider errors marked retryable.
 *   Anything ambiguous (a non-retryable error, a timeout mid-call) is never retried.
 * - After its retries, a retryable failure moves on to `fallbackModels` in order, each checked
 *   against its own limits; ones whose provider is not configured, or whose limits the request
 *   breaks, are skipped. A fallback makes all `n` images again so a result comes from one model.
 * - `timeoutMs` (default 120 s) bounds everything, retries included, and ends in a
 *   {@link TimeoutError}; the caller's `signal` ends in a {@link CanceledError}. Both abort the
 *   in-flight call's `abortSignal`, so the provider cancels its upstream work.
 * - A call that returns no images made nothing, so it is asked once more; a second empty
 *   result ends in a {@link ProviderError} (`provider_error`, not retryable).
 * - Each output's media type is sniffed from its bytes; anything else is an
 *   {@link OutputNotImageError}.
 *
 * @throws InvalidRequestError for an unknown or unconfigured model or a request that breaks the
 * model's limits, before any provider is called.
 *
 * @example
 * const { images, usage } = await generateImages(
 *   { prompt: 'a lighthouse at dusk', width: 1024, height: 1024, n: 2 },
 *   { providers: providersFromEnv().providers, onUsage: (usage) => console.log(usage) },
 * );
 */
export async function generateImages(
  request: GenerateImagesRequest,
  options: GenerateImagesOptions,
): Promise<GenerateImagesResult> {
  const registry = options.registry ?? defaultRegistry;
  const now = options.now ?? Date.now;
  const started = now();
  if (options.signal?.aborted) throw new CanceledError();

  let candidate = selectModel(request, registry, options.providers);
  const fallbacks = fallbackCandidates(request, candidate.entry, registry, options);
  const run = new RunControl(options.signal, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, started, now);
  const fallbackWarnings: ImageModelWarning[] = [];
  try {
    for (;;) {
      try {
        const result = await runModel(request, candidate, options, run, started);
        result.warnings = dedupeWarnings([...fallbackWarnings, ...result.warnings]);
        return result;
      } catch (error) {
        const failure = run.explain(error, candidate.entry.provider);
        if (!canFallBack(failure)) throw failure;
        const next = fallbacks.next();
        if (next.done) throw failure;
        fallbackWarnings.push({
          type: 'other',
          message: `${candidate.entry.label} failed (${failure.code}); ${next.value.entry.label} made the images instead.`,
        });
        candidate = next.value;
      }
    }
  } finally {
    run.dispose();
  }
}

/** The requested (or default) model with its provider, the request checked against it. */
function selectModel(
  request: GenerateImagesRequest,
  registry: ModelRegistry,
  providers: Record<string, ImageProvider>,
): Candidate {
  const entry =
    request.model === undefined
      ? registry.defaultModel(liveProviderNames(providers))
      : registry.get(request.model);
  if (!entry) {
    const known = registry
      .list()
      .map((e) => e.id)
      .join(', ');
    throw new InvalidRequestError(`Unknown model "${request.model}". Known models: ${known}.`, {
      field: 'model',
    });
  }
  const provider = providers[entry.provider];
  if (!isProviderLive(provider)) {
    const envVar = providerCredentialEnv[entry.provider];
    const hint = envVar ? ` Set ${envVar} on the server, or choose another model.` : '';
    throw new InvalidRequestError(
      `Model "${entry.id}" is not available: the ${entry.provider} provider is not configured on this server.${hint}`,
      { field: 'model', provider: entry.provider, ownMessage: true },
    );
  }
  return { entry, provider, resolved: resolveImageRequest(request, entry) };
}

/**
 * Fallback models that can serve this request, resolved lazily. An id missing from the
 * registry is a configuration bug, so it throws at once rather than on the first failure.
 */
function fallbackCandidates(
  request: GenerateImagesRequest,
  primary: ModelCatalogEntry,
  registry: ModelRegistry,
  options: GenerateImagesOptions,
): Iterator<Candidate, undefined> {
  const ids = options.fallbackModels ?? [];
  for (const id of ids) {
    if (!registry.get(id)) throw new Error(`fallbackModels names an unknown model "${id}".`);
  }
  return (function* () {
    const seen = new Set([primary.id]);
    for (const id of ids) {
      const entry = registry.get(id);
      const provider = entry && options.providers[entry.provider];
      if (!entry || !isProviderLive(provider) || seen.has(id)) continue;
      seen.add(id);
      let resolved: ResolvedImageRequest;
      try {
        resolved = resolveImageRequest(request, entry);
      } catch (error) {
        if (error instanceof InvalidRequestError) continue;
        throw error;
      }
      yield { entry, provider, resolved };
    }
    return undefined;
  })();
}

/** Only failures that say "try again" (rate limits, retryable provider errors) fall back. */
function canFallBack(error: AIConnectError): boolean {
  return error instanceof RateLimitedError || (error instanceof ProviderError && error.retryable);
}

/** All calls for one model: split, retried, checked, and reported. */
async function runModel(
  request: GenerateImagesRequest,
  candidate: Candidate,
  options: GenerateImagesOptions,
  run: RunControl,
  started: number,
): Promise<GenerateImagesResult> {
  const { entry, provider, resolved } = candidate;
  const model = provider.imageModel(entry.providerModelId);
  const perCall = Math.max(1, Math.floor(model.maxImagesPerCall) || 1);
  const total = resolved.n;
  const images: GeneratedImage[] = [];
  const warnings = settingWarnings(request, entry, resolved);
  const requestIds: string[] = [];
  let predictMs: number | undefined;
  let costUsd: number | undefined;

  for (let offset = 0; offset < total; offset += perCall) {
    const count = Math.min(perCall, total - offset);
    const callSeed =
      resolved.seed === undefined ? undefined : (resolved.seed + offset) % SEED_RANGE;
    const callOptions = buildCallOptions(resolved, entry, count, callSeed, options.providerOptions);
    callOptions.onProgress = progressReporter(options, run, offset, count, total);
    const onPartial = partialReporter(options, run, offset, count);
    if (onPartial) callOptions.onPartialImage = onPartial;
    const result = await callWithNonEmptyResult(model, callOptions, options, run, entry);

    const produced = result.images.slice(0, count);
    if (result.images.length > count) {
      warnings.push({
        type: 'other',
        message: `${entry.label} returned ${result.images.length} images for ${count} requested; the extra ones were dropped.`,
      });
    }
    if (produced.length < count) {
      warnings.push({
        type: 'other',
        message: `${entry.label} returned ${produced.length} of ${count} images in one call.`,
      });
    }
    for (const [j, data] of produced.entries()) {
      images.push(await checkImage(data, j, count, result, callSeed, resolved, entry));
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
  return { images, model: entry, warnings: dedupeWarnings(warnings), usage };
}

function buildCallOptions(
  resolved: ResolvedImageRequest,
  entry: ModelCatalogEntry,
  n: number,
  seed: number | undefined,
  providerOptions: GenerateImagesOptions['providerOptions'],
): ImageModelCallOptions {
  const call: ImageModelCallOptions = { prompt: resolved.prompt, n };
  // Aspect-ratio models get the closest supported ratio, plus the asked-for size as a hint.
  call.size = { width: resolved.width, height: resolved.height };
  if (entry.capabilities.sizing === 'aspect-ratio' && resolved.aspectRatio) {
    call.aspectRatio = resolved.aspectRatio;
  }
  if (seed !== undefined) call.seed = seed;
  if (resolved.negativePrompt !== undefined) call.negativePrompt = resolved.negativePrompt;
  if (resolved.steps !== undefined) call.steps = resolved.steps;
  if (providerOptions) call.providerOptions = providerOptions;
  return call;
}

/** One call, retried only when a retry cannot bill the same images twice. */
async function callWithRetries(
  model: ImageModelV1,
  call: ImageModelCallOptions,
  options: GenerateImagesOptions,
  run: RunControl,
): Promise<ImageModelResult> {
  const sleep = options.sleep ?? abortableSleep;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  for (let attempt = 0; ; attempt++) {
    run.throwIfStopped();
    try {
      return await untilAborted(model.doGenerate({ ...call, abortSignal: run.signal }), run.signal);
    } catch (error) {
      if (run.stopped || attempt >= maxRetries) throw error;
      const waitMs = retryDelay(error, attempt, maxRetryAfterMs);
      // A wait that would outlast the whole budget fails now, with the provider's own error.
      if (waitMs === undefined || waitMs >= run.remainingMs()) throw error;
      await sleep(waitMs, run.signal);
    }
  }
}

/**
 * A call whose result is non-empty. An empty result made (and billed) nothing, so it is asked
 * for once more; a second empty one is a ProviderError, not a success with no images.
 */
async function callWithNonEmptyResult(
  model: ImageModelV1,
  call: ImageModelCallOptions,
  options: GenerateImagesOptions,
  run: RunControl,
  entry: ModelCatalogEntry,
): Promise<ImageModelResult> {
  const first = await callWithRetries(model, call, options, run);
  if (first.images.length > 0) return first;
  const second = await callWithRetries(model, call, options, run);
  if (second.images.length > 0) return second;
  throw new ProviderError(
    `${entry.label} returned no images, twice in a row. Try again later, change the prompt, or choose another model.`,
    { provider: entry.provider, retryable: false, ownMessage: true },
  );
}

export function retryDelay(error: unknown, attempt: number, maxRetryAfterMs: number) {
  const backoff = Math.min(500 * 2 ** attempt, maxRetryAfterMs);
  if (error instanceof RateLimitedError) {
    const wait = error.retryAfterMs ?? backoff;
    return wait > maxRetryAfterMs ? undefined : wait;
  }
  if (error instanceof ProviderError && error.retryable) return backoff;
  return undefined;
}

/** Sniffs the media type, reads the real size, and settles which seed reproduces the image. */
async function checkImage(
  data: ImageModelResult['images'][number],
  index: number,
  count: number,
  result: ImageModelResult,
  callSeed: number | undefined,
  resolved: ResolvedImageRequest,
  entry: ModelCatalogEntry,
): Promise<GeneratedImage> {
  const mediaType = sniffImageType(data.bytes);
  if (!mediaType) {
    throw new OutputNotImageError(
      `${entry.label} returned an output that is not a PNG, JPEG, WebP, GIF or AVIF image.`,
      { provider: entry.provider },
    );
  }
  const size =
    data.width && data.height
      ? { width: data.width, height: data.height }
      : await readSize(data.bytes, resolved);
  const image: GeneratedImage = { bytes: data.bytes, mediaType, ...size };
  // A batch shares one seed; only the first image of it is reproducible from that seed alone.
  const seed = data.seed ?? (index === 0 || count === 1 ? (result.seed ?? callSeed) : undefined);
  if (seed !== undefined) image.seed = seed;
  return image;
}

/** Aspect-ratio models choose their own pixel size, so read it from the image header. */
async function readSize(bytes: Uint8Array, fallback: { width: number; height: number }) {
  try {
    const { width, height } = await sharp(bytes).metadata();
    if (width && height) return { width, height };
  } catch {
    // A header sharp cannot parse still passed the sniff; report the requested size.
  }
  return { width: fallback.width, height: fallback.height };
}

/** Maps one call's progress onto the whole request: image i of n, overall percent. */
export function progressReporter(
  options: GenerateImagesOptions,
  run: RunControl,
  offset: number,
  count: number,
  total: number,
): ((progress: ImageGenerationProgress) => void) | undefined {
  const report = options.onProgress;
  if (!report) return undefined;
  return (progress) => {
    // One 'done' for the whole request, sent after the last call; nothing after a stop.
    if (run.stopped || progress.stage === 'done') return;
    const event: Parameters<typeof report>[0] = {
      ...progress,
      image: offset + 1,
      images: total,
    };
    if (progress.percent !== undefined) {
      event.percent = Math.round(((offset + (count * progress.percent) / 100) / total) * 100);
    }
    report(event);
  };
}

/** Maps a call's previews onto the whole request's image indexes; none after a stop. */
function partialReporter(
  options: GenerateImagesOptions,
  run: RunControl,
  offset: number,
  count: number,
): ImageModelCallOptions['onPartialImage'] {
  const report = options.onPartialImage;
  if (!report) return undefined;
  return (partial) => {
    // A preview of an image the call was not asked for would have no final to replace it.
    if (run.stopped || partial.index < 0 || partial.index >= count) return;
    report({ ...partial, index: offset + partial.index });
  };
}

export function estimate(entry: ModelCatalogEntry, images: number): number | undefined {
  return entry.costPerImageUsd === undefined ? undefined : entry.costPerImageUsd * images;
}

// Shared with jobs.ts, which runs the same model selection, call building and output checks
// for generations that are started now and resumed later.
export { buildCallOptions, checkImage, selectModel };
