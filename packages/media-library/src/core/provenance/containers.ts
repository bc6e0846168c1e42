// Bounded walks over the metadata of JPEG (marker segments before the first scan) and WebP
// (RIFF chunks): lengths in the file are checked against the bytes, never trusted.

/** The header that marks a JPEG APP1 segment as XMP. */
export const JPEG_XMP_HEADER = 'http://ns.adobe.com/xap/1.0/\0';

/** One JPEG marker segment (with its length field), located in the file's bytes. */
export interface Segment {
  marker: number;
  start: number;
  end: number;
}

/** The marker segments between SOI and the first scan; `scan` is where the rest begins. */
export function jpegSegments(bytes: Uint8Array): { segments: Segment[]; scan: number } {
  const segments: Segment[] = [];
  let at = 2;
  while (at + 4 <= bytes.length && segments.length < 1024) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Start of scan, end of image, or a marker without a length: the headers are over.
    if (
      marker === 0xda ||
      marker === 0xd9 ||
      (marker >= 0xd0 && marker <= 0xd8) ||
      marker === 0x01
    ) {
      break;
    }
    const length = ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) break;
    segments.push({ marker, start: at, end });
    at = end;
  }
  return { segments, scan: at };
}

/** Whether a JPEG segment is an XMP APP1. */
export function isXmpSegment(bytes: Uint8Array, segment: Segment): boolean {
  return (
    segment.marker === 0xe1 &&
    ascii(bytes, segment.start + 4, JPEG_XMP_HEADER.length) === JPEG_XMP_HEADER
  );
}

/** One RIFF chunk of a WebP, located in the file's bytes (with its header and padding). */
export interface RiffChunk {
  fourcc: string;
  start: number;
  end: number;
  data: Uint8Array;
}

/** The chunks of a WebP, up to the RIFF size or the first that does not fit. */
export function webpChunks(bytes: Uint8Array): RiffChunk[] {
  const chunks: RiffChunk[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) return chunks;
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  let at = 12;
  while (at + 8 <= riffEnd && chunks.length < 1024) {
    const size = view.getUint32(at + 4, true);
    const dataEnd = at + 8 + size;
    if (dataEnd > riffEnd) break;
    const end = Math.min(riffEnd, dataEnd + (size & 1));
    chunks.push({
      fourcc: ascii(bytes, at, 4),
      start: at,
      end,
      data: bytes.subarray(at + 8, dataEnd),
    });
    at = end;
  }
  return chunks;
}

/** `length` bytes at `offset` as ASCII ('' past the end). */
export function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (offset + length > bytes.length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
