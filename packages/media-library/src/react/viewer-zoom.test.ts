// The viewer's zoom arithmetic: the point under the wheel or the fingers stays put, the pan is
// held so the image never leaves the stage, and a pinch follows the fingers from its start.
import { describe, expect, it } from 'vitest';
import type { AssetViewerZoom } from './use-asset-viewer';
import {
  clampPan,
  FITTED,
  type PinchStart,
  type Point,
  pinchZoom,
  type ViewerBounds,
  wheelFactor,
  zoomAbout,
} from './viewer-zoom';

/** A 1000×600 stage showing an image fitted to 800×600. */
const bounds: ViewerBounds = {
  stageWidth: 1000,
  stageHeight: 600,
  contentWidth: 800,
  contentHeight: 600,
};

/** Where an image point (px from the fitted image's centre) shows, from the stage's centre. */
const onScreen = (zoom: AssetViewerZoom, point: Point): Point => ({
  x: zoom.x + zoom.scale * point.x,
  y: zoom.y + zoom.scale * point.y,
});

describe('clampPan', () => {
  it('keeps the zoomed image covering the stage along an axis where it is larger', () => {
    // At 2×: 1600×1200 on 1000×600, so at most 300 px either way across and 300 up or down.
    expect(clampPan({ scale: 2, x: 900, y: -900 }, bounds)).toEqual({ scale: 2, x: 300, y: -300 });
    expect(clampPan({ scale: 2, x: -120, y: 250 }, bounds)).toEqual({ scale: 2, x: -120, y: 250 });
  });

  it('keeps it centred along an axis where it is still smaller than the stage', () => {
    // At 1.2×: 960 wide on a 1000 px stage, so no pan across; 720 high, 60 px each way.
    expect(clampPan({ scale: 1.2, x: 200, y: 200 }, bounds)).toEqual({ scale: 1.2, x: 0, y: 60 });
  });

  it('is fitted and centred at scale 1, and leaves the pan alone with nothing measured', () => {
    expect(clampPan({ scale: 1, x: 40, y: 40 }, bounds)).toEqual(FITTED);
    expect(clampPan({ scale: 3, x: 5000, y: 0 })).toEqual({ scale: 3, x: 5000, y: 0 });
  });
});

describe('zoomAbout', () => {
  it('keeps the image point under the pointer where it was', () => {
    const start: AssetViewerZoom = { scale: 2, x: 100, y: -50 };
    const at = { x: 150, y: 80 };
    const under = { x: (at.x - start.x) / start.scale, y: (at.y - start.y) / start.scale };
    const zoomed = zoomAbout(start, 3, at, 8);
    expect(zoomed.scale).toBe(3);
    expect(onScreen(zoomed, under).x).toBeCloseTo(at.x);
    expect(onScreen(zoomed, under).y).toBeCloseTo(at.y);
  });

  it('holds the scale within fitted and the largest, and the pan within the bounds', () => {
    expect(zoomAbout({ scale: 2, x: 50, y: 50 }, 0.5, { x: 0, y: 0 }, 8)).toEqual(FITTED);
    expect(zoomAbout(FITTED, 20, { x: 0, y: 0 }, 8).scale).toBe(8);
    // Zooming in about the stage's left edge would pull the image's left edge 450 px in.
    const edge = zoomAbout(FITTED, 2, { x: -500, y: 0 }, 8, bounds);
    expect(edge).toEqual({ scale: 2, x: 300, y: 0 });
  });
});

describe('pinchZoom', () => {
  const start: PinchStart = { zoom: FITTED, distance: 100, midpoint: { x: 50, y: 20 } };

  it('scales by how far the fingers spread, keeping the point between them under them', () => {
    const zoomed = pinchZoom(start, { x: -50, y: 20 }, { x: 150, y: 20 }, 8);
    expect(zoomed.scale).toBeCloseTo(2);
    // The image point that was under the midpoint (50, 20) at 1× is still under it.
    expect(onScreen(zoomed, { x: 50, y: 20 }).x).toBeCloseTo(50);
    expect(onScreen(zoomed, { x: 50, y: 20 }).y).toBeCloseTo(20);
  });

  it('moves the image with the midpoint, and holds it inside the stage', () => {
    const zoomed = pinchZoom(start, { x: 0, y: 60 }, { x: 200, y: 60 }, 8);
    // The midpoint moved 50 right and 40 down: the point under it moved as much.
    expect(onScreen(zoomed, { x: 50, y: 20 }).x).toBeCloseTo(100);
    expect(onScreen(zoomed, { x: 50, y: 20 }).y).toBeCloseTo(60);
    const held = pinchZoom(start, { x: 2000, y: 60 }, { x: 2200, y: 60 }, 8, bounds);
    expect(held).toEqual({ scale: 2, x: 300, y: 20 });
  });

  it('goes back to fitted when the fingers close past the start, and stops at the largest', () => {
    expect(pinchZoom(start, { x: 40, y: 20 }, { x: 60, y: 20 }, 8)).toEqual(FITTED);
    expect(pinchZoom(start, { x: -2000, y: 20 }, { x: 2000, y: 20 }, 8).scale).toBe(8);
  });
});

describe('wheelFactor', () => {
  it('zooms in on a wheel turned up, out on one turned down', () => {
    expect(wheelFactor(-100, 0, false)).toBeGreaterThan(1);
    expect(wheelFactor(100, 0, false)).toBeLessThan(1);
    expect(wheelFactor(100, 0, false) * wheelFactor(-100, 0, false)).toBeCloseTo(1);
  });

  it('follows a trackpad pinch (ctrl+wheel) more closely, and counts lines as pixels', () => {
    expect(wheelFactor(-10, 0, true)).toBeCloseTo(wheelFactor(-50, 0, false));
    expect(wheelFactor(-3, 1, false)).toBeCloseTo(wheelFactor(-48, 0, false));
  });
});
