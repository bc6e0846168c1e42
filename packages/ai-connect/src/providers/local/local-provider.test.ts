import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateImages } from '../../generate';
import { defaultRegistry } from '../../registry';
import { sniffImageType } from '../../sniff-image';
import { CanceledError, InvalidRequestError } from '../../spec/errors';
import type { ImageGenerationProgress, ImageModelCallOptions } from '../../spec/image-model';
import { createLocalProvider } from './index';
import { placeholderSvg } from './render-placeholder';

const model = (settings?: Parameters<typeof createLocalProvider>[0]) =>
  createLocalProvider(settings).imageModel('placeholder');

const call = (more: Partial<ImageModelCallOptions> = {}): ImageModelCallOptions => ({
  prompt: 'a red fox in the snow',
  n: 1,
  size: { width: 320, height: 200 },
  seed: 7,
  ...more,
});

const bytesOf = async (options: ImageModelCallOptions) => {
  const result = await model().doGenerate(options);
  return result.images.map((image) => Buffer.from(image.bytes).toString('base64'));
};

afterEach(() => {
  vi.useRealTimers();
});

describe('createLocalProvider', () => {
  it('is the keyless "local" provider with one placeholder model', () => {
    const provider = createLocalProvider();
    expect(provider.name).toBe('local');
    const placeholder = provider.imageModel('placeholder');
    expect(placeholder).toMatchObject({
      specificationVersion: 'v1',
      provider: 'local',
      modelId: 'placeholder',
      maxImagesPerCall: 4,
    });
    expect(() => provider.imageModel('sdxl')).toThrow(InvalidRequestError);
  });

  it('gives the same bytes for the same request', async () => {
    const [first] = await bytesOf(call());
    const [second] = await bytesOf(call());
    expect(first).toBeDefined();
    expect(second).toBe(first);
  });

  it('gives different bytes for a different seed or prompt', async () => {
    const [base] = await bytesOf(call());
    const [otherSeed] = await bytesOf(call({ seed: 8 }));
    const [otherPrompt] = await bytesOf(call({ prompt: 'a blue fox in the snow' }));
    expect(otherSeed).not.toBe(base);
    expect(otherPrompt).not.toBe(base);
  });

  it('derives and reports a seed from the prompt when none is given', async () => {
    const first = await model().doGenerate(call({ seed: undefined }));
    const second = await model().doGenerate(call({ seed: undefined }));
    expect(first.seed).toEqual(expect.any(Number));
    expect(second.seed).toBe(first.seed);
    expect(
      Buffer.from(second.images[0]?.bytes ?? []).equals(Buffer.from(first.images[0]?.bytes ?? [])),
    ).toBe(true);
  });

  it('honours the size, as PNG, read back with sharp', async () => {
    for (const [width, height] of [
      [64, 64],
      [512, 512],
      [1024, 576],
    ] as const) {
      const result = await model().doGenerate(call({ size: { width, height } }));
      const image = result.images[0];
      if (!image) throw new Error('no image');
      expect(sniffImageType(image.bytes)).toBe('image/png');
      expect(image).toMatchObject({ mediaType: 'image/png', width, height });
      const meta = await sharp(image.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', width, height]);
    }
  });

  it('makes n images with seeds seed..seed+n-1, each equal to a single render of its seed', async () => {
    const result = await model().doGenerate(call({ n: 3, seed: 41 }));
    expect(result.images.map((image) => image.seed)).toEqual([41, 42, 43]);
    expect(
      new Set(result.images.map((image) => Buffer.from(image.bytes).toString('base64'))).size,
    ).toBe(3);
    const [single] = await bytesOf(call({ seed: 42 }));
    expect(Buffer.from(result.images[1]?.bytes ?? []).toString('base64')).toBe(single);
  });

  it('reports progress from starting through processing to done', async () => {
    const events: ImageGenerationProgress[] = [];
    await model().doGenerate(call({ n: 2, onProgress: (p) => events.push(p) }));
    expect(events.map((e) => [e.stage, e.percent])).toEqual([
      ['starting', 0],
      ['processing', 50],
      ['processing', 100],
      ['done', 100],
    ]);
  });

  it('reports rising progress while a slow call waits, with the same bytes as a fast one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const events: ImageGenerationProgress[] = [];
    const slow = model({ delayMs: 2_000 }).doGenerate(
      call({ n: 2, onProgress: (p) => events.push(p) }),
    );
    // Half of the first image's wait: the bar already moved, and nothing is rendered yet.
    await vi.advanceTimersByTimeAsync(500);
    const early = events.map((e) => e.percent ?? 0);
    expect(early.at(-1)).toBeGreaterThanOrEqual(15);
    expect(early.at(-1)).toBeLessThan(45);
    await vi.advanceTimersByTimeAsync(1_500);
    vi.useRealTimers();
    const result = await slow;

    const percents = events.map((e) => e.percent ?? 0);
    // 1 s per image at one tick per 100 ms: 9 ticks each, plus start, two renders and done.
    expect(events.filter((e) => e.stage === 'processing')).toHaveLength(2 * 9 + 2);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.slice(-3)).toEqual([91, 100, 100]);
    expect(events.at(-2)).toMatchObject({ stage: 'processing', percent: 100 });
    expect(Math.max(...percents.filter((p) => p < 50))).toBeLessThanOrEqual(45);
    expect(events.find((e) => e.percent === 41)?.message).toBe('rendering image 1 of 2');

    const fast = await model().doGenerate(call({ n: 2 }));
    expect(result.images.map((image) => Buffer.from(image.bytes).toString('base64'))).toEqual(
      fast.images.map((image) => Buffer.from(image.bytes).toString('base64')),
    );
  });

  it('stops reporting and clears its timers the moment a slow call is aborted', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const events: ImageGenerationProgress[] = [];
    const controller = new AbortController();
    const slow = model({ delayMs: 5_000 }).doGenerate(
      call({ abortSignal: controller.signal, onProgress: (p) => events.push(p) }),
    );
    const outcome = slow.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(vi.getTimerCount()).toBe(2);
    controller.abort();
    expect(await outcome).toBeInstanceOf(CanceledError);
    expect(vi.getTimerCount()).toBe(0);
    const reported = events.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events).toHaveLength(reported);
  });

  it('stops when aborted, before or during a slow call', async () => {
    await expect(
      model().doGenerate(call({ abortSignal: AbortSignal.abort() })),
    ).rejects.toBeInstanceOf(CanceledError);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const controller = new AbortController();
    const slow = model({ delayMs: 5_000 }).doGenerate(
      call({ n: 2, abortSignal: controller.signal }),
    );
    const outcome = slow.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    // The clock stays at 10 ms of a 5 s wait: only the abort can have ended the call.
    expect(await outcome).toBeInstanceOf(CanceledError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('warns about the settings it ignores and costs nothing', async () => {
    const result = await model().doGenerate(call({ negativePrompt: 'blur', steps: 30 }));
    expect(result.warnings.map((w) => (w.type === 'unsupported-setting' ? w.setting : ''))).toEqual(
      ['negativePrompt', 'steps'],
    );
    expect(result.costUsd).toBe(0);
    expect(result.response.id).toMatch(/^local-/);
  });

  it('escapes the prompt into the SVG and labels the image as a placeholder', () => {
    const svg = placeholderSvg({
      prompt: 'cats & <dogs> "quoted"',
      seed: 3,
      width: 512,
      height: 512,
    });
    expect(svg).toContain('cats &#38; &#60;dogs&#62; &#34;quoted&#34;');
    expect(svg).not.toContain('<dogs>');
    expect(svg).toContain('LOCAL PLACEHOLDER');
  });

  it('serves local/placeholder through generateImages with the seed reported per image', async () => {
    const result = await generateImages(
      { prompt: 'a lighthouse', n: 5, seed: 100, width: 256, height: 256 },
      { providers: { local: createLocalProvider() }, registry: defaultRegistry },
    );
    expect(result.model.id).toBe('local/placeholder');
    expect(result.images.map((image) => [image.seed, image.width, image.mediaType])).toEqual([
      [100, 256, 'image/png'],
      [101, 256, 'image/png'],
      [102, 256, 'image/png'],
      [103, 256, 'image/png'],
      [104, 256, 'image/png'],
    ]);
    expect(result.usage).toMatchObject({ provider: 'local', images: 5, costUsd: 0 });
  });
});
