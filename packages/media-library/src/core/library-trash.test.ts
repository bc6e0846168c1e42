// The Trash in Node: delete keeps bytes and everything on the record, restore brings it back,
// emptying frees the bytes, retention empties at open and hourly, and every step syncs.

import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_VERSION, libraryDbName } from './db';
import { AssetNotFoundError, MediaLibraryError } from './errors';
import { describeImportOutcome } from './import/import-summary';
import type { MediaLibraryInstance } from './library';
import { TRASH_CHECK_INTERVAL_MS } from './library-trash';
import { createHarness, type Harness, pngFile, rawRecords } from './testing/library-harness';
import type { ImportItemResult, MediaLibraryOptions } from './types';

vi.mock('./import/thumbnail', () => ({
  createThumbnail: async () => ({
    blob: new Blob(['thumb'], { type: 'image/webp' }),
    type: 'image/webp',
    width: 4,
    height: 3,
  }),
}));

const DAY = 24 * 60 * 60 * 1000;
const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const library of opened.splice(0)) library.close();
});

function open(h: Harness, options: Partial<MediaLibraryOptions> = {}) {
  const library = h.open(options);
  opened.push(library);
  return library;
}

/** A library holding `count` images (with thumbnails); their ids, oldest first. */
async function seeded(
  count: number,
  h = createHarness(),
  options: Partial<MediaLibraryOptions> = {},
) {
  const library = open(h, options);
  await library.ready;
  const results = await library.importFiles(
    Array.from({ length: count }, (_, i) => pngFile(i + 1, `img-${i + 1}.png`)),
  );
  const ids = results.map((r) => (r.status === 'imported' ? r.asset.id : ''));
  return { h, library, ids };
}

const keysOf = async (h: Harness) => (await h.blobStore.keys()).sort();

describe('delete moves to the Trash', () => {
  it('keeps bytes, tags, collections and provenance; leaves queries, stays in statistics bytes', async () => {
    const { h, library, ids } = await seeded(3);
    const [a, b, c] = ids as [string, string, string];
    const collection = await library.createCollection('Trip');
    await library.addToCollection(collection.id, [a]);
    await library.addTags(a, ['fox']);
    const before = library.get(a);
    const bytesBefore = library.getStatistics().bytesUsed;

    await library.delete([a, b, 'unknown']);

    expect(library.get(a)).toBeUndefined();
    expect(library.query().items.map((asset) => asset.id)).toEqual([c]);
    expect(library.query({ tags: ['fox'] }).total).toBe(0);
    expect(library.listTags()).toEqual([]);
    const trash = library.query({ trashed: true }).items;
    expect(trash.map((asset) => asset.id).sort()).toEqual([a, b].sort());
    const trashedA = library.getState().trash.get(a);
    expect(trashedA).toEqual({ ...before, trashedAt: expect.any(Number) });
    // Nothing freed: the bytes and the records are all still stored.
    expect(await keysOf(h)).toHaveLength(6);
    expect(await rawRecords(h.indexedDB)).toHaveLength(3);
    expect(await library.getBlob(a)).toBeDefined();
    const statistics = library.getStatistics();
    expect(statistics.total).toBe(1);
    expect(statistics.bytesUsed).toBe(bytesBefore);
    expect(statistics.trash).toEqual({
      count: 2,
      bytes: (before?.size ?? 0) + (library.getState().trash.get(b)?.size ?? 0),
    });
    expect((await library.estimateStorage()).libraryBytes).toBe(bytesBefore);

    // Deleting again is harmless and keeps the first time.
    await library.delete(a);
    expect(library.getState().trash.get(a)?.trashedAt).toBe(trashedA?.trashedAt);
  });

  it('persists: a new instance opens with the Trash as it was', async () => {
    const { h, library, ids } = await seeded(2);
    await library.delete(ids[0] as string);
    library.close();
    const again = open(h);
    await again.ready;
    expect([...again.getState().trash.keys()]).toEqual([ids[0]]);
    expect([...again.getState().assets.keys()]).toEqual([ids[1]]);
    // The start-up sweep leaves the Trash's bytes alone: they are referenced.
    expect(again.lastSweep).toMatchObject({ orphanBlobsDeleted: 0, recordsRemoved: 0 });
    expect(await keysOf(h)).toHaveLength(4);
  });

  it('with trashRetentionDays 0 deletes for good at once', async () => {
    const { h, library, ids } = await seeded(2, createHarness(), { trashRetentionDays: 0 });
    await library.delete(ids[0] as string);
    expect(library.getState().trash.size).toBe(0);
    expect(await rawRecords(h.indexedDB)).toHaveLength(1);
    expect(await keysOf(h)).toEqual([`o/${ids[1]}`, `t/${ids[1]}`]);
  });

  it('refuses a retention that is not a number of days, changing nothing', async () => {
    for (const days of [-1, Number.NaN]) {
      const { library, ids } = await seeded(1, createHarness(), { trashRetentionDays: days });
      const error = await library.delete(ids).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaLibraryError);
      expect(error).toMatchObject({ code: 'invalid_input', message: /trashRetentionDays/ });
      expect(library.getState().assets.size).toBe(1);
    }
  });
});

describe('restore', () => {
  it('brings assets back with tags, collections and provenance', async () => {
    const { library, ids } = await seeded(2);
    const [a] = ids as [string];
    const collection = await library.createCollection('Trip');
    await library.addToCollection(collection.id, a);
    await library.addTags(a, ['fox']);
    const before = library.get(a);
    await library.delete(ids);
    await library.restore(a);
    expect(library.get(a)).toEqual(before);
    expect(library.get(a)?.trashedAt).toBeUndefined();
    expect(library.query({ collectionId: collection.id }).items.map((x) => x.id)).toEqual([a]);
    expect(library.getState().trash.size).toBe(1);
    // Restoring what is not in the Trash changes nothing.
    const revision = library.getState().revision;
    await library.restore(a);
    expect(library.getState().revision).toBe(revision);
  });

  it('an unknown id fails with not_found and restores nothing', async () => {
    const { library, ids } = await seeded(2);
    await library.delete(ids);
    const error = await library.restore([ids[0] as string, 'gone']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssetNotFoundError);
    expect(error).toMatchObject({ code: 'not_found', assetId: 'gone' });
    expect((error as Error).message).toMatch(/deleted for good/);
    expect(library.getState().trash.size).toBe(2);
  });
});

describe('deleteForever and emptyTrash', () => {
  it('emptyTrash deletes records and bytes of the Trash only, and says how many', async () => {
    const { h, library, ids } = await seeded(3);
    const [a, b, c] = ids as [string, string, string];
    await library.delete([a, b]);
    expect(await library.emptyTrash()).toBe(2);
    expect(library.getState().trash.size).toBe(0);
    expect(library.get(c)).toBeDefined();
    expect(await keysOf(h)).toEqual([`o/${c}`, `t/${c}`]);
    expect(await rawRecords(h.indexedDB)).toHaveLength(1);
    expect(library.getStatistics()).toMatchObject({ trash: { count: 0, bytes: 0 } });
    expect(await library.emptyTrash()).toBe(0);
    const error = await library.restore(a).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not_found' });
  });

  it('deleteForever frees one trashed asset, or one in the library', async () => {
    const { h, library, ids } = await seeded(3);
    const [a, b, c] = ids as [string, string, string];
    await library.delete([a, b]);
    await library.deleteForever([a, c]);
    expect([...library.getState().trash.keys()]).toEqual([b]);
    expect(library.getState().assets.size).toBe(0);
    expect(await keysOf(h)).toEqual([`o/${b}`, `t/${b}`]);
  });
});

describe('retention', () => {
  it('empties what is past the retention at open, keeping what is not', async () => {
    const h = createHarness();
    const { library, ids } = await seeded(3, h, { trashRetentionDays: 7 });
    const [a, b, c] = ids as [string, string, string];
    await library.delete(a);
    h.clock.time += 5 * DAY;
    await library.delete(b);
    library.close();

    h.clock.time += 3 * DAY; // a: 8 days in the Trash, b: 3.
    const again = open(h, { trashRetentionDays: 7 });
    await again.ready;
    expect([...again.getState().trash.keys()]).toEqual([b]);
    expect(again.get(c)).toBeDefined();
    expect(await keysOf(h)).toEqual([`o/${b}`, `o/${c}`, `t/${b}`, `t/${c}`]);
  });

  it('checks hourly while open, and stops on close', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const h = createHarness();
    const { library, ids } = await seeded(2, h);
    await library.delete(ids[0] as string);
    h.clock.time += 31 * DAY;
    vi.advanceTimersByTime(TRASH_CHECK_INTERVAL_MS);
    await vi.waitFor(() => expect(library.getState().trash.size).toBe(0));
    expect(await keysOf(h)).toEqual([`o/${ids[1]}`, `t/${ids[1]}`]);

    await library.delete(ids[1] as string);
    library.close();
    h.clock.time += 31 * DAY;
    vi.advanceTimersByTime(TRASH_CHECK_INTERVAL_MS);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await rawRecords(h.indexedDB)).toHaveLength(1);
  });
});

describe('the Trash across tabs', () => {
  it('trash, restore, delete forever and empty reach the other instance', async () => {
    const h = createHarness();
    const a = open(h, { broadcast: h.broadcast });
    const b = open(h, { broadcast: h.broadcast });
    await Promise.all([a.ready, b.ready]);
    const results = await a.importFiles([pngFile(1), pngFile(2), pngFile(3)]);
    const [x, y, z] = results.map((r) => (r.status === 'imported' ? r.asset.id : '')) as [
      string,
      string,
      string,
    ];
    await vi.waitFor(() => expect(b.getState().assets.size).toBe(3));
    await a.addTags(x, ['kept']);

    await a.delete([x, y, z]);
    await vi.waitFor(() => expect(b.getState().trash.size).toBe(3));
    expect(b.getState().assets.size).toBe(0);

    await b.restore(x);
    await vi.waitFor(() => expect(a.get(x)?.tags).toEqual(['kept']));
    expect(a.getState().trash.has(x)).toBe(false);

    await b.deleteForever(y);
    await vi.waitFor(() => expect(a.getState().trash.has(y)).toBe(false));

    await a.emptyTrash();
    await vi.waitFor(() => expect(b.getState().trash.size).toBe(0));
    expect(b.getStatistics()).toMatchObject({ total: 1, trash: { count: 0, bytes: 0 } });
  });
});

describe('bytes of a trashed asset', () => {
  it('are handed out (for the Trash to show) until the Trash is emptied', async () => {
    const { library, ids } = await seeded(1);
    const [a] = ids as [string];
    await library.delete(a);

    const thumbnail = await library.urls.acquire(a, 'thumbnail');
    expect(thumbnail.url).toMatch(/^blob:/);
    thumbnail.release();
    expect(await (await library.getBlob(a, 'thumbnail'))?.text()).toBe('thumb');
    expect((await library.getBlob(a))?.size).toBe(library.getState().trash.get(a)?.size);

    await library.emptyTrash();
    await expect(library.urls.acquire(a, 'thumbnail')).rejects.toBeInstanceOf(AssetNotFoundError);
    expect(await library.getBlob(a)).toBeUndefined();
  });
});

describe('re-importing bytes that are in the Trash', () => {
  it('restores that asset instead of a duplicate nobody can see', async () => {
    const { h, library, ids } = await seeded(1);
    const [a] = ids as [string];
    await library.addTags(a, ['fox']);
    await library.delete(a);
    const [result] = await library.importFiles([pngFile(1, 'again.png')]);
    expect(result).toMatchObject({ status: 'duplicate', restored: true, asset: { id: a } });
    expect(describeImportOutcome([result as ImportItemResult])).toBe('1 back from the Trash');
    expect(result?.status === 'duplicate' && result.asset.trashedAt).toBeUndefined();
    expect(library.get(a)?.tags).toEqual(['fox']);
    expect(library.getState().trash.size).toBe(0);
    expect(await rawRecords(h.indexedDB)).toHaveLength(1);

    // A duplicate of an asset in the library is not marked restored.
    const [plain] = await library.importFiles([pngFile(1)]);
    expect(plain).toMatchObject({ status: 'duplicate' });
    expect(plain && 'restored' in plain).toBe(false);
  });
});

describe('archives', () => {
  it('leave the Trash out', async () => {
    const { library, ids } = await seeded(2);
    await library.delete(ids[0] as string);
    const archive = await library.exportArchive();
    const entries = unzipSync(new Uint8Array(await archive.arrayBuffer()));
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
      assets: Array<{ id: string }>;
    };
    expect(manifest.assets.map((asset) => asset.id)).toEqual([ids[1]]);
    expect(Object.keys(entries).filter((name) => name.startsWith('assets/'))).toHaveLength(1);
  });
});

describe('schema upgrade to the Trash', () => {
  it('opens a library written at the previous version and adds the trashedAt index', async () => {
    const h = createHarness();
    const previous = DB_VERSION - 1;
    const record = {
      id: 'legacy',
      kind: 'image',
      name: 'old.png',
      mimeType: 'image/png',
      size: 3,
      sha256: 'cd'.repeat(32),
      blobKey: 'o/legacy',
      tags: ['old'],
      favorite: 0,
      collectionIds: [],
      source: { type: 'upload' },
      sourceType: 'upload',
      sourceModule: 'story-writer',
      usage: { downloads: 0, shares: 0, uses: 0 },
      createdAt: 1,
      updatedAt: 1,
    };
    await new Promise<void>((resolve, reject) => {
      const request = h.indexedDB.open(libraryDbName('test'), previous);
      request.onupgradeneeded = () => {
        const assets = request.result.createObjectStore('assets', { keyPath: 'id' });
        for (const index of ['createdAt', 'updatedAt', 'kind', 'favorite', 'sha256']) {
          assets.createIndex(index, index);
        }
        for (const index of ['sourceType', 'sourceModule']) assets.createIndex(index, index);
        assets.createIndex('tags', 'tags', { multiEntry: true });
        assets.createIndex('collectionIds', 'collectionIds', { multiEntry: true });
        request.result.createObjectStore('collections', { keyPath: 'id' });
        assets.put(record);
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    await h.blobStore.put('o/legacy', new Blob(['old']));

    const library = open(h);
    await library.ready;
    expect(library.get('legacy')).toMatchObject({ name: 'old.png', tags: ['old'] });
    await library.delete('legacy');
    expect(library.getState().trash.get('legacy')?.sourceModule).toBe('story-writer');
    library.close();

    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = h.indexedDB.open(libraryDbName('test'));
      request.onsuccess = () => resolve(request.result);
    });
    try {
      expect(db.version).toBe(DB_VERSION);
      const index = db.transaction('assets').objectStore('assets').index('trashedAt');
      const keys = await new Promise<IDBValidKey[]>((resolve) => {
        const request = index.getAllKeys();
        request.onsuccess = () => resolve(request.result);
      });
      expect(keys).toEqual(['legacy']);
    } finally {
      db.close();
    }
  });
});
