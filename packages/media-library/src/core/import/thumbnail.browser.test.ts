// Thumbnails in a real browser (Chromium, and Firefox ESR in the browser-firefox project): made
// in the worker pool, longest side within the limit, alpha kept, the "only if it helps" rule for
// images that already fit, EXIF rotation, and a second decoder before bytes are called bad.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { measureMedia } from './measure';
import { createThumbnail, getThumbnailStats, terminateThumbnailWorker } from './thumbnail';
import { renderOffscreen } from './thumbnail-render';

afterAll(() => terminateThumbnailWorker());

/** A PNG whose left half is fully transparent and right half opaque red. */
async function halfTransparentPng(width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.clearRect(0, 0, width, height);
  context.fillStyle = 'rgb(255, 0, 0)';
  context.fillRect(width / 2, 0, width / 2, height);
  return canvas.convertToBlob({ type: 'image/png' });
}

async function pixels(blob: Blob) {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const data = context.getImageData(0, 0, bitmap.width, bitmap.height);
  bitmap.close();
  return (x: number, y: number) =>
    Array.from(data.data.subarray((y * data.width + x) * 4, (y * data.width + x) * 4 + 4));
}

/** An uncompressed 32-bit BMP: big on disk, so a thumbnail at the same size helps. */
function bmp(width: number, height: number): Blob {
  const size = 54 + width * height * 4;
  const view = new DataView(new ArrayBuffer(size));
  view.setUint8(0, 0x42);
  view.setUint8(1, 0x4d);
  view.setUint32(2, size, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 32, true);
  for (let i = 54; i < size; i += 4) view.setUint32(i, 0xff3377aa, true);
  return new Blob([view.buffer], { type: 'image/bmp' });
}

describe('createThumbnail in Chromium', () => {
  it('scales to ≤ 400 px in the worker, keeping a transparent pixel transparent', async () => {
    const before = getThumbnailStats();
    const source = await halfTransparentPng(1600, 900);
    const thumb = await createThumbnail(source, { maxSize: 400 });
    expect(thumb).toBeDefined();
    expect(thumb!.type).toBe('image/webp');
    expect(thumb!.blob.type).toBe('image/webp');
    expect([thumb!.width, thumb!.height]).toEqual([400, 225]);
    const pixel = await pixels(thumb!.blob);
    expect(pixel(20, 100)[3]).toBe(0); // transparent half
    const red = pixel(380, 100);
    expect(red[3]).toBe(255);
    expect(red[0]).toBeGreaterThan(230);
    expect(red[1]).toBeLessThan(30);
    // Made by the worker, not on this thread.
    const after = getThumbnailStats();
    expect(after.worker).toBe(before.worker + 1);
    expect(after.mainThread).toBe(before.mainThread);
    expect(after.workersStarted).toBeGreaterThanOrEqual(1);
  });

  it('spreads many requests at once over a pool of at most two workers', async () => {
    const started = getThumbnailStats().workersStarted;
    const sources = await Promise.all(
      [
        [2000, 500],
        [500, 2000],
        [401, 401],
        [900, 900],
      ].map(([w, h]) => halfTransparentPng(w!, h!)),
    );
    const thumbs = await Promise.all(sources.map((s) => createThumbnail(s, { maxSize: 400 })));
    expect(thumbs.map((t) => [t?.width, t?.height])).toEqual([
      [400, 100],
      [100, 400],
      [400, 400],
      [400, 400],
    ]);
    const startedNow = getThumbnailStats().workersStarted - started;
    expect(startedNow).toBeLessThanOrEqual(Math.min(2, navigator.hardwareConcurrency));
  });

  it('reads the size from the first bytes it is handed, not from the file again', async () => {
    const png = await halfTransparentPng(800, 600);
    const head = new Uint8Array(await png.slice(0, 4096).arrayBuffer());
    const request = { blob: png, maxSize: 100, type: 'image/webp', quality: 0.85 };
    const slice = vi.spyOn(png, 'slice');
    const withHead = await renderOffscreen({ ...request, head });
    expect(withHead.thumbnail).toMatchObject({ width: 100, height: 75 });
    expect(slice).not.toHaveBeenCalled();
    // Without them, the header is read from the file: the read the head spares.
    const without = await renderOffscreen(request);
    expect(without.thumbnail).toMatchObject({ width: 100, height: 75 });
    expect(slice).toHaveBeenCalled();
    // createThumbnail takes them from its caller (the import) and sends them on to the worker.
    slice.mockClear();
    const made = await createThumbnail(png, { maxSize: 100, head });
    expect(made).toMatchObject({ width: 100, height: 75 });
    expect(slice).not.toHaveBeenCalled();
  });

  it('falls back to the main thread when asked, with the same result', async () => {
    const before = getThumbnailStats();
    const thumb = await createThumbnail(await halfTransparentPng(800, 800), {
      maxSize: 400,
      type: 'image/png',
      worker: false,
    });
    expect(thumb?.type).toBe('image/png');
    expect([thumb?.width, thumb?.height]).toEqual([400, 400]);
    expect((await pixels(thumb!.blob))(10, 10)[3]).toBe(0);
    expect(getThumbnailStats().mainThread).toBe(before.mainThread + 1);
  });

  it('re-encodes an image that already fits only when that makes it much smaller', async () => {
    // A small WebP already made by this browser's own encoder at the same quality is as compact
    // as a re-encoding can make it: the original is the better thumbnail. (A small PNG is not
    // the same test in every engine: Firefox's WebP of it is half its size, and kept.)
    const canvas = new OffscreenCanvas(120, 80);
    canvas
      .getContext('2d')!
      .drawImage(await createImageBitmap(await halfTransparentPng(120, 80)), 0, 0);
    const compact = await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
    expect(await createThumbnail(compact, { maxSize: 400 })).toBe(undefined);
    // An uncompressed BMP of the same size is worth a WebP copy, at its own size.
    const thumb = await createThumbnail(bmp(120, 80), { maxSize: 400 });
    expect([thumb?.width, thumb?.height, thumb?.type]).toEqual([120, 80, 'image/webp']);
    expect(thumb!.blob.size).toBeLessThan(120 * 80 * 4 * 0.75);
  });

  it('rasterises SVG on the main thread', async () => {
    const svg = new Blob(
      [
        '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400">',
        '<rect x="400" width="400" height="400" fill="blue"/></svg>',
      ],
      { type: 'image/svg+xml' },
    );
    const thumb = await createThumbnail(svg, { maxSize: 400 });
    expect([thumb?.width, thumb?.height]).toEqual([400, 200]);
    const pixel = await pixels(thumb!.blob);
    expect(pixel(50, 100)[3]).toBe(0);
    expect(pixel(350, 100)[2]).toBeGreaterThan(200);
  });

  it('resolves undefined for non-images and undecodable images, without throwing', async () => {
    expect(await createThumbnail(new Blob(['hello']), { maxSize: 400 })).toBeUndefined();
    const tiff = new Blob([new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0])]);
    expect(await createThumbnail(tiff, { maxSize: 400 })).toBeUndefined();
    const brokenPng = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]);
    expect(await createThumbnail(brokenPng, { maxSize: 400 })).toBeUndefined();
  });

  it('says when the decoder refused the bytes, and only then', async () => {
    const refused: string[] = [];
    const make = (name: string, blob: Blob) =>
      createThumbnail(blob, { maxSize: 400, onUndecodable: () => refused.push(name) });
    const brokenPng = new Blob([(await halfTransparentPng(64, 64)).slice(0, 40)], {
      type: 'image/png',
    });
    await make('broken png', brokenPng);
    await make(
      'broken svg',
      new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><g'], {
        type: 'image/svg+xml',
      }),
    );
    await make('good png', await halfTransparentPng(800, 600));
    await make('small png', await halfTransparentPng(40, 40)); // fits: no thumbnail, but decoded
    await make('text', new Blob(['hello']));
    expect(refused).toEqual(['broken png', 'broken svg']);
  });

  it('keeps a raster thumbnail of a small SVG, even when it is bigger than the SVG', async () => {
    const svg = new Blob(
      [
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" onload="alert(1)">',
        '<script>alert(2)</script><circle cx="32" cy="32" r="30" fill="red"/></svg>',
      ],
      { type: 'image/svg+xml' },
    );
    const thumb = await createThumbnail(svg, { maxSize: 400 });
    expect(thumb?.type).toBe('image/webp');
    expect([thumb?.width, thumb?.height]).toEqual([64, 64]);
    // Bigger than the "only if it helps" rule allows for other images that fit.
    expect(thumb!.blob.size).toBeGreaterThan(svg.size * 0.75);
    const pixel = await pixels(thumb!.blob);
    expect(pixel(32, 32)[0]).toBeGreaterThan(200);
  });
});

/** A JPEG with an EXIF Orientation tag spliced in after the start marker. */
async function rotatedJpeg(width: number, height: number, orientation: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = 'rgb(0, 0, 255)';
  context.fillRect(0, 0, width, height);
  context.fillStyle = 'rgb(255, 0, 0)';
  context.fillRect(0, 0, width / 4, height); // red stripe on the stored image's left edge
  const jpeg = new Uint8Array(
    await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer(),
  );
  // APP1: "Exif\0\0", big-endian TIFF header, one IFD entry: Orientation (SHORT).
  const app1 = [
    0xff,
    0xe1,
    0,
    34,
    0x45,
    0x78,
    0x69,
    0x66,
    0,
    0,
    0x4d,
    0x4d,
    0,
    42,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  return new Blob([jpeg.subarray(0, 2), new Uint8Array(app1), jpeg.subarray(2)], {
    type: 'image/jpeg',
  });
}

describe('createThumbnail and EXIF orientation', () => {
  it('turns a phone photo (orientation 6) upright, scaled without distortion', async () => {
    const photo = await rotatedJpeg(800, 400, 6);
    expect(await measureMedia(photo, 'image', 'image/jpeg')).toEqual({ width: 400, height: 800 });
    const thumb = await createThumbnail(photo, { maxSize: 100 });
    // Stored 800×400, shown rotated 90° clockwise: 400×800, fitted to 50×100.
    expect([thumb?.width, thumb?.height]).toEqual([50, 100]);
    const pixel = await pixels(thumb!.blob);
    // The stored left edge (red) is now the top edge; the bottom stays blue.
    expect(pixel(25, 5)[0]).toBeGreaterThan(200);
    expect(pixel(25, 95)[2]).toBeGreaterThan(200);
    expect(pixel(25, 95)[0]).toBeLessThan(60);
  });
  it('lets an <img> decode a JPEG that createImageBitmap refuses, before calling it bad', async () => {
    // Firefox's createImageBitmap refuses a JPEG that starts with its EXIF block instead of a
    // JFIF header (as phone photos do), while its <img> shows it; here that refusal is made
    // in any engine, on the main thread, for JPEG blobs only.
    const real = globalThis.createImageBitmap;
    const refuseJpeg = vi
      .spyOn(globalThis, 'createImageBitmap')
      .mockImplementation(((...args: Parameters<typeof createImageBitmap>) =>
        args[0] instanceof Blob && args[0].type === 'image/jpeg'
          ? Promise.reject(new DOMException('The image could not be decoded', 'InvalidStateError'))
          : real.apply(globalThis, args)) as typeof createImageBitmap);
    try {
      let refused = false;
      const photo = await rotatedJpeg(800, 400, 6);
      const thumb = await createThumbnail(photo, {
        maxSize: 100,
        worker: false,
        onUndecodable: () => {
          refused = true;
        },
      });
      expect(refuseJpeg).toHaveBeenCalled();
      expect(refused).toBe(false);
      expect([thumb?.width, thumb?.height]).toEqual([50, 100]);
      const pixel = await pixels(thumb!.blob);
      expect(pixel(25, 5)[0]).toBeGreaterThan(200);
      expect(pixel(25, 95)[2]).toBeGreaterThan(200);
    } finally {
      refuseJpeg.mockRestore();
    }
  });
});
