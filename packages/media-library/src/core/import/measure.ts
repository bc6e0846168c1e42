// Dimensions and duration of an imported file, for the asset record. Cheap header parsing
// first (works in Node), the browser's decoders only when headers don't tell.
import { createInertObjectURL } from '../object-url-cache';
import type { AssetKind } from '../types';
import { readImageSize, readSvgSize } from './image-size';
import { bitmapDecoderWorks } from './thumbnail-render';

/** What `measureMedia` could find out; every field is missing when it could not. */
export interface MediaMeasurements {
  width?: number;
  height?: number;
  /** Seconds. */
  duration?: number;
  /** Pages of a PDF, found while drawing its thumbnail. */
  pageCount?: number;
}

/** Options of {@link measureMedia}. */
export interface MeasureOptions {
  /** How long to wait for a media element to read a video's or audio's metadata. Default 5000. */
  timeoutMs?: number;
  /**
   * The blob's first bytes, when the caller has already read them (the import has, for the
   * hash): header reads within them need no new read of the blob.
   */
  head?: Uint8Array;
}

/** SVGs bigger than this are not read as text for their size (the root tag is near the top). */
const SVG_READ_BYTES = 64 * 1024;

/**
 * Width and height of an image or video, and duration of a video or audio, in display terms.
 *
 * Images: from the file header for PNG, JPEG (EXIF rotation applied), GIF, WebP, BMP and
 * AVIF/HEIC; SVG from its `width`/`height`/`viewBox`; otherwise by decoding with
 * `createImageBitmap` where it exists. Video and audio: through a detached media element where
 * a DOM exists, within `timeoutMs`. Never throws: what cannot be read is left out, and an
 * unreadable file gives `{}`.
 *
 * @example
 * const { width, height } = await measureMedia(file, 'image', 'image/png');
 */
export async function measureMedia(
  blob: Blob,
  kind: AssetKind,
  mimeType: string,
  options: MeasureOptions = {},
): Promise<MediaMeasurements> {
  return (await probeMedia(blob, kind, mimeType, options)).measured;
}

/** What {@link probeMedia} found: the measurements, and whether the bytes failed to decode. */
export interface MediaProbe {
  measured: MediaMeasurements;
  /**
   * Set when the bytes are not what their type says: a PNG without its header, an image the
   * browser's decoder refused while measuring, a video or audio file the browser reported an
   * error for. Left unset when nothing could tell (Node, a timeout, a header that sufficed).
   */
  undecodable?: true;
}

/**
 * {@link measureMedia}, also saying when the bytes did not decode, which the import records as
 * `unreadable`. Never throws.
 */
export async function probeMedia(
  blob: Blob,
  kind: AssetKind,
  mimeType: string,
  options: MeasureOptions = {},
): Promise<MediaProbe> {
  try {
    if (kind === 'image') return await measureImage(blob, mimeType, options.head);
    if (kind === 'video' || kind === 'audio') {
      return await measureTimedMedia(blob, kind, options.timeoutMs ?? 5000);
    }
  } catch {
    // Damaged or unsupported media is still imported, just without measurements.
  }
  return { measured: {} };
}

async function measureImage(
  blob: Blob,
  mimeType: string,
  head: Uint8Array | undefined,
): Promise<MediaProbe> {
  if (mimeType === 'image/svg+xml') {
    return { measured: readSvgSize(await blob.slice(0, SVG_READ_BYTES).text()) ?? {} };
  }
  const fromHeader = await readImageSize(blob, head);
  if (fromHeader) return { measured: fromHeader };
  // Every PNG opens with its IHDR chunk: without a readable one, no decoder will take it.
  if (mimeType === 'image/png') return { measured: {}, undecodable: true };
  if (typeof createImageBitmap !== 'function') return { measured: {} };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    return (await bitmapDecoderWorks()) ? { measured: {}, undecodable: true } : { measured: {} };
  }
  try {
    return { measured: { width: bitmap.width, height: bitmap.height } };
  } finally {
    bitmap.close();
  }
}

async function measureTimedMedia(
  blob: Blob,
  kind: 'video' | 'audio',
  timeoutMs: number,
): Promise<MediaProbe> {
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') {
    return { measured: {} };
  }
  const element = document.createElement(kind);
  const url = createInertObjectURL(blob);
  const controller = new AbortController();
  const { signal } = controller;
  try {
    const loaded = await new Promise<'loaded' | 'error' | 'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs);
      signal.addEventListener('abort', () => clearTimeout(timer));
      element.addEventListener('loadedmetadata', () => resolve('loaded'), { signal });
      // Only a real media stack reports why (a MediaError with a code); emulations may not.
      element.addEventListener(
        'error',
        () => resolve(typeof element.error?.code === 'number' ? 'error' : 'timeout'),
        { signal },
      );
      element.preload = 'metadata';
      element.muted = true;
      element.src = url;
    });
    // A timeout says nothing about the bytes (a busy machine); an error from the element does.
    if (loaded === 'error') return { measured: {}, undecodable: true };
    if (loaded === 'timeout') return { measured: {} };
    let duration = element.duration;
    if (duration === Number.POSITIVE_INFINITY) {
      // Files from MediaRecorder often carry no duration; seeking far past the end makes the
      // browser scan to the real end and report it.
      duration = await new Promise<number>((resolve) => {
        const timer = setTimeout(() => resolve(Number.NaN), timeoutMs);
        signal.addEventListener('abort', () => clearTimeout(timer));
        element.addEventListener(
          'durationchange',
          () => {
            if (Number.isFinite(element.duration)) resolve(element.duration);
          },
          { signal },
        );
        element.currentTime = Number.MAX_SAFE_INTEGER;
      });
    }
    const result: MediaMeasurements = {};
    if (Number.isFinite(duration) && duration >= 0) result.duration = duration;
    if (element instanceof HTMLVideoElement && element.videoWidth > 0) {
      result.width = element.videoWidth;
      result.height = element.videoHeight;
    }
    return { measured: result };
  } finally {
    controller.abort();
    URL.revokeObjectURL(url);
    element.removeAttribute('src');
    try {
      element.load(); // releases the decoder and the blob
    } catch {
      // DOM emulations without media support have nothing to release.
    }
  }
}
