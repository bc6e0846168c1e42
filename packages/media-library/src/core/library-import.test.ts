// The import pipeline in Node: records and bytes, dedupe, progress, cancel, failures between
// bytes and records, storage full, per-file failures and URL imports.
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  ImportAbortedError,
  ImportFailedError,
  MediaLibraryError,
  StorageFullError,
} from './errors';
import type { MediaLibraryInstance } from './library';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import { bytesOf, createHarness, pngBytes, pngFile, rawRecords } from './testing/library-harness';
import type { BlobStore, ImportProgress } from './types';

const opened: MediaLibraryInstance[] = [];
function track(library: MediaLibraryInstance) {
  opened.push(library);
  return library;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const library of opened.splice(0)) library.close();
});

describe('importFiles', () => {
  it('stores the bytes first, then a record with everything sniffed and measured', async () => {
    const h = createHarness();
    const library = track(h.open());
    await library.ready;
    const file = pngFile(1, 'fox.png');
    const revision = library.getState().revision;

    const [result] = await library.importFiles([file]);

    expect(result?.status).toBe('imported');
    const asset = result?.status === 'imported' ? result.asset : undefined;
    expect(asset).toMatchObject({
      id: 'id-0001',
      kind: 'image',
      name: 'fox.png',
      mimeType: 'image/png',
      size: file.size,
      width: 4,
      height: 3,
      blobKey: 'o/id-0001',
      tags: [],
      favorite: false,
      collectionIds: [],
      source: { type: 'upload' },
      usage: { downloads: 0, shares: 0, uses: 0 },
    });
    expect(asset?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await bytesOf(await h.blobStore.get('o/id-0001'))).toEqual(await bytesOf(file));
    expect(library.get('id-0001')).toEqual(asset);
    expect(library.getState().revision).toBe(revision + 1);
    expect(await rawRecords(h.indexedDB)).toHaveLength(1);
  });

  it('keeps the details given with a Blob and names nameless bytes by kind and id', async () => {
    const h = createHarness();
    const library = track(h.open());
    const results = await library.importFiles([
      {
        blob: new Blob([pngBytes(2)]),
        title: 'A fox',
        alt: 'a red fox',
        tags: [' fox ', 'red', 'fox', ''],
        collectionIds: ['c1', 'c1'],
        source: { type: 'ai', provider: 'local', model: 'm', prompt: 'a fox', costUsd: 0.01 },
      },
      new Blob(['hello world'], { type: 'text/plain' }),
    ]);
    const [first, second] = results.map((r) => (r.status === 'imported' ? r.asset : undefined));
    expect(first).toMatchObject({
      title: 'A fox',
      alt: 'a red fox',
      tags: ['fox', 'red'],
      collectionIds: ['c1'],
      mimeType: 'image/png',
      source: { type: 'ai', prompt: 'a fox' },
    });
    expect(first?.name).toMatch(/^image-id\d{4}\.png$/);
    expect(second).toMatchObject({ kind: 'text', mimeType: 'text/plain' });
  });

  it('returns the existing asset for the same bytes, in the library and in the batch', async () => {
    const h = createHarness();
    const library = track(h.open());
    const [original] = await library.importFiles([pngFile(3, 'a.png')]);
    const results = await library.importFiles([
      pngFile(3, 'renamed.png'),
      pngFile(4, 'b.png'),
      pngFile(4, 'b-again.png'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'imported', 'duplicate']);
    expect(results[0]?.status === 'duplicate' && results[0].asset).toEqual(
      original?.status === 'imported' && original.asset,
    );
    const [, second, third] = results;
    expect(third?.status === 'duplicate' && third.asset.id).toBe(
      second?.status === 'imported' && second.asset.id,
    );
    expect(library.getState().assets.size).toBe(2);
    expect(await h.blobStore.keys()).toHaveLength(2);

    const kept = await library.importFiles([pngFile(3)], { keepDuplicates: true });
    expect(kept[0]?.status).toBe('imported');
    expect(library.getState().assets.size).toBe(3);
  });

  it('stamps items imported within one millisecond in input order, so newest-first holds', async () => {
    const h = createHarness();
    // Random ids, as by default, and a clock that does not move: only the stamps can order.
    const library = track(h.open({ now: () => 5_000, createId: () => crypto.randomUUID() }));
    const files = [80, 81, 82, 83].map((seed, i) => pngFile(seed, `n${i}.png`));
    const results = await library.importFiles(files);
    expect(results.map((r) => r.status === 'imported' && r.asset.createdAt)).toEqual([
      5_000, 5_001, 5_002, 5_003,
    ]);
    const first = results[0]?.status === 'imported' ? results[0].asset.id : '';
    await library.update(first, { title: 'later' });
    expect(library.getState().assets.get(first)?.updatedAt).toBe(5_004);
    expect(library.query().items.map((a) => a.name)).toEqual([
      'n3.png',
      'n2.png',
      'n1.png',
      'n0.png',
    ]);
  });

  it('reports files and bytes done after each file', async () => {
    const h = createHarness();
    const library = track(h.open());
    const files = [pngFile(5, 'a.png', 10), pngFile(6, 'b.png', 20), pngFile(7, 'c.png', 30)];
    const events: ImportProgress[] = [];
    await library.importFiles(files, { onProgress: (p) => events.push(p) });
    const total = files.reduce((sum, f) => sum + f.size, 0);
    expect(events.map((e) => [e.filesDone, e.bytesDone])).toEqual([
      [0, 0],
      [1, files[0]?.size],
      [2, (files[0]?.size ?? 0) + (files[1]?.size ?? 0)],
      [3, total],
    ]);
    expect(events.every((e) => e.filesTotal === 3 && e.bytesTotal === total)).toBe(true);
    expect(events.at(-1)?.current).toBe('c.png');
  });

  it('canceled mid-batch: rejects ImportAbortedError and keeps no bytes and no records', async () => {
    const h = createHarness();
    const library = track(h.open());
    const controller = new AbortController();
    const files = [pngFile(8), pngFile(9), pngFile(10)];
    const run = library.importFiles(files, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.filesDone === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ImportAbortedError);
    expect(await h.blobStore.keys()).toEqual([]);
    expect(await rawRecords(h.indexedDB)).toEqual([]);
    expect(library.getState().assets.size).toBe(0);
  });

  it('an already aborted signal starts nothing', async () => {
    const h = createHarness();
    const library = track(h.open());
    await expect(
      library.importFiles([pngFile(11)], { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'canceled' });
    expect(await h.blobStore.keys()).toEqual([]);
  });

  it('a failure between the bytes and the records leaves no orphan bytes and no record', async () => {
    const h = createHarness();
    const library = track(h.open());
    await library.ready;
    const failure = new Error('disk went away');
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw failure;
    });
    const run = library.importFiles([pngFile(12), pngFile(13)]);
    // Not reported as a cancel: nobody canceled, and the message says what happened.
    await expect(run).rejects.toBeInstanceOf(ImportFailedError);
    await expect(run).rejects.toMatchObject({ code: 'import_failed', cause: failure });
    await expect(run).rejects.toThrow(/could not be saved \(disk went away\)/);
    vi.restoreAllMocks();
    expect(await h.blobStore.keys()).toEqual([]);
    expect(await rawRecords(h.indexedDB)).toEqual([]);
    expect(library.getState().assets.size).toBe(0);
  });

  it('once the records are committed, a throwing store listener cannot undo the bytes', async () => {
    const h = createHarness();
    const library = track(h.open());
    await library.ready;
    library.subscribe(() => {
      throw new Error('listener bug');
    });
    await expect(library.importFiles([pngFile(40)])).rejects.toThrow('listener bug');
    expect(await h.blobStore.keys()).toEqual(['o/id-0001']);
    expect(await rawRecords(h.indexedDB)).toHaveLength(1);
  });

  it('an IndexedDB QuotaExceededError on the records becomes StorageFullError, nothing kept', async () => {
    const h = createHarness();
    const library = track(h.open());
    await library.ready;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const file = pngFile(14);
    const error = await library.importFiles([file]).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as StorageFullError).neededBytes).toBe(file.size);
    expect(await h.blobStore.keys()).toEqual([]);
    expect(await rawRecords(h.indexedDB)).toEqual([]);
  });

  it('a full blob store fails the batch with the sizes and undoes the files before', async () => {
    const first = pngFile(15, 'a.png', 100);
    const blobStore = createMemoryBlobStore({ quotaBytes: first.size + 50 });
    const h = createHarness({ blobStore });
    const library = track(h.open());
    const error = await library
      .importFiles([first, pngFile(16, 'b.png', 100)])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error).toMatchObject({ code: 'storage_full', neededBytes: first.size });
    expect((error as StorageFullError).availableBytes).toBe(50);
    expect(await blobStore.keys()).toEqual([]);
    expect(await rawRecords(h.indexedDB)).toEqual([]);
  });

  it('checks the storage cap before writing and says what the batch needs', async () => {
    const h = createHarness();
    const existing = pngFile(17, 'old.png', 200);
    const library = track(h.open({ storageCap: existing.size + 150 }));
    await library.importFiles([existing]);
    const files = [pngFile(18, 'a.png', 10), pngFile(19, 'b.png', 200)];
    const error = await library.importFiles(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error).toMatchObject({
      neededBytes: (files[0]?.size ?? 0) + (files[1]?.size ?? 0),
      availableBytes: 150,
    });
    expect(await h.blobStore.keys()).toEqual(['o/id-0001']);
    expect(await rawRecords(h.indexedDB)).toHaveLength(1);
    expect(library.getState().assets.size).toBe(1);
  });

  it('a file that cannot be read fails alone; the others are imported', async () => {
    const h = createHarness();
    const library = track(h.open());
    class UnreadableBlob extends Blob {
      override slice(): Blob {
        return this;
      }
      override arrayBuffer(): Promise<ArrayBuffer> {
        return Promise.reject(new Error('NotReadableError'));
      }
    }
    const results = await library.importFiles([
      pngFile(20),
      { blob: new UnreadableBlob(['']), name: 'broken.png' },
      'not a blob' as unknown as Blob,
      pngFile(21),
    ]);
    expect(results.map((r) => r.status)).toEqual(['imported', 'failed', 'failed', 'imported']);
    expect(results[1]).toMatchObject({
      name: 'broken.png',
      error: { message: 'NotReadableError' },
    });
    expect(results[2]).toMatchObject({ error: { code: 'invalid_input' } });
    expect(await h.blobStore.keys()).toHaveLength(2);
  });

  it('a blob store write error (not quota) fails that file alone and removes its bytes', async () => {
    const inner = createMemoryBlobStore();
    const blobStore = {
      ...inner,
      async put(key: string, data: Blob) {
        await inner.put(key, data);
        if (key === 'o/id-0002') throw new Error('I/O error');
      },
    };
    const h = createHarness({ blobStore });
    const library = track(h.open());
    const results = await library.importFiles([pngFile(22), pngFile(23), pngFile(24)]);
    expect(results.map((r) => r.status)).toEqual(['imported', 'failed', 'imported']);
    expect((await inner.keys()).sort()).toEqual(['o/id-0001', 'o/id-0003']);
  });
});

describe('importFiles: analysis runs ahead of the writes', () => {
  /** A memory store whose puts take a few ms (5 unless `delay` says) and log start and end. */
  function slowStore(
    log: string[],
    fail?: (key: string) => Error | undefined,
    delay: (key: string) => number = () => 5,
  ) {
    const inner = createMemoryBlobStore();
    return {
      inner,
      store: {
        ...inner,
        async put(key: string, data: Blob) {
          log.push(`put ${key}`);
          await new Promise((resolve) => setTimeout(resolve, delay(key)));
          const error = fail?.(key);
          if (error) throw error;
          await inner.put(key, data);
          log.push(`done ${key}`);
        },
      },
    };
  }
  /** A file whose reads are logged (slice returns itself so the sniff read is logged too). */
  function loggedFile(seed: number, name: string, log: string[]): File {
    const bytes = pngBytes(seed);
    return new (class extends File {
      override slice(): Blob {
        return this;
      }
      override arrayBuffer(): Promise<ArrayBuffer> {
        log.push(`read ${name}`);
        return super.arrayBuffer();
      }
    })([bytes], name);
  }

  it('reads the next file while one is written, and repeats in the batch keep one blob', async () => {
    const log: string[] = [];
    const { inner, store } = slowStore(log);
    // No thumbnails: their own small read would blur the count of reads below.
    const h = createHarness({ blobStore: store, thumbnails: false });
    const library = track(h.open());
    const files = [
      loggedFile(50, 'a.png', log),
      loggedFile(51, 'b.png', log),
      loggedFile(50, 'a-again.png', log),
      loggedFile(52, 'c.png', log),
      loggedFile(51, 'b-again.png', log),
    ];
    const events: ImportProgress[] = [];
    const results = await library.importFiles(files, { onProgress: (p) => events.push(p) });

    // The overlap itself: b was read before a's bytes were written.
    expect(log.indexOf('read b.png')).toBeLessThan(log.indexOf('done o/id-0001'));
    // One read per file serves sniff, hash and measure (each used to read on its own).
    expect(log.filter((line) => line.startsWith('read'))).toHaveLength(files.length);
    expect(results.map((r) => r.status)).toEqual([
      'imported',
      'imported',
      'duplicate',
      'imported',
      'duplicate',
    ]);
    const ids = results.map((r) => (r.status === 'failed' ? undefined : r.asset.id));
    expect(ids).toEqual(['id-0001', 'id-0002', 'id-0001', 'id-0003', 'id-0002']);
    expect((await inner.keys()).sort()).toEqual(['o/id-0001', 'o/id-0002', 'o/id-0003']);
    expect(await rawRecords(h.indexedDB)).toHaveLength(3);
    expect(events.map((e) => e.filesDone)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events.map((e) => e.current)).toEqual([
      'a.png',
      'b.png',
      'a-again.png',
      'c.png',
      'b-again.png',
      'b-again.png',
    ]);
  });

  it('writes up to six files at once; results, records and progress keep input order', async () => {
    const log: string[] = [];
    // Every write waits until six are under way and 50 ms more (time for a seventh to start,
    // were the pool larger), or a second at most (so a smaller pool fails the count, not the
    // test's time); then the first three land in reverse order. A busy machine can only make
    // the wait longer, never the count wrong.
    const inner = createMemoryBlobStore();
    const held: (() => void)[] = [];
    let open = false;
    const openGate = () => {
      if (open) return;
      open = true;
      const first = held.splice(0, 3).reverse();
      for (const land of [...first, ...held.splice(0)]) land();
    };
    const fallback = setTimeout(openGate, 1000);
    const store: BlobStore = {
      ...inner,
      async put(key, data) {
        log.push(`put ${key}`);
        if (!open) {
          await new Promise<void>((land) => {
            held.push(land);
            if (held.length === 6) setTimeout(openGate, 50);
          });
        }
        await inner.put(key, data);
        log.push(`done ${key}`);
      },
    };
    onTestFinished(() => clearTimeout(fallback));
    const h = createHarness({ blobStore: store, thumbnails: false });
    const library = track(h.open());
    const files = [70, 71, 72, 73, 74, 75, 76, 77, 78].map((seed, i) => pngFile(seed, `f${i}.png`));
    const events: ImportProgress[] = [];
    const results = await library.importFiles(files, { onProgress: (p) => events.push(p) });

    let writing = 0;
    let most = 0;
    for (const line of log) {
      writing += line.startsWith('put') ? 1 : -1;
      most = Math.max(most, writing);
    }
    expect(most).toBe(6);
    expect(log.indexOf('done o/id-0003')).toBeLessThan(log.indexOf('done o/id-0001'));
    const names = files.map((file) => file.name);
    expect(results.map((r) => r.status === 'imported' && r.asset.name)).toEqual(names);
    expect(events.map((e) => e.filesDone)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events.map((e) => e.bytesDone)).toEqual([
      0,
      ...files.map((_, i) => files.slice(0, i + 1).reduce((sum, f) => sum + f.size, 0)),
    ]);
    const records = await rawRecords(h.indexedDB);
    expect((records as { name: string }[]).map((r) => r.name).sort()).toEqual(names);
    // Created in input order, whatever order the writes finished in.
    expect(
      library.query({ sort: { field: 'createdAt', direction: 'asc' } }).items.map((a) => a.name),
    ).toEqual(names);
  });

  it('a write failing the batch while others are under way: they end, then all is undone', async () => {
    const log: string[] = [];
    const quota = new DOMException('quota', 'QuotaExceededError');
    // The second write is still under way (and would land) after the first has failed.
    const { inner, store } = slowStore(
      log,
      (key) => (key === 'o/id-0001' ? quota : undefined),
      (key) => (key === 'o/id-0002' ? 40 : 5),
    );
    const h = createHarness({ blobStore: store, thumbnails: false });
    const library = track(h.open());
    const files = [pngFile(76), pngFile(77), pngFile(78), pngFile(79)];
    const error = await library.importFiles(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as StorageFullError).neededBytes).toBe(
      files.reduce((sum, file) => sum + file.size, 0),
    );
    expect(log).toContain('done o/id-0002');
    expect(await inner.keys()).toEqual([]);
    expect(await rawRecords(h.indexedDB)).toEqual([]);
    expect(library.getState().assets.size).toBe(0);
  });

  it('when the first copy fails to write, the repeat is imported, measured, in its place', async () => {
    const log: string[] = [];
    const { inner, store } = slowStore(log, (key) =>
      key === 'o/id-0001' ? new Error('I/O error') : undefined,
    );
    const h = createHarness({ blobStore: store });
    const library = track(h.open());
    const results = await library.importFiles([pngFile(53, 'a.png'), pngFile(53, 'a-again.png')]);
    expect(results.map((r) => r.status)).toEqual(['failed', 'imported']);
    // The analysis skipped measuring the likely repeat; the write stage must have done it.
    expect(results[1]).toMatchObject({
      asset: { id: 'id-0002', name: 'a-again.png', width: 4, height: 3 },
    });
    expect(await inner.keys()).toEqual(['o/id-0002']);
    expect(await rawRecords(h.indexedDB)).toHaveLength(1);
  });

  it('a repeat of an asset already in the library is a duplicate, and nothing is written', async () => {
    const log: string[] = [];
    const { inner, store } = slowStore(log);
    const h = createHarness({ blobStore: store });
    const library = track(h.open());
    await library.importFiles([pngFile(54)]);
    log.length = 0;
    const results = await library.importFiles([pngFile(54, 'x.png'), pngFile(55), pngFile(54)]);
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'imported', 'duplicate']);
    expect(log.filter((line) => line.startsWith('put'))).toEqual(['put o/id-0002']);
    expect((await inner.keys()).sort()).toEqual(['o/id-0001', 'o/id-0002']);
  });

  it('aborted while a write and the next analysis are both under way: nothing kept', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const { inner, store } = slowStore(log, (key) => {
      // Abort once the second file is being written, with the third being analysed.
      if (key === 'o/id-0002') {
        log.push('abort');
        controller.abort();
      }
      return undefined;
    });
    const h = createHarness({ blobStore: store });
    const library = track(h.open());
    const run = library.importFiles([pngFile(56), pngFile(57), pngFile(58), pngFile(59)], {
      signal: controller.signal,
    });
    await expect(run).rejects.toBeInstanceOf(ImportAbortedError);
    // Writes under way may finish, but none starts after the abort.
    expect(log.slice(log.indexOf('abort')).some((line) => line.startsWith('put'))).toBe(false);
    expect(await inner.keys()).toEqual([]);
    expect(await rawRecords(h.indexedDB)).toEqual([]);
    expect(library.getState().assets.size).toBe(0);
  });

  it('a full store while the next file is analysed: StorageFullError, nothing partial', async () => {
    const log: string[] = [];
    const quota = new DOMException('quota', 'QuotaExceededError');
    const { inner, store } = slowStore(log, (key) => (key === 'o/id-0002' ? quota : undefined));
    const h = createHarness({ blobStore: store });
    const library = track(h.open());
    const files = [pngFile(60), pngFile(61), pngFile(62)];
    const error = await library.importFiles(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    // The whole batch, each file once: the one written is undone too, and the one whose write
    // failed was already reserved (the figure counted it twice before).
    expect((error as StorageFullError).neededBytes).toBe(
      files.reduce((sum, file) => sum + file.size, 0),
    );
    expect(await inner.keys()).toEqual([]);
    expect(await rawRecords(h.indexedDB)).toEqual([]);
  });
});

describe('importFromUrl', () => {
  it('downloads with the injected fetch and keeps the URL as the source', async () => {
    const body = pngBytes(30);
    const fetch = vi.fn(
      async () => new Response(body, { headers: { 'content-type': 'image/png' } }),
    );
    const h = createHarness({ fetch });
    const library = track(h.open());
    const result = await library.importFromUrl('https://example.test/pics/red%20fox.png?x=1');
    expect(fetch).toHaveBeenCalledWith('https://example.test/pics/red%20fox.png?x=1', {
      signal: undefined,
    });
    expect(result).toMatchObject({
      status: 'imported',
      asset: {
        name: 'red fox.png',
        kind: 'image',
        source: { type: 'url', url: 'https://example.test/pics/red%20fox.png?x=1' },
      },
    });
  });

  it('a non-2xx answer or a network error is a typed fetch_failed error', async () => {
    const notFound = createHarness({ fetch: async () => new Response('nope', { status: 404 }) });
    const library = track(notFound.open());
    const error = await library.importFromUrl('https://example.test/a.png').catch((e) => e);
    expect(error).toBeInstanceOf(MediaLibraryError);
    expect(error).toMatchObject({ code: 'fetch_failed' });
    expect(error.message).toContain('HTTP 404');

    const offline = createHarness({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const other = track(offline.open());
    await expect(other.importFromUrl('https://example.test/a.png')).rejects.toMatchObject({
      code: 'fetch_failed',
      cause: { message: 'Failed to fetch' },
    });
    expect(await offline.blobStore.keys()).toEqual([]);
  });

  it('an abort during the download is ImportAbortedError', async () => {
    const controller = new AbortController();
    const h = createHarness({
      fetch: async (_url, init) => {
        controller.abort();
        throw init?.signal?.reason ?? new Error('aborted');
      },
    });
    const library = track(h.open());
    await expect(
      library.importFromUrl('https://example.test/a.png', { signal: controller.signal }),
    ).rejects.toBeInstanceOf(ImportAbortedError);
  });
});
