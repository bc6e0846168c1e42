// Operations on existing assets in Node: edits, tags, collections, delete, clear, usage,
// statistics and the storage estimate. Each must land in IndexedDB, not only in the store.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssetNotFoundError, CollectionNotFoundError } from './errors';
import type { MediaLibraryInstance } from './library';
import { createHarness, pngFile, rawRecords } from './testing/library-harness';
import type { MediaAsset } from './types';

// Node has no canvas, so thumbnails are stood in for: every image gets a tiny WebP.
vi.mock('./import/thumbnail', () => ({
  createThumbnail: async () => ({
    blob: new Blob(['thumb'], { type: 'image/webp' }),
    type: 'image/webp',
    width: 4,
    height: 3,
  }),
}));

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const library of opened.splice(0)) library.close();
});

/** A library with `count` imported images; returns it and their ids, oldest first. */
async function libraryWith(count: number, h = createHarness()) {
  const library = h.open();
  opened.push(library);
  const results = await library.importFiles(
    Array.from({ length: count }, (_, i) => pngFile(i + 1, `img-${i + 1}.png`)),
  );
  const ids = results.map((r) => (r.status === 'imported' ? r.asset.id : ''));
  await library.ready;
  return { h, library, ids };
}

/** What a fresh instance reads from the database, to prove the change was persisted. */
async function reopened(h: ReturnType<typeof createHarness>) {
  const library = h.open();
  opened.push(library);
  await library.ready;
  return library;
}

describe('update', () => {
  it('sets and clears text fields and the favorite, single and bulk, bumping updatedAt', async () => {
    const { h, library, ids } = await libraryWith(3);
    const [a, b, c] = ids as [string, string, string];
    const before = library.get(a) as MediaAsset;
    const revision = library.getState().revision;

    await library.update(a, { title: 'Fox', description: 'A red fox', alt: 'fox' });
    expect(library.getState().revision).toBe(revision + 1);
    await library.update([b, c], { favorite: true });
    await library.update(a, { description: '', alt: undefined });

    const after = library.get(a) as MediaAsset;
    expect(after).toMatchObject({ title: 'Fox' });
    expect(after.description).toBeUndefined();
    expect(after.alt).toBeUndefined();
    expect(after.updatedAt).toBeGreaterThan(before.updatedAt);
    expect(library.get(b)?.favorite).toBe(true);
    expect(library.query({ favorite: true }).total).toBe(2);

    const fresh = await reopened(h);
    expect(fresh.get(a)).toEqual(after);
    expect(fresh.get(c)?.favorite).toBe(true);
  });

  it('an unknown id changes nothing and throws AssetNotFoundError', async () => {
    const { library, ids } = await libraryWith(1);
    const error = await library.update([ids[0] as string, 'nope'], { title: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(AssetNotFoundError);
    expect(error).toMatchObject({ code: 'not_found', assetId: 'nope' });
    expect(library.get(ids[0] as string)?.title).toBeUndefined();
  });

  it('an edit that changes nothing does not touch the state', async () => {
    const { library, ids } = await libraryWith(1);
    const revision = library.getState().revision;
    await library.update(ids[0] as string, { favorite: false });
    expect(library.getState().revision).toBe(revision);
  });
});

describe('tags', () => {
  it('adds, removes, renames (merging) and lists tags', async () => {
    const { h, library, ids } = await libraryWith(3);
    const [a, b, c] = ids as [string, string, string];
    await library.addTags([a, b], [' fox', 'red ', 'fox']);
    await library.addTags(c, ['Fox', 'animal']);
    await library.addTags(a, ['animal']);
    expect(library.get(a)?.tags).toEqual(['fox', 'red', 'animal']);
    expect(library.listTags()).toEqual(
      [
        { tag: 'animal', count: 2 },
        { tag: 'fox', count: 2 },
        { tag: 'Fox', count: 1 },
        { tag: 'red', count: 2 },
      ].sort((x, y) => y.count - x.count || x.tag.localeCompare(y.tag)),
    );

    await library.renameTag('Fox', 'fox');
    await library.renameTag('animal', 'fox'); // a has both: they merge into one
    expect(library.get(a)?.tags).toEqual(['fox', 'red']);
    expect(library.get(c)?.tags).toEqual(['fox']);

    await library.removeTags([a, b], ['red']);
    expect(library.listTags()).toEqual([{ tag: 'fox', count: 3 }]);
    expect(library.query({ tags: ['fox'] }).total).toBe(3);

    const fresh = await reopened(h);
    expect(fresh.listTags()).toEqual([{ tag: 'fox', count: 3 }]);
    await expect(library.renameTag('fox', '  ')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('collections', () => {
  it('creates, renames, fills, empties and deletes collections; assets stay', async () => {
    const { h, library, ids } = await libraryWith(3);
    const [a, b, c] = ids as [string, string, string];
    const trips = await library.createCollection('  Trips ');
    const pets = await library.createCollection('Pets');
    expect(trips).toMatchObject({ name: 'Trips' });
    await library.addToCollection(trips.id, [a, b]);
    await library.addToCollection(pets.id, [b, c]);
    expect(library.get(b)?.collectionIds).toEqual([trips.id, pets.id]);
    expect(library.query({ collectionId: trips.id }).total).toBe(2);

    await library.renameCollection(trips.id, 'Holidays');
    expect(library.getState().collections.get(trips.id)?.name).toBe('Holidays');
    await library.removeFromCollection(pets.id, c);
    expect(library.get(c)?.collectionIds).toEqual([]);

    await library.deleteCollection(trips.id);
    expect(library.getState().collections.has(trips.id)).toBe(false);
    expect(library.get(a)?.collectionIds).toEqual([]);
    expect(library.get(b)?.collectionIds).toEqual([pets.id]);
    expect(library.getState().assets.size).toBe(3);

    const fresh = await reopened(h);
    expect([...fresh.getState().collections.values()].map((x) => x.name)).toEqual(['Pets']);
    expect(fresh.get(a)?.collectionIds).toEqual([]);
  });

  it('rejects unknown collections and empty names', async () => {
    const { library, ids } = await libraryWith(1);
    await expect(library.addToCollection('nope', ids)).rejects.toBeInstanceOf(
      CollectionNotFoundError,
    );
    expect(library.get(ids[0] as string)?.collectionIds).toEqual([]);
    await expect(library.renameCollection('nope', 'x')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(library.createCollection(' ')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('delete and clear', () => {
  it('deleteForever removes the record, the bytes and the thumbnail', async () => {
    const { h, library, ids } = await libraryWith(3);
    const [a, b, c] = ids as [string, string, string];
    expect(library.get(a)).toMatchObject({ thumbnailKey: `t/${a}`, thumbnailType: 'image/webp' });
    expect(await library.getBlob(a, 'thumbnail')).toMatchObject({ type: 'image/webp' });

    await library.urls.acquire(a, 'thumbnail');
    expect(library.urls.size()).toBe(1);

    await library.deleteForever([a, b, 'unknown']);
    expect(library.urls.size()).toBe(0);
    expect(library.get(a)).toBeUndefined();
    expect(await library.getBlob(a)).toBeUndefined();
    expect((await h.blobStore.keys()).sort()).toEqual([`o/${c}`, `t/${c}`]);
    expect(await rawRecords(h.indexedDB)).toHaveLength(1);
  });

  it('clear removes every asset, collection and blob', async () => {
    const { h, library } = await libraryWith(2);
    await library.createCollection('x');
    await library.clear();
    expect(library.getState().assets.size).toBe(0);
    expect(library.getState().collections.size).toBe(0);
    expect(await h.blobStore.keys()).toEqual([]);
    expect(await rawRecords(h.indexedDB)).toEqual([]);
  });
});

describe('usage and statistics', () => {
  it('counts downloads, shares and uses and stamps lastAccessedAt, not updatedAt', async () => {
    const { h, library, ids } = await libraryWith(1);
    const id = ids[0] as string;
    const before = library.get(id) as MediaAsset;
    await library.trackUsage(id, 'download');
    await library.trackUsage(id, 'download');
    await library.trackUsage(id, 'share');
    await library.trackUsage(id, 'use');
    const after = library.get(id) as MediaAsset;
    expect(after.usage).toMatchObject({ downloads: 2, shares: 1, uses: 1 });
    expect(after.usage.lastAccessedAt).toBeGreaterThan(before.updatedAt);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect((await reopened(h)).get(id)?.usage).toEqual(after.usage);
    await expect(library.trackUsage(id, 'print' as 'use')).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('counts by kind and source, favorites, AI cost and bytes', async () => {
    const h = createHarness();
    const library = h.open();
    opened.push(library);
    const ai = (seed: number, costUsd: number) => ({
      blob: pngFile(seed),
      source: { type: 'ai' as const, provider: 'p', model: 'm', prompt: 'x', costUsd },
    });
    const results = await library.importFiles([
      pngFile(1),
      new Blob(['plain text'], { type: 'text/plain' }),
      ai(2, 0.1),
      ai(3, 0.2),
      { blob: pngFile(4), source: { type: 'url', url: 'https://example.test/a.png' } },
    ]);
    const first = results[0]?.status === 'imported' ? results[0].asset.id : '';
    await library.update(first, { favorite: true });
    const bytes = [...library.getState().assets.values()].reduce((sum, a) => sum + a.size, 0);
    expect(library.getStatistics()).toEqual({
      total: 5,
      byKind: { image: 4, video: 0, audio: 0, text: 1, document: 0, other: 0 },
      bySource: { upload: 2, url: 1, ai: 2, edit: 0 },
      favorites: 1,
      totalAiCostUsd: 0.3,
      bytesUsed: bytes,
      trash: { count: 0, bytes: 0 },
    });
  });

  it('estimates storage from the browser, the cap and the library', async () => {
    const { library } = await libraryWith(2, createHarness({ storageCap: 10_000 }));
    vi.stubGlobal('navigator', {
      storage: {
        estimate: async () => ({ usage: 5_000, quota: 8_000 }),
        persisted: async () => true,
        persist: async () => true,
      },
    });
    const bytes = library.getStatistics().bytesUsed;
    expect(await library.estimateStorage()).toEqual({
      libraryBytes: bytes,
      originUsage: 5_000,
      originQuota: 8_000,
      cap: 10_000,
      available: Math.min(3_000, 10_000 - bytes),
      persisted: true,
    });
    expect(await library.requestPersistence()).toBe(true);
    vi.unstubAllGlobals();
    expect(await library.requestPersistence()).toBe(false);
  });
});
