// The thumbnail drawing itself, shared by the worker and the main-thread fallback: decode,
// scale so the longest side fits, encode. No DOM needed when OffscreenCanvas exists.
import { readImageSize } from './image-size';

/** A made thumbnail. `type` is what the browser really encoded, which may differ from asked. */
export interface RenderedThumbnail {
  blob: Blob;
  type: string;
  width: number;
  height: number;
}

/** A render's answer: the thumbnail (none when it would not help), or that nothing decoded. */
export interface RenderOutcome {
  thumbnail?: RenderedThumbnail;
  /** Set when the browser's decoder refused the bytes: damaged, or a format it can't read. */
  undecodable?: true;
}

/** What to render. `type` is the wished output type; `quality` is for lossy types. */
export interface RenderRequest {
  blob: Blob;
  maxSize: number;
  type: string;
  quality: number;
  /**
   * The blob's first bytes, when the caller has read them already (to tell its type): the
   * size is read from them, so the thread that renders reads the file only to decode it.
   */
  head?: Uint8Array;
}

/**
 * A thumbnail of an image that already fits is kept only when it is this much smaller than the
 * original; otherwise the original is the better thumbnail (sharper, and no second copy).
 */
export const SMALL_IMAGE_GAIN = 0.75;

/** Size that fits `maxSize` on the longest side, keeping the aspect ratio, never upscaling. */
export function fitWithin(
  width: number,
  height: number,
  maxSize: number,
): { width: number; height: number } {
  const scale = Math.min(1, maxSize / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** A valid 1×1 PNG, to find out once whether this realm's decoder is a real one. */
const PROBE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let bitmapProbe: Promise<boolean> | undefined;

/**
 * Whether `createImageBitmap` here decodes a known-good PNG. Only then does its refusing a file
 * say the file is bad: emulated DOMs (happy-dom in tests) refuse everything. Asked once.
 */
export function bitmapDecoderWorks(): Promise<boolean> {
  bitmapProbe ??= (async () => {
    try {
      const bytes = Uint8Array.from(atob(PROBE_PNG), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const works = bitmap.width === 1;
      bitmap.close();
      return works;
    } catch {
      return false;
    }
  })();
  return bitmapProbe;
}

let elementProbe: Promise<boolean> | undefined;

/** The same for an `<img>`: whether it decodes a known-good PNG to its real size. */
export function imageElementWorks(): Promise<boolean> {
  elementProbe ??= (async () => {
    try {
      const image = new Image();
      image.src = `data:image/png;base64,${PROBE_PNG}`;
      await image.decode();
      return image.naturalWidth === 1;
    } catch {
      return false;
    }
  })();
  return elementProbe;
}

/** Whether this realm can render thumbnails without a DOM. */
export function canRenderOffscreen(): boolean {
  return typeof OffscreenCanvas === 'function' && typeof createImageBitmap === 'function';
}

/**
 * Renders a thumbnail with createImageBitmap and OffscreenCanvas (a worker or the main thread).
 * Resolves without a thumbnail when it would not help, and with `undecodable` when the image
 * can't be decoded.
 */
export async function renderOffscreen(request: RenderRequest): Promise<RenderOutcome> {
  const { blob, maxSize } = request;
  // The header gives the size for free, so the decoder can scale while decoding (much cheaper
  // for big JPEGs than decoding full size and then drawing smaller).
  const natural = await readImageSize(blob, request.head).catch(() => undefined);
  let bitmap: ImageBitmap;
  let naturalWidth: number;
  let naturalHeight: number;
  try {
    if (natural) {
      const target = fitWithin(natural.width, natural.height, maxSize);
      bitmap = await createImageBitmap(blob, {
        resizeWidth: target.width,
        resizeHeight: target.height,
        resizeQuality: 'high',
      });
      naturalWidth = natural.width;
      naturalHeight = natural.height;
    } else {
      bitmap = await createImageBitmap(blob);
      naturalWidth = bitmap.width;
      naturalHeight = bitmap.height;
    }
  } catch {
    // Not decodable here (TIFF, HEIC, a damaged file), if the decoder is a real one.
    return (await bitmapDecoderWorks()) ? { undecodable: true } : {};
  }
  try {
    const { width, height } = fitWithin(naturalWidth, naturalHeight, maxSize);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return {};
    paint(context, bitmap, width, height, request.type);
    const encoded = await canvas.convertToBlob({ type: request.type, quality: request.quality });
    const thumbnail = keepIfHelpful(encoded, request, naturalWidth, naturalHeight, width, height);
    return thumbnail ? { thumbnail } : {};
  } finally {
    bitmap.close();
  }
}

/** Draws the source scaled onto a context; JPEG has no alpha, so it gets a white backdrop. */
export function paint(
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D,
  source: CanvasImageSource,
  width: number,
  height: number,
  type: string,
): void {
  if (type === 'image/jpeg') {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
  }
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
}

/** Applies the "only if it helps" rule for images that already fit. */
export function keepIfHelpful(
  encoded: Blob,
  request: RenderRequest,
  naturalWidth: number,
  naturalHeight: number,
  width: number,
  height: number,
): RenderedThumbnail | undefined {
  const fits = Math.max(naturalWidth, naturalHeight) <= request.maxSize;
  if (fits && encoded.size > request.blob.size * SMALL_IMAGE_GAIN) return undefined;
  // Browsers encode PNG when they can't encode the asked type: report what we really got.
  return { blob: encoded, type: encoded.type || request.type, width, height };
}
