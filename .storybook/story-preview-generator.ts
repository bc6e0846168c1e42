// A mock generator that sends previews while it "renders", as a streaming model does: a rough
// low-resolution version of the image, then a sharper one, then the image itself.
import type { MediaAIGenerator } from '@medialoft/media-library';
import { mockModels } from './story-generators';
import { drawImage } from './story-images';

/** Options of {@link createPreviewGenerator}. */
export interface PreviewGeneratorOptions {
  /** Time before each preview and before the image, in ms. Default 400. */
  stepMs?: number;
}

/** Previews drawn at these fractions of the image's size, roughest first. */
const PREVIEW_SCALES = [1 / 12, 1 / 3];

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

/** A deterministic in-browser generator that sends two previews of each image before it. */
export function createPreviewGenerator(options: PreviewGeneratorOptions = {}): MediaAIGenerator {
  const { stepMs = 400 } = options;
  return {
    async listModels() {
      return mockModels;
    },
    async generateImages(request, { signal, onProgress, onPartialImage } = {}) {
      const scale = Math.min(1, 384 / Math.max(request.width, request.height));
      const width = Math.round(request.width * scale);
      const height = Math.round(request.height * scale);
      const n = request.n ?? 1;
      const steps = n * (PREVIEW_SCALES.length + 1);
      let step = 0;
      const images = [];
      for (let index = 0; index < n; index++) {
        const title = `${request.prompt} #${(request.seed ?? 42) + index}`;
        for (const [partialIndex, fraction] of PREVIEW_SCALES.entries()) {
          await sleep(stepMs, signal);
          onProgress?.({ stage: 'generating', percent: Math.round((95 * ++step) / steps) });
          const blob = await drawImage(
            title,
            Math.max(8, Math.round(width * fraction)),
            Math.max(8, Math.round(height * fraction)),
          );
          onPartialImage?.({ index, partialIndex, blob });
        }
        await sleep(stepMs, signal);
        onProgress?.({ stage: 'generating', percent: Math.round((95 * ++step) / steps) });
        const blob = await drawImage(title, width, height);
        images.push({
          file: new File([blob], `ai-preview-${index + 1}.png`, { type: 'image/png' }),
          metadata: {
            provider: 'local',
            model: request.model ?? 'local/placeholder',
            prompt: request.prompt,
            width: request.width,
            height: request.height,
          },
        });
      }
      return images;
    },
  };
}
