// The local placeholder model: renders images on this machine with sharp, with no network and
// no key, so the library and the demo work before any provider is configured.
import { CanceledError } from '../../spec/errors';
import {
  type GeneratedImageData,
  IMAGE_MODEL_SPEC_VERSION,
  type ImageModelCallOptions,
  type ImageModelJobOptions,
  type ImageModelJobStatus,
  type ImageModelResult,
  type ImageModelV1,
  type ImageModelWarning,
  type JsonValue,
} from '../../spec/image-model';
import { type LocalJobRef, localJobRef, parseLocalJobRef } from './local-jobs';
import { localPreviews } from './local-partials';
import { hashText, renderPlaceholder } from './render-placeholder';

/** Settings of the local model, resolved from {@link LocalProviderSettings}. */
export interface LocalImageModelConfig {
  maxImagesPerCall: number;
  delayMs: number;
  now: () => number;
}

const DEFAULT_SIZE = 512;
const SEED_RANGE = 2 ** 32;
/** Share of an image's progress its delay fills; rendering completes the rest. */
const WAIT_SHARE = 0.9;

/** Draws deterministic placeholder images: same prompt, size and seed give the same bytes. */
export class LocalImageModel implements ImageModelV1 {
  readonly specificationVersion = IMAGE_MODEL_SPEC_VERSION;
  readonly provider = 'local';
  readonly maxImagesPerCall: number;

  constructor(
    readonly modelId: string,
    private readonly config: LocalImageModelConfig,
  ) {
    this.maxImagesPerCall = config.maxImagesPerCall;
  }

  doGenerate(options: ImageModelCallOptions): Promise<ImageModelResult> {
    return this.generate(options, this.config.delayMs);
  }

  /**
   * Starts a job: nothing runs yet, the reference holds the request and when it started.
   * Resuming it waits out what is left of `delayMs` and renders the same bytes as
   * `doGenerate`, so a slow job can be left and picked up again on any server.
   */
  async startJob(options: ImageModelCallOptions): Promise<{ ref: JsonValue }> {
    throwIfAborted(options.abortSignal);
    const size = options.size ?? sizeFor(options.aspectRatio);
    return { ref: { ...localJobRef(options, size, this.config.now()) } };
  }

  /** Waits until the job's start plus `delayMs`, then renders it. Aborting stops the wait. */
  resumeJob(ref: JsonValue, options: ImageModelJobOptions = {}): Promise<ImageModelResult> {
    const job = parseLocalJobRef(ref);
    return this.generate({ ...callOf(job), ...options }, this.remainingMs(job));
  }

  /** Running until its start plus `delayMs`, then succeeded: nothing can fail or stop it. */
  async statusJob(ref: JsonValue): Promise<ImageModelJobStatus> {
    const job = parseLocalJobRef(ref);
    const left = this.remainingMs(job);
    if (left <= 0) return { status: 'succeeded' };
    const percent = Math.floor((100 * (this.config.delayMs - left)) / this.config.delayMs);
    return { status: 'running', progress: { stage: 'processing', percent } };
  }

  /** Nothing runs upstream between connections, so there is nothing to stop. */
  async cancelJob(ref: JsonValue): Promise<void> {
    parseLocalJobRef(ref);
  }

  /** What is left of the job's delay, never more than the whole delay (another clock). */
  private remainingMs(job: LocalJobRef): number {
    const left = job.startedAt + this.config.delayMs - this.config.now();
    return Math.max(0, Math.min(this.config.delayMs, left));
  }

  private async generate(
    options: ImageModelCallOptions,
    delayMs: number,
  ): Promise<ImageModelResult> {
    const { prompt, n, abortSignal: signal, onProgress } = options;
    const started = this.config.now();
    throwIfAborted(signal);
    const { width, height } = options.size ?? sizeFor(options.aspectRatio);
    // No seed still gives a repeatable image: derive one from the prompt and report it.
    const seed = options.seed ?? hashText(prompt);

    onProgress?.({ stage: 'starting', percent: 0 });
    const images: GeneratedImageData[] = [];
    for (let i = 0; i < n; i++) {
      // Previews are made from the final image, so it is drawn first and handed over last.
      const previews =
        options.onPartialImage &&
        (await localPreviews(
          { prompt, seed: (seed + i) % SEED_RANGE, width, height },
          i,
          options.onPartialImage,
        ));
      if (delayMs > 0) {
        // Report while waiting, as a hosted model does, so a progress bar moves during the
        // delay instead of sitting at 0% until the end. Each image's wait fills 90% of its
        // share; its render completes the share, so the percent only ever rises.
        await waitWithProgress(delayMs / n, signal, (fraction) => {
          previews?.onWait(fraction);
          onProgress?.({
            stage: 'processing',
            percent: Math.round((100 * (i + WAIT_SHARE * fraction)) / n),
            message: `rendering image ${i + 1} of ${n}`,
          });
        });
      }
      throwIfAborted(signal);
      const imageSeed = (seed + i) % SEED_RANGE;
      const bytes = previews
        ? previews.flush()
        : await renderPlaceholder({ prompt, seed: imageSeed, width, height });
      throwIfAborted(signal);
      images.push({ bytes, mediaType: 'image/png', width, height, seed: imageSeed });
      onProgress?.({
        stage: 'processing',
        percent: Math.round(((i + 1) / n) * 100),
        message: `rendered image ${i + 1} of ${n}`,
      });
    }
    onProgress?.({ stage: 'done', percent: 100 });

    const warnings: ImageModelWarning[] = [];
    if (options.negativePrompt) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'negativePrompt',
        details: 'The local placeholder ignores negative prompts.',
      });
    }
    if (options.steps !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'steps',
        details: 'The local placeholder ignores steps.',
      });
    }
    const totalMs = this.config.now() - started;
    return {
      images,
      warnings,
      response: {
        timestamp: new Date(this.config.now()),
        modelId: this.modelId,
        id: `local-${hashText(prompt).toString(16)}-${seed}-${width}x${height}`,
      },
      seed,
      timings: { predictMs: totalMs, totalMs },
      costUsd: 0,
    };
  }
}

/** The call a job reference stands for. */
function callOf(job: LocalJobRef): ImageModelCallOptions {
  const call: ImageModelCallOptions = {
    prompt: job.prompt,
    n: job.n,
    size: { width: job.width, height: job.height },
  };
  if (job.seed !== undefined) call.seed = job.seed;
  if (job.negativePrompt !== undefined) call.negativePrompt = job.negativePrompt;
  if (job.steps !== undefined) call.steps = job.steps;
  return call;
}

/** A size for callers that only give an aspect ratio: about 512² pixels at that ratio. */
function sizeFor(aspectRatio: `${number}:${number}` | undefined) {
  if (!aspectRatio) return { width: DEFAULT_SIZE, height: DEFAULT_SIZE };
  const [w = 1, h = 1] = aspectRatio.split(':').map(Number);
  const scale = Math.sqrt((DEFAULT_SIZE * DEFAULT_SIZE) / (w * h));
  return {
    width: Math.max(8, Math.round((w * scale) / 8) * 8),
    height: Math.max(8, Math.round((h * scale) / 8) * 8),
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new CanceledError(undefined, { provider: 'local', cause: signal.reason });
}

/**
 * Waits `ms`, calling `onTick` with the elapsed fraction (0–1, exclusive of the end) every
 * {@link tickMs}. Rejects with a CanceledError as soon as `signal` aborts; every timer is
 * cleared either way, so nothing reports after the call has ended.
 */
function waitWithProgress(
  ms: number,
  signal: AbortSignal | undefined,
  onTick: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const every = tickMs(ms);
    let ticks = 0;
    const stop = () => {
      clearTimeout(timer);
      clearInterval(ticker);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      stop();
      reject(new CanceledError(undefined, { provider: 'local', cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
    // Counted ticks, not the clock: the same delay reports the same percents.
    const ticker = setInterval(() => {
      ticks += 1;
      const fraction = (ticks * every) / ms;
      if (fraction < 1) onTick(fraction);
    }, every);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** About 20 ticks per wait, but never faster than 10 per second nor slower than 4. */
function tickMs(ms: number): number {
  return Math.min(250, Math.max(100, Math.round(ms / 20)));
}
