// The local placeholder model: renders images on this machine with sharp, with no network and
// no key, so the library and the demo work before any provider is configured.
import { CanceledError } from '../../spec/errors';
import {
  type GeneratedImageData,
  IMAGE_MODEL_SPEC_VERSION,
  type ImageModelCallOptions,
  type ImageModelResult,
  type ImageModelV1,
  type ImageModelWarning,
} from '../../spec/image-model';
import { hashText, renderPlaceholder } from './render-placeholder';

/** Settings of the local model, resolved from {@link LocalProviderSettings}. */
export interface LocalImageModelConfig {
  maxImagesPerCall: number;
  delayMs: number;
  now: () => number;
}

const DEFAULT_SIZE = 512;
const SEED_RANGE = 2 ** 32;

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

  async doGenerate(options: ImageModelCallOptions): Promise<ImageModelResult> {
    const { prompt, n, abortSignal: signal, onProgress } = options;
    const started = this.config.now();
    throwIfAborted(signal);
    const { width, height } = options.size ?? sizeFor(options.aspectRatio);
    // No seed still gives a repeatable image: derive one from the prompt and report it.
    const seed = options.seed ?? hashText(prompt);

    onProgress?.({ stage: 'starting', percent: 0 });
    const images: GeneratedImageData[] = [];
    for (let i = 0; i < n; i++) {
      if (this.config.delayMs > 0) await sleep(this.config.delayMs / n, signal);
      throwIfAborted(signal);
      const imageSeed = (seed + i) % SEED_RANGE;
      const bytes = await renderPlaceholder({ prompt, seed: imageSeed, width, height });
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

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CanceledError(undefined, { provider: 'local', cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
