// The viewer's zoom and pan arithmetic, apart from React: zooming about a point (the wheel's
// pointer, a pinch's midpoint), a pinch from its start, and the pan held so the image never
// leaves the stage. Points are CSS px from the stage's centre, where the fitted image's centre is.
import type { AssetViewerZoom } from './use-asset-viewer';

/** The stage's size and the fitted (scale 1) image's size, in CSS px. */
export interface ViewerBounds {
  stageWidth: number;
  stageHeight: number;
  contentWidth: number;
  contentHeight: number;
}

export interface Point {
  x: number;
  y: number;
}

/** The fitted view. */
export const FITTED: AssetViewerZoom = { scale: 1, x: 0, y: 0 };

/**
 * Holds the pan so the image can't be dragged out of view: along an axis where the zoomed
 * image is larger than the stage its edges stay at or beyond the stage's edges; where it is
 * smaller it stays centred. Without bounds (nothing measured yet) the pan is left as is.
 */
export function clampPan(zoom: AssetViewerZoom, bounds?: ViewerBounds): AssetViewerZoom {
  if (zoom.scale === 1) return FITTED;
  if (!bounds) return zoom;
  const limitX = Math.max(0, (bounds.contentWidth * zoom.scale - bounds.stageWidth) / 2);
  const limitY = Math.max(0, (bounds.contentHeight * zoom.scale - bounds.stageHeight) / 2);
  const x = Math.min(limitX, Math.max(-limitX, zoom.x));
  const y = Math.min(limitY, Math.max(-limitY, zoom.y));
  // Keeps the object when nothing moved, so React sees no change.
  return x === zoom.x && y === zoom.y ? zoom : { scale: zoom.scale, x, y };
}

/**
 * Zooms to `scale` (held within 1…maxScale) keeping the image point under `at` where it is, as
 * a wheel turned over a spot or two fingers spread over it do.
 */
export function zoomAbout(
  zoom: AssetViewerZoom,
  scale: number,
  at: Point,
  maxScale: number,
  bounds?: ViewerBounds,
): AssetViewerZoom {
  const next = Math.min(maxScale, Math.max(1, scale));
  if (next === 1) return FITTED;
  const ratio = next / zoom.scale;
  return clampPan(
    { scale: next, x: at.x - ratio * (at.x - zoom.x), y: at.y - ratio * (at.y - zoom.y) },
    bounds,
  );
}

/** Where two fingers were when the pinch began, and the zoom then. */
export interface PinchStart {
  zoom: AssetViewerZoom;
  distance: number;
  midpoint: Point;
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * The zoom during a pinch: scaled by how far the fingers spread since it began, the image point
 * that was under their midpoint staying under it, and moved as the midpoint moves.
 */
export function pinchZoom(
  start: PinchStart,
  a: Point,
  b: Point,
  maxScale: number,
  bounds?: ViewerBounds,
): AssetViewerZoom {
  if (start.distance <= 0) return start.zoom;
  const scale = Math.min(
    maxScale,
    Math.max(1, (start.zoom.scale * distance(a, b)) / start.distance),
  );
  if (scale === 1) return FITTED;
  const now = midpoint(a, b);
  const ratio = scale / start.zoom.scale;
  return clampPan(
    {
      scale,
      x: now.x - ratio * (start.midpoint.x - start.zoom.x),
      y: now.y - ratio * (start.midpoint.y - start.zoom.y),
    },
    bounds,
  );
}

/**
 * The factor one wheel event zooms by. A trackpad pinch arrives as a wheel with `ctrlKey` and
 * small deltas, so it is followed more closely than a mouse wheel's notches; line and page
 * deltas (Firefox's mouse wheel) count as pixels.
 */
export function wheelFactor(deltaY: number, deltaMode: number, ctrlKey: boolean): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 800 : deltaY;
  return Math.exp(-pixels * (ctrlKey ? 0.01 : 0.002));
}
