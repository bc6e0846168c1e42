// The library in real Chromium: OPFS bytes and IndexedDB records survive a new instance (as
// after a reload), the IndexedDB fallback store does too, and two instances stay in sync
// through a real BroadcastChannel.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { libraryDbName } from './db';
import { createMediaLibrary, type MediaLibraryInstance } from './library';
import { createDefaultBlobStore, opfsDirectoryName } from './storage/default-blob-store';
import type { BlobStore, MediaAsset } from './types';

const cleanups: Array<() => Promise<void>> = [];

/** A unique library name, cleaned up (records, bytes, database, directory) after the test. */
function libraryName(): string {
  const name = `test-${crypto.randomUUID()}`;
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

const open: MediaLibraryInstance[] = [];
function track(library: MediaLibraryInstance): MediaLibraryInstance {
  open.push(library);
  return library;
}

afterEach(async () => {
  for (const library of open.splice(0)) library.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A real PNG from Chromium's encoder, different for each `hue`. */
async function png(hue: number, width = 800, height = 600): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = `hsl(${hue} 70% 50%)`;
  context.fillRect(0, 0, width, height);
  context.fillStyle = 'rgba(0, 0, 0, 0.5)';
  context.fillRect(width / 4, height / 4, width / 2, height / 2);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], `hue-${hue}.png`, { type: 'image/png' });
}

async function bytes(blob: Blob | undefined): Promise<Uint8Array> {
  if (!blob) throw new Error('no blob');
  return new Uint8Array(await blob.arrayBuffer());
}

function imported(result: { status: string; asset?: MediaAsset } | undefined): MediaAsset {
  if (result?.status !== 'imported' || !result.asset) throw new Error('not imported');
  return result.asset;
}

describe('library in Chromium', () => {
  it('a new instance with the same name sees the same assets with identical bytes (OPFS)', async () => {
    const name = libraryName();
    const first = createMediaLibrary({ name });
    const files = [await png(10), await png(200)];
    const assets = (await first.importFiles(files)).map(imported);
    const text = imported(
      (await first.importFiles([new File(['# notes'], 'notes.md', { type: 'text/markdown' })]))[0],
    );
    expect(assets[0]).toMatchObject({ kind: 'image', width: 800, height: 600 });
    expect(assets[0]?.thumbnailKey).toBeDefined();
    await first.ready;
    first.close();

    // The bytes really are in this library's OPFS directory.
    const root = await navigator.storage.getDirectory();
    const directory = (await root.getDirectoryHandle(
      opfsDirectoryName(name),
    )) as FileSystemDirectoryHandle & { keys(): AsyncIterableIterator<string> };
    const fileNames: string[] = [];
    for await (const fileName of directory.keys()) fileNames.push(fileName);
    expect(fileNames.length).toBeGreaterThanOrEqual(5);

    const second = track(createMediaLibrary({ name }));
    await second.ready;
    // Whether this start lists the blobs depends on whether the first one's sweep found an
    // import still writing (see the next test); either way nothing needed repair.
    expect(second.lastSweep).toMatchObject({
      orphanBlobsDeleted: 0,
      recordsRemoved: 0,
      thumbnailsDropped: 0,
    });
    expect(second.getState().assets.size).toBe(3);
    for (const [index, asset] of assets.entries()) {
      expect(second.get(asset.id)).toEqual(asset);
      expect(await bytes(await second.getBlob(asset.id))).toEqual(await bytes(files[index]));
      const thumbnail = await second.getBlob(asset.id, 'thumbnail');
      expect(thumbnail?.type).toBe(asset.thumbnailType);
      const bitmap = await createImageBitmap(thumbnail as Blob);
      expect(Math.max(bitmap.width, bitmap.height)).toBe(400);
    }
    expect(await (await second.getBlob(text.id))?.text()).toBe('# notes');
    const { url, release } = await second.urls.acquire(assets[0]?.id ?? '', 'thumbnail');
    expect(url).toMatch(/^blob:/);
    release();
  });

  it('a start after writes that all ended lists no blob (marks in localStorage)', async () => {
    const name = libraryName();
    const first = createMediaLibrary({ name });
    await first.ready;
    // A first start has no full sweep on record, so it lists them (none yet).
    expect(first.lastSweep?.listed).toBe(true);
    const [asset] = (await first.importFiles([await png(11)])).map(imported);
    await first.delete(asset?.id ?? '');
    await first.emptyTrash();
    await first.importFiles([await png(12)]);
    expect(localStorage.getItem(`medialoft:${name}:writing`)).toBeNull();
    first.close();

    const second = track(createMediaLibrary({ name }));
    await second.ready;
    expect(second.lastSweep).toEqual({
      orphanBlobsDeleted: 0,
      recordsRemoved: 0,
      thumbnailsDropped: 0,
      listed: false,
    });
    expect(second.getState().assets.size).toBe(1);
    expect(await second.sweep()).toMatchObject({ orphanBlobsDeleted: 0, listed: true });
  });

  it('a batch canceled mid-way leaves no file in OPFS and no record', async () => {
    const name = libraryName();
    const library = track(createMediaLibrary({ name }));
    await library.ready;
    const controller = new AbortController();
    const files = [await png(20), await png(40), await png(60)];
    const run = library.importFiles(files, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.filesDone === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'canceled' });
    const root = await navigator.storage.getDirectory();
    const directory = (await root.getDirectoryHandle(
      opfsDirectoryName(name),
    )) as FileSystemDirectoryHandle & { keys(): AsyncIterableIterator<string> };
    const left: string[] = [];
    for await (const fileName of directory.keys()) left.push(fileName);
    // Swap files, and the marker that tells evicted bytes apart (storage-marker.ts), are no
    // asset's bytes.
    expect(
      left.filter((fileName) => !fileName.endsWith('.crswap') && fileName !== '~marker'),
    ).toEqual([]);
    expect(library.getState().assets.size).toBe(0);
    const fresh = track(createMediaLibrary({ name, broadcast: false }));
    await fresh.ready;
    expect(fresh.getState().assets.size).toBe(0);
  });

  it('the IndexedDB fallback store keeps the bytes when OPFS is absent', async () => {
    const name = libraryName();
    const blobStore = await createDefaultBlobStore(name, { opfsRoot: false });
    expect(blobStore.kind).toBe('indexeddb');
    const first = createMediaLibrary({ name, blobStore });
    const file = await png(120, 320, 200);
    const asset = imported((await first.importFiles([file]))[0]);
    await first.ready;
    first.close();

    const reopenedStore = await createDefaultBlobStore(name, { opfsRoot: false });
    const second = track(createMediaLibrary({ name, blobStore: reopenedStore }));
    await second.ready;
    expect(second.get(asset.id)).toEqual(asset);
    expect(await bytes(await second.getBlob(asset.id))).toEqual(await bytes(file));
    await second.clear();
    expect(await reopenedStore.keys()).toEqual([]);
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(`medialoft:${name}:blobs`);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  });

  it('a sweep in one instance waits (Web Locks) for another instance between bytes and records', async () => {
    const name = libraryName();
    const store = await createDefaultBlobStore(name);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written!: () => void;
    const bytesWritten = new Promise<void>((resolve) => {
      written = resolve;
    });
    const stalling: BlobStore = {
      ...store,
      kind: store.kind,
      put: async (key, data) => {
        await store.put(key, data);
        written();
        await gate;
      },
    };
    const importer = track(createMediaLibrary({ name, blobStore: stalling, thumbnails: false }));
    await importer.ready;
    const importing = importer.importFiles([await png(90, 32, 32)]);
    await bytesWritten;

    const other = track(createMediaLibrary({ name }));
    await other.ready;
    expect(other.lastSweep).toBeUndefined();
    const sweep = other.sweep();
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const asset = imported((await importing)[0]);
    expect(await sweep).toEqual({
      orphanBlobsDeleted: 0,
      recordsRemoved: 0,
      thumbnailsDropped: 0,
      listed: true,
    });
    expect(await store.keys()).toEqual([asset.blobKey]);
  });

  it('two instances on one origin see each other’s changes through BroadcastChannel', async () => {
    const name = libraryName();
    const a = track(createMediaLibrary({ name }));
    const b = track(createMediaLibrary({ name }));
    await Promise.all([a.ready, b.ready]);

    const asset = imported((await a.importFiles([await png(300, 64, 64)]))[0]);
    await vi.waitFor(() => expect(b.get(asset.id)).toEqual(asset));

    await b.update(asset.id, { title: 'from b', favorite: true });
    await b.addTags(asset.id, ['synced']);
    await vi.waitFor(() =>
      expect(a.get(asset.id)).toMatchObject({ title: 'from b', tags: ['synced'] }),
    );

    const collection = await a.createCollection('Shared');
    await a.addToCollection(collection.id, asset.id);
    await vi.waitFor(() => {
      expect(b.getState().collections.get(collection.id)?.name).toBe('Shared');
      expect(b.get(asset.id)?.collectionIds).toEqual([collection.id]);
    });

    await b.delete(asset.id);
    await vi.waitFor(() => expect(a.get(asset.id)).toBeUndefined());
    expect(a.getStatistics().total).toBe(0);
  });
});
