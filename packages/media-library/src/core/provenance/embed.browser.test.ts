// Files with provenance written in still decode in Chromium, to the same pixels as before:
// PNG, JPEG, and WebP both simple (converted to VP8X) and extended (with alpha).
import { describe, expect, it } from 'vitest';
import { webpChunks } from './containers';
import { embedProvenanceBytes } from './embed';
import { readProvenanceBytes } from './read';
import { sampleSource } from './test-images';

/** An 8×6 image with a few colours, encoded by the browser as `type`. */
async function encoded(type: string, alpha: boolean): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(8, 6);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = alpha ? 'rgba(200, 40, 40, 0.5)' : 'rgb(200, 40, 40)';
  context.fillRect(0, 0, 8, 6);
  context.fillStyle = 'rgb(20, 90, 220)';
  context.fillRect(4, 0, 4, 6);
  const blob = await canvas.convertToBlob({ type, quality: 0.9 });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return type === 'image/webp' && !alpha ? simpleWebp(bytes) : bytes;
}

/**
 * The browser writes every WebP in the extended format; the simple one (its VP8 chunk alone,
 * which an opaque image needs nothing beside) is what other encoders often write.
 */
function simpleWebp(bytes: Uint8Array): Uint8Array {
  const frame = webpChunks(bytes).find((chunk) => chunk.fourcc === 'VP8 ');
  if (!frame) throw new Error('the browser wrote no lossy frame');
  const out = new Uint8Array(12 + frame.end - frame.start);
  out.set(bytes.subarray(0, 12));
  out.set(bytes.subarray(frame.start, frame.end), 12);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}

/** The decoded pixels of `bytes`. */
async function pixels(bytes: Uint8Array, type: string): Promise<{ width: number; data: number[] }> {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  const data = [...context.getImageData(0, 0, bitmap.width, bitmap.height).data];
  bitmap.close();
  return { width: canvas.width, data };
}

/** Label, type, whether the image has alpha, and the first chunk the browser's WebP has. */
const cases: Array<[string, string, boolean, string?]> = [
  ['PNG', 'image/png', true],
  ['JPEG', 'image/jpeg', false],
  ['simple lossy WebP', 'image/webp', false, 'VP8 '],
  ['WebP with alpha', 'image/webp', true, 'VP8X'],
];

describe('embedProvenanceBytes in Chromium', () => {
  for (const [label, type, alpha, firstChunk] of cases) {
    it(`leaves a ${label} decoding to the same pixels, its provenance readable`, async () => {
      const original = await encoded(type, alpha);
      const withProvenance = embedProvenanceBytes(original, sampleSource, 1_700_000_000_000);
      if (!withProvenance) throw new Error(`nothing embedded in the ${label}`);
      expect(withProvenance.length).toBeGreaterThan(original.length);

      const before = await pixels(original, type);
      const after = await pixels(withProvenance, type);
      expect(after.width).toBe(8);
      expect(after.data).toEqual(before.data);
      expect(readProvenanceBytes(withProvenance)?.source).toEqual(sampleSource);
      if (firstChunk) {
        expect(webpChunks(original)[0]?.fourcc).toBe(firstChunk);
        expect(webpChunks(withProvenance)[0]?.fourcc).toBe('VP8X');
        expect(webpChunks(withProvenance).map((chunk) => chunk.fourcc)).toContain('XMP ');
      }
    });
  }
});
