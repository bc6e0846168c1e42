// A batch in real Chromium with the default blob store: a copy of an asset already there, a
// damaged file and a cancel part-way. What finished is in the library after it is opened
// again, whole (every record has its bytes and no bytes lack a record); the rest left nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from './db';
import { describeImportOutcome, isCanceledResult } from './import/import-summary';
import { terminateThumbnailWorker } from './import/thumbnail';
import { createMediaLibrary, type MediaLibraryInstance } from './library';
import { createDefaultBlobStore } from './storage/default-blob-store';
import type { BlobStore } from './types';

const open: MediaLibraryInstance[] = [];
const databases: string[] = [];

afterEach(async () => {
  for (const library of open.splice(0)) library.close();
  terminateThumbnailWorker();
  for (const name of databases.splice(0)) {
    await (await createDefaultBlobStore(name)).clear();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }
});

function openLibrary(name: string, blobStore?: BlobStore): MediaLibraryInstance {
  const library = createMediaLibrary({ name, broadcast: false, ...(blobStore && { blobStore }) });
  open.push(library);
  return library;
}

async function png(seed: number, name: string): Promise<File> {
  const canvas = new OffscreenCanvas(64, 48);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = `rgb(${seed * 17} ${255 - seed * 13} ${seed * 7})`;
  context.fillRect(0, 0, 64, 48);
  context.fillRect(seed, seed, 5, 5);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, {
    type: 'image/png',
  });
}

/** The real store, whose `count`th original's write waits for `release` and calls `onReach`. */
function gated(real: BlobStore, count: number, onReach: () => void) {
  let originals = 0;
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const store: BlobStore = {
    ...real,
    kind: real.kind,
    get: (key) => real.get(key),
    keys: () => real.keys(),
    delete: (key) => real.delete(key),
    async put(key, data) {
      if (key.startsWith('o/') && ++originals === count) {
        onReach();
        await gate;
      }
      return real.put(key, data);
    },
  };
  return { store, release: () => release() };
}

describe('an import batch canceled part-way in Chromium', () => {
  it('keeps what finished, whole, and reports each file', { timeout: 60_000 }, async () => {
    const name = `keep-finished-${crypto.randomUUID()}`;
    databases.push(name);
    const real = await createDefaultBlobStore(name);
    const controller = new AbortController();
    // The eighth original of the batch (the first import is one more) waits for the cancel.
    const { store, release } = gated(real, 9, () => controller.abort());
    const library = openLibrary(name, store);
    const [fox] = await library.importFiles([await png(1, 'fox.png')]);
    const foxId = fox?.status === 'imported' ? fox.asset.id : '';

    const copy = new File([await png(1, 'x.png')], 'fox copy.png', { type: 'image/png' });
    const damaged = new File([crypto.getRandomValues(new Uint8Array(4096))], 'damaged.jpg', {
      type: 'image/jpeg',
    });
    const others = await Promise.all(
      Array.from({ length: 10 }, (_, i) => png(i + 2, `photo-${i + 2}.png`)),
    );
    const batch = [copy, damaged, ...others];
    controller.signal.addEventListener('abort', () => setTimeout(release, 0));
    const results = await library.importFiles(batch, {
      keepFinished: true,
      signal: controller.signal,
    });

    expect(results.map((r) => r.name)).toEqual(batch.map((file) => file.name));
    expect(results[0]).toMatchObject({ status: 'duplicate', asset: { id: foxId } });
    expect(results[1]).toMatchObject({ status: 'imported', asset: { unreadable: true } });
    const kept = results.filter((r) => r.status === 'imported');
    const canceled = results.filter(isCanceledResult);
    // Up to seven originals may have finished before the gated one; writes still under way
    // at the cancel are undone. Either way, each file is kept or canceled, nothing else.
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.length).toBeLessThanOrEqual(8);
    expect(kept.length + canceled.length).toBe(batch.length - 1);
    expect(describeImportOutcome(results)).toBe(
      `Canceled: ${kept.length + 1} kept, ${canceled.length} not imported`,
    );
    library.close();

    const reopened = openLibrary(name);
    await reopened.ready;
    const assets = [...reopened.getState().assets.values()];
    expect(assets.map((asset) => asset.id).sort()).toEqual(
      [foxId, ...kept.map((r) => (r.status === 'imported' ? r.asset.id : ''))].sort(),
    );
    const recordKeys = assets.flatMap((asset) =>
      asset.thumbnailKey ? [asset.blobKey, asset.thumbnailKey] : [asset.blobKey],
    );
    const storeKeys = await (await createDefaultBlobStore(name)).keys();
    expect(storeKeys.sort()).toEqual(recordKeys.sort());
  });
});
