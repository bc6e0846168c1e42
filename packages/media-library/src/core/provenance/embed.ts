// Writes a generated asset's provenance into its own bytes, so the file keeps its prompt and
// settings wherever it goes: PNG text chunks, and XMP in JPEG (APP1) and WebP (an "XMP " chunk
// under VP8X). Loaded on the first download of a generated asset.
import { formatParameters } from './a1111-parameters';
import {
  ascii,
  isXmpSegment,
  JPEG_XMP_HEADER,
  jpegSegments,
  type Segment,
  webpChunks,
} from './containers';
import {
  type AiSource,
  JSON_KEYWORD,
  PARAMETERS_KEYWORD,
  provenanceFields,
  provenanceJson,
} from './fields';
import { concat, encodeTextChunk, isPng, withPngChunks } from './png-chunks';
import { buildXmp } from './xmp';

/** VP8X flag bits. */
const VP8X_XMP = 0x04;
const VP8X_ALPHA = 0x10;

/**
 * `bytes` with `source` embedded, or undefined when the format is not PNG, JPEG or WebP, or
 * its structure is not one this can safely extend (the caller then keeps the bytes as they are).
 */
export function embedProvenanceBytes(
  bytes: Uint8Array,
  source: AiSource,
  createdAt?: number,
): Uint8Array | undefined {
  if (isPng(bytes)) return embedInPng(bytes, source, createdAt);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return embedInJpeg(bytes, source, createdAt);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return embedInWebp(bytes, source, createdAt);
  }
  return undefined;
}

/**
 * A copy of `blob` with `source` embedded, of the same type; `blob` itself when its format is
 * not one provenance can be written into.
 */
export async function embedProvenanceInBlob(
  blob: Blob,
  source: AiSource,
  createdAt?: number,
): Promise<Blob> {
  const embedded = embedProvenanceBytes(
    new Uint8Array(await blob.arrayBuffer()),
    source,
    createdAt,
  );
  return embedded ? new Blob([embedded as Uint8Array<ArrayBuffer>], { type: blob.type }) : blob;
}

function embedInPng(
  bytes: Uint8Array,
  source: AiSource,
  createdAt?: number,
): Uint8Array | undefined {
  const parameters = formatParameters(source);
  const chunks = [
    encodeTextChunk(PARAMETERS_KEYWORD, parameters),
    encodeTextChunk(JSON_KEYWORD, provenanceJson(source, createdAt), true),
  ];
  return withPngChunks(bytes, chunks, new Set([PARAMETERS_KEYWORD, JSON_KEYWORD]));
}

function embedInJpeg(
  bytes: Uint8Array,
  source: AiSource,
  createdAt?: number,
): Uint8Array | undefined {
  const { segments, scan } = jpegSegments(bytes);
  if (bytes[scan] !== 0xff || bytes[scan + 1] !== 0xda) return undefined;
  const packet = new TextEncoder().encode(buildXmp(provenanceFields(source, createdAt)));
  const length = 2 + JPEG_XMP_HEADER.length + packet.length;
  // A segment's length is 16 bits; a prompt that long is kept out rather than split.
  if (length > 0xffff) return undefined;
  const app1 = new Uint8Array(2 + length);
  app1.set([0xff, 0xe1, length >> 8, length & 0xff], 0);
  for (let i = 0; i < JPEG_XMP_HEADER.length; i++) app1[4 + i] = JPEG_XMP_HEADER.charCodeAt(i);
  app1.set(packet, 4 + JPEG_XMP_HEADER.length);

  // JFIF wants its APP0 first and Exif its APP1 right after SOI: ours goes behind those.
  let leading = 0;
  while (leading < segments.length && isLeadingSegment(bytes, segments[leading] as Segment)) {
    leading++;
  }
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  segments.forEach((segment, index) => {
    if (index === leading) parts.push(app1);
    if (!isXmpSegment(bytes, segment)) parts.push(bytes.subarray(segment.start, segment.end));
  });
  if (leading === segments.length) parts.push(app1);
  parts.push(bytes.subarray(scan));
  return concat(parts);
}

function embedInWebp(
  bytes: Uint8Array,
  source: AiSource,
  createdAt?: number,
): Uint8Array | undefined {
  const chunks = webpChunks(bytes);
  const first = chunks[0];
  // Chunks that stop short of the RIFF size mean a cut or broken file: rewriting would lose
  // its tail, so it is left as it is.
  const riffEnd =
    8 + new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (!first || riffEnd > bytes.length || chunks[chunks.length - 1]?.end !== riffEnd) {
    return undefined;
  }
  let vp8x: Uint8Array;
  if (first.fourcc === 'VP8X' && first.data.length >= 10) {
    vp8x = bytes.slice(first.start, first.start + 18);
    vp8x[8] = (vp8x[8] as number) | VP8X_XMP;
  } else if (first.fourcc === 'VP8 ' || first.fourcc === 'VP8L') {
    const canvas = first.fourcc === 'VP8 ' ? lossyCanvas(first.data) : losslessCanvas(first.data);
    if (!canvas) return undefined;
    vp8x = riffChunk(
      'VP8X',
      vp8xData(canvas.width, canvas.height, VP8X_XMP | (canvas.alpha ? VP8X_ALPHA : 0)),
    );
  } else {
    return undefined;
  }
  const packet = new TextEncoder().encode(buildXmp(provenanceFields(source, createdAt)));
  const parts: Uint8Array[] = [new Uint8Array(12), vp8x];
  for (const chunk of first.fourcc === 'VP8X' ? chunks.slice(1) : chunks) {
    if (chunk.fourcc !== 'XMP ') parts.push(bytes.subarray(chunk.start, chunk.end));
  }
  // XMP comes last in the extended format's chunk order.
  parts.push(riffChunk('XMP ', packet));
  const out = concat(parts);
  out.set(bytes.subarray(0, 12), 0);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}

/** A RIFF chunk holding `data`, padded to an even length. */
function riffChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(8 + data.length + (data.length & 1));
  for (let i = 0; i < 4; i++) chunk[i] = fourcc.charCodeAt(i);
  new DataView(chunk.buffer).setUint32(4, data.length, true);
  chunk.set(data, 8);
  return chunk;
}

function vp8xData(width: number, height: number, flags: number): Uint8Array {
  const data = new Uint8Array(10);
  data[0] = flags;
  const w = width - 1;
  const h = height - 1;
  data.set(
    [w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff],
    4,
  );
  return data;
}

/** A lossy frame's size, from its key-frame header. */
function lossyCanvas(
  data: Uint8Array,
): { width: number; height: number; alpha: boolean } | undefined {
  if (data.length < 10 || data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a)
    return undefined;
  const width = ((data[6] as number) | ((data[7] as number) << 8)) & 0x3fff;
  const height = ((data[8] as number) | ((data[9] as number) << 8)) & 0x3fff;
  return width && height ? { width, height, alpha: false } : undefined;
}

/** A lossless image's size and whether it uses alpha, from its header. */
function losslessCanvas(
  data: Uint8Array,
): { width: number; height: number; alpha: boolean } | undefined {
  if (data.length < 5 || data[0] !== 0x2f) return undefined;
  const bits =
    ((data[1] as number) |
      ((data[2] as number) << 8) |
      ((data[3] as number) << 16) |
      ((data[4] as number) << 24)) >>>
    0;
  return {
    width: (bits & 0x3fff) + 1,
    height: ((bits >>> 14) & 0x3fff) + 1,
    alpha: ((bits >>> 28) & 1) === 1,
  };
}

/** A JFIF APP0 or an Exif APP1, which stay at the head of the file. */
function isLeadingSegment(bytes: Uint8Array, segment: Segment): boolean {
  if (segment.marker === 0xe0) return true;
  return segment.marker === 0xe1 && ascii(bytes, segment.start + 4, 6) === 'Exif\0\0';
}
