// POST /images/transform: platform formats, crop modes, output formats, stripped metadata, and
// the 4xx answers for uploads that are not images.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import { errorBodySchema, PLATFORM_FORMATS } from './protocol';
import { fakeProviders } from './testing/fakes';

const app = createImageServer({
  providers: fakeProviders().providers,
  logger: { info() {}, warn() {}, error() {} },
  rateLimit: false,
  limits: { maxUploadBytes: 2 * 1024 * 1024 },
});

let photo: Uint8Array;
beforeAll(async () => {
  // A 1600×900 JPEG carrying EXIF (camera, GPS-like text) that must not survive.
  photo = new Uint8Array(
    await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#4477aa' } })
      .composite([
        {
          input: await sharp({
            create: { width: 200, height: 200, channels: 3, background: '#ffcc00' },
          })
            .png()
            .toBuffer(),
          left: 1300,
          top: 600,
        },
      ])
      .withExif({ IFD0: { Make: 'SecretCam', Artist: 'Ada at 51.5N 0.12W' } })
      .jpeg()
      .toBuffer(),
  );
});

const transform = (query: string, body: BodyInit, type = 'image/jpeg') =>
  app.request(`/api/ai/images/transform?${query}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(errorBodySchema.parse(await res.json()).error.code).toBe(code);
}

describe('POST /images/transform', () => {
  it.each(Object.entries(PLATFORM_FORMATS))('%s gives exactly its size', async (preset, size) => {
    const res = await transform(`preset=${preset}`, photo as Uint8Array<ArrayBuffer>);
    expect(res.status).toBe(200);
    const meta = await sharp(new Uint8Array(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([size.width, size.height]);
    expect(res.headers.get('x-image-width')).toBe(String(size.width));
  });

  it('strips metadata and re-encodes in the asked format and quality', async () => {
    for (const format of ['png', 'jpeg', 'webp', 'avif'] as const) {
      const res = await transform(
        `preset=facebook-cover&format=${format}&quality=70`,
        photo as Uint8Array<ArrayBuffer>,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`image/${format}`);
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      const bytes = new Uint8Array(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.format === 'heif' ? 'avif' : meta.format).toBe(format);
      expect(meta.exif).toBeUndefined();
      expect(Buffer.from(bytes).includes('SecretCam')).toBe(false);
    }
  });

  it('smart crop keeps the interesting region; centre crops the middle; fit letterboxes', async () => {
    const pixelAt = async (res: Response, x: number, y: number) => {
      const { data, info } = await sharp(new Uint8Array(await res.arrayBuffer()))
        .raw()
        .toBuffer({ resolveWithObject: true });
      const i = (y * info.width + x) * info.channels;
      return [data[i], data[i + 1], data[i + 2], info.channels === 4 ? data[i + 3] : 255];
    };
    // A square crop of a wide image: smart (attention) moves toward the yellow block on the right.
    const smart = await transform(
      'width=400&height=400&crop=smart&format=png',
      photo as Uint8Array<ArrayBuffer>,
    );
    const centre = await transform(
      'width=400&height=400&crop=centre&format=png',
      photo as Uint8Array<ArrayBuffer>,
    );
    const smartYellow = (await pixelAt(smart, 310, 310))[0]! > 200;
    const centreYellow = (await pixelAt(centre, 310, 310))[0]! > 200;
    expect(smartYellow).toBe(true);
    expect(centreYellow).toBe(false);

    const fit = await transform(
      'width=400&height=400&crop=fit&format=png',
      photo as Uint8Array<ArrayBuffer>,
    );
    expect((await pixelAt(fit, 200, 2))[3]).toBe(0); // transparent band above the image
    const oneSide = await transform('width=800&crop=fit', photo as Uint8Array<ArrayBuffer>);
    const meta = await sharp(new Uint8Array(await oneSide.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([800, 450]);
  });

  it('accepts a multipart upload with the options as form fields', async () => {
    const form = new FormData();
    form.set(
      'file',
      new File([photo as Uint8Array<ArrayBuffer>], 'photo.jpg', { type: 'image/jpeg' }),
    );
    form.set('preset', 'youtube-thumbnail');
    form.set('format', 'webp');
    const res = await app.request('/api/ai/images/transform', { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('x-image-height')).toBe('720');
  });

  it('415 for bytes that are not an image, 400 for one that does not decode', async () => {
    await expectError(
      await transform('preset=x-post', new TextEncoder().encode('<svg/>'), 'image/svg+xml'),
      415,
      'unsupported_media_type',
    );
    await expectError(
      await transform('preset=x-post', '{}', 'application/json'),
      415,
      'unsupported_media_type',
    );
    const truncated = photo.slice(0, 400);
    await expectError(
      await transform('preset=x-post', truncated as Uint8Array<ArrayBuffer>),
      400,
      'invalid_image',
    );
  });

  it('400 for unknown presets, bad sizes and qualities, or no target at all', async () => {
    for (const query of [
      'preset=myspace',
      'width=0&height=10',
      'width=abc',
      'preset=x-post&quality=101',
      'crop=smart',
    ]) {
      await expectError(
        await transform(query, photo as Uint8Array<ArrayBuffer>),
        400,
        'invalid_request',
      );
    }
  });

  it('413 for an upload over the limit', async () => {
    const big = new Uint8Array(3 * 1024 * 1024);
    big.set(photo.subarray(0, 3));
    await expectError(
      await transform('preset=x-post', big as Uint8Array<ArrayBuffer>),
      413,
      'payload_too_large',
    );
  });
});
