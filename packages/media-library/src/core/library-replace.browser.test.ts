// Replacing a file in real Chromium with OPFS: the store keeps exactly the bytes the records
// name, and a new instance (as after a reload) shows the new thumbnail.
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from './db';
import { createMediaLibrary, type MediaLibraryInstance } from './library';
import { createDefaultBlobStore, opfsDirectoryName } from './storage/default-blob-store';
import type { MediaAsset } from './types';

const cleanups: Array<() => Promise<void>> = [];
const open: MediaLibraryInstance[] = [];

function libraryName(): string {
  const name = `replace-${crypto.randomUUID()}`;
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

afterEach(async () => {
  for (const library of open.splice(0)) library.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A real PNG, one colour per `hue`. */
async function png(hue: number, width: number, height: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = `hsl(${hue} 70% 50%)`;
  context.fillRect(0, 0, width, height);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], `hue-${hue}.png`, { type: 'image/png' });
}

/** The colour at the middle of an image, as [r, g, b]. */
async function middlePixel(blob: Blob | undefined): Promise<number[]> {
  if (!blob) throw new Error('no image');
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  const { data } = context.getImageData(bitmap.width >> 1, bitmap.height >> 1, 1, 1);
  return [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
}

const keysOf = (assets: Iterable<MediaAsset>) =>
  [...assets].flatMap((a) => [a.blobKey, ...(a.thumbnailKey ? [a.thumbnailKey] : [])]).sort();

describe('replaceFile in Chromium', () => {
  it('leaves only the records’ bytes in OPFS, and a reopened library shows the new thumbnail', {
    timeout: 60_000,
  }, async () => {
    const name = libraryName();
    const library = createMediaLibrary({ name, blobStorePath: 'opfs' });
    open.push(library);
    const [first, other] = await library.importFiles([
      await png(0, 900, 600),
      await png(240, 50, 50),
    ]);
    const asset = first?.status === 'imported' ? first.asset : undefined;
    if (!asset || other?.status !== 'imported') throw new Error('not imported');
    await library.ready;
    await library.update(asset.id, { title: 'Banner' });
    const oldThumbnail = await middlePixel(await library.getBlob(asset.id, 'thumbnail'));

    const replacement = await png(120, 600, 900);
    const after = await library.replaceFile(asset.id, replacement);
    expect(after).toMatchObject({ id: asset.id, title: 'Banner', width: 600, height: 900 });

    const store = await createDefaultBlobStore(name, { path: 'opfs' });
    try {
      expect((await store.keys()).sort()).toEqual(keysOf(library.getState().assets.values()));
      expect(await store.has(asset.blobKey)).toBe(false);
    } finally {
      store.close?.();
    }
    library.close();

    const reopened = createMediaLibrary({ name, blobStorePath: 'opfs' });
    open.push(reopened);
    await reopened.ready;
    expect(reopened.get(asset.id)).toMatchObject({
      title: 'Banner',
      sha256: after.sha256,
      thumbnailKey: after.thumbnailKey,
    });
    const newThumbnail = await middlePixel(await reopened.getBlob(asset.id, 'thumbnail'));
    // The thumbnail is lossy: its colour is the new file's within a few levels.
    const expected = await middlePixel(replacement);
    const differences = newThumbnail.map((level, i) => Math.abs(level - (expected[i] ?? 0)));
    expect(Math.max(...differences)).toBeLessThan(8);
    expect(newThumbnail).not.toEqual(oldThumbnail);
    expect(
      new Uint8Array(await ((await reopened.getBlob(asset.id)) as Blob).arrayBuffer()),
    ).toEqual(new Uint8Array(await replacement.arrayBuffer()));
  });
});
