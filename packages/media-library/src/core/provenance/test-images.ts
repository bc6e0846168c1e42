// Small, structurally real PNG, JPEG and WebP files for the provenance tests (Node has no
// encoder for them). Not exported from the package.
import { zlibSync } from 'fflate';
import type { AiSource } from './fields';
import { concat, encodeChunk, PNG_SIGNATURE } from './png-chunks';

/** A generated image's source with every provenance field set, prompt over two lines. */
export const sampleSource: AiSource = {
  type: 'ai',
  provider: 'replicate',
  model: 'black-forest-labs/flux-schnell',
  prompt: 'a red fox in the snow, "golden hour" & <soft light>\nwide shot',
  negativePrompt: 'blurry, lowres',
  seed: 1234567,
  steps: 28,
  width: 2,
  height: 2,
};

/** A 2×2 RGBA PNG that decodes: IHDR, one IDAT, IEND. */
export function samplePng(): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, 2);
  view.setUint32(4, 2);
  header.set([8, 6, 0, 0, 0], 8);
  // Two rows, each a filter byte then two RGBA pixels.
  const rows = new Uint8Array([
    0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255, 255,
  ]);
  return concat([
    PNG_SIGNATURE,
    encodeChunk('IHDR', header),
    encodeChunk('IDAT', zlibSync(rows)),
    encodeChunk('IEND', new Uint8Array()),
  ]);
}

/** JPEG headers with a JFIF APP0, an Exif APP1, a table and a scan (the scan data is filler). */
export function sampleJpegStructure(): Uint8Array {
  const segment = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ];
  return new Uint8Array([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xe1, [0x45, 0x78, 0x69, 0x66, 0, 0, 1, 2, 3, 4]),
    ...segment(0xdb, new Array(65).fill(1)),
    ...segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
    0x12,
    0x34,
    0xff,
    0xd9,
  ]);
}

/** A WebP around one chunk (`VP8 `, `VP8L` or `VP8X`), with a correct RIFF size. */
export function sampleWebp(chunks: Array<[string, number[]]>): Uint8Array {
  const parts: number[] = [];
  for (const [fourcc, data] of chunks) {
    parts.push(...[...fourcc].map((c) => c.charCodeAt(0)));
    parts.push(data.length & 0xff, (data.length >> 8) & 0xff, 0, 0, ...data);
    if (data.length & 1) parts.push(0);
  }
  const size = 4 + parts.length;
  return new Uint8Array([
    0x52,
    0x49,
    0x46,
    0x46,
    size & 0xff,
    (size >> 8) & 0xff,
    0,
    0,
    0x57,
    0x45,
    0x42,
    0x50,
    ...parts,
  ]);
}

/** A lossy key-frame header for a `width`×`height` image (the frame data is filler). */
export function lossyFrame(width: number, height: number): number[] {
  return [
    0x30,
    0x01,
    0x00,
    0x9d,
    0x01,
    0x2a,
    width & 0xff,
    width >> 8,
    height & 0xff,
    height >> 8,
    0,
    0,
    0,
  ];
}

/** A lossless header for a `width`×`height` image, with alpha used when `alpha`. */
export function losslessHeader(width: number, height: number, alpha: boolean): number[] {
  const bits = ((width - 1) | ((height - 1) << 14) | ((alpha ? 1 : 0) << 28)) >>> 0;
  return [0x2f, bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff, bits >>> 24, 0, 0];
}
