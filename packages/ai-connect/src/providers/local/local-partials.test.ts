import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sniffImageType } from '../../sniff-image';
import type { ImageModelCallOptions, ImagePartial } from '../../spec/image-model';
import { createLocalProvider } from './index';

const model = (settings?: Parameters<typeof createLocalProvider>[0]) =>
  createLocalProvider(settings).imageModel('placeholder');

const call = (more: Partial<ImageModelCallOptions> = {}): ImageModelCallOptions => ({
  prompt: 'a red fox in the snow',
  n: 1,
  size: { width: 320, height: 200 },
  seed: 7,
  ...more,
});

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

afterEach(() => {
  vi.useRealTimers();
});

describe('local placeholder previews', () => {
  it('sends two previews per image, in order, before that image and its final bytes', async () => {
    const log: string[] = [];
    const partials: ImagePartial[] = [];
    const result = await model().doGenerate(
      call({
        n: 2,
        onPartialImage: (p) => {
          partials.push(p);
          log.push(`preview ${p.index}.${p.partialIndex}`);
        },
        onProgress: (p) => p.message && log.push(p.message),
      }),
    );
    expect(log).toEqual([
      'preview 0.0',
      'preview 0.1',
      'rendered image 1 of 2',
      'preview 1.0',
      'preview 1.1',
      'rendered image 2 of 2',
    ]);
    for (const p of partials) {
      expect(p.mediaType).toBe('image/png');
      expect(sniffImageType(p.bytes)).toBe('image/png');
      // A quarter of the final size a side.
      expect(await sharp(p.bytes).metadata()).toMatchObject({ width: 80, height: 50 });
    }
    // Each preview differs from the next (blurrier first) and from the other image's.
    expect(new Set(partials.map((p) => base64(p.bytes))).size).toBe(4);

    // The finals are the very bytes made without previews.
    const plain = await model().doGenerate(call({ n: 2 }));
    expect(result.images.map((i) => base64(i.bytes))).toEqual(
      plain.images.map((i) => base64(i.bytes)),
    );
  });

  it('makes the same previews for the same prompt, size and seed', async () => {
    const run = async () => {
      const partials: ImagePartial[] = [];
      await model().doGenerate(call({ onPartialImage: (p) => partials.push(p) }));
      return partials.map((p) => base64(p.bytes));
    };
    const first = await run();
    expect(first).toHaveLength(2);
    expect(await run()).toEqual(first);
  });

  it('spreads the previews over a slow call, the first a third of the way into the wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const partials: ImagePartial[] = [];
    const slow = model({ delayMs: 3_000 }).doGenerate(
      call({ onPartialImage: (p) => partials.push(p) }),
    );
    // The final image and its previews are drawn before the wait starts (real sharp work).
    await vi.waitFor(() => expect(vi.getTimerCount()).toBeGreaterThan(0), { timeout: 5_000 });
    await vi.advanceTimersByTimeAsync(900);
    expect(partials).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(partials.map((p) => p.partialIndex)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(partials.map((p) => p.partialIndex)).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1_000);
    vi.useRealTimers();
    expect((await slow).images).toHaveLength(1);
    expect(partials).toHaveLength(2);
  });

  it('sends no preview after an abort', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const partials: ImagePartial[] = [];
    const controller = new AbortController();
    const slow = model({ delayMs: 3_000 })
      .doGenerate(call({ abortSignal: controller.signal, onPartialImage: (p) => partials.push(p) }))
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(vi.getTimerCount()).toBeGreaterThan(0), { timeout: 5_000 });
    await vi.advanceTimersByTimeAsync(1_100);
    controller.abort();
    await vi.advanceTimersByTimeAsync(3_000);
    vi.useRealTimers();
    expect(await slow).toMatchObject({ code: 'canceled' });
    expect(partials).toHaveLength(1);
  });
});
