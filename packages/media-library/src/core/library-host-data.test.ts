// Host data on assets in Node: `sourceModule` and `meta` set at import and by `update`, kept in
// IndexedDB and across tabs, queried by module and by meta key, and carried over from a library
// made at the schema version before they existed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateIntoLibrary } from './ai-generation';
import type { MediaAIGenerator } from './ai-types';
import { DB_VERSION, libraryDbName } from './db';
import { MediaLibraryError } from './errors';
import type { MediaLibraryInstance } from './library';
import { createHarness, type Harness, pngFile, rawRecords } from './testing/library-harness';
import type { ImportItemResult, MediaAsset } from './types';

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
  for (const library of opened.splice(0)) library.close();
});

function open(h: Harness, overrides: Parameters<Harness['open']>[0] = {}) {
  const library = h.open(overrides);
  opened.push(library);
  return library;
}

const assetOf = (result: ImportItemResult | undefined): MediaAsset => {
  if (result?.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(result)}`);
  return result.asset;
};

async function invalidInput(promise: Promise<unknown>): Promise<MediaLibraryError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MediaLibraryError);
  expect((error as MediaLibraryError).code).toBe('invalid_input');
  return error as MediaLibraryError;
}

describe('host data at import', () => {
  it('stores sourceModule (normalised) and meta per input, and persists them', async () => {
    const h = createHarness();
    const library = open(h);
    const [story, studio, plain] = await library.importFiles([
      {
        blob: pngFile(1),
        name: 'a.png',
        sourceModule: ' Story-Writer ',
        meta: { storyId: 'abc', scene: 2 },
      },
      { blob: pngFile(2), name: 'b.png', sourceModule: 'image-studio' },
      pngFile(3),
    ]);
    expect(assetOf(story)).toMatchObject({
      sourceModule: 'story-writer',
      meta: { storyId: 'abc', scene: 2 },
    });
    expect(assetOf(studio).sourceModule).toBe('image-studio');
    expect(assetOf(studio).meta).toBeUndefined();
    expect(assetOf(plain).sourceModule).toBeUndefined();
    expect('meta' in assetOf(plain)).toBe(false);

    const records = (await rawRecords(h.indexedDB)) as MediaAsset[];
    expect(records.find((r) => r.id === assetOf(story).id)).toMatchObject({
      sourceModule: 'story-writer',
      meta: { storyId: 'abc', scene: 2 },
    });
    const again = open(h);
    await again.ready;
    expect(again.get(assetOf(story).id)?.meta).toEqual({ storyId: 'abc', scene: 2 });
  });

  it('takes batch defaults from the options, an input’s own values winning', async () => {
    const library = open(createHarness());
    const results = await library.importFiles(
      [pngFile(1), { blob: pngFile(2), sourceModule: 'blog-writer', meta: { post: 7 } }],
      { sourceModule: 'story-writer', meta: { storyId: 's1' } },
    );
    const [first, second] = results.map(assetOf) as [MediaAsset, MediaAsset];
    expect(first).toMatchObject({ sourceModule: 'story-writer', meta: { storyId: 's1' } });
    expect(second).toMatchObject({ sourceModule: 'blog-writer', meta: { post: 7 } });
    // The default is copied per asset: the records share nothing.
    const more = await library.importFiles([pngFile(3)], { meta: { storyId: 's1' } });
    expect(assetOf(more[0]).meta).not.toBe(first.meta);
  });

  it('leaves an existing asset’s host data alone when the same bytes come again', async () => {
    const library = open(createHarness());
    const [first] = await library.importFiles([
      { blob: pngFile(1), sourceModule: 'story-writer', meta: { storyId: 'abc' } },
    ]);
    const [again] = await library.importFiles([
      { blob: pngFile(1), sourceModule: 'blog-writer', meta: { post: 1 } },
    ]);
    expect(again?.status).toBe('duplicate');
    expect(library.get(assetOf(first).id)).toMatchObject({
      sourceModule: 'story-writer',
      meta: { storyId: 'abc' },
    });
  });

  it('fails only the item with bad host data, with a reason; the others import', async () => {
    const h = createHarness();
    const library = open(h);
    const results = await library.importFiles([
      { blob: pngFile(1), name: 'good.png', sourceModule: 'story-writer' },
      { blob: pngFile(2), name: 'bad-module.png', sourceModule: 'no spaces please' },
      { blob: pngFile(3), name: 'bad-meta.png', meta: { when: new Date(0) } as never },
      { blob: pngFile(4), name: 'also-good.png', meta: { ok: true } },
    ]);
    expect(results.map((r) => r.status)).toEqual(['imported', 'failed', 'failed', 'imported']);
    for (const [index, path] of [
      [1, 'sourceModule'],
      [2, 'meta.when'],
    ] as const) {
      const result = results[index];
      if (result?.status !== 'failed') throw new Error('expected a failure');
      expect(result.name).toBe(index === 1 ? 'bad-module.png' : 'bad-meta.png');
      expect(result.error).toBeInstanceOf(MediaLibraryError);
      expect((result.error as MediaLibraryError).code).toBe('invalid_input');
      expect(result.error.message).toContain(path);
    }
    expect(await rawRecords(h.indexedDB)).toHaveLength(2);
  });

  it('refuses bad batch defaults before reading anything', async () => {
    const h = createHarness();
    const library = open(h);
    await invalidInput(library.importFiles([pngFile(1)], { sourceModule: '' }));
    await invalidInput(
      library.importFiles([pngFile(1)], { meta: JSON.parse('{"__proto__":{"admin":true}}') }),
    );
    expect(await rawRecords(h.indexedDB)).toHaveLength(0);
  });

  it('sets host data on a URL import, and refuses bad values without fetching', async () => {
    const library = open(createHarness());
    const fetcher = vi.fn(async () => new File([pngFile(9)], 'fox.png', { type: 'image/png' }));
    const result = await library.importFromUrl('https://example.test/fox.png', {
      fetcher,
      sourceModule: 'image-studio',
      meta: { board: 'b1' },
    });
    expect(assetOf(result)).toMatchObject({
      sourceModule: 'image-studio',
      meta: { board: 'b1' },
      source: { type: 'url', url: 'https://example.test/fox.png' },
    });
    await invalidInput(
      library.importFromUrl('https://example.test/x.png', { fetcher, meta: { n: Number.NaN } }),
    );
    expect(fetcher).toHaveBeenCalledTimes(1);
  });
});

describe('host data on generated images', () => {
  it('files every generated asset under the module and meta given, and checks them first', async () => {
    const library = open(createHarness());
    const generateImages = vi.fn<MediaAIGenerator['generateImages']>(async (request) =>
      Array.from({ length: request.n ?? 1 }, (_, i) => ({
        file: pngFile(40 + i, `gen-${i}.png`),
        metadata: { provider: 'local', model: 'm', prompt: request.prompt },
      })),
    );
    const results = await generateIntoLibrary(
      library,
      { generateImages },
      { prompt: 'a fox', width: 64, height: 64, n: 2 },
      { sourceModule: 'image-studio', meta: { boardId: 'b7' } },
    );
    for (const result of results) {
      expect(assetOf(result)).toMatchObject({
        sourceModule: 'image-studio',
        meta: { boardId: 'b7' },
        source: { type: 'ai', prompt: 'a fox' },
      });
    }
    expect(library.query({ sourceModules: ['image-studio'], meta: { boardId: 'b7' } }).total).toBe(
      2,
    );

    await invalidInput(
      generateIntoLibrary(
        library,
        { generateImages },
        { prompt: 'x', width: 64, height: 64 },
        { sourceModule: '??' },
      ),
    );
    expect(generateImages).toHaveBeenCalledTimes(1);
  });
});

describe('host data by update', () => {
  it('sets, replaces and clears sourceModule and meta on one or many assets', async () => {
    const h = createHarness();
    const library = open(h);
    const ids = (await library.importFiles([pngFile(1), pngFile(2)])).map((r) => assetOf(r).id);
    const [a, b] = ids as [string, string];
    const before = library.get(a) as MediaAsset;

    await library.update(ids, { sourceModule: 'Story-Writer', meta: { storyId: 'abc' } });
    expect(library.get(a)).toMatchObject({
      sourceModule: 'story-writer',
      meta: { storyId: 'abc' },
    });
    expect(library.get(b)?.meta).toEqual({ storyId: 'abc' });
    expect(library.get(a)?.meta).not.toBe(library.get(b)?.meta);
    expect(library.get(a)?.updatedAt).toBeGreaterThan(before.updatedAt);

    await library.update(a, { meta: { storyId: 'xyz', scene: 4 } });
    expect(library.get(a)?.meta).toEqual({ storyId: 'xyz', scene: 4 });

    const revision = library.getState().revision;
    await library.update(b, { sourceModule: 'story-writer', meta: { storyId: 'abc' } });
    expect(library.getState().revision).toBe(revision);

    await library.update(a, { sourceModule: '', meta: {} });
    await library.update(b, { sourceModule: undefined, meta: undefined });
    for (const id of ids) {
      expect(library.get(id)?.sourceModule).toBeUndefined();
      expect(library.get(id)?.meta).toBeUndefined();
    }
    const records = (await rawRecords(h.indexedDB)) as MediaAsset[];
    expect(records.every((r) => !('sourceModule' in r) && !('meta' in r))).toBe(true);
  });

  it('refuses bad values with invalid_input and changes nothing', async () => {
    const h = createHarness();
    const library = open(h);
    const [result] = await library.importFiles([
      { blob: pngFile(1), sourceModule: 'story-writer', meta: { storyId: 'abc' } },
    ]);
    const id = assetOf(result).id;
    const error = await invalidInput(library.update(id, { sourceModule: 'a/b', title: 'New' }));
    expect(error.message).toContain('sourceModule');
    await invalidInput(library.update(id, { meta: { deep: { constructor: 1 } } as never }));
    await invalidInput(library.update(id, { meta: 'abc' as never }));
    expect(library.get(id)).toMatchObject({
      sourceModule: 'story-writer',
      meta: { storyId: 'abc' },
    });
    expect(library.get(id)?.title).toBeUndefined();
    expect(((await rawRecords(h.indexedDB)) as MediaAsset[])[0]?.meta).toEqual({ storyId: 'abc' });
  });
});

describe('querying host data', () => {
  async function filed() {
    const library = open(createHarness());
    const results = await library.importFiles([
      { blob: pngFile(1), sourceModule: 'story-writer', meta: { storyId: 'abc', scene: 1 } },
      { blob: pngFile(2), sourceModule: 'story-writer', meta: { storyId: 'abc', scene: 2 } },
      { blob: pngFile(3), sourceModule: 'story-writer', meta: { storyId: 'def', scene: 1 } },
      { blob: pngFile(4), sourceModule: 'image-studio', meta: { storyId: 'abc' } },
      { blob: pngFile(5), sourceModule: 'blog-writer' },
      pngFile(6),
    ]);
    return { library, ids: results.map((r) => assetOf(r).id) };
  }

  it('filters by any of several modules, compared as stored', async () => {
    const { library, ids } = await filed();
    const idsOf = (q: Parameters<typeof library.query>[0]) =>
      library
        .query({ ...q, sort: { field: 'createdAt', direction: 'asc' } })
        .items.map((a) => a.id);
    expect(idsOf({ sourceModules: ['story-writer'] })).toEqual(ids.slice(0, 3));
    expect(idsOf({ sourceModules: [' Image-Studio', 'blog-writer'] })).toEqual(ids.slice(3, 5));
    expect(idsOf({ sourceModules: ['nobody'] })).toEqual([]);
    expect(library.query({ sourceModules: [] }).total).toBe(6);
  });

  it('matches every given meta key by strict equality, own keys only', async () => {
    const { library, ids } = await filed();
    const idsOf = (q: Parameters<typeof library.query>[0]) =>
      library
        .query({ ...q, sort: { field: 'createdAt', direction: 'asc' } })
        .items.map((a) => a.id);
    expect(idsOf({ meta: { storyId: 'abc' } })).toEqual([ids[0], ids[1], ids[3]]);
    expect(idsOf({ meta: { storyId: 'abc', scene: 1 } })).toEqual([ids[0]]);
    expect(idsOf({ meta: { scene: '1' } })).toEqual([]);
    expect(idsOf({ meta: { storyId: 'abc' }, sourceModules: ['story-writer'] })).toEqual(
      ids.slice(0, 2),
    );
    expect(idsOf({ meta: { toString: null } })).toEqual([]);
    expect(library.query({ meta: {} }).total).toBe(6);
  });
});

describe('host data across tabs', () => {
  it('reaches another instance after import and after update', async () => {
    const h = createHarness();
    const a = open(h, { broadcast: h.broadcast });
    const b = open(h, { broadcast: h.broadcast });
    await Promise.all([a.ready, b.ready]);
    const [result] = await a.importFiles([
      { blob: pngFile(1), sourceModule: 'story-writer', meta: { storyId: 'abc' } },
    ]);
    const id = assetOf(result).id;
    await vi.waitFor(() =>
      expect(b.get(id)).toMatchObject({ sourceModule: 'story-writer', meta: { storyId: 'abc' } }),
    );
    await b.update(id, { meta: { storyId: 'abc', scene: 5 } });
    await vi.waitFor(() => expect(a.get(id)?.meta).toEqual({ storyId: 'abc', scene: 5 }));
    expect(a.query({ meta: { scene: 5 } }).total).toBe(1);
  });
});

describe('schema upgrade to host data', () => {
  it('carries a library made at the previous version forward, with a sourceModule index', async () => {
    const h = createHarness();
    // The version before host data (v3 added its index).
    const previous = 2;
    const v2Record = {
      id: 'legacy',
      kind: 'image',
      name: 'old.png',
      mimeType: 'image/png',
      size: 3,
      sha256: 'ab'.repeat(32),
      blobKey: 'o/legacy',
      tags: ['old'],
      favorite: 1,
      collectionIds: [],
      source: { type: 'upload' },
      sourceType: 'upload',
      usage: { downloads: 2, shares: 0, uses: 0 },
      createdAt: 1,
      updatedAt: 1,
    };
    await new Promise<void>((resolve, reject) => {
      const request = h.indexedDB.open(libraryDbName('test'), previous);
      request.onupgradeneeded = () => {
        const assets = request.result.createObjectStore('assets', { keyPath: 'id' });
        // The schema before host data: every index but `sourceModule`.
        for (const index of [
          'createdAt',
          'updatedAt',
          'kind',
          'favorite',
          'sha256',
          'sourceType',
        ]) {
          assets.createIndex(index, index);
        }
        assets.createIndex('tags', 'tags', { multiEntry: true });
        assets.createIndex('collectionIds', 'collectionIds', { multiEntry: true });
        request.result.createObjectStore('collections', { keyPath: 'id' });
        assets.put(v2Record);
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
    expect(library.get('legacy')).toMatchObject({
      name: 'old.png',
      favorite: true,
      tags: ['old'],
      usage: { downloads: 2 },
    });
    expect(library.get('legacy')?.sourceModule).toBeUndefined();
    await library.update('legacy', { sourceModule: 'story-writer', meta: { storyId: 'abc' } });
    expect(library.query({ sourceModules: ['story-writer'] }).items.map((a) => a.id)).toEqual([
      'legacy',
    ]);
    library.close();

    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = h.indexedDB.open(libraryDbName('test'));
      request.onsuccess = () => resolve(request.result);
    });
    try {
      expect(db.version).toBe(DB_VERSION);
      const store = db.transaction('assets').objectStore('assets');
      expect(store.indexNames.contains('sourceModule')).toBe(true);
      expect(store.indexNames.contains('sourceType')).toBe(true);
      const keys = await new Promise<IDBValidKey[]>((resolve) => {
        const request = store.index('sourceModule').getAllKeys('story-writer');
        request.onsuccess = () => resolve(request.result);
      });
      expect(keys).toEqual(['legacy']);
    } finally {
      db.close();
    }
  });
});
