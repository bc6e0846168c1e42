// The crop rectangle's arithmetic: drawn between two points in any direction, held to a ratio,
// moved and resized without leaving the image, always whole pixels.
import { describe, expect, it } from 'vitest';
import { fitInside, fullCrop, moveRect, rectBetween, resizeRect } from './crop-rect';

const image = { width: 400, height: 300 };

describe('crop rectangle', () => {
  it('takes the whole image, or the largest centred area of a ratio', () => {
    expect(fullCrop(image)).toEqual({ x: 0, y: 0, width: 400, height: 300 });
    expect(fullCrop(image, 1)).toEqual({ x: 50, y: 0, width: 300, height: 300 });
    expect(fullCrop(image, 16 / 9)).toEqual({ x: 0, y: 38, width: 400, height: 225 });
  });

  it('draws between two points in any direction, clamped to the image', () => {
    expect(rectBetween({ x: 10, y: 20 }, { x: 110, y: 70 }, image)).toEqual({
      x: 10,
      y: 20,
      width: 100,
      height: 50,
    });
    expect(rectBetween({ x: 110, y: 70 }, { x: 10, y: 20 }, image)).toEqual({
      x: 10,
      y: 20,
      width: 100,
      height: 50,
    });
    expect(rectBetween({ x: 350, y: 250 }, { x: 900, y: -40 }, image)).toEqual({
      x: 350,
      y: 0,
      width: 50,
      height: 250,
    });
  });

  it('holds a ratio while drawing, within the room from the start point', () => {
    // A 4:5 drag of 100 wide grows to 125 high.
    expect(rectBetween({ x: 0, y: 0 }, { x: 100, y: 10 }, image, 4 / 5)).toEqual({
      x: 0,
      y: 0,
      width: 100,
      height: 125,
    });
    // Near the bottom edge the height caps the width: 60 rows left → 48 wide.
    expect(rectBetween({ x: 0, y: 240 }, { x: 300, y: 299 }, image, 4 / 5)).toEqual({
      x: 0,
      y: 240,
      width: 48,
      height: 60,
    });
  });

  it('moves without leaving the image', () => {
    const rect = { x: 10, y: 10, width: 100, height: 100 };
    expect(moveRect(rect, 25, -4, image)).toEqual({ x: 35, y: 6, width: 100, height: 100 });
    expect(moveRect(rect, 1000, 1000, image)).toEqual({ x: 300, y: 200, width: 100, height: 100 });
    expect(moveRect(rect, -50, -50, image)).toEqual({ x: 0, y: 0, width: 100, height: 100 });
  });

  it('resizes from the right and bottom edges, at least one pixel, held to a ratio', () => {
    const rect = { x: 300, y: 200, width: 50, height: 50 };
    expect(resizeRect(rect, 20, 0, image)).toEqual({ x: 300, y: 200, width: 70, height: 50 });
    expect(resizeRect(rect, 500, 500, image)).toEqual({ x: 300, y: 200, width: 100, height: 100 });
    expect(resizeRect(rect, -80, -80, image)).toEqual({ x: 300, y: 200, width: 1, height: 1 });
    expect(resizeRect(rect, 0, 20, image, 2)).toEqual({ x: 300, y: 200, width: 100, height: 50 });
  });

  it('rounds to whole pixels inside the image', () => {
    expect(fitInside({ x: -3.4, y: 299.6, width: 10.5, height: 0.2 }, image)).toEqual({
      x: 0,
      y: 299,
      width: 11,
      height: 1,
    });
  });
});
