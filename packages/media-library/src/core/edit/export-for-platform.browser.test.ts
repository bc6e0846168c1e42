// exportForPlatform's canvas path in real Chromium (no server): one photo exported to two
// formats gives two new assets of exactly the formats' sizes, cut around the middle, with the
// original and the format named in their source, still there after the library is reopened.
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from '../db';
import { createMediaLibrary, type MediaLibraryInstance } from '../library';
import { opfsDirectoryName } from '../storage/default-blob-store';
import type { MediaAsset } from '../types';
import { exportForPlatform } from './export-for-platform';
import { versionsOf } from './versions';

const cleanups: Array<() => Promise<void>> = [];
const open: MediaLibraryInstance[] = [];

function libraryName(): string {
  const name = `export-${crypto.randomUUID()}`;
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

async function openLibrary(name: string): Promise<MediaLibraryInstance> {
  const library = createMediaLibrary({ name, broadcast: false });
  open.push(library);
  await library.ready;
  return library;
}

afterEach(async () => {
  for (const library of open.splice(0)) library.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** 400 × 200: a red left quarter, a green middle half, a blue right quarter. */
async function bands(type: string): Promise<File> {
  const canvas = new OffscreenCanvas(400, 200);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = 'rgb(255 0 0)';
  context.fillRect(0, 0, 100, 200);
  context.fillStyle = 'rgb(0 255 0)';
  context.fillRect(100, 0, 200, 200);
  context.fillStyle = 'rgb(0 0 255)';
  context.fillRect(300, 0, 100, 200);
  const blob = await canvas.convertToBlob({ type, quality: 0.95 });
  return new File([blob], `bands.${type === 'image/jpeg' ? 'jpg' : 'png'}`, { type });
}

async function pixelsOf(blob: Blob, points: Array<[number, number]>): Promise<number[][]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return points.map(([x, y]) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)]);
}

describe('exportForPlatform in the browser', () => {
  it('makes two formats as new assets of their exact sizes with their lineage', async () => {
    const name = libraryName();
    const library = await openLibrary(name);
    const [imported] = await library.importFiles([await bands('image/png')]);
    if (imported?.status !== 'imported') throw new Error('import failed');
    const original = imported.asset;

    const square = await exportForPlatform(library, original.id, 'instagram-square');
    const story = await exportForPlatform(library, original.id, 'instagram-story');
    expect([square.via, story.via]).toEqual(['browser', 'browser']);
    const made = [square, story].map((r) => {
      if (r.imported?.status !== 'imported') throw new Error('not imported');
      return r.imported.asset;
    }) as [MediaAsset, MediaAsset];

    expect(made.map((a) => [a.width, a.height])).toEqual([
      [1080, 1080],
      [1080, 1920],
    ]);
    expect(made.map((a) => a.mimeType)).toEqual(['image/png', 'image/png']);
    expect(made.map((a) => a.source)).toEqual([
      {
        type: 'edit',
        operation: 'export',
        parentId: original.id,
        format: 'instagram-square',
        crop: { x: 100, y: 0, width: 200, height: 200 },
      },
      {
        type: 'edit',
        operation: 'export',
        parentId: original.id,
        format: 'instagram-story',
        crop: { x: 143, y: 0, width: 113, height: 200 },
      },
    ]);
    // The square is the green middle only: the red and blue sides were cut off.
    const squareBlob = await library.getBlob(made[0].id);
    expect(
      await pixelsOf(squareBlob as Blob, [
        [5, 540],
        [540, 540],
        [1074, 540],
      ]),
    ).toEqual([
      [0, 255, 0],
      [0, 255, 0],
      [0, 255, 0],
    ]);

    library.close();
    const reopened = await openLibrary(name);
    const versions = versionsOf(reopened.getState().assets, original.id);
    expect(versions.children.map((a) => a.id).sort()).toEqual(made.map((a) => a.id).sort());
    expect(reopened.get(original.id)?.width).toBe(400);
  });

  it('keeps a JPEG a JPEG and gives a download without adding it', async () => {
    const library = await openLibrary(libraryName());
    const [imported] = await library.importFiles([await bands('image/jpeg')]);
    if (imported?.status !== 'imported') throw new Error('import failed');
    const result = await exportForPlatform(library, imported.asset.id, 'x-header', {
      target: 'download',
    });
    expect(result.file.type).toBe('image/jpeg');
    expect(result.file.name).toBe('bands-x-header.jpg');
    expect(result.imported).toBeUndefined();
    expect(library.getState().assets.size).toBe(1);
    const bitmap = await createImageBitmap(result.file);
    expect([bitmap.width, bitmap.height]).toEqual([1500, 500]);
    bitmap.close();
  });
});
