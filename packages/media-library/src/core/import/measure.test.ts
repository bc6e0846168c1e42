// Measuring in Node: image sizes come from hand-built headers, with no decoder around.
// Real encoded images are measured in measure.browser.test.ts.
import { describe, expect, it } from 'vitest';
import { readSvgSize } from './image-size';
import { measureMedia } from './measure';

type Part = string | number[] | Uint8Array<ArrayBuffer>;

function blob(...parts: Part[]): Blob {
  return new Blob(
    parts.map((part) =>
      typeof part === 'string'
        ? Uint8Array.from(part, (c) => c.charCodeAt(0))
        : part instanceof Uint8Array
          ? part
          : Uint8Array.from(part),
    ),
  );
}

const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16be = (n: number) => [(n >>> 8) & 255, n & 255];
const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const u16le = (n: number) => [n & 255, (n >>> 8) & 255];
const u24le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const SOF0 = (width: number, height: number) => [
  0xff,
  0xc0,
  ...u16be(17),
  8,
  ...u16be(height),
  ...u16be(width),
  3,
  ...new Array(9).fill(0),
];
/** An APP1 Exif segment whose first IFD holds only the Orientation tag. */
const exif = (orientation: number) => {
  const tiff = ['MM', [0, 42], u32be(8), u16be(1), u16be(0x0112), u16be(3), u32be(1)];
  const body = blob('Exif\0\0', ...(tiff as Part[]), u16be(orientation), [0, 0], u32be(0));
  return body;
};

async function jpeg(width: number, height: number, orientation?: number): Promise<Blob> {
  const parts: Part[] = [[0xff, 0xd8]];
  if (orientation !== undefined) {
    const body = new Uint8Array(await exif(orientation).arrayBuffer());
    parts.push([0xff, 0xe1, ...u16be(body.length + 2)], body);
  }
  parts.push(SOF0(width, height), [0xff, 0xd9]);
  return blob(...parts);
}

describe('measureMedia for images, from headers', () => {
  it('reads PNG', async () => {
    const png = blob(PNG_SIGNATURE, u32be(13), 'IHDR', u32be(640), u32be(480), [8, 6, 0, 0, 0]);
    expect(await measureMedia(png, 'image', 'image/png')).toEqual({ width: 640, height: 480 });
  });

  it('reads GIF', async () => {
    const gif = blob('GIF89a', u16le(321), u16le(123), [0, 0, 0]);
    expect(await measureMedia(gif, 'image', 'image/gif')).toEqual({ width: 321, height: 123 });
  });

  it('reads JPEG, swapping sides for a rotating EXIF orientation', async () => {
    expect(await measureMedia(await jpeg(300, 200), 'image', 'image/jpeg')).toEqual({
      width: 300,
      height: 200,
    });
    expect(await measureMedia(await jpeg(300, 200, 1), 'image', 'image/jpeg')).toEqual({
      width: 300,
      height: 200,
    });
    expect(await measureMedia(await jpeg(300, 200, 6), 'image', 'image/jpeg')).toEqual({
      width: 200,
      height: 300,
    });
  });

  it('reads a JPEG whose frame header lies past the first 64 KB', async () => {
    const app2 = (size: number) => [0xff, 0xe2, ...u16be(size + 2), ...new Array(size).fill(7)];
    const big = blob([0xff, 0xd8], app2(60_000), app2(60_000), SOF0(4000, 3000), [0xff, 0xd9]);
    expect(big.size).toBeGreaterThan(120_000);
    expect(await measureMedia(big, 'image', 'image/jpeg')).toEqual({ width: 4000, height: 3000 });
  });

  it('reads the three WebP flavours', async () => {
    const lossy = blob(
      'RIFF',
      u32le(30),
      'WEBPVP8 ',
      u32le(10),
      [0, 0, 0, 0x9d, 0x01, 0x2a],
      u16le(800),
      u16le(600),
    );
    const bits = (1024 - 1) | ((768 - 1) << 14);
    const lossless = blob('RIFF', u32le(30), 'WEBPVP8L', u32le(5), [0x2f], u32le(bits));
    const extended = blob(
      'RIFF',
      u32le(30),
      'WEBPVP8X',
      u32le(10),
      [16, 0, 0, 0],
      u24le(4999),
      u24le(99),
    );
    expect(await measureMedia(lossy, 'image', 'image/webp')).toEqual({ width: 800, height: 600 });
    expect(await measureMedia(lossless, 'image', 'image/webp')).toEqual({
      width: 1024,
      height: 768,
    });
    expect(await measureMedia(extended, 'image', 'image/webp')).toEqual({
      width: 5000,
      height: 100,
    });
  });

  it('reads BMP and the AVIF spatial extents', async () => {
    const bmp = blob('BM', u32le(0), u32le(0), u32le(54), u32le(40), u32le(17), u32le(-9 >>> 0));
    expect(await measureMedia(bmp, 'image', 'image/bmp')).toEqual({ width: 17, height: 9 });
    const avif = blob(
      u32be(20),
      'ftypavif',
      u32be(0),
      'mif1',
      u32be(20),
      'ispe',
      u32be(0),
      u32be(1920),
      u32be(1080),
    );
    expect(await measureMedia(avif, 'image', 'image/avif')).toEqual({ width: 1920, height: 1080 });
  });

  it('reads SVG width/height, viewBox, or one side and the aspect ratio', async () => {
    const svg = (attributes: string) =>
      new Blob([`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" ${attributes}/>`]);
    expect(await measureMedia(svg('width="120" height="80px"'), 'image', 'image/svg+xml')).toEqual({
      width: 120,
      height: 80,
    });
    expect(await measureMedia(svg('viewBox="0 0 300 150"'), 'image', 'image/svg+xml')).toEqual({
      width: 300,
      height: 150,
    });
    expect(readSvgSize('<svg width="100" viewBox="0,0,300,150">')).toEqual({
      width: 100,
      height: 50,
    });
    expect(readSvgSize('<svg width="100%" height="100%">')).toBeUndefined();
  });

  it('returns {} for damaged or undecodable images instead of throwing', async () => {
    expect(await measureMedia(blob([0xff, 0xd8, 0xff]), 'image', 'image/jpeg')).toEqual({});
    expect(await measureMedia(blob('not an image'), 'image', 'image/png')).toEqual({});
    expect(await measureMedia(new Blob([]), 'image', 'image/webp')).toEqual({});
    // TIFF has no header parser and Node has no decoder.
    expect(await measureMedia(blob('II', [42, 0], u32le(8)), 'image', 'image/tiff')).toEqual({});
  });
});

describe('measureMedia for video and audio', () => {
  it('returns {} without a DOM to play media in', async () => {
    expect(await measureMedia(blob('ftypisom'), 'video', 'video/mp4')).toEqual({});
    expect(await measureMedia(blob('ID3'), 'audio', 'audio/mpeg')).toEqual({});
  });

  it('returns {} for kinds that have no measurements', async () => {
    expect(await measureMedia(new Blob(['hello']), 'text', 'text/plain')).toEqual({});
  });
});
