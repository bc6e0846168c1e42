// A crop rectangle over an image, headless: drawn or moved with the pointer, moved with the
// arrow keys and resized with Shift and the arrows, free or held to a ratio. The area's props
// map the element's pixels to the image's, so any markup of the image's shape can host it.
import {
  type KeyboardEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import type { CropRect } from '../core/edit/transform-asset';
import { type CropBounds, fullCrop, moveRect, rectBetween, resizeRect } from './crop-rect';

/** Options of {@link useCropRect}. */
export interface UseCropRectOptions {
  /** The image's width in pixels (the rectangle is in these). */
  width: number;
  height: number;
  /** A fixed ratio as `"width:height"` (e.g. `"16:9"`); absent for a free rectangle. */
  aspect?: string | undefined;
}

/** Props for the element laid exactly over the image. */
export interface CropAreaProps {
  role: 'application';
  tabIndex: 0;
  'aria-label': string;
  'aria-roledescription': string;
  'data-state': 'idle' | 'dragging';
  style: { touchAction: 'none' };
  onPointerDown(event: PointerEvent<HTMLElement>): void;
  onPointerMove(event: PointerEvent<HTMLElement>): void;
  onPointerUp(event: PointerEvent<HTMLElement>): void;
  onPointerCancel(event: PointerEvent<HTMLElement>): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

/** What {@link useCropRect} returns. */
export interface UseCropRectResult {
  /** The rectangle, in whole image pixels, always inside the image. */
  rect: CropRect;
  setRect(rect: CropRect): void;
  /** Back to the whole image (or the largest centred area of the ratio). */
  reset(): void;
  /** The rectangle in words, for a live region: "Crop 400 × 300 at 10, 20". */
  description: string;
  getAreaProps(): CropAreaProps;
}

type Drag =
  | { kind: 'draw'; from: { x: number; y: number } }
  | { kind: 'move'; from: { x: number; y: number }; start: CropRect };

/**
 * Drives a crop rectangle over a `width` × `height` image. A drag outside the rectangle draws
 * a new one, inside it moves it; the arrow keys move it by 1% of the image's longer side, with
 * Shift they move its right or bottom edge, Home takes the whole image again.
 *
 * @example
 * const crop = useCropRect({ width: asset.width, height: asset.height, aspect: '4:5' });
 * return (
 *   <div style={{ position: 'relative' }}>
 *     <img src={url} alt="" />
 *     <div {...crop.getAreaProps()} style={{ position: 'absolute', inset: 0 }} />
 *     <button onClick={() => transformAsset(library, asset.id, { crop: crop.rect })}>Crop</button>
 *   </div>
 * );
 */
export function useCropRect({ width, height, aspect }: UseCropRectOptions): UseCropRectResult {
  const ratio = parseRatio(aspect);
  const bounds: CropBounds = { width, height };
  const [rect, setRect] = useState<CropRect>(() => fullCrop(bounds, ratio));
  const [dragging, setDragging] = useState(false);
  const drag = useRef<Drag>(undefined);

  // A new ratio or image starts from its largest centred area.
  useEffect(() => setRect(fullCrop({ width, height }, ratio)), [width, height, ratio]);

  const reset = useCallback(
    () => setRect(fullCrop({ width, height }, ratio)),
    [width, height, ratio],
  );

  const pointOf = (event: PointerEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) / (box.width || 1)) * width,
      y: ((event.clientY - box.top) / (box.height || 1)) * height,
    };
  };

  const getAreaProps = (): CropAreaProps => ({
    role: 'application',
    tabIndex: 0,
    'aria-label': 'Crop area',
    'aria-roledescription': 'crop rectangle: arrows move it, Shift and arrows resize it',
    'data-state': dragging ? 'dragging' : 'idle',
    style: { touchAction: 'none' },
    onPointerDown(event) {
      if (event.button !== 0) return;
      const point = pointOf(event);
      const inside =
        point.x >= rect.x &&
        point.x <= rect.x + rect.width &&
        point.y >= rect.y &&
        point.y <= rect.y + rect.height;
      drag.current = inside
        ? { kind: 'move', from: point, start: rect }
        : { kind: 'draw', from: point };
      event.currentTarget.setPointerCapture?.(event.pointerId);
      setDragging(true);
    },
    onPointerMove(event) {
      const current = drag.current;
      if (!current) return;
      const point = pointOf(event);
      if (current.kind === 'move') {
        setRect(
          moveRect(current.start, point.x - current.from.x, point.y - current.from.y, bounds),
        );
      } else {
        setRect(rectBetween(current.from, point, bounds, ratio));
      }
    },
    onPointerUp() {
      drag.current = undefined;
      setDragging(false);
    },
    onPointerCancel() {
      drag.current = undefined;
      setDragging(false);
    },
    onKeyDown(event) {
      const step = Math.max(1, Math.round(Math.max(width, height) / 100));
      const delta = ARROWS[event.key];
      if (event.key === 'Home') setRect(fullCrop(bounds, ratio));
      else if (!delta) return;
      else if (event.shiftKey) {
        setRect(resizeRect(rect, delta[0] * step, delta[1] * step, bounds, ratio));
      } else setRect(moveRect(rect, delta[0] * step, delta[1] * step, bounds));
      event.preventDefault();
    },
  });

  return {
    rect,
    setRect,
    reset,
    description: `Crop ${rect.width} × ${rect.height} at ${rect.x}, ${rect.y}`,
    getAreaProps,
  };
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** "16:9" as 16/9; anything else (absent, "free", malformed) as no ratio. */
function parseRatio(aspect: string | undefined): number | undefined {
  const match = aspect ? /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(aspect) : null;
  const w = match ? Number(match[1]) : 0;
  const h = match ? Number(match[2]) : 0;
  return w > 0 && h > 0 ? w / h : undefined;
}
