// Thumbnails for the grid: the longest side scaled to fit, transparency kept. Made in a small
// pool of module Workers where the browser has OffscreenCanvas, else on the main thread, else
// not at all.
// A thumbnail is always a raster image, so opening its URL as a page never runs anything.
import { createInertObjectURL } from '../object-url-cache';
import type { AssetKind } from '../types';
import { readSvgSize } from './image-size';
import { SNIFF_BYTES, sniffType } from './sniff';
import { createThumbnailPool, type ThumbnailPool } from './thumbnail-pool';
import {
  canRenderOffscreen,
  fitWithin,
  imageElementWorks,
  keepIfHelpful,
  paint,
  type RenderedThumbnail,
  type RenderOutcome,
  type RenderRequest,
  renderOffscreen,
} from './thumbnail-render';

/** A thumbnail. `type` is what was really encoded (PNG where the browser can't encode WebP). */
export type Thumbnail = RenderedThumbnail;

/** Options of {@link createThumbnail}. */
export interface ThumbnailOptions {
  /** Longest side in pixels. The library passes 400. */
  maxSize: number;
  /** Wished output type. Default 'image/webp' (keeps alpha, small); PNG where unsupported. */
  type?: string;
  /** Quality of lossy types, 0–1. Default 0.85. */
  quality?: number;
  /** Set false to stay on the main thread (e.g. where workers are forbidden). Default true. */
  worker?: boolean;
  /**
   * Called when the browser's decoder refused the bytes (a damaged file, or a format this
   * browser can't read), as opposed to no thumbnail being needed or no decoder being at hand
   * (Node). The import marks such files `unreadable`.
   */
  onUndecodable?: () => void;
  /**
   * The kind the import settled on (from the name or declared type as well as the bytes). Only
   * when it is given as video, audio or text is that preview made; without it, only images get
   * a thumbnail.
   */
  kind?: AssetKind;
  /** Seconds, when measured: audio longer than the waveform's cap is not decoded. */
  duration?: number;
  /**
   * The blob's first bytes (at least 4 KB, or all of a smaller blob), when the caller has read
   * them already: the type and size are read from them, so the file is read only to decode it.
   * They go to the worker with the request, so pass a copy of a few KB, not a view into the
   * whole file (a view's whole buffer would be copied).
   */
  head?: Uint8Array;
}

/** How many thumbnails each path made since the page loaded; for tests and diagnostics. */
export interface ThumbnailStats {
  worker: number;
  mainThread: number;
  workersStarted: number;
}

const stats: ThumbnailStats = { worker: 0, mainThread: 0, workersStarted: 0 };
/** A worker is ended after this long without work, so an idle page holds no thread. */
const WORKER_IDLE_MS = 10_000;
/** Most thumbnail workers at once (fewer on a one-core machine). */
const WORKER_POOL_SIZE = 2;
/**
 * Images each worker holds at once: while one is encoded the next is already decoding, so the
 * worker never waits on a round trip to the page (bench/browser/thumbnails measures the pool).
 */
const WORKER_IN_FLIGHT = 3;
/** A request the worker has not answered by then goes to the main thread instead. */
const WORKER_TIMEOUT_MS = 30_000;

/**
 * Makes a thumbnail whose longest side is at most `maxSize`, keeping transparency.
 *
 * Runs in a module Worker (a pool of up to two, started on demand, ended when idle) where
 * `Worker`, `OffscreenCanvas` and `createImageBitmap` exist; falls back to the main thread (OffscreenCanvas, or a canvas
 * element). SVG is rasterised on the main thread, where an `<img>` runs none of its script or
 * handlers, from a `data:` URL, so no blob URL of it ever exists on this origin; its raster
 * thumbnail is always kept, since the SVG itself must never stand in as a thumbnail. Never
 * throws.
 *
 * Resolves `undefined` when there is nothing useful to make: no canvas at all (Node), not an
 * image, or an image the browser can't decode (e.g. TIFF or HEIC in Chromium). An image that
 * already fits within `maxSize` keeps its size and gets a thumbnail only when the re-encoded
 * bytes are at most 75% of the original (see `SMALL_IMAGE_GAIN`); otherwise the original
 * itself is the better thumbnail and `undefined` is returned. Asked with `kind`, video gets a
 * poster frame, audio its waveform and text its first lines, each drawn by a module loaded on
 * first use; `undefined` when that fails or runs out of time.
 *
 * @example
 * const thumb = await createThumbnail(file, { maxSize: 400 });
 * if (thumb) await blobStore.put(`${id}.thumb`, thumb.blob);
 */
export async function createThumbnail(
  blob: Blob,
  options: ThumbnailOptions,
): Promise<Thumbnail | undefined> {
  try {
    const head = options.head ?? new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
    const sniffed = sniffType(head.subarray(0, SNIFF_BYTES), undefined, blob.type);
    const kind = options.kind ?? (sniffed.kind === 'image' ? 'image' : undefined);
    const request: RenderRequest = {
      blob,
      maxSize: Math.max(1, Math.floor(options.maxSize)),
      type: options.type ?? 'image/webp',
      quality: options.quality ?? 0.85,
      head,
    };
    if (kind === 'video' || kind === 'audio' || kind === 'text') {
      return await renderPreview(kind, request, options.duration);
    }
    if (kind !== 'image') return undefined;
    const { mimeType } = sniffed;
    const outcome = await render(request, mimeType === 'image/svg+xml', options.worker !== false);
    if (outcome.undecodable) options.onUndecodable?.();
    return outcome.thumbnail;
  } catch {
    return undefined;
  }
}

/**
 * Video posters, waveforms and text previews: each module loads on the first file of its kind,
 * so an app importing only images never downloads them.
 */
async function renderPreview(
  kind: 'video' | 'audio' | 'text',
  request: RenderRequest,
  duration: number | undefined,
): Promise<Thumbnail | undefined> {
  if (kind === 'video') {
    const { createVideoPoster } = await import('./video-poster');
    return await createVideoPoster(request.blob, request);
  }
  if (kind === 'audio') {
    const { createAudioWaveform } = await import('./audio-waveform');
    return await createAudioWaveform(request.blob, {
      ...request,
      ...(duration !== undefined ? { duration } : {}),
    });
  }
  const { createTextPreview } = await import('./text-preview');
  return await createTextPreview(request.blob, request);
}

/** The one path a request takes: SVG on the main thread, else the worker, else this thread. */
async function render(
  request: RenderRequest,
  svg: boolean,
  worker: boolean,
): Promise<RenderOutcome> {
  if (svg) return await renderSvg(request);
  if (worker && workerUsable()) {
    try {
      const outcome = await renderInWorker(request);
      stats.worker++;
      return await secondOpinion(outcome, request);
    } catch {
      // The worker could not start or failed; the main thread can still do it.
    }
  }
  if (canRenderOffscreen()) {
    const outcome = await renderOffscreen(request);
    stats.mainThread++;
    return await secondOpinion(outcome, request);
  }
  return await renderWithDom(request);
}

/**
 * createImageBitmap is not the only decoder: Firefox's refuses a JPEG that does not start with
 * a JFIF header (as a phone photo starts with its EXIF block) while its `<img>` shows it. So
 * before calling bytes undecodable, an `<img>` on the main thread gets to try them too.
 */
async function secondOpinion(
  outcome: RenderOutcome,
  request: RenderRequest,
): Promise<RenderOutcome> {
  if (!outcome.undecodable || typeof document === 'undefined') return outcome;
  return await renderWithDom(request);
}

/** Counts of thumbnails made per path, to check that the worker path is taken. */
export function getThumbnailStats(): Readonly<ThumbnailStats> {
  return { ...stats };
}

/** Ends the thumbnail workers now (they also end themselves when idle). Pending requests fall back. */
export function terminateThumbnailWorker(): void {
  pool?.terminate();
}

// ---------------------------------------------------------------------------------------------
// Worker pool client

let pool: ThumbnailPool | undefined;
/** Set once a worker failed to load, so later calls don't keep trying. */
let workerBroken = false;

function workerUsable(): boolean {
  return !workerBroken && typeof Worker === 'function' && canRenderOffscreen();
}

/** Two workers where the machine has two cores or more (see thumbnail-pool.ts for why). */
function poolSize(): number {
  const cores = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency;
  return Math.max(1, Math.min(WORKER_POOL_SIZE, cores || WORKER_POOL_SIZE));
}

function renderInWorker(request: RenderRequest): Promise<RenderOutcome> {
  pool ??= createThumbnailPool({
    createWorker: () => {
      const worker = new Worker(new URL('./thumbnail-worker.ts', import.meta.url), {
        type: 'module',
      });
      stats.workersStarted++;
      return worker;
    },
    size: poolSize(),
    inFlight: WORKER_IN_FLIGHT,
    idleMs: WORKER_IDLE_MS,
    timeoutMs: WORKER_TIMEOUT_MS,
    onBroken: () => {
      workerBroken = true;
    },
  });
  return pool.render(request);
}

// ---------------------------------------------------------------------------------------------
// Main thread with a DOM: canvas elements, and <img> for SVG

/** An `<img>` refused the bytes: they are bad if it decodes good ones (not an emulated DOM). */
async function undecodable(): Promise<RenderOutcome> {
  return (await imageElementWorks()) ? { undecodable: true } : {};
}

/** Decodes through an `<img>`; false when the decoder refuses the bytes. */
async function decodes(image: HTMLImageElement, src: string): Promise<boolean> {
  image.src = src;
  try {
    await image.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * SVG through an `<img>` (script, handlers and external loads are off there) from a `data:`
 * URL: opened as a page, a `data:` URL has an opaque origin and top-level navigation to it is
 * blocked, so unlike a blob URL it can't reach this origin's storage even if it leaked.
 */
async function renderSvg(request: RenderRequest): Promise<RenderOutcome> {
  if (typeof document === 'undefined' || typeof FileReader !== 'function') return {};
  const typed =
    request.blob.type === 'image/svg+xml'
      ? request.blob
      : request.blob.slice(0, request.blob.size, 'image/svg+xml');
  const image = new Image();
  if (!(await decodes(image, await dataUrlOf(typed)))) return await undecodable();
  let naturalWidth = image.naturalWidth;
  let naturalHeight = image.naturalHeight;
  if (naturalWidth === 0 || naturalHeight === 0) {
    // An SVG with neither width/height nor viewBox has no size of its own.
    const size = readSvgSize(await request.blob.slice(0, 64 * 1024).text());
    naturalWidth = size?.width ?? request.maxSize;
    naturalHeight = size?.height ?? request.maxSize;
  }
  const { width, height } = fitWithin(naturalWidth, naturalHeight, request.maxSize);
  try {
    const encoded = await drawAndEncode(image, width, height, request);
    stats.mainThread++;
    // Kept even when bigger than the SVG: the SVG may not serve as its own thumbnail.
    return encoded
      ? { thumbnail: { blob: encoded, type: encoded.type || request.type, width, height } }
      : {};
  } catch {
    // A canvas the browser taints (some SVG content) can't be read back: no thumbnail.
    return {};
  }
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

async function drawAndEncode(
  image: HTMLImageElement,
  width: number,
  height: number,
  request: RenderRequest,
): Promise<Blob | null> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    paint(context, image, width, height, request.type);
    return await canvas.convertToBlob({ type: request.type, quality: request.quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  paint(context, image, width, height, request.type);
  return await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, request.type, request.quality),
  );
}

/** A raster image where the realm has no OffscreenCanvas (older browsers). */
async function renderWithDom(request: RenderRequest): Promise<RenderOutcome> {
  if (typeof document === 'undefined') return {};
  const url = createInertObjectURL(request.blob);
  try {
    const image = new Image();
    if (!(await decodes(image, url))) return await undecodable();
    const { naturalWidth, naturalHeight } = image;
    if (naturalWidth === 0 || naturalHeight === 0) return await undecodable();
    const { width, height } = fitWithin(naturalWidth, naturalHeight, request.maxSize);
    const encoded = await drawAndEncode(image, width, height, request);
    stats.mainThread++;
    if (!encoded) return {};
    const thumbnail = keepIfHelpful(encoded, request, naturalWidth, naturalHeight, width, height);
    return thumbnail ? { thumbnail } : {};
  } catch {
    return {};
  } finally {
    URL.revokeObjectURL(url);
  }
}
