// PNG chunk reading and writing for provenance: CRC-32, a bounded chunk walk, and text chunks
// (tEXt for Latin-1, uncompressed iTXt for anything else). Lengths in the file are never
// trusted: a chunk that runs past the bytes ends the walk.

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Text chunks longer than this are not decoded when read (a real one is a few kB). */
export const MAX_TEXT_CHUNK_BYTES = 256 * 1024;

/** Chunks looked at before a walk gives up, so a file of millions of empty chunks stays cheap. */
const MAX_CHUNKS = 4096;

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as PNG uses it) of `bytes`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    c = (crcTable[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  }
  return ~c >>> 0;
}

/** One chunk of a PNG, located in the file's bytes. */
export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field. */
  start: number;
  /** Offset just past the chunk's CRC. */
  end: number;
  /** The chunk's data (a view, not a copy). */
  data: Uint8Array;
}

/** Whether `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  return PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/**
 * The chunks of a PNG in order, up to IEND or the first chunk that does not fit in `bytes`
 * (a truncated or hostile file yields the chunks that were whole).
 */
export function pngChunks(bytes: Uint8Array): PngChunk[] {
  const chunks: PngChunk[] = [];
  if (!isPng(bytes)) return chunks;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= bytes.length && chunks.length < MAX_CHUNKS) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) break;
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    chunks.push({
      type,
      start: offset,
      end,
      data: bytes.subarray(offset + 8, offset + 8 + length),
    });
    if (type === 'IEND') break;
    offset = end;
  }
  return chunks;
}

/** A whole chunk (length, type, data, CRC) of `type` holding `data`. */
export function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** Whether `text` can go in a tEXt chunk: Latin-1 only, and no NUL. */
export function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || code > 0xff) return false;
  }
  return true;
}

/**
 * A text chunk with `keyword` and `text`: tEXt when the text is Latin-1, otherwise iTXt
 * (uncompressed, UTF-8). `international` forces iTXt, for text that is UTF-8 by contract.
 */
export function encodeTextChunk(keyword: string, value: string, international = false): Uint8Array {
  const key = latin1Bytes(keyword);
  // A NUL would end the text early for some readers; no prompt needs one.
  const text = value.replaceAll('\0', '');
  if (!international && isLatin1(text)) {
    const body = latin1Bytes(text);
    const data = new Uint8Array(key.length + 1 + body.length);
    data.set(key, 0);
    data.set(body, key.length + 1);
    return encodeChunk('tEXt', data);
  }
  const body = new TextEncoder().encode(text);
  // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated NUL.
  const data = new Uint8Array(key.length + 5 + body.length);
  data.set(key, 0);
  data.set(body, key.length + 5);
  return encodeChunk('iTXt', data);
}

/** A text chunk's keyword and text, or undefined for one compressed, oversized or malformed. */
export function decodeTextChunk(chunk: PngChunk): { keyword: string; text: string } | undefined {
  if (chunk.data.length > MAX_TEXT_CHUNK_BYTES) return undefined;
  const data = chunk.data;
  const nul = data.indexOf(0);
  if (nul < 1 || nul > 79) return undefined;
  const keyword = latin1String(data.subarray(0, nul));
  if (chunk.type === 'tEXt') return { keyword, text: latin1String(data.subarray(nul + 1)) };
  if (chunk.type !== 'iTXt') return undefined;
  // Compressed iTXt would need an inflater here; the writers this reads never compress.
  if (data[nul + 1] !== 0) return undefined;
  const languageEnd = data.indexOf(0, nul + 3);
  if (languageEnd < 0) return undefined;
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(translatedEnd + 1));
    return { keyword, text };
  } catch {
    return undefined;
  }
}

function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

function latin1String(bytes: Uint8Array): string {
  let text = '';
  // In slices: spreading a whole 256 kB chunk into one call would overflow the stack.
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return text;
}

/**
 * `bytes` with `insert` placed before the first IDAT and every text chunk whose keyword is in
 * `replaceKeywords` left out, or undefined when `bytes` is no PNG with an IDAT.
 */
export function withPngChunks(
  bytes: Uint8Array,
  insert: Uint8Array[],
  replaceKeywords: ReadonlySet<string>,
): Uint8Array | undefined {
  const chunks = pngChunks(bytes);
  const idat = chunks.findIndex((chunk) => chunk.type === 'IDAT');
  if (idat < 0) return undefined;
  const parts: Uint8Array[] = [bytes.subarray(0, PNG_SIGNATURE.length)];
  chunks.forEach((chunk, index) => {
    if (index === idat) parts.push(...insert);
    if (chunk.type === 'tEXt' || chunk.type === 'iTXt') {
      const text = decodeTextChunk(chunk);
      if (text && replaceKeywords.has(text.keyword)) return;
    }
    parts.push(bytes.subarray(chunk.start, chunk.end));
  });
  // Anything after the last whole chunk (after IEND, or a truncated tail) is kept as it was.
  const last = chunks[chunks.length - 1];
  if (last && last.end < bytes.length) parts.push(bytes.subarray(last.end));
  return concat(parts);
}

/** The parts joined into one array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
