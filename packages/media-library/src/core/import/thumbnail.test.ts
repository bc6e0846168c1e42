// In Node there is no canvas: thumbnails are skipped quietly, never an error. The real
// rendering (worker, alpha, sizes) is tested in thumbnail.browser.test.ts.
import { describe, expect, it } from 'vitest';
import { createThumbnail, getThumbnailStats } from './thumbnail';
import { fitWithin } from './thumbnail-render';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('createThumbnail without a canvas', () => {
  it('resolves undefined for images and non-images alike', async () => {
    expect(await createThumbnail(new Blob([PNG]), { maxSize: 400 })).toBeUndefined();
    expect(await createThumbnail(new Blob(['text']), { maxSize: 400 })).toBeUndefined();
    expect(getThumbnailStats()).toEqual({ worker: 0, mainThread: 0, workersStarted: 0 });
  });
});

describe('fitWithin', () => {
  it('scales the longest side down to the limit and never up', () => {
    expect(fitWithin(4000, 3000, 400)).toEqual({ width: 400, height: 300 });
    expect(fitWithin(1000, 4000, 400)).toEqual({ width: 100, height: 400 });
    expect(fitWithin(200, 100, 400)).toEqual({ width: 200, height: 100 });
    expect(fitWithin(10_000, 1, 400)).toEqual({ width: 400, height: 1 });
  });
});
