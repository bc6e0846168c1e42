// Library archives in real Chromium: an OPFS library exports into a zip whose originals are
// the stored files themselves, and a second OPFS library restores it with thumbnails made anew
// and the same bytes, even for media whose bytes hold the zip's own signatures; an archive
// restored over an asset in the Trash brings it back on its kept files.
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from '../db';
import { createMediaLibrary, type MediaLibraryInstance } from '../library';
import { opfsDirectoryName } from '../storage/default-blob-store';

const cleanups: Array<() => Promise<void>> = [];
const opened: MediaLibraryInstance[] = [];

/** A library on OPFS with a unique name, removed (records, bytes, database) after the test. */
function openLibrary(name = `archive-${crypto.randomUUID()}`): MediaLibraryInstance {
  const library = createMediaLibrary({ name, broadcast: false });
  opened.push(library);
  cleanups.push(async () => {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
  });
  return library;
}

afterEach(async () => {
  for (const library of opened.splice(0)) {
    await library.clear().catch(() => undefined);
    library.close();
  }
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The names of the files in a library's OPFS folder. */
async function storedFiles(name: string): Promise<string[]> {
  const root = await navigator.storage.getDirectory();
  const folder = (await root.getDirectoryHandle(
    opfsDirectoryName(name),
  )) as FileSystemDirectoryHandle & {
    keys(): AsyncIterableIterator<string>;
  };
  const names: string[] = [];
  for await (const file of folder.keys()) names.push(file);
  return names.sort();
}

/** A real PNG from Chromium's encoder, different for each `hue`. */
async function png(hue: number): Promise<File> {
  const canvas = new OffscreenCanvas(640, 480);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = `hsl(${hue} 70% 50%)`;
  context.fillRect(0, 0, 640, 480);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], `hue-${hue}.png`, { type: 'image/png' });
}

describe('library archives in Chromium', () => {
  it('round-trips an OPFS library, thumbnails regenerated and bytes identical', async () => {
    const source = openLibrary();
    await source.ready;
    const album = await source.createCollection('Album');
    // Bytes holding the local-header and data-descriptor signatures a streamed zip splits on.
    const tricky = new Uint8Array(4096);
    tricky.set([0x50, 0x4b, 0x07, 0x08, 0x50, 0x4b, 0x03, 0x04], 1000);
    const results = await source.importFiles([
      { blob: await png(10), tags: ['warm'], collectionIds: [album.id] },
      { blob: await png(200), title: 'Cool' },
      { blob: new File([tricky], 'data.bin') },
    ]);
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);

    const archive = await source.exportArchive();
    expect(Object.keys(unzipSync(new Uint8Array(await archive.arrayBuffer())))).toHaveLength(4);

    const target = openLibrary();
    await target.ready;
    const report = await target.importArchive(archive);

    expect(report.assets.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
    for (const result of results) {
      if (result.status !== 'imported') continue;
      const copy = target.query({}).items.find((a) => a.sha256 === result.asset.sha256);
      expect(copy).toBeDefined();
      expect(copy?.tags).toEqual(result.asset.tags);
      expect(copy?.title).toEqual(result.asset.title);
      expect(copy?.createdAt).toBe(result.asset.createdAt);
      const original = new Uint8Array(
        await ((await source.getBlob(result.asset.id)) as Blob).arrayBuffer(),
      );
      const restored = new Uint8Array(
        await ((await target.getBlob(copy?.id as string)) as Blob).arrayBuffer(),
      );
      expect(restored).toEqual(original);
      if (result.asset.kind === 'image') {
        expect(copy?.thumbnailKey).toBeDefined();
        expect((await target.getBlob(copy?.id as string, 'thumbnail'))?.size).toBeGreaterThan(0);
      }
    }
    const [restoredAlbum] = target.getState().collections.values();
    expect(restoredAlbum?.name).toBe('Album');
    expect(target.query({ collectionId: restoredAlbum?.id }).total).toBe(1);
  });

  it('brings an asset in the Trash back out on its kept files, the archive merged in', async () => {
    const name = `archive-${crypto.randomUUID()}`;
    const library = openLibrary(name);
    await library.ready;
    const [fox] = await library.importFiles([{ blob: await png(30), tags: ['fox'] }]);
    const id = fox?.status === 'imported' ? fox.asset.id : '';
    await library.update(id, { title: 'Fox' });
    const archive = await library.exportArchive();
    await library.update(id, { title: '' });
    await library.removeTags(id, ['fox']);
    await library.delete(id);
    const files = await storedFiles(name);
    const original = new Uint8Array(await ((await library.getBlob(id)) as Blob).arrayBuffer());

    const report = await library.importArchive(archive);

    expect(report.assets[0]).toMatchObject({ status: 'duplicate', restored: true, asset: { id } });
    expect(library.getState().trash.size).toBe(0);
    expect(library.get(id)).toMatchObject({ title: 'Fox', tags: ['fox'] });
    expect(library.get(id)?.trashedAt).toBeUndefined();
    // No second copy: the files the Trash kept serve the asset again.
    expect(await storedFiles(name)).toEqual(files);
    const bytes = new Uint8Array(await ((await library.getBlob(id)) as Blob).arrayBuffer());
    expect(bytes).toEqual(original);
    expect((await library.getBlob(id, 'thumbnail'))?.size).toBeGreaterThan(0);

    // Stored so: the next session opens with the asset out of the Trash.
    library.close();
    const next = openLibrary(name);
    await next.ready;
    expect(next.get(id)).toMatchObject({ title: 'Fox', tags: ['fox'] });
    expect(next.getState().trash.size).toBe(0);
  });
});
