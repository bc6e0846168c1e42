// Generators for the preset's tests that hold a generation open until the test lets it end.
import type { MediaAIGenerator } from '../core/index';
import { pngFile } from './test-utils';

/** What {@link gatedGenerator} returns. */
export interface GatedGenerator {
  ai: MediaAIGenerator;
  /** The signal of each request, in order. */
  signals: AbortSignal[];
  /** Lets every waiting request return one image. */
  finish(): void;
  /** Makes every waiting request reject with `error`. */
  fail(error: Error): void;
}

/**
 * A generator that reports "Rendering · 40%" and then waits for `finish()` or `fail()`, so a
 * test can act while it runs. An abort rejects it at once, as a real generator's fetch would.
 */
export function gatedGenerator(): GatedGenerator {
  let open!: (outcome: Error | undefined) => void;
  const gate = new Promise<Error | undefined>((resolve) => {
    open = resolve;
  });
  const signals: AbortSignal[] = [];
  const ai: MediaAIGenerator = {
    async generateImages(request, { signal, onProgress } = {}) {
      if (signal) signals.push(signal);
      onProgress?.({ stage: 'generating', percent: 40, message: 'Rendering' });
      const outcome = await new Promise<Error | undefined>((resolve, reject) => {
        gate.then(resolve);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
      if (outcome) throw outcome;
      return [
        {
          file: pngFile(8, 'generated.png', request.width, request.height),
          metadata: { provider: 'local', model: 'gated', prompt: request.prompt },
        },
      ];
    },
  };
  return { ai, signals, finish: () => open(undefined), fail: (error) => open(error) };
}
