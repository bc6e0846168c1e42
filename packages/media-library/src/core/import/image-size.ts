// Image dimensions read from file headers, without decoding pixels: cheap, and it works in Node
// too. Dimensions are as displayed, so a JPEG whose EXIF says "rotate 90°" reports them swapped.

/** Width and height in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/** Random access to a Blob's bytes, read in windows so a header walk costs few reads. */
export class BlobByteReader {
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;

  /** `head`: the blob's first bytes when the caller already has them; reads within cost nothing. */
  constructor(
    private readonly blob: Blob,
    private readonly windowSize = 64 * 1024,
    head?: Uint8Array,
  ) {
    if (head) this.window = head.subarray(0, blob.size);
  }

  get size(): number {
    return this.blob.size;
  }

  /** `length` bytes from `offset` (fewer at the end of the blob). */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.blob.size);
    if (offset < this.windowStart || end > this.windowStart + this.window.length) {
      const windowEnd = Math.min(this.blob.size, offset + Math.max(length, this.windowSize));
      this.window = new Uint8Array(await this.blob.slice(offset, windowEnd).arrayBuffer());
      this.windowStart = offset;
    }
    return this.window.subarray(offset - this.windowStart, end - this.windowStart);
  }
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function hasAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

const valid = (size: ImageSize | undefined) =>
  size && size.width > 0 && size.height > 0 ? size : undefined;

/**
 * Dimensions from the header of a PNG, JPEG, GIF, WebP, BMP or AVIF/HEIC file, or undefined
 * when the format is not one of these or the header is damaged. `head`, the blob's first bytes
 * when the caller already read them, spares reading them again.
 */
export async function readImageSize(
  blob: Blob,
  preloaded?: Uint8Array,
): Promise<ImageSize | undefined> {
  const reader = new BlobByteReader(blob, undefined, preloaded);
  const head = await reader.read(0, 64);
  if (head.length < 10) return undefined;
  const v = view(head);
  if (hasAscii(head, 1, 'PNG') && hasAscii(head, 12, 'IHDR') && head.length >= 24) {
    return valid({ width: v.getUint32(16), height: v.getUint32(20) });
  }
  if (hasAscii(head, 0, 'GIF8')) {
    return valid({ width: v.getUint16(6, true), height: v.getUint16(8, true) });
  }
  if (head[0] === 0xff && head[1] === 0xd8) return valid(await readJpegSize(reader));
  if (hasAscii(head, 0, 'RIFF') && hasAscii(head, 8, 'WEBP')) return valid(readWebpSize(head));
  if (hasAscii(head, 0, 'BM') && head.length >= 26) {
    // The old OS/2 header (12 bytes) has 16-bit sides; every later one 32-bit.
    if (v.getUint32(14, true) === 12) {
      return valid({ width: v.getUint16(18, true), height: v.getUint16(20, true) });
    }
    const width = v.getInt32(18, true);
    // A negative height means the rows are stored top-down; the size is the same.
    const height = Math.abs(v.getInt32(22, true));
    return valid({ width, height });
  }
  if (hasAscii(head, 4, 'ftyp')) {
    return valid(readIspe(await reader.read(0, Math.min(blob.size, 64 * 1024))));
  }
  return undefined;
}

function readWebpSize(head: Uint8Array): ImageSize | undefined {
  const v = view(head);
  if (hasAscii(head, 12, 'VP8 ') && head.length >= 30) {
    // Lossy: 14-bit sizes after the key-frame start code.
    return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  }
  if (hasAscii(head, 12, 'VP8L') && head.length >= 25) {
    // Lossless: two 14-bit fields (minus one) packed after the 0x2f signature byte.
    const bits = v.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (hasAscii(head, 12, 'VP8X') && head.length >= 30) {
    // Extended (alpha, animation): 24-bit canvas sizes, minus one.
    const width = (head[24]! | (head[25]! << 8) | (head[26]! << 16)) + 1;
    const height = (head[27]! | (head[28]! << 8) | (head[29]! << 16)) + 1;
    return { width, height };
  }
  return undefined;
}

/** AVIF/HEIC: the first 'ispe' (image spatial extents) property is the primary image's. */
function readIspe(bytes: Uint8Array): ImageSize | undefined {
  for (let i = 4; i + 16 <= bytes.length; i++) {
    if (hasAscii(bytes, i, 'ispe')) {
      const v = view(bytes);
      return { width: v.getUint32(i + 8), height: v.getUint32(i + 12) };
    }
  }
  return undefined;
}

/** Walks the JPEG segments to the first start-of-frame, noting the EXIF orientation. */
async function readJpegSize(reader: BlobByteReader): Promise<ImageSize | undefined> {
  let offset = 2;
  let orientation = 1;
  // A real file reaches its frame header in a handful of segments; the cap stops loops on junk.
  for (let segments = 0; segments < 1000 && offset + 4 <= reader.size; segments++) {
    const marker = await reader.read(offset, 4);
    if (marker[0] !== 0xff) return undefined;
    const type = marker[1]!;
    if (type === 0xff) {
      offset++; // fill byte
      continue;
    }
    if (type === 0xd8 || type === 0x01 || (type >= 0xd0 && type <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (type === 0xda || type === 0xd9) return undefined; // scan data before any frame header
    const length = view(marker).getUint16(2);
    const isFrame = type >= 0xc0 && type <= 0xcf && type !== 0xc4 && type !== 0xc8 && type !== 0xcc;
    if (isFrame) {
      const frame = await reader.read(offset + 4, 5);
      if (frame.length < 5) return undefined;
      const height = view(frame).getUint16(1);
      const width = view(frame).getUint16(3);
      // EXIF orientations 5–8 turn the image by 90°, so the displayed sides swap.
      return orientation >= 5 ? { width: height, height: width } : { width, height };
    }
    if (type === 0xe1) {
      orientation = readExifOrientation(await reader.read(offset + 4, length - 2)) ?? orientation;
    }
    offset += 2 + length;
  }
  return undefined;
}

/** The Orientation tag (0x0112) of an APP1 "Exif" segment's first IFD. */
function readExifOrientation(app1: Uint8Array): number | undefined {
  if (!hasAscii(app1, 0, 'Exif\0\0') || app1.length < 14) return undefined;
  const tiff = app1.subarray(6);
  const v = view(tiff);
  const little = hasAscii(tiff, 0, 'II');
  const ifd = v.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const entries = v.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (v.getUint16(entry, little) === 0x0112) return v.getUint16(entry + 8, little);
  }
  return undefined;
}

/**
 * Dimensions of an SVG from its root element: `width`/`height` in px (or unitless), else the
 * `viewBox`, else one side and the viewBox's aspect ratio. Percentages count as missing.
 */
export function readSvgSize(text: string): ImageSize | undefined {
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!root) return undefined;
  const attribute = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1]?.trim();
  const length = (value: string | undefined) => {
    const match = value && /^([0-9]*\.?[0-9]+)(px)?$/.exec(value);
    return match ? Number(match[1]) : undefined;
  };
  const box = attribute('viewBox')
    ?.split(/[\s,]+/)
    .map(Number)
    .slice(2, 4);
  const boxWidth = box?.[0];
  const boxHeight = box?.[1];
  const hasBox = boxWidth !== undefined && boxHeight !== undefined && boxWidth > 0 && boxHeight > 0;
  let width = length(attribute('width'));
  let height = length(attribute('height'));
  if (hasBox) {
    if (width === undefined && height === undefined) {
      width = boxWidth;
      height = boxHeight;
    } else if (width === undefined && height !== undefined) {
      width = (height * boxWidth) / boxHeight;
    } else if (height === undefined && width !== undefined) {
      height = (width * boxHeight) / boxWidth;
    }
  }
  if (width === undefined || height === undefined) return undefined;
  return valid({ width: Math.round(width), height: Math.round(height) });
}
