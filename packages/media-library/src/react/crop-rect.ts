// The arithmetic of a crop rectangle over an image: drawn between two points, moved, resized,
// always whole pixels inside the image and, when a ratio is fixed, of that ratio.
import type { CropRect } from '../core/edit/transform-asset';

/** The image's size in pixels. */
export interface CropBounds {
  width: number;
  height: number;
}

/** The largest centred rectangle of `aspect` (width ÷ height) in the image, or all of it. */
export function fullCrop(bounds: CropBounds, aspect?: number): CropRect {
  if (!aspect) return { x: 0, y: 0, width: bounds.width, height: bounds.height };
  let width = bounds.width;
  let height = Math.round(width / aspect);
  if (height > bounds.height) {
    height = bounds.height;
    width = Math.round(height * aspect);
  }
  return fitInside(
    { x: (bounds.width - width) / 2, y: (bounds.height - height) / 2, width, height },
    bounds,
  );
}

/**
 * The rectangle between `from` (where the drag started) and `to`, in image pixels: with
 * `aspect`, the height follows the width (as far as the image allows), growing from `from`.
 */
export function rectBetween(
  from: { x: number; y: number },
  to: { x: number; y: number },
  bounds: CropBounds,
  aspect?: number,
): CropRect {
  const start = { x: clamp(from.x, 0, bounds.width), y: clamp(from.y, 0, bounds.height) };
  const end = { x: clamp(to.x, 0, bounds.width), y: clamp(to.y, 0, bounds.height) };
  let width = Math.abs(end.x - start.x);
  let height = Math.abs(end.y - start.y);
  const right = end.x >= start.x;
  const down = end.y >= start.y;
  if (aspect) {
    // Room from the start point in the drag's direction bounds both sides.
    const roomX = right ? bounds.width - start.x : start.x;
    const roomY = down ? bounds.height - start.y : start.y;
    width = Math.min(Math.max(width, height * aspect), roomX, roomY * aspect);
    height = width / aspect;
  }
  const x = right ? start.x : start.x - width;
  const y = down ? start.y : start.y - height;
  return fitInside({ x, y, width, height }, bounds);
}

/** `rect` moved by `dx`, `dy` pixels, stopped at the image's edges. */
export function moveRect(rect: CropRect, dx: number, dy: number, bounds: CropBounds): CropRect {
  return {
    ...rect,
    x: clamp(Math.round(rect.x + dx), 0, bounds.width - rect.width),
    y: clamp(Math.round(rect.y + dy), 0, bounds.height - rect.height),
  };
}

/**
 * `rect` with its right and bottom edges moved by `dw`, `dh` pixels (at least 1 × 1, within the
 * image); with `aspect`, the height follows the width.
 */
export function resizeRect(
  rect: CropRect,
  dw: number,
  dh: number,
  bounds: CropBounds,
  aspect?: number,
): CropRect {
  let width = clamp(Math.round(rect.width + dw), 1, bounds.width - rect.x);
  let height = clamp(Math.round(rect.height + dh), 1, bounds.height - rect.y);
  if (aspect) {
    if (dw === 0) width = height * aspect;
    width = Math.min(width, bounds.width - rect.x, (bounds.height - rect.y) * aspect);
    height = width / aspect;
  }
  return fitInside({ x: rect.x, y: rect.y, width, height }, bounds);
}

/** Whole pixels, at least 1 × 1, inside the image. */
export function fitInside(rect: CropRect, bounds: CropBounds): CropRect {
  const width = clamp(Math.round(rect.width), 1, bounds.width);
  const height = clamp(Math.round(rect.height), 1, bounds.height);
  return {
    x: clamp(Math.round(rect.x), 0, bounds.width - width),
    y: clamp(Math.round(rect.y), 0, bounds.height - height),
    width,
    height,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
