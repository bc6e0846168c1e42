// The pixel work of an in-browser transform: decode once, draw the cropped area through one
// canvas transform (rotation and mirror together), encode. Loaded on the first transform.
import { MediaLibraryError } from '../errors';
import type { AssetTransform, CropRect } from './transform-asset';

/** Types the browser's canvas encodes; anything else is written as PNG. */
const ENCODABLE = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** The transformed image and what was done, in the parent's pixels. */
export interface TransformedImage {
  blob: Blob;
  width: number;
  height: number;
  /** The crop rectangle used, when the transform cropped. */
  crop: CropRect | undefined;
}

/**
 * Applies `transform` to `blob`: the crop first (in the original's pixels), then the clockwise
 * rotation, then the flip (as seen after the rotation).
 */
export async function transformImage(
  blob: Blob,
  transform: AssetTransform,
  maxPixels: number,
  tooLarge: (pixels: number) => Error,
): Promise<TransformedImage> {
  const bitmap = await decodeBounded(blob, maxPixels, tooLarge, 'edited');
  try {
    const crop = transform.crop
      ? resolveCrop(transform.crop, bitmap.width, bitmap.height)
      : undefined;
    const area = crop ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
    const quarter = transform.rotate === 90 || transform.rotate === 270;
    const width = quarter ? area.height : area.width;
    const height = quarter ? area.width : area.height;
    const canvas = makeCanvas(width, height);
    const context = context2d(canvas);
    // Set last-applied first: the flip acts on the rotated picture.
    if (transform.flip === 'horizontal') context.setTransform(-1, 0, 0, 1, width, 0);
    else if (transform.flip === 'vertical') context.setTransform(1, 0, 0, -1, 0, height);
    if (transform.rotate === 90) context.transform(0, 1, -1, 0, width, 0);
    else if (transform.rotate === 180) context.transform(-1, 0, 0, -1, width, height);
    else if (transform.rotate === 270) context.transform(0, -1, 1, 0, 0, height);
    context.drawImage(
      bitmap,
      area.x,
      area.y,
      area.width,
      area.height,
      0,
      0,
      area.width,
      area.height,
    );
    const out = await encodeOrPng(canvas, ENCODABLE.has(blob.type) ? blob.type : 'image/png');
    return { blob: out, width, height, crop };
  } finally {
    bitmap.close();
  }
}

/** The crop as whole pixels inside the image: a rectangle clamped, a ratio centred and largest. */
export function resolveCrop(
  crop: NonNullable<AssetTransform['crop']>,
  imageWidth: number,
  imageHeight: number,
): CropRect {
  if ('aspect' in crop) {
    const [w, h] = parseAspect(crop.aspect);
    let width = imageWidth;
    let height = Math.round((imageWidth * h) / w);
    if (height > imageHeight) {
      height = imageHeight;
      width = Math.round((imageHeight * w) / h);
    }
    width = Math.max(1, Math.min(width, imageWidth));
    height = Math.max(1, Math.min(height, imageHeight));
    return {
      x: Math.floor((imageWidth - width) / 2),
      y: Math.floor((imageHeight - height) / 2),
      width,
      height,
    };
  }
  const x = clamp(Math.round(crop.x), 0, imageWidth);
  const y = clamp(Math.round(crop.y), 0, imageHeight);
  const width = clamp(Math.round(crop.x + crop.width), 0, imageWidth) - x;
  const height = clamp(Math.round(crop.y + crop.height), 0, imageHeight) - y;
  if (width < 1 || height < 1) {
    throw new MediaLibraryError(
      'invalid_input',
      `The crop (${crop.x}, ${crop.y}, ${crop.width} × ${crop.height}) leaves no pixels of this ` +
        `${imageWidth} × ${imageHeight} image; pick an area inside it.`,
    );
  }
  return { x, y, width, height };
}

/** "16:9" as [16, 9]; anything else is refused with what it should look like. */
export function parseAspect(aspect: string): [number, number] {
  const match = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(aspect);
  const w = match ? Number(match[1]) : 0;
  const h = match ? Number(match[2]) : 0;
  if (!(w > 0 && h > 0)) {
    throw new MediaLibraryError(
      'invalid_input',
      `"${aspect}" is not an aspect ratio; write it as width:height, e.g. "4:5" or "16:9".`,
    );
  }
  return [w, h];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Decodes `blob` for a canvas, refusing what the browser cannot read (`unreadable`) and what
 * holds more than `maxPixels` (`tooLarge`), so no edit decodes a decompression bomb in full.
 * `purpose` finishes "so it cannot be … here".
 */
export async function decodeBounded(
  blob: Blob,
  maxPixels: number,
  tooLarge: (pixels: number) => Error,
  purpose: 'edited' | 'exported',
): Promise<ImageBitmap> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch (cause) {
    throw new MediaLibraryError(
      'unreadable',
      `The browser could not decode this image, so it cannot be ${purpose} here; try a PNG, JPEG or WebP copy.`,
      { cause },
    );
  }
  const pixels = bitmap.width * bitmap.height;
  if (pixels > maxPixels) {
    bitmap.close();
    throw tooLarge(pixels);
  }
  return bitmap;
}

/** The canvas's 2D context, or a typed error when the browser gives none (out of memory). */
export function context2d(
  canvas: OffscreenCanvas | HTMLCanvasElement,
): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d') as
    | CanvasRenderingContext2D
    | OffscreenCanvasRenderingContext2D
    | null;
  if (!context) {
    throw new MediaLibraryError(
      'storage_unavailable',
      'This browser gave no 2D canvas (out of memory?); close other tabs and try again.',
    );
  }
  return context;
}

/** Encodes as `type`, or as PNG where the browser silently wrote something else (WebP in older Safari). */
export async function encodeOrPng(
  canvas: OffscreenCanvas | HTMLCanvasElement,
  type: string,
): Promise<Blob> {
  const out = await encode(canvas, type);
  return out.type !== type && out.type !== 'image/png' ? encode(canvas, 'image/png') : out;
}

export function makeCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export async function encode(
  canvas: OffscreenCanvas | HTMLCanvasElement,
  type: string,
): Promise<Blob> {
  const quality = type === 'image/png' ? undefined : 0.92;
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob(
      (blob) =>
        blob
          ? resolve(blob)
          : reject(
              new MediaLibraryError(
                'storage_unavailable',
                'The browser could not encode the edited image (out of memory?); try a smaller one.',
              ),
            ),
      type,
      quality,
    );
  });
}
