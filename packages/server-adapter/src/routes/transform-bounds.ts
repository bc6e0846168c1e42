// What keeps the transform route from amplifying: the output size is worked out from the
// options and the image header before any pixel is decoded, and sharp runs a bounded number of
// jobs per process with its operation cache off, so memory returns to its level after a burst.
import sharp, { type Metadata } from 'sharp';
import { HttpError } from '../errors';

/** Size limits of one transform (see `ServerLimits`). */
export interface TransformBounds {
  /** Largest decoded input, in pixels. */
  maxInputPixels: number;
  /** Longest output side, in pixels. */
  maxOutputSide: number;
  /** Largest output, in pixels. */
  maxOutputPixels: number;
}

export const defaultTransformBounds: TransformBounds = {
  maxInputPixels: 100_000_000,
  maxOutputSide: 4096,
  maxOutputPixels: 16_777_216,
};

const tooLarge = (field: 'width' | 'height', message: string) =>
  new HttpError(400, 'invalid_request', message, { field });

/**
 * Refuses an asked-for output side or area beyond the bounds. `derived` names a side the caller
 * did not give but that follows from the input's aspect ratio; the refusal then names the side
 * they did give, the one they can change.
 */
export function checkOutputSize(
  size: { width: number | undefined; height: number | undefined },
  bounds: TransformBounds,
  asked: { width: boolean; height: boolean } = {
    width: size.width !== undefined,
    height: size.height !== undefined,
  },
): void {
  const blame = (side: 'width' | 'height'): 'width' | 'height' =>
    asked[side] ? side : side === 'width' ? 'height' : 'width';
  for (const side of ['width', 'height'] as const) {
    const value = size[side];
    if (value !== undefined && value > bounds.maxOutputSide) {
      const field = blame(side);
      throw tooLarge(
        field,
        asked[side]
          ? `${side} is ${value}; this server makes images of at most ${bounds.maxOutputSide} px on a side. Ask for a smaller size.`
          : `With this image's aspect ratio, ${field} ${size[field]} makes the ${side} ${value} px; this server makes images of at most ${bounds.maxOutputSide} px on a side. Ask for a smaller ${field}.`,
      );
    }
  }
  if (size.width !== undefined && size.height !== undefined) {
    const pixels = size.width * size.height;
    if (pixels > bounds.maxOutputPixels) {
      const field = blame(size.width >= size.height ? 'width' : 'height');
      throw tooLarge(
        field,
        `${size.width} × ${size.height} is ${pixels} pixels; this server makes images of at most ${bounds.maxOutputPixels} pixels. Ask for a smaller size.`,
      );
    }
  }
}

/**
 * Refuses a cover crop whose intermediate is too large: filling `size` scales the whole input
 * by the larger of the two ratios before cutting, so a 1×100 image cropped to 4096×1 would
 * first become 4096×409600. Only upscales can grow past the input, which is capped already.
 */
export function checkCropScale(
  source: { width: number; height: number },
  size: { width: number; height: number },
  bounds: TransformBounds,
): void {
  const byWidth = size.width / source.width;
  const byHeight = size.height / source.height;
  const scale = Math.max(byWidth, byHeight);
  if (scale <= 1) return;
  const width = Math.ceil(source.width * scale);
  const height = Math.ceil(source.height * scale);
  if (width * height <= bounds.maxOutputPixels) return;
  throw tooLarge(
    byWidth >= byHeight ? 'width' : 'height',
    `Cropping this ${source.width} × ${source.height} image to ${size.width} × ${size.height} first scales it to ${width} × ${height} pixels; this server scales to at most ${bounds.maxOutputPixels} pixels. Ask for a smaller size, an aspect ratio closer to the image's, or crop=fit.`,
  );
}

/**
 * The upright size of the input from its header alone (no decode), refusing one over the input
 * pixel limit with 413 and bytes that are no readable image with 400.
 */
export async function readInputSize(
  input: Uint8Array,
  maxInputPixels: number,
): Promise<{ width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new HttpError(
      400,
      'invalid_image',
      'The image could not be decoded; it may be truncated or corrupt.',
    );
  }
  const { width, height } = meta;
  if (!width || !height) {
    throw new HttpError(400, 'invalid_image', 'The image header gives no size; send another one.');
  }
  if (width * height > maxInputPixels) {
    throw new HttpError(
      413,
      'payload_too_large',
      `The image has more than ${maxInputPixels} pixels; send a smaller one.`,
    );
  }
  // EXIF orientations 5–8 turn the image a quarter, so rotate() swaps its sides.
  const turned = (meta.orientation ?? 1) >= 5;
  return turned ? { width: height, height: width } : { width, height };
}

interface Waiter {
  grant: () => void;
}

const slots = { limit: 2, running: 0, waiting: [] as Waiter[] };

/**
 * Sets the process-wide transform limits: `maxConcurrent` sharp jobs at once (the last app
 * made in the process decides), one libvips thread each, and no libvips operation cache (a
 * server rarely repeats an operation, and the cache holds decoded images).
 */
export function configureTransforms(options: { maxConcurrent: number }): void {
  slots.limit = Math.max(1, Math.floor(options.maxConcurrent) || 1);
  sharp.cache(false);
  sharp.concurrency(1);
}

/** Running and waiting transforms in this process, for tests and the benchmark. */
export function transformStats(): { running: number; waiting: number; limit: number } {
  return { running: slots.running, waiting: slots.waiting.length, limit: slots.limit };
}

/**
 * Runs `work` once one of the process's transform slots is free. A queue longer than four
 * times the slots is refused at once with 429 `server_busy`; an abort while waiting leaves it.
 */
export async function withTransformSlot<T>(
  work: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  if (slots.running >= slots.limit) {
    if (slots.waiting.length >= slots.limit * 4) {
      throw new HttpError(
        429,
        'server_busy',
        'The server is transforming as many images as it allows at once; try again in a few seconds.',
        { retryable: true, retryAfterMs: 2000 },
      );
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = slots.waiting.indexOf(waiter);
        if (index >= 0) slots.waiting.splice(index, 1);
        reject(new HttpError(499, 'canceled', 'The client went away before its transform ran.'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      slots.waiting.push(waiter);
    });
  } else {
    slots.running++;
  }
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter, so `running` only drops when none waits.
    const next = slots.waiting.shift();
    if (next) next.grant();
    else slots.running--;
  }
}
