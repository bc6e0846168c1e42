import { describe, expect, it } from 'vitest';
import {
  crc32,
  decodeTextChunk,
  encodeChunk,
  encodeTextChunk,
  pngChunks,
  withPngChunks,
} from './png-chunks';
import { samplePng } from './test-images';

const ascii = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

/** The chunk a lone encoded chunk decodes to, placed after a PNG signature. */
function onlyChunk(chunk: Uint8Array) {
  const bytes = new Uint8Array(8 + chunk.length);
  bytes.set(samplePng().subarray(0, 8));
  bytes.set(chunk, 8);
  const [first] = pngChunks(bytes);
  if (!first) throw new Error('no chunk');
  return first;
}

describe('crc32', () => {
  it("gives 0xAE426082 for 'IEND', the CRC every PNG ends with", () => {
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
  });

  it('writes chunks whose CRC covers type and data', () => {
    const iend = encodeChunk('IEND', new Uint8Array());
    expect([...iend]).toEqual([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
  });
});

describe('text chunks', () => {
  it('keeps Latin-1 text in tEXt and anything else in iTXt, both read back', () => {
    const latin = onlyChunk(encodeTextChunk('parameters', 'café, Steps: 20'));
    expect(latin.type).toBe('tEXt');
    expect(decodeTextChunk(latin)).toEqual({ keyword: 'parameters', text: 'café, Steps: 20' });
    const wide = onlyChunk(encodeTextChunk('parameters', '雪の中の狐 🦊'));
    expect(wide.type).toBe('iTXt');
    expect(decodeTextChunk(wide)).toEqual({ keyword: 'parameters', text: '雪の中の狐 🦊' });
  });

  it('writes no NUL into the text', () => {
    const chunk = onlyChunk(encodeTextChunk('parameters', 'a\0b'));
    expect(decodeTextChunk(chunk)).toEqual({ keyword: 'parameters', text: 'ab' });
  });

  it('reads no compressed iTXt and no chunk without a keyword', () => {
    const compressed = encodeTextChunk('k', 'x', true);
    compressed[8 + 2] = 1;
    expect(decodeTextChunk(onlyChunk(compressed))).toBeUndefined();
    expect(decodeTextChunk(onlyChunk(encodeChunk('tEXt', ascii('no keyword'))))).toBeUndefined();
  });
});

describe('pngChunks', () => {
  it('stops at a chunk whose length runs past the bytes', () => {
    const png = samplePng();
    const chunks = pngChunks(png);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const broken = png.slice();
    new DataView(broken.buffer).setUint32(33, 0xffffffff);
    expect(pngChunks(broken).map((chunk) => chunk.type)).toEqual(['IHDR']);
  });

  it('inserts before the first IDAT and drops text chunks of the replaced keywords', () => {
    const once = withPngChunks(
      samplePng(),
      [encodeTextChunk('parameters', 'one')],
      new Set(['parameters']),
    );
    if (!once) throw new Error('not embedded');
    const twice = withPngChunks(
      once,
      [encodeTextChunk('parameters', 'two')],
      new Set(['parameters']),
    );
    if (!twice) throw new Error('not embedded');
    const chunks = pngChunks(twice);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    expect(decodeTextChunk(chunks[1] as (typeof chunks)[number])?.text).toBe('two');
    for (const chunk of chunks) {
      const stored = new DataView(twice.buffer, chunk.end - 4, 4).getUint32(0);
      expect(stored).toBe(crc32(twice.subarray(chunk.start + 4, chunk.end - 4)));
    }
  });

  it('leaves a PNG without IDAT alone', () => {
    const headerOnly = samplePng().subarray(0, 33);
    expect(withPngChunks(headerOnly, [], new Set())).toBeUndefined();
  });
});
