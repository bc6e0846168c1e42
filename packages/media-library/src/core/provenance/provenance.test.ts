// Embedding and reading back, per format: the fields survive, the container stays well formed,
// and broken or hostile bytes yield no provenance rather than an exception.
import { describe, expect, it } from 'vitest';
import { isXmpSegment, jpegSegments, type Segment, webpChunks } from './containers';
import { embedProvenanceBytes } from './embed';
import { crc32, decodeTextChunk, pngChunks } from './png-chunks';
import { embedProvenance, readProvenance } from './provenance';
import { readProvenanceBytes } from './read';
import {
  losslessHeader,
  lossyFrame,
  sampleJpegStructure,
  samplePng,
  sampleSource,
  sampleWebp,
} from './test-images';

const createdAt = Date.UTC(2026, 10, 26, 3, 0, 0);

function embedded(bytes: Uint8Array): Uint8Array {
  const out = embedProvenanceBytes(bytes, sampleSource, createdAt);
  if (!out) throw new Error('not embedded');
  return out;
}

describe('PNG', () => {
  it('carries a parameters text and our JSON before IDAT, with correct CRCs, read back whole', () => {
    const png = embedded(samplePng());
    const chunks = pngChunks(png);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'tEXt', 'iTXt', 'IDAT', 'IEND']);
    for (const chunk of chunks) {
      const stored = new DataView(png.buffer, chunk.end - 4, 4).getUint32(0);
      expect(stored).toBe(crc32(png.subarray(chunk.start + 4, chunk.end - 4)));
    }
    const parameters = decodeTextChunk(chunks[1] as (typeof chunks)[number]);
    expect(parameters?.keyword).toBe('parameters');
    expect(parameters?.text).toBe(
      `${sampleSource.prompt}\nNegative prompt: blurry, lowres\nSteps: 28, Seed: 1234567, Size: 2x2, Model: black-forest-labs/flux-schnell`,
    );
    const json = JSON.parse(decodeTextChunk(chunks[2] as (typeof chunks)[number])?.text ?? '');
    expect(json).toMatchObject({
      provider: 'replicate',
      seed: 1234567,
      createdAt: '2026-11-26T03:00:00.000Z',
    });
    expect(readProvenanceBytes(png)).toEqual({ source: sampleSource, createdAt });
  });

  it('embeds once when embedded twice', () => {
    const twice = embedProvenanceBytes(embedded(samplePng()), { ...sampleSource, seed: 9 });
    if (!twice) throw new Error('not embedded');
    expect(pngChunks(twice).map((chunk) => chunk.type)).toEqual([
      'IHDR',
      'tEXt',
      'iTXt',
      'IDAT',
      'IEND',
    ]);
    expect(readProvenanceBytes(twice)?.source.seed).toBe(9);
  });

  it('reads a parameters text alone, with the provider and model unknown when not named', () => {
    const png = embedded(samplePng());
    const withoutJson = pngChunks(png).filter((chunk) => chunk.type !== 'iTXt');
    const bytes = new Uint8Array([
      ...png.subarray(0, 8),
      ...withoutJson.flatMap((c) => [...png.subarray(c.start, c.end)]),
    ]);
    expect(readProvenanceBytes(bytes)?.source).toEqual({ ...sampleSource, provider: 'unknown' });
  });
});

describe('JPEG', () => {
  it('carries an XMP APP1 behind the JFIF APP0 and the Exif APP1, read back whole', () => {
    const original = sampleJpegStructure();
    const jpeg = embedded(original);
    const { segments } = jpegSegments(jpeg);
    expect(segments.map((segment) => segment.marker)).toEqual([0xe0, 0xe1, 0xe1, 0xdb]);
    const [, exif, xmp] = segments as [Segment, Segment, Segment];
    expect(isXmpSegment(jpeg, exif)).toBe(false);
    expect(isXmpSegment(jpeg, xmp)).toBe(true);
    const length = ((jpeg[xmp.start + 2] as number) << 8) | (jpeg[xmp.start + 3] as number);
    expect(xmp.end - xmp.start).toBe(length + 2);
    const segment = new TextDecoder().decode(jpeg.subarray(xmp.start + 4, xmp.end));
    expect(segment.startsWith('http://ns.adobe.com/xap/1.0/\0<?xpacket')).toBe(true);
    expect(segment.endsWith('<?xpacket end="w"?>')).toBe(true);
    // Everything else is the original, in order.
    const rest = new Uint8Array([...jpeg.subarray(0, xmp.start), ...jpeg.subarray(xmp.end)]);
    expect([...rest]).toEqual([...original]);
    expect(readProvenanceBytes(jpeg)).toEqual({ source: sampleSource, createdAt });
  });

  it('replaces an earlier XMP segment rather than adding a second', () => {
    const twice = embedProvenanceBytes(embedded(sampleJpegStructure()), {
      ...sampleSource,
      steps: 3,
    });
    if (!twice) throw new Error('not embedded');
    const xmpSegments =
      new TextDecoder('latin1').decode(twice).split('http://ns.adobe.com/xap/1.0/').length - 1;
    expect(xmpSegments).toBe(1);
    expect(readProvenanceBytes(twice)?.source.steps).toBe(3);
  });
});

describe('WebP', () => {
  it('turns a simple lossy file into VP8X with the XMP flag and canvas size, RIFF size fixed', () => {
    const webp = embedded(sampleWebp([['VP8 ', lossyFrame(300, 200)]]));
    const chunks = webpChunks(webp);
    expect(chunks.map((chunk) => chunk.fourcc)).toEqual(['VP8X', 'VP8 ', 'XMP ']);
    const vp8x = chunks[0]?.data ?? new Uint8Array();
    expect(vp8x[0]).toBe(0x04);
    expect((vp8x[4] as number) | ((vp8x[5] as number) << 8)).toBe(299);
    expect((vp8x[7] as number) | ((vp8x[8] as number) << 8)).toBe(199);
    expect(new DataView(webp.buffer).getUint32(4, true)).toBe(webp.length - 8);
    expect(readProvenanceBytes(webp)).toEqual({ source: sampleSource, createdAt });
  });

  it('marks alpha for a lossless file that uses it', () => {
    const webp = embedded(sampleWebp([['VP8L', losslessHeader(16, 9, true)]]));
    const vp8x = webpChunks(webp)[0]?.data ?? new Uint8Array();
    expect(vp8x[0]).toBe(0x04 | 0x10);
    expect([vp8x[4], vp8x[7]]).toEqual([15, 8]);
    expect(readProvenanceBytes(webp)?.source.prompt).toBe(sampleSource.prompt);
  });

  it('sets the flag on an existing VP8X and replaces its XMP chunk', () => {
    const vp8x = [0x10, 0, 0, 0, 1, 0, 0, 1, 0, 0];
    const webp = embedded(
      sampleWebp([
        ['VP8X', vp8x],
        ['VP8L', losslessHeader(2, 2, true)],
        ['XMP ', [0x3c, 0x61, 0x2f]],
      ]),
    );
    const chunks = webpChunks(webp);
    expect(chunks.map((chunk) => chunk.fourcc)).toEqual(['VP8X', 'VP8L', 'XMP ']);
    expect(chunks[0]?.data[0]).toBe(0x14);
    expect(new DataView(webp.buffer).getUint32(4, true)).toBe(webp.length - 8);
  });
});

describe('other and hostile bytes', () => {
  it('embeds nothing into a WebP cut short', () => {
    const webp = sampleWebp([['VP8 ', lossyFrame(4, 4)]]);
    expect(embedProvenanceBytes(webp.subarray(0, webp.length - 2), sampleSource)).toBeUndefined();
  });

  it('embeds nothing into formats it does not know', () => {
    expect(
      embedProvenanceBytes(new TextEncoder().encode('GIF89a....'), sampleSource),
    ).toBeUndefined();
    expect(embedProvenanceBytes(samplePng().subarray(0, 33), sampleSource)).toBeUndefined();
  });

  it('reads nothing, and throws nothing, from every truncation and from flipped bytes', () => {
    for (const file of [
      embedded(samplePng()),
      embedded(sampleJpegStructure()),
      embedded(sampleWebp([['VP8 ', lossyFrame(4, 4)]])),
    ]) {
      for (let end = 0; end < file.length; end += 7) {
        expect(() => readProvenanceBytes(file.subarray(0, end))).not.toThrow();
      }
      let state = 12345;
      for (let round = 0; round < 200; round++) {
        const copy = file.slice();
        for (let i = 0; i < 4; i++) {
          state = (state * 1103515245 + 12345) >>> 0;
          copy[state % copy.length] = state >>> 24;
        }
        const found = readProvenanceBytes(copy);
        if (found) expect(typeof found.source.prompt).toBe('string');
      }
    }
  });

  it('ignores JSON of the wrong shape and keeps only well-typed fields', () => {
    const png = embedProvenanceBytes(samplePng(), {
      ...sampleSource,
      seed: Number.NaN,
      steps: 1.5,
    });
    if (!png) throw new Error('not embedded');
    const found = readProvenanceBytes(png)?.source;
    expect(found?.seed).toBeUndefined();
    expect(found?.steps).toBeUndefined();
    expect(found?.prompt).toBe(sampleSource.prompt);
  });
});

describe('embedProvenance and readProvenance on Blobs', () => {
  it('write an AI source in and read it back, and leave other sources and formats alone', async () => {
    const png = new Blob([samplePng() as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    const withProvenance = await embedProvenance(png, sampleSource, createdAt);
    expect(withProvenance.type).toBe('image/png');
    expect(await readProvenance(withProvenance)).toEqual({ source: sampleSource, createdAt });

    expect(await embedProvenance(png, { type: 'upload' })).toBe(png);
    const gif = new Blob(['GIF89a'], { type: 'image/gif' });
    expect(await embedProvenance(gif, sampleSource)).toBe(gif);
    expect(await readProvenance(gif)).toBeUndefined();
  });
});
