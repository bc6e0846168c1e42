// Dimensions and duration of an imported file, for the asset record. Cheap header parsing
// first (works in Node), the browser's decoders only when headers don't tell.
import type { AssetKind } from '../types';
import { readImageSize, readSvgSize } from './image-size';

/** What `measureMedia` could find out; every field is missing when it could not. */
export interface MediaMeasurements {
  width?: number;
  height?: number;
  /** Seconds. */
  duration?: number;
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
  try {
    if (kind === 'image') return await measureImage(blob, mimeType, options.head);
    if (kind === 'video' || kind === 'audio') {
      return await measureTimedMedia(blob, kind, options.timeoutMs ?? 5000);
    }
  } catch {
    // Damaged or unsupported media is still imported, just without measurements.
  }
  return {};
}

async function measureImage(
  blob: Blob,
  mimeType: string,
  head: Uint8Array | undefined,
): Promise<MediaMeasurements> {
  if (mimeType === 'image/svg+xml') {
    return readSvgSize(await blob.slice(0, SVG_READ_BYTES).text()) ?? {};
  }
  const fromHeader = await readImageSize(blob, head);
  if (fromHeader) return fromHeader;
  if (typeof createImageBitmap !== 'function') return {};
  const bitmap = await createImageBitmap(blob);
  try {
    return { width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}

async function measureTimedMedia(
  blob: Blob,
  kind: 'video' | 'audio',
  timeoutMs: number,
): Promise<MediaMeasurements> {
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') return {};
  const element = document.createElement(kind);
  const url = URL.createObjectURL(blob);
  const controller = new AbortController();
  const { signal } = controller;
  try {
    const loaded = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      signal.addEventListener('abort', () => clearTimeout(timer));
      element.addEventListener('loadedmetadata', () => resolve(true), { signal });
      element.addEventListener('error', () => resolve(false), { signal });
      element.preload = 'metadata';
      element.muted = true;
      element.src = url;
    });
    if (!loaded) return {};
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
    return result;
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
