// The platform formats' arithmetic: the cover crop each preview draws and each export cuts,
// the safe zone mapped into the original's pixels, and the refusal of an unknown name.
import { describe, expect, it } from 'vitest';
import { MediaLibraryError } from '../errors';
import { coverCrop, platformFormat, platformFormats, safeZoneInSource } from './platform-formats';

describe('coverCrop', () => {
  it('cuts the sides of a wide image for a square, centred', () => {
    expect(coverCrop(1600, 900, 1080, 1080)).toEqual({ x: 350, y: 0, width: 900, height: 900 });
  });

  it('cuts the top and bottom of a square for a wide banner, centred', () => {
    // 1000 × (500/1500) = 333.3… → 333 rows, (1000 − 333) / 2 = 333.5 → 333.
    expect(coverCrop(1000, 1000, 1500, 500)).toEqual({ x: 0, y: 333, width: 1000, height: 333 });
  });

  it('keeps the whole image when the ratio already matches', () => {
    expect(coverCrop(2160, 3840, 1080, 1920)).toEqual({ x: 0, y: 0, width: 2160, height: 3840 });
    expect(coverCrop(640, 360, 1280, 720)).toEqual({ x: 0, y: 0, width: 640, height: 360 });
  });

  it('keeps the output ratio within a pixel for every format and odd source sizes', () => {
    for (const format of platformFormats()) {
      for (const [w, h] of [
        [4032, 3024],
        [3024, 4032],
        [999, 1001],
        [7, 5],
      ] as const) {
        const crop = coverCrop(w, h, format.width, format.height);
        expect(crop.x).toBeGreaterThanOrEqual(0);
        expect(crop.y).toBeGreaterThanOrEqual(0);
        expect(crop.x + crop.width).toBeLessThanOrEqual(w);
        expect(crop.y + crop.height).toBeLessThanOrEqual(h);
        // One side is whole; the other follows the ratio to the nearest pixel.
        expect(crop.width === w || crop.height === h).toBe(true);
        const ideal =
          crop.width === w
            ? (w * format.height) / format.width
            : (h * format.width) / format.height;
        const cut = crop.width === w ? crop.height : crop.width;
        expect(Math.abs(cut - Math.min(ideal, crop.width === w ? h : w))).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('safeZoneInSource', () => {
  it('maps a story’s top and bottom insets into the original’s pixels', () => {
    const story = platformFormat('instagram-story');
    // A 540 × 1920 crop is half the story's width: every inset halves horizontally, not vertically.
    const crop = { x: 100, y: 0, width: 540, height: 960 };
    expect(safeZoneInSource(story, crop)).toEqual({
      x: 100,
      y: 125,
      width: 540,
      height: 960 - 125 - 170,
    });
  });

  it('is the crop itself for a format the platform shows whole', () => {
    const crop = { x: 10, y: 20, width: 300, height: 300 };
    expect(safeZoneInSource(platformFormat('instagram-square'), crop)).toEqual(crop);
  });

  it('leaves a non-empty area inside the format for every format', () => {
    for (const format of platformFormats()) {
      const zone = safeZoneInSource(format, {
        x: 0,
        y: 0,
        width: format.width,
        height: format.height,
      });
      expect(zone.width, format.name).toBeGreaterThan(format.width / 2);
      expect(zone.height, format.name).toBeGreaterThan(format.height / 2);
    }
  });
});

describe('platformFormat', () => {
  it('finds a format by name and refuses another name with the list', () => {
    expect(platformFormat('x-header')).toMatchObject({ width: 1500, height: 500 });
    const error = (() => {
      try {
        platformFormat('myspace-banner');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MediaLibraryError);
    expect((error as MediaLibraryError).code).toBe('invalid_input');
    expect((error as Error).message).toContain('instagram-story');
  });

  it('names every format once', () => {
    const names = platformFormats().map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
