// Generations that outlive a connection: start the upstream work now, keep a small JSON
// reference, and resume, check, cancel or ask about it later, from any process. For models
// whose provider keeps working on its own (ImageModelV1's optional job methods).
import {
  buildCallOptions,
  checkImage,
  DEFAULT_TIMEOUT_MS,
  estimate,
  progressReporter,
  retryDelay,
  SEED_RANGE,
  selectModel,
} from './generate';
import { isProviderLive, liveProviderNames } from './live-providers';
import { defaultRegistry, roundUsd } from './registry';
import { abortableSleep, RunControl, untilAborted } from './run-control';
import { dedupeWarnings, settingWarnings } from './setting-warnings';
import { InvalidRequestError, JobNotFoundError, ProviderError, TimeoutError } from './spec/errors';
import type {
  ImageGenerationProgress,
  ImageJobStatus,
  ImageModelJobOptions,
  ImageModelV1,
  ImageModelWarning,
  JsonValue,
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
import { resolveImageRequest } from './validate';

/**
 * A started generation: the registry id of its model and the reference of its upstream work.
 * JSON, so it can be stored, signed into a token, or sent to another process.
 */
export interface ImageJob {
  /** Registry id, e.g. `replicate/sdxl`. */
  model: string;
  /** What resuming needs: one model reference per call (`n` split by `maxImagesPerCall`). */
  ref: JsonValue;
}

/** Options of {@link startImageJob}: those of generateImages that apply to starting. */
export type StartImageJobOptions = Pick<
  GenerateImagesOptions,
  | 'providers'
  | 'registry'
  | 'signal'
  | 'maxRetries'
  | 'maxRetryAfterMs'
  | 'providerOptions'
  | 'sleep'
>;

/** Options of {@link resumeImageJob}. */
export type ResumeImageJobOptions = Pick<
  GenerateImagesOptions,
  | 'providers'
  | 'registry'
  | 'signal'
  | 'onProgress'
  | 'onPartialImage'
  | 'timeoutMs'
  | 'onUsage'
  | 'now'
> & {
  /** The request the job was started with, for the warnings about settings the model ignores. */
  request?: GenerateImagesRequest;
};

/** Options of {@link cancelImageJob} and {@link statusImageJob}. */
export type ImageJobLookupOptions = Pick<GenerateImagesOptions, 'providers' | 'registry'>;

/** Answer of {@link statusImageJob}. */
export interface ImageJobStatusReport {
  status: ImageJobStatus;
  /** Registry id of the job's model. */
  model: string;
  /** For a running job: the stage and, when known, the percent of all its calls. */
  progress?: ImageGenerationProgress;
}

/** One call of a job: how many images it makes, the seed it was sent, the model's reference. */
interface JobCall {
  n: number;
  seed?: number;
  ref: JsonValue;
}

interface JobRef {
  calls: JobCall[];
  width: number;
  height: number;
}

const hasJobs = (model: ImageModelV1): boolean =>
  typeof model.startJob === 'function' && typeof model.resumeJob === 'function';

/**
 * Whether `request` would be served by a model that can run as a resumable job. False for an
 * unknown or unconfigured model too (generateImages then says what is wrong).
 *
 * @example
 * if (supportsImageJobs({ model: 'replicate/sdxl' }, { providers })) await startImageJob(...);
 */
export function supportsImageJobs(
  request: Pick<GenerateImagesRequest, 'model'>,
  options: ImageJobLookupOptions,
): boolean {
  const registry = options.registry ?? defaultRegistry;
  const entry =
    request.model === undefined
      ? registry.defaultModel(liveProviderNames(options.providers))
      : registry.get(request.model);
  const provider = entry && options.providers[entry.provider];
  if (!entry || !provider || !isProviderLive(provider)) return false;
  try {
    return hasJobs(provider.imageModel(entry.providerModelId));
  } catch {
    return false;
  }
}

/**
 * Starts a generation without waiting for it: `n` is split into calls as generateImages
 * splits it (seeds `seed + images before`), each call's upstream work is started, and the
 * job comes back at once. No fallback models: a job belongs to one model. Rate limits are
 * retried as generateImages retries them; if a later call fails to start, the started ones
 * are canceled.
 *
 * @throws InvalidRequestError when the model cannot run as a job (see {@link supportsImageJobs})
 * or the request breaks its limits.
 *
 * @example
 * const job = await startImageJob({ prompt: 'a lighthouse', n: 2 }, { providers });
 * const { images } = await resumeImageJob(job, { providers });
 */
export async function startImageJob(
  request: GenerateImagesRequest,
  options: StartImageJobOptions,
): Promise<ImageJob> {
  const registry = options.registry ?? defaultRegistry;
  const { entry, provider, resolved } = selectModel(request, registry, options.providers);
  const model = jobModel(entry, provider.imageModel(entry.providerModelId));
  const perCall = Math.max(1, Math.floor(model.maxImagesPerCall) || 1);
  const calls: JobCall[] = [];
  try {
    for (let offset = 0; offset < resolved.n; offset += perCall) {
      const n = Math.min(perCall, resolved.n - offset);
      const seed = resolved.seed === undefined ? undefined : (resolved.seed + offset) % SEED_RANGE;
      const call = buildCallOptions(resolved, entry, n, seed, options.providerOptions);
      if (options.signal) call.abortSignal = options.signal;
      const { ref } = await startWithRetries(model, call, options);
      calls.push(seed === undefined ? { n, ref } : { n, seed, ref });
    }
  } catch (error) {
    // Half a job is no job: the caller gets an error, so nothing may keep running upstream.
    await Promise.all(calls.map((call) => model.cancelJob?.(call.ref).catch(() => undefined)));
    throw error;
  }
  const ref: JobRef = { calls, width: resolved.width, height: resolved.height };
  return { model: entry.id, ref: toJson(ref) };
}

/**
 * Waits for a started job and returns its images as generateImages does: each output sniffed
 * and measured, seeds settled, usage reported (`onUsage`). Aborting `signal` or passing
 * `timeoutMs` (default 120 s) stops the waiting only; the upstream work goes on until
 * {@link cancelImageJob} or the provider's own deadline, and the job can be resumed again.
 *
 * @throws JobNotFoundError when the provider no longer knows the job; InvalidRequestError for
 * a job this process cannot serve (unknown model, provider not configured, malformed ref).
 */
export async function resumeImageJob(
  job: ImageJob,
  options: ResumeImageJobOptions,
): Promise<GenerateImagesResult> {
  const { entry, model, ref } = lookUp(job, options);
  const now = options.now ?? Date.now;
  const started = now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const run = new RunControl(options.signal, timeoutMs, started, now);
  const total = ref.calls.reduce((sum, call) => sum + call.n, 0);
  const images: GeneratedImage[] = [];
  const warnings: ImageModelWarning[] = requestWarnings(options.request, entry);
  const requestIds: string[] = [];
  let predictMs: number | undefined;
  let costUsd: number | undefined;
  const size = { prompt: '', n: total, width: ref.width, height: ref.height };
  try {
    let offset = 0;
    for (const call of ref.calls) {
      run.throwIfStopped();
      const onProgress = progressReporter(options, run, offset, call.n, total);
      const onPartialImage = partialReporter(options, run, offset, call.n);
      const result = await untilAborted(
        (model.resumeJob as NonNullable<ImageModelV1['resumeJob']>)(call.ref, {
          abortSignal: run.signal,
          ...(onProgress ? { onProgress } : {}),
          ...(onPartialImage ? { onPartialImage } : {}),
        }),
        run.signal,
      );
      if (result.images.length === 0) {
        throw new ProviderError(
          `${entry.label} finished the job without an image; start the generation again.`,
          { provider: entry.provider, retryable: false, ownMessage: true },
        );
      }
      const produced = result.images.slice(0, call.n);
      for (const [j, data] of produced.entries()) {
        images.push(await checkImage(data, j, call.n, result, call.seed, size, entry));
      }
      warnings.push(...result.warnings);
      if (result.response.id) requestIds.push(result.response.id);
      if (result.timings?.predictMs !== undefined) {
        predictMs = (predictMs ?? 0) + result.timings.predictMs;
      }
      const callCost = result.costUsd ?? estimate(entry, produced.length);
      if (callCost !== undefined) costUsd = (costUsd ?? 0) + callCost;
      offset += call.n;
    }
  } catch (error) {
    const failure = run.explain(error, entry.provider);
    if (failure instanceof TimeoutError && run.stopped) {
      throw new TimeoutError(
        `The job did not finish within ${timeoutMs / 1000} s of waiting; it is still running upstream, so resume it again later or cancel it.`,
        { provider: entry.provider, ownMessage: true, cause: error },
      );
    }
    throw failure;
  } finally {
    run.dispose();
  }
  options.onProgress?.({ stage: 'done', percent: 100, image: total, images: total });
  const usage: UsageReport = {
    provider: entry.provider,
    model: entry.id,
    images: images.length,
    durationMs: now() - started,
    requestIds,
  };
  if (predictMs !== undefined) usage.predictMs = predictMs;
  if (costUsd !== undefined) usage.costUsd = roundUsd(costUsd);
  options.onUsage?.(usage);
  return { images, model: entry, warnings: dedupeWarnings(warnings), usage };
}

/**
 * Cancels a started job upstream, every call of it. Calls the provider no longer knows are
 * skipped (they ended already); when it knows none of them, a JobNotFoundError says so.
 */
export async function cancelImageJob(job: ImageJob, options: ImageJobLookupOptions): Promise<void> {
  const { entry, model, ref } = lookUp(job, options);
  const cancel = model.cancelJob;
  if (!cancel) throw cannotRunAsJob(entry, 'be canceled');
  const outcomes = await Promise.allSettled(ref.calls.map((call) => cancel.call(model, call.ref)));
  const failure = outcomes.find(
    (o): o is PromiseRejectedResult =>
      o.status === 'rejected' && !(o.reason instanceof JobNotFoundError),
  );
  if (failure) throw failure.reason;
  if (outcomes.every((o) => o.status === 'rejected')) {
    throw (outcomes[0] as PromiseRejectedResult).reason;
  }
}

/**
 * Where a started job is, asked once per call without waiting: `failed` or `canceled` when any
 * call is, `succeeded` when all are, else `running` with the progress of all calls together.
 */
export async function statusImageJob(
  job: ImageJob,
  options: ImageJobLookupOptions,
): Promise<ImageJobStatusReport> {
  const { entry, model, ref } = lookUp(job, options);
  const status = model.statusJob;
  if (!status) throw cannotRunAsJob(entry, 'report its status');
  const answers = await Promise.all(ref.calls.map((call) => status.call(model, call.ref)));
  for (const final of ['failed', 'canceled'] as const) {
    if (answers.some((a) => a.status === final)) return { status: final, model: entry.id };
  }
  if (answers.every((a) => a.status === 'succeeded')) {
    return { status: 'succeeded', model: entry.id };
  }
  const total = ref.calls.reduce((sum, call) => sum + call.n, 0);
  const done = answers.reduce((sum, answer, i) => {
    const n = ref.calls[i]?.n ?? 0;
    const percent = answer.status === 'succeeded' ? 100 : (answer.progress?.percent ?? 0);
    return sum + (n * percent) / 100;
  }, 0);
  const running = answers.find((a) => a.status === 'running');
  return {
    status: 'running',
    model: entry.id,
    progress: {
      stage: running?.progress?.stage ?? 'processing',
      percent: Math.round((done / total) * 100),
    },
  };
}

/** A call's previews, numbered across the whole job; none after a stop. */
function partialReporter(
  options: ResumeImageJobOptions,
  run: RunControl,
  offset: number,
  count: number,
): ImageModelJobOptions['onPartialImage'] {
  const report = options.onPartialImage;
  if (!report) return undefined;
  return (partial) => {
    if (run.stopped || partial.index < 0 || partial.index >= count) return;
    report({ ...partial, index: offset + partial.index });
  };
}

async function startWithRetries(
  model: ImageModelV1,
  call: Parameters<NonNullable<ImageModelV1['startJob']>>[0],
  options: StartImageJobOptions,
): Promise<{ ref: JsonValue }> {
  const start = model.startJob as NonNullable<ImageModelV1['startJob']>;
  const sleep = options.sleep ?? abortableSleep;
  const maxRetries = options.maxRetries ?? 2;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await start.call(model, call);
    } catch (error) {
      if (options.signal?.aborted || attempt >= maxRetries) throw error;
      // Only what cannot have started anything upstream is asked again (see generateImages).
      const waitMs = retryDelay(error, attempt, maxRetryAfterMs);
      if (waitMs === undefined) throw error;
      await sleep(waitMs, options.signal);
    }
  }
}

/** The job's model, live here and able to resume, with its reference checked. */
function lookUp(job: ImageJob, options: ImageJobLookupOptions) {
  const registry: ModelRegistry = options.registry ?? defaultRegistry;
  const entry = typeof job?.model === 'string' ? registry.get(job.model) : undefined;
  if (!entry) {
    throw new InvalidRequestError(
      `The job's model "${String(job?.model)}" is not in this server's catalogue; start the generation again.`,
      { field: 'model', ownMessage: true },
    );
  }
  const provider = options.providers[entry.provider];
  if (!provider || !isProviderLive(provider)) {
    throw new InvalidRequestError(
      `The job's model "${entry.id}" is not available here: the ${entry.provider} provider is not configured.`,
      { field: 'model', provider: entry.provider, ownMessage: true },
    );
  }
  const model = jobModel(entry, provider.imageModel(entry.providerModelId));
  return { entry, model, ref: parseJobRef(job.ref, entry) };
}

function jobModel(entry: ModelCatalogEntry, model: ImageModelV1): ImageModelV1 {
  if (!hasJobs(model)) throw cannotRunAsJob(entry, 'run as a resumable job');
  return model;
}

function cannotRunAsJob(entry: ModelCatalogEntry, what: string): InvalidRequestError {
  return new InvalidRequestError(
    `${entry.label} cannot ${what}; generate with it directly (generateImages) instead.`,
    { field: 'model', provider: entry.provider, ownMessage: true },
  );
}

const positive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

function parseJobRef(ref: JsonValue, entry: ModelCatalogEntry): JobRef {
  const value = (typeof ref === 'object' && ref !== null && !Array.isArray(ref) ? ref : {}) as {
    calls?: unknown;
    width?: unknown;
    height?: unknown;
  };
  const calls = Array.isArray(value.calls) ? (value.calls as Partial<JobCall>[]) : [];
  const ok =
    calls.length > 0 &&
    calls.length <= 64 &&
    positive(value.width) &&
    positive(value.height) &&
    calls.every(
      (call) =>
        typeof call === 'object' &&
        call !== null &&
        positive(call.n) &&
        (call.seed === undefined || Number.isInteger(call.seed)) &&
        call.ref !== undefined,
    );
  if (!ok) {
    throw new InvalidRequestError(
      `This is not a job reference of ${entry.label}; start the generation again.`,
      { provider: entry.provider, ownMessage: true },
    );
  }
  return value as JobRef;
}

function requestWarnings(
  request: GenerateImagesRequest | undefined,
  entry: ModelCatalogEntry,
): ImageModelWarning[] {
  if (!request) return [];
  try {
    return settingWarnings(request, entry, resolveImageRequest(request, entry));
  } catch {
    // The catalogue changed since the job started; the images are still the job's.
    return [];
  }
}

/** Drops `undefined` fields, so the reference is plain JSON. */
function toJson(ref: JobRef): JsonValue {
  return JSON.parse(JSON.stringify(ref)) as JsonValue;
}
