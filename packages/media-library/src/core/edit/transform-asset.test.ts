// transformAsset's checks, which run before any pixel is decoded (the pixels themselves are
// checked in Chromium by transform-asset.browser.test.ts), and the crop arithmetic.
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaLibraryInstance } from '../library';
import { createHarness, pngBytes } from '../testing/library-harness';
import { ImageTooLargeError } from './edit-errors';
import { transformAsset } from './transform-asset';
import { parseAspect, resolveCrop } from './transform-image';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

async function libraryWith(files: File[]) {
  const library = createHarness({ thumbnails: false }).open();
  opened.push(library);
  const results = await library.importFiles(files);
  return {
    library,
    ids: results.map((r) => (r.status === 'failed' ? '' : r.asset.id)),
  };
}

describe('transformAsset', () => {
  it('refuses an image above the pixel cap from its record, adding nothing', async () => {
    const big = new File([pngBytes(1, 3000, 2000)], 'big.png', { type: 'image/png' });
    const { library, ids } = await libraryWith([big]);
    const error = await transformAsset(
      library,
      ids[0] as string,
      { rotate: 90 },
      {
        maxPixels: 5_000_000,
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageTooLargeError);
    expect(error).toMatchObject({
      code: 'image_too_large',
      pixels: 6_000_000,
      maxPixels: 5_000_000,
    });
    expect(library.query().total).toBe(1);
  });

  it('refuses what is not a raster image, and a transform that does nothing or is unknown', async () => {
    const text = new File(['hello'], 'note.txt', { type: 'text/plain' });
    const png = new File([pngBytes(2)], 'a.png', { type: 'image/png' });
    const { library, ids } = await libraryWith([text, png]);
    await expect(
      transformAsset(library, ids[0] as string, { flip: 'vertical' }),
    ).rejects.toMatchObject({
      code: 'edit_unsupported',
    });
    await expect(transformAsset(library, ids[1] as string, {})).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      transformAsset(library, ids[1] as string, { rotate: 45 as 90 }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('45') });
    await expect(
      transformAsset(library, ids[1] as string, { flip: 'diagonal' as 'vertical' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(transformAsset(library, 'missing', { rotate: 90 })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(library.query().total).toBe(2);
  });
});

describe('resolveCrop', () => {
  it('takes the largest centred area of a ratio', () => {
    expect(resolveCrop({ aspect: '1:1' }, 400, 300)).toEqual({
      x: 50,
      y: 0,
      width: 300,
      height: 300,
    });
    expect(resolveCrop({ aspect: '16:9' }, 400, 400)).toEqual({
      x: 0,
      y: 87,
      width: 400,
      height: 225,
    });
    expect(resolveCrop({ aspect: '4:5' }, 1000, 1000)).toEqual({
      x: 100,
      y: 0,
      width: 800,
      height: 1000,
    });
  });

  it('clamps a rectangle to the image and refuses one outside it', () => {
    expect(resolveCrop({ x: -10, y: 5, width: 50, height: 500 }, 100, 80)).toEqual({
      x: 0,
      y: 5,
      width: 40,
      height: 75,
    });
    expect(() => resolveCrop({ x: 200, y: 0, width: 10, height: 10 }, 100, 80)).toThrow(
      /leaves no pixels/,
    );
  });

  it('reads width:height ratios and refuses anything else', () => {
    expect(parseAspect('3:2')).toEqual([3, 2]);
    expect(parseAspect(' 1.91 : 1 ')).toEqual([1.91, 1]);
    expect(() => parseAspect('wide')).toThrow(/width:height/);
    expect(() => parseAspect('0:1')).toThrow(/width:height/);
  });
});
