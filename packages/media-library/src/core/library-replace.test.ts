// Replacing an asset's file in place, in Node (fake IndexedDB, memory blob store): what stays,
// what changes, which bytes go, and the refusals that must leave everything as it was.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssetNotFoundError, UnreadableFileError } from './errors';
import type { MediaLibraryInstance } from './library';
import { DuplicateAssetError, ReplaceCanceledError } from './library-replace-errors';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import { bytesOf, createHarness, pngBytes, pngFile, rawRecords } from './testing/library-harness';
import type { BlobStore, MediaAsset } from './types';

// Node has no canvas: every image gets a stand-in thumbnail that names its source's size.
vi.mock('./import/thumbnail', () => ({
  createThumbnail: async (blob: Blob) => ({
    blob: new Blob([`thumb of ${blob.size}`], { type: 'image/webp' }),
    type: 'image/webp',
    width: 4,
    height: 3,
  }),
}));

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

type Harness = ReturnType<typeof createHarness>;

function open(h: Harness, overrides: Parameters<Harness['open']>[0] = {}) {
  const library = h.open(overrides);
  opened.push(library);
  return library;
}

async function imported(library: MediaLibraryInstance, file: File): Promise<MediaAsset> {
  const [result] = await library.importFiles([file]);
  if (result?.status !== 'imported') throw new Error(`not imported: ${result?.status}`);
  return result.asset;
}

async function storedKeys(store: BlobStore): Promise<string[]> {
  return (await store.keys()).sort();
}

/** Every blob key the records name, sorted. */
async function recordKeys(h: Harness): Promise<string[]> {
  const records = (await rawRecords(h.indexedDB)) as MediaAsset[];
  return records.flatMap((r) => [r.blobKey, ...(r.thumbnailKey ? [r.thumbnailKey] : [])]).sort();
}

/** A PNG of another size than `pngFile`'s, so measurements change too. */
const widePng = (seed: number, name = 'wide.png') =>
  new File([pngBytes(seed, 16, 9, 200)], name, { type: 'image/png' });

describe('replaceFile', () => {
  it('keeps what a person set, takes the new file’s facts, and frees the old bytes', async () => {
    const h = createHarness();
    const library = open(h);
    const before = await imported(library, pngFile(1, 'old.png'));
    await library.ready;
    const collection = await library.createCollection('Hero');
    await library.addToCollection(collection.id, before.id);
    await library.update(before.id, {
      title: 'Hero',
      description: 'Front page',
      alt: 'A fox',
      favorite: true,
      sourceModule: 'cms',
      meta: { page: 3 },
    });
    await library.addTags(before.id, ['fox']);
    await library.trackUsage(before.id, 'download');
    const edited = library.get(before.id) as MediaAsset;

    const file = widePng(7, 'new.png');
    const after = await library.replaceFile(before.id, file);

    expect(after).toMatchObject({
      id: before.id,
      title: 'Hero',
      description: 'Front page',
      alt: 'A fox',
      favorite: true,
      tags: ['fox'],
      collectionIds: [collection.id],
      sourceModule: 'cms',
      meta: { page: 3 },
      source: { type: 'upload' },
      usage: edited.usage,
      createdAt: before.createdAt,
      name: 'new.png',
      mimeType: 'image/png',
      kind: 'image',
      size: file.size,
      width: 16,
      height: 9,
      thumbnailType: 'image/webp',
    });
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.blobKey).not.toBe(before.blobKey);
    expect(after.thumbnailKey).not.toBe(before.thumbnailKey);
    expect(after.updatedAt).toBeGreaterThan(edited.updatedAt);
    expect(library.get(before.id)).toEqual(after);

    // The new bytes are served, the old ones are gone, and nothing else is left behind.
    expect(await bytesOf(await library.getBlob(before.id))).toEqual(await bytesOf(file));
    expect(await h.blobStore.has(before.blobKey)).toBe(false);
    expect(await h.blobStore.has(before.thumbnailKey as string)).toBe(false);
    expect(await storedKeys(h.blobStore)).toEqual(await recordKeys(h));

    // Persisted: a fresh instance reads the same record.
    const again = open(h);
    await again.ready;
    expect(again.get(before.id)).toEqual(after);
  });

  it('turns an AI source into an upload: the prompt described the old bytes', async () => {
    const library = open(createHarness());
    const ai = { type: 'ai', provider: 'local', model: 'm', prompt: 'a fox' } as const;
    const [result] = await library.importFiles([pngFile(1)], { source: ai });
    const id = result?.status === 'imported' ? result.asset.id : '';
    const viaUrl = await imported(library, pngFile(2));
    await library.ready;
    expect((await library.replaceFile(id, pngFile(3))).source).toEqual({ type: 'upload' });
    expect(library.get(id)?.source).toEqual({ type: 'upload' });
    // An upload stays an upload; nothing else about a source is touched.
    expect((await library.replaceFile(viaUrl.id, pngFile(4))).source).toEqual(viaUrl.source);
  });

  it('keeps bytes another record still names', async () => {
    const h = createHarness();
    const library = open(h);
    const asset = await imported(library, pngFile(1));
    await library.ready;
    library.close();
    // A second record over the same bytes (as an older archive restore could leave).
    const [raw] = (await rawRecords(h.indexedDB)) as Array<Record<string, unknown>>;
    await putRaw(h, { ...raw, id: 'twin', createdAt: 1 });

    const reopened = open(h);
    await reopened.ready;
    expect(reopened.get('twin')?.blobKey).toBe(asset.blobKey);
    await reopened.replaceFile(asset.id, pngFile(2));

    expect(await h.blobStore.has(asset.blobKey)).toBe(true);
    expect(await h.blobStore.has(asset.thumbnailKey as string)).toBe(true);
    expect(await bytesOf(await reopened.getBlob('twin'))).toEqual(await bytesOf(pngFile(1)));
    expect(await storedKeys(h.blobStore)).toEqual(await recordKeys(h));
  });

  it('refuses bytes that are another asset’s, naming it, and changes nothing', async () => {
    const h = createHarness();
    const library = open(h);
    const first = await imported(library, pngFile(1));
    const second = await imported(library, pngFile(2));
    await library.ready;
    const keys = await storedKeys(h.blobStore);

    const error = await library.replaceFile(first.id, pngFile(2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateAssetError);
    expect(error).toMatchObject({ code: 'duplicate', assetId: second.id });
    expect((error as Error).message).toContain(second.name);
    expect(library.get(first.id)).toEqual(first);
    expect(await storedKeys(h.blobStore)).toEqual(keys);
  });

  it('returns the asset unchanged for its own bytes', async () => {
    const h = createHarness();
    const library = open(h);
    const asset = await imported(library, pngFile(1));
    await library.ready;
    expect(await library.replaceFile(asset.id, pngFile(1, 'again.png'))).toEqual(asset);
    expect(await storedKeys(h.blobStore)).toEqual(await recordKeys(h));
  });

  it('refuses an unknown id and a file that does not decode', async () => {
    const h = createHarness();
    const library = open(h);
    const asset = await imported(library, pngFile(1));
    await library.ready;
    await expect(library.replaceFile('missing', pngFile(2))).rejects.toBeInstanceOf(
      AssetNotFoundError,
    );
    // Named and typed as a PNG, but binary bytes without a PNG signature: it would never show.
    const broken = new File([new Uint8Array(64).fill(1)], 'broken.png', { type: 'image/png' });
    await expect(library.replaceFile(asset.id, broken)).rejects.toBeInstanceOf(UnreadableFileError);
    expect(library.get(asset.id)).toEqual(asset);
    expect(await storedKeys(h.blobStore)).toEqual(await recordKeys(h));
  });

  it('leaves everything as before when aborted while the new bytes are written', async () => {
    const memory = createMemoryBlobStore();
    const controller = new AbortController();
    let abortOnPut = false;
    const blobStore: BlobStore = {
      ...memory,
      keys: () => memory.keys(),
      async put(key, blob, options) {
        await memory.put(key, blob, options);
        if (abortOnPut) controller.abort();
      },
    };
    const h = createHarness({ blobStore });
    const library = open(h);
    const asset = await imported(library, pngFile(1));
    await library.ready;
    const keys = await storedKeys(memory);

    abortOnPut = true;
    const error = await library
      .replaceFile(asset.id, widePng(5), { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplaceCanceledError);
    expect(error).toMatchObject({ code: 'canceled' });
    expect(library.get(asset.id)).toEqual(asset);
    expect((await rawRecords(h.indexedDB)) as MediaAsset[]).toMatchObject([
      { id: asset.id, sha256: asset.sha256, blobKey: asset.blobKey },
    ]);
    // No orphan: the bytes written before the abort were taken back.
    expect(await storedKeys(memory)).toEqual(keys);
  });

  it('refuses at once with a signal already aborted', async () => {
    const library = open(createHarness());
    const asset = await imported(library, pngFile(1));
    const controller = new AbortController();
    controller.abort();
    await expect(
      library.replaceFile(asset.id, pngFile(2), { signal: controller.signal }),
    ).rejects.toBeInstanceOf(ReplaceCanceledError);
  });

  it('shows the new file in another open instance, whose old URLs are dropped', async () => {
    const h = createHarness();
    const tabA = open(h, { broadcast: h.broadcast });
    const tabB = open(h, { broadcast: h.broadcast });
    const asset = await imported(tabA, pngFile(1));
    await Promise.all([tabA.ready, tabB.ready]);
    await vi.waitFor(() => expect(tabB.get(asset.id)).toBeDefined());
    const invalidate = vi.spyOn(tabB.urls, 'invalidate');

    const after = await tabA.replaceFile(asset.id, widePng(3));

    await vi.waitFor(() => expect(tabB.get(asset.id)?.thumbnailKey).toBe(after.thumbnailKey));
    expect(tabB.get(asset.id)).toEqual(after);
    expect(invalidate).toHaveBeenCalledWith(asset.id);
    expect(await bytesOf(await tabB.getBlob(asset.id, 'thumbnail'))).toEqual(
      await bytesOf(await tabA.getBlob(asset.id, 'thumbnail')),
    );
  });
});

/** Writes a record straight into the library's database. */
async function putRaw(h: Harness, record: Record<string, unknown>): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = h.indexedDB.open('medialoft:test');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('assets', 'readwrite');
      tx.objectStore('assets').put(record);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}
