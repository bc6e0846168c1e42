// A thumbnail for video: a poster frame taken a little way in, since many videos open on black
// or a fade. Needs a `<video>` element, so it runs on the main thread, within a time budget.
import { createInertObjectURL } from '../object-url-cache';
import {
  createPreviewCanvas,
  encodePreview,
  type PreviewContext,
  type PreviewRequest,
} from './preview-canvas';
import { fitWithin, type RenderedThumbnail } from './thumbnail-render';

/** The whole poster (metadata, seeks, drawing) gives up after this long: no thumbnail then. */
export const POSTER_BUDGET_MS = 5000;
/** Frames whose mean luminance (0–255) is below this count as black. */
const BLACK_LUMINANCE = 12;

/**
 * When to take the poster: 10 % into the video, past a fade-in or a black leader, but no later
 * than 5 s, so a long file without a seek index is not read far for its poster. 0 when the
 * duration is unknown.
 */
export function posterTime(duration: number): number {
  if (!Number.isFinite(duration) || duration <= 0) return 0;
  return Math.min(duration * 0.1, 5);
}

/** The one later try when the first frame was black: half-way, at most 30 s in. */
export function laterPosterTime(duration: number): number {
  if (!Number.isFinite(duration) || duration <= 0) return 0;
  return Math.min(duration * 0.5, 30);
}

/** Mean luminance (Rec. 601, 0–255) of RGBA pixels. */
export function meanLuminance(rgba: Uint8ClampedArray): number {
  let sum = 0;
  const count = Math.floor(rgba.length / 4);
  if (count === 0) return 0;
  for (let i = 0; i < count * 4; i += 4) {
    sum += 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
  }
  return sum / count;
}

/**
 * Draws a frame about 10 % in (see {@link posterTime}) at thumbnail size and encodes it as an
 * image thumbnail is encoded. A black frame is replaced by one half-way in, tried once.
 * Resolves `undefined` without a DOM, when the browser can't decode the video, and when it
 * takes longer than {@link POSTER_BUDGET_MS}. The element is detached and muted, reads only
 * metadata until asked to seek, and its object URL is revoked after. Never throws.
 */
export async function createVideoPoster(
  blob: Blob,
  request: PreviewRequest,
  budgetMs = POSTER_BUDGET_MS,
): Promise<RenderedThumbnail | undefined> {
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') {
    return undefined;
  }
  const video = document.createElement('video');
  const url = createInertObjectURL(blob);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  try {
    video.muted = true;
    video.preload = 'metadata';
    video.playsInline = true;
    video.src = url;
    await waitFor(video, 'loadedmetadata', controller.signal);
    if (video.videoWidth === 0 || video.videoHeight === 0) return undefined;
    const duration = await knownDuration(video, controller.signal);
    const { width, height } = fitWithin(video.videoWidth, video.videoHeight, request.maxSize);
    const canvas = createPreviewCanvas(width, height);
    if (!canvas) return undefined;
    await seek(video, posterTime(duration), controller.signal);
    canvas.context.drawImage(video, 0, 0, width, height);
    if (isBlack(canvas.context, width, height)) {
      const later = laterPosterTime(duration);
      if (later > video.currentTime) {
        await seek(video, later, controller.signal);
        canvas.context.drawImage(video, 0, 0, width, height);
      }
    }
    return await encodePreview(canvas, request, width, height);
  } catch {
    // A decode error, the budget spent, a canvas the browser would not read back.
    return undefined;
  } finally {
    clearTimeout(timer);
    controller.abort();
    URL.revokeObjectURL(url);
    video.removeAttribute('src');
    try {
      video.load(); // releases the decoder and the blob
    } catch {
      // DOM emulations without media support have nothing to release.
    }
  }
}

function isBlack(context: PreviewContext, width: number, height: number): boolean {
  return meanLuminance(context.getImageData(0, 0, width, height).data) < BLACK_LUMINANCE;
}

/** Resolves on the event, rejects on a media error or when the signal aborts. */
function waitFor(video: HTMLVideoElement, event: string, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('video poster timed out'));
      return;
    }
    const done = new AbortController();
    const finish = (error?: Error) => {
      done.abort();
      if (error) reject(error);
      else resolve();
    };
    video.addEventListener(event, () => finish(), { signal: done.signal });
    video.addEventListener('error', () => finish(new Error('video did not decode')), {
      signal: done.signal,
    });
    signal.addEventListener('abort', () => finish(new Error('video poster timed out')), {
      signal: done.signal,
    });
  });
}

/**
 * The duration, finding it when the file does not say: recordings made in a browser often
 * carry none, and seeking far past the end makes the browser scan to the real end.
 */
async function knownDuration(video: HTMLVideoElement, signal: AbortSignal): Promise<number> {
  if (video.duration !== Number.POSITIVE_INFINITY) return video.duration;
  await seek(video, Number.MAX_SAFE_INTEGER, signal, false);
  return video.duration;
}

async function seek(
  video: HTMLVideoElement,
  time: number,
  signal: AbortSignal,
  frame = true,
): Promise<void> {
  const seeked = waitFor(video, 'seeked', signal);
  video.currentTime = time;
  await seeked;
  // Past the seek, the frame itself may still be on its way.
  if (frame && video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
    await waitFor(video, 'loadeddata', signal);
  }
}
