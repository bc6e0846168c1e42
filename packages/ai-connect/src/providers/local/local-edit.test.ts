import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ImageEditCallOptions } from '../../spec/image-model';
import { createLocalProvider } from './index';

const W = 40;
const H = 30;

/** A white image with a red 10×10 square from (15, 10): a uniform border and a subject. */
async function subjectPng(): Promise<Uint8Array> {
  const square = await sharp({
    create: { width: 10, height: 10, channels: 3, background: { r: 220, g: 20, b: 30 } },
  })
    .png()
    .toBuffer();
  const png = await sharp({
    create: { width: W, height: H, channels: 3, background: { r: 255, g: 255, b: 255 } },
  })
    .composite([{ input: square, left: 15, top: 10 }])
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

/** A seeded noise image, so every pixel differs from its neighbours. */
async function noisePng(width = W, height = H): Promise<Uint8Array> {
  const data = Buffer.alloc(width * height * 3);
  let state = 12345;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    data[i] = state >>> 24;
  }
  return new Uint8Array(
    await sharp(data, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer(),
  );
}

/** A mask of the image's size, transparent inside the given rectangle, opaque elsewhere. */
async function maskPng(rect: { left: number; top: number; width: number; height: number }) {
  const data = Buffer.alloc(W * H * 4, 255);
  for (let y = rect.top; y < rect.top + rect.height; y++) {
    for (let x = rect.left; x < rect.left + rect.width; x++) data[(y * W + x) * 4 + 3] = 0;
  }
  return new Uint8Array(
    await sharp(data, { raw: { width: W, height: H, channels: 4 } })
      .png()
      .toBuffer(),
  );
}

async function raw(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const input = (bytes: Uint8Array, width = W, height = H) => ({
  bytes,
  mediaType: 'image/png',
  width,
  height,
});

async function edit(options: Omit<ImageEditCallOptions, 'n'> & { n?: number }) {
  const model = createLocalProvider().imageModel('placeholder');
  if (!model.doEdit) throw new Error('the local edit model has no doEdit');
  const result = await model.doEdit({ n: 1, ...options });
  return result.images;
}

const pixel = (image: { data: Buffer; width: number }, x: number, y: number) => {
  const i = (y * image.width + x) * 4;
  return [...image.data.subarray(i, i + 4)];
};

describe('local edit model', () => {
  it('upscales to exactly scale times the size', async () => {
    const image = input(await noisePng());
    for (const scale of [2, 4] as const) {
      const [out] = await edit({ operation: 'upscale', image, scale });
      const meta = await sharp(out?.bytes).metadata();
      expect([meta.width, meta.height]).toEqual([W * scale, H * scale]);
      expect([out?.width, out?.height]).toEqual([W * scale, H * scale]);
    }
  });

  it('makes the uniform border colour transparent and keeps the subject opaque', async () => {
    const [out] = await edit({ operation: 'remove-background', image: input(await subjectPng()) });
    const result = await raw(out?.bytes ?? new Uint8Array());
    expect([result.width, result.height]).toEqual([W, H]);
    let transparent = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const inSubject = x >= 15 && x < 25 && y >= 10 && y < 20;
        const alpha = pixel(result, x, y)[3];
        if (inSubject) expect(alpha, `subject pixel ${x},${y}`).toBe(255);
        else if (alpha === 0) transparent++;
      }
    }
    expect(transparent).toBe(W * H - 100);
    // The subject's colour itself is untouched.
    expect(pixel(result, 20, 15).slice(0, 3)).toEqual([220, 20, 30]);
  });

  it('inpaints only the pixels under the mask’s transparent area', async () => {
    const source = await noisePng();
    const rect = { left: 5, top: 4, width: 12, height: 9 };
    const [out] = await edit({
      operation: 'inpaint',
      image: input(source),
      mask: input(await maskPng(rect)),
      prompt: 'a blue door',
      seed: 3,
    });
    const before = await raw(source);
    const after = await raw(out?.bytes ?? new Uint8Array());
    let changed = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const masked =
          x >= rect.left &&
          x < rect.left + rect.width &&
          y >= rect.top &&
          y < rect.top + rect.height;
        const same = pixel(before, x, y).join() === pixel(after, x, y).join();
        if (!masked) expect(same, `unmasked pixel ${x},${y}`).toBe(true);
        else if (!same) changed++;
      }
    }
    // Noise under the mask is replaced by a two-colour pattern: nearly every pixel differs.
    expect(changed).toBeGreaterThan(rect.width * rect.height * 0.9);
  });

  it('edits to a same-size image that depends on prompt and seed', async () => {
    const image = input(await noisePng());
    const [a] = await edit({ operation: 'edit', image, prompt: 'warmer', seed: 1 });
    const [b] = await edit({ operation: 'edit', image, prompt: 'warmer', seed: 2 });
    const [c] = await edit({ operation: 'edit', image, prompt: 'colder', seed: 1 });
    const meta = await sharp(a?.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([W, H]);
    const before = await raw(image.bytes);
    const after = await raw(a?.bytes ?? new Uint8Array());
    expect(Buffer.compare(before.data, after.data)).not.toBe(0);
    expect(Buffer.from(a?.bytes ?? []).equals(Buffer.from(b?.bytes ?? []))).toBe(false);
    expect(Buffer.from(a?.bytes ?? []).equals(Buffer.from(c?.bytes ?? []))).toBe(false);
  });

  it('outpaints by the given pixels per side, keeping the original in the middle', async () => {
    const source = await noisePng();
    const sides = { top: 3, right: 7, bottom: 5, left: 2 };
    const [out] = await edit({ operation: 'outpaint', image: input(source), outpaint: sides });
    const after = await raw(out?.bytes ?? new Uint8Array());
    expect([after.width, after.height]).toEqual([W + 9, H + 8]);
    const before = await raw(source);
    for (const [x, y] of [
      [0, 0],
      [W - 1, H - 1],
      [13, 17],
    ] as const) {
      expect(pixel(after, x + sides.left, y + sides.top)).toEqual(pixel(before, x, y));
    }
    // The new area is filled (opaque), not left transparent.
    expect(pixel(after, 0, 0)[3]).toBe(255);
    expect(pixel(after, after.width - 1, after.height - 1)[3]).toBe(255);
  });

  it('makes a variation of the same size that differs from the input and by seed', async () => {
    const flat = new Uint8Array(
      await sharp({
        create: { width: W, height: H, channels: 3, background: { r: 128, g: 128, b: 128 } },
      })
        .png()
        .toBuffer(),
    );
    const image = input(flat);
    const [a, b] = await edit({ operation: 'variation', image, seed: 10, n: 2 });
    const [again] = await edit({ operation: 'variation', image, seed: 10 });
    const meta = await sharp(a?.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([W, H]);
    expect(Buffer.compare((await raw(flat)).data, (await raw(a?.bytes ?? flat)).data)).not.toBe(0);
    expect(Buffer.from(a?.bytes ?? []).equals(Buffer.from(b?.bytes ?? []))).toBe(false);
    expect(Buffer.from(a?.bytes ?? []).equals(Buffer.from(again?.bytes ?? []))).toBe(true);
  });

  it('gives the same bytes for the same input and seed, for every operation', async () => {
    const image = input(await noisePng());
    const mask = input(await maskPng({ left: 1, top: 1, width: 5, height: 5 }));
    const runs: Array<Omit<ImageEditCallOptions, 'n' | 'image'>> = [
      { operation: 'upscale', scale: 2 },
      { operation: 'remove-background' },
      { operation: 'inpaint', mask, prompt: 'p' },
      { operation: 'edit', prompt: 'p' },
      { operation: 'outpaint', outpaint: { top: 1, right: 1, bottom: 1, left: 1 } },
      { operation: 'variation' },
    ];
    for (const options of runs) {
      const [first] = await edit({ ...options, image, seed: 99 });
      const [second] = await edit({ ...options, image, seed: 99 });
      expect(Buffer.from(first?.bytes ?? []).toString('base64'), options.operation).toBe(
        Buffer.from(second?.bytes ?? []).toString('base64'),
      );
    }
  });

  it('refuses an image whose header reads but whose pixels are cut short, naming the image', async () => {
    const whole = await noisePng(64, 64);
    const cut = whole.slice(0, Math.floor(whole.length / 2));
    expect((await sharp(cut).metadata()).width).toBe(64);
    for (const operation of ['upscale', 'variation'] as const) {
      await expect(edit({ operation, image: input(cut, 64, 64) })).rejects.toMatchObject({
        code: 'invalid_request',
        field: 'image',
      });
    }
  });

  it('stops before rendering when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      edit({
        operation: 'upscale',
        image: input(await noisePng()),
        abortSignal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'canceled' });
  });
});
