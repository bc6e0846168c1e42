// transformAsset in real Chromium: crop, rotate and flip give the right size and put each
// quarter of a four-colour image where it belongs, the original stays, the type is kept where
// the browser encodes it, and the lineage is there after the library is opened again.
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from '../db';
import { createMediaLibrary, type MediaLibraryInstance } from '../library';
import { opfsDirectoryName } from '../storage/default-blob-store';
import type { ImportItemResult, MediaAsset } from '../types';
import { type AssetTransform, transformAsset } from './transform-asset';
import { versionsOf } from './versions';

const cleanups: Array<() => Promise<void>> = [];
const open: MediaLibraryInstance[] = [];

function libraryName(): string {
  const name = `edit-${crypto.randomUUID()}`;
  cleanups.push(async () => {
    const library = createMediaLibrary({ name, broadcast: false });
    await library.ready.catch(() => undefined);
    await library.clear().catch(() => undefined);
    library.close();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
  });
  return name;
}

function track(library: MediaLibraryInstance): MediaLibraryInstance {
  open.push(library);
  return library;
}

afterEach(async () => {
  for (const library of open.splice(0)) library.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type Colour = 'red' | 'green' | 'blue' | 'white';
const RGB: Record<Colour, [number, number, number]> = {
  red: [255, 0, 0],
  green: [0, 255, 0],
  blue: [0, 0, 255],
  white: [255, 255, 255],
};

/** 40 × 20: red top-left, green top-right, blue bottom-left, white bottom-right. */
async function quarters(type = 'image/png'): Promise<File> {
  const canvas = new OffscreenCanvas(40, 20);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  const fill = (colour: Colour, x: number, y: number) => {
    context.fillStyle = `rgb(${RGB[colour].join(' ')})`;
    context.fillRect(x, y, 20, 10);
  };
  fill('red', 0, 0);
  fill('green', 20, 0);
  fill('blue', 0, 10);
  fill('white', 20, 10);
  const blob = await canvas.convertToBlob({ type, quality: 1 });
  return new File([blob], type === 'image/png' ? 'quarters.png' : 'quarters.jpg', { type });
}

/** The colour nearest to the pixel at the centre of each quarter of the image. */
async function quartersOf(blob: Blob): Promise<{ size: [number, number]; colours: Colour[] }> {
  const bitmap = await createImageBitmap(blob);
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const at = (x: number, y: number): Colour => {
    const [r, g, b] = context.getImageData(Math.floor(x), Math.floor(y), 1, 1).data;
    let best: Colour = 'red';
    let distance = Number.POSITIVE_INFINITY;
    for (const [name, [R, G, B]] of Object.entries(RGB) as Array<[Colour, number[]]>) {
      const d =
        ((r ?? 0) - (R ?? 0)) ** 2 + ((g ?? 0) - (G ?? 0)) ** 2 + ((b ?? 0) - (B ?? 0)) ** 2;
      if (d < distance) {
        distance = d;
        best = name;
      }
    }
    return best;
  };
  return {
    size: [width, height],
    colours: [
      at(width / 4, height / 4),
      at((3 * width) / 4, height / 4),
      at(width / 4, (3 * height) / 4),
      at((3 * width) / 4, (3 * height) / 4),
    ],
  };
}

function assetOf(result: ImportItemResult): MediaAsset {
  if (result.status === 'failed') throw result.error;
  return result.asset;
}

describe('transformAsset in Chromium', () => {
  it('crops, rotates and flips into new assets with the quarters where they belong', async () => {
    const library = track(createMediaLibrary({ name: libraryName(), broadcast: false }));
    const [imported] = await library.importFiles([await quarters()]);
    const original = assetOf(imported as ImportItemResult);
    const originalBytes = (await library.getBlob(original.id))?.size;

    const cases: Array<[AssetTransform, [number, number], Colour[]]> = [
      [{ rotate: 90 }, [20, 40], ['blue', 'red', 'white', 'green']],
      [{ rotate: 180 }, [40, 20], ['white', 'blue', 'green', 'red']],
      [{ rotate: 270 }, [20, 40], ['green', 'white', 'red', 'blue']],
      [{ flip: 'horizontal' }, [40, 20], ['green', 'red', 'white', 'blue']],
      [{ flip: 'vertical' }, [40, 20], ['blue', 'white', 'red', 'green']],
      [{ rotate: 90, flip: 'horizontal' }, [20, 40], ['red', 'blue', 'green', 'white']],
      [
        { crop: { x: 20, y: 0, width: 20, height: 10 } },
        [20, 10],
        ['green', 'green', 'green', 'green'],
      ],
      [{ crop: { aspect: '1:1' } }, [20, 20], ['red', 'green', 'blue', 'white']],
      [{ crop: { aspect: '16:9' }, rotate: 270 }, [20, 36], ['green', 'white', 'red', 'blue']],
    ];
    for (const [transform, size, colours] of cases) {
      const result = assetOf(await transformAsset(library, original.id, transform));
      const label = JSON.stringify(transform);
      expect(result.id, label).not.toBe(original.id);
      expect([result.width, result.height], label).toEqual(size);
      expect(result.mimeType, label).toBe('image/png');
      expect(await quartersOf((await library.getBlob(result.id)) as Blob), label).toEqual({
        size,
        colours,
      });
      expect(result.source, label).toMatchObject({
        type: 'edit',
        operation: transform.crop ? 'crop' : transform.rotate ? 'rotate' : 'flip',
        parentId: original.id,
      });
      // Newest first: the new asset leads the grid.
      expect(library.query({ limit: 1 }).items[0]?.id, label).toBe(result.id);
    }
    expect(library.get(original.id)?.source).toEqual({ type: 'upload' });
    expect((await library.getBlob(original.id))?.size).toBe(originalBytes);
    expect(library.query({ derivedFrom: original.id }).total).toBe(cases.length);
    expect(library.get(library.query({ limit: 1 }).items[0]?.id as string)?.source).toMatchObject({
      crop: { x: 2, y: 0, width: 36, height: 20 },
      rotate: 270,
    });
  }, 60_000);

  it('keeps a JPEG a JPEG, and shows the lineage after the library is opened again', async () => {
    const name = libraryName();
    const library = track(createMediaLibrary({ name, broadcast: false }));
    const [imported] = await library.importFiles([await quarters('image/jpeg')]);
    const original = assetOf(imported as ImportItemResult);
    const rotated = assetOf(await transformAsset(library, original.id, { rotate: 90 }));
    const flipped = assetOf(await transformAsset(library, rotated.id, { flip: 'vertical' }));
    expect(rotated.mimeType).toBe('image/jpeg');
    expect(rotated.name).toBe('quarters-rotate.jpg');
    expect((await quartersOf((await library.getBlob(rotated.id)) as Blob)).colours).toEqual([
      'blue',
      'red',
      'white',
      'green',
    ]);
    library.close();

    const reopened = track(createMediaLibrary({ name, broadcast: false }));
    await reopened.ready;
    expect(reopened.get(flipped.id)?.source).toEqual({
      type: 'edit',
      operation: 'flip',
      parentId: rotated.id,
      flip: 'vertical',
    });
    const family = versionsOf(reopened.getState().assets, rotated.id);
    expect(family.parent?.id).toBe(original.id);
    expect(family.children.map((a) => a.id)).toEqual([flipped.id]);
    expect(family.versions.map((a) => a.id)).toEqual([flipped.id, original.id]);
  }, 60_000);

  it('refuses an image above the pixel cap once decoded', async () => {
    const library = track(createMediaLibrary({ name: libraryName(), broadcast: false }));
    const [imported] = await library.importFiles([await quarters()]);
    const original = assetOf(imported as ImportItemResult);
    await expect(
      transformAsset(library, original.id, { rotate: 90 }, { maxPixels: 799 }),
    ).rejects.toMatchObject({ code: 'image_too_large', pixels: 800 });
    expect(library.query().total).toBe(1);
  }, 60_000);
});
