// Generators for stories. Mode A (default): a mock that draws deterministic images with
// progress and honours cancel, no network. Mode B: STORYBOOK_AI_GENERATE_URL points stories at
// a real image server through createRemoteGenerator. There is never a key in the browser.
import type {
  MediaAIGenerateRequest,
  MediaAIGenerator,
  MediaAIModelInfo,
} from '@medialoft/media-library';
import { createRemoteGenerator } from '@medialoft/server-adapter/client';
import { drawImage } from './story-images';

/** Models the mock offers: one small and cheap, one large, one without a key on the server. */
export const mockModels: MediaAIModelInfo[] = [
  {
    id: 'local/placeholder',
    label: 'Local placeholder',
    provider: 'local',
    live: true,
    limits: {
      minWidth: 64,
      maxWidth: 2048,
      minHeight: 64,
      maxHeight: 2048,
      maxN: 4,
      maxPromptLength: 1000,
    },
    defaults: { width: 1024, height: 1024 },
    capabilities: { negativePrompt: false, seed: true, steps: false },
  },
  {
    id: 'replicate/sdxl',
    label: 'SDXL',
    provider: 'replicate',
    live: true,
    limits: {
      minWidth: 512,
      maxWidth: 1024,
      minHeight: 512,
      maxHeight: 1024,
      maxN: 4,
      minSteps: 1,
      maxSteps: 50,
      maxPromptLength: 2000,
    },
    defaults: { width: 1024, height: 1024, steps: 30 },
    capabilities: { negativePrompt: true, seed: true, steps: true },
    costPerImageUsd: 0.0035,
  },
  {
    id: 'openai/gpt-image-1',
    label: 'GPT Image 1',
    provider: 'openai',
    live: false,
    limits: { minWidth: 1024, maxWidth: 1536, minHeight: 1024, maxHeight: 1536, maxN: 4 },
    costPerImageUsd: 0.04,
  },
];

/** Options of {@link createMockGenerator}. */
export interface MockGeneratorOptions {
  /** Time per progress step, in ms. Default 120 (eight steps). */
  stepMs?: number;
  /** Reject every request with this error after the first step. */
  failWith?: Error;
  /** Keep going for a minute (for a story frozen mid-progress), then finish. */
  hang?: boolean;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('The generation was canceled.', 'AbortError'));
      },
      { once: true },
    );
  });

/** A deterministic in-browser generator with progress, cancel and optional failure. */
export function createMockGenerator(options: MockGeneratorOptions = {}): MediaAIGenerator {
  const { stepMs = 120, failWith, hang = false } = options;
  return {
    async listModels() {
      return mockModels;
    },
    async generateImages(request: MediaAIGenerateRequest, opts = {}) {
      const { signal, onProgress } = opts;
      const started = Date.now();
      onProgress?.({ stage: 'queued', percent: 0, message: 'Waiting for the model' });
      await sleep(stepMs, signal);
      if (failWith) throw failWith;
      // A "hanging" run still ends, so a story left open leaves no endless timer behind.
      const steps = hang ? Math.ceil(60_000 / stepMs) : 8;
      for (let step = 1; step <= steps; step++) {
        onProgress?.({
          stage: 'generating',
          // Eases towards 95%: the last few percent belong to storing the image.
          percent: Math.round(95 * (1 - 0.75 ** step)),
          message: 'Generating',
        });
        await sleep(stepMs, signal);
      }
      const model = request.model ?? 'local/placeholder';
      const scale = Math.min(1, 384 / Math.max(request.width, request.height));
      return Promise.all(
        Array.from({ length: request.n ?? 1 }, async (_, i) => {
          const seed = (request.seed ?? 42) + i;
          const blob = await drawImage(
            `${request.prompt} #${seed}`,
            Math.round(request.width * scale),
            Math.round(request.height * scale),
          );
          return {
            file: new File([blob], `ai-${seed}.png`, { type: 'image/png' }),
            metadata: {
              provider: model.split('/')[0],
              model,
              prompt: request.prompt,
              negativePrompt: request.negativePrompt,
              seed,
              steps: request.steps,
              width: request.width,
              height: request.height,
              costUsd: mockModels.find((m) => m.id === model)?.costPerImageUsd,
              generationMs: Date.now() - started,
            },
          };
        }),
      );
    },
  };
}

/** The server URL for mode B, from the environment; undefined means mode A (mock). */
export const remoteUrl: string | undefined = import.meta.env.STORYBOOK_AI_GENERATE_URL || undefined;

/** The generator for "happy path" stories: the remote server in mode B, else the mock. */
export function storyGenerator(options?: MockGeneratorOptions): MediaAIGenerator {
  return remoteUrl ? createRemoteGenerator({ baseUrl: remoteUrl }) : createMockGenerator(options);
}

/** An edit model for {@link createMockEditingGenerator}: every edit operation, no key. */
export const mockEditModel: MediaAIModelInfo = {
  id: 'local/editor',
  label: 'Local editor',
  provider: 'local',
  live: true,
  limits: { maxN: 4, maxPromptLength: 1000 },
  capabilities: {
    seed: true,
    operations: ['edit', 'inpaint', 'outpaint', 'variation', 'upscale', 'remove-background'],
  },
};

/**
 * The mock generator plus `editImages`: each result is a drawn image named after the
 * operation, `scale` times the input for an upscale and the input's size otherwise.
 */
export function createMockEditingGenerator(options: MockGeneratorOptions = {}): MediaAIGenerator {
  const base = createMockGenerator(options);
  const { stepMs = 120 } = options;
  return {
    ...base,
    async listModels() {
      return [...mockModels, mockEditModel];
    },
    async editImages(request, opts = {}) {
      const { signal, onProgress } = opts;
      const bitmap = await createImageBitmap(request.image);
      const factor = request.operation === 'upscale' ? (request.scale ?? 2) : 1;
      const width = bitmap.width * factor;
      const height = bitmap.height * factor;
      bitmap.close();
      for (let step = 1; step <= 4; step++) {
        onProgress?.({ stage: 'editing', percent: step * 20, message: 'Editing' });
        await sleep(stepMs, signal);
      }
      return Promise.all(
        Array.from({ length: request.n ?? 1 }, async (_, i) => {
          const blob = await drawImage(
            `${request.operation} ${request.prompt ?? ''}`,
            width,
            height,
          );
          const seed = (request.seed ?? 7) + i;
          return {
            file: new File([blob], `${request.operation}-${seed}.png`, { type: 'image/png' }),
            metadata: { provider: 'local', model: mockEditModel.id, seed, width, height },
          };
        }),
      );
    },
  };
}
