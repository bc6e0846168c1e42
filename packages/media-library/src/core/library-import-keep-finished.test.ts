// Imports with `keepFinished`: commits in small steps while the batch runs, and a cancel that
// keeps every file that finished, rolls back the rest and says so per file.
import { afterEach, describe, expect, it } from 'vitest';
import { describeImportOutcome, isCanceledResult } from './import/import-summary';
import type { MediaLibraryInstance } from './library';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import { createHarness, pngFile, rawRecords } from './testing/library-harness';

const opened: MediaLibraryInstance[] = [];
function track(library: MediaLibraryInstance) {
  opened.push(library);
  return library;
}
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

const files = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => pngFile(from + index, `photo-${from + index}.png`));

/** A memory store whose put of `key` waits until released, calling `onReach` when it starts. */
function gatedStore(key: string, onReach: () => void) {
  const inner = createMemoryBlobStore();
  /** Keys whose write completed before `key`'s started. */
  const before: string[] = [];
  let reached = false;
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    inner,
    before,
    release: () => release(),
    store: {
      ...inner,
      async put(putKey: string, data: Blob) {
        if (putKey === key) {
          reached = true;
          onReach();
          await gate;
        }
        await inner.put(putKey, data);
        if (!reached) before.push(putKey);
      },
    },
  };
}

/** Keys of the records in the database, bytes and thumbnails, sorted. */
async function recordKeys(indexedDB: IDBFactory): Promise<string[]> {
  const records = (await rawRecords(indexedDB)) as { blobKey: string; thumbnailKey?: string }[];
  return records.flatMap((r) => (r.thumbnailKey ? [r.blobKey, r.thumbnailKey] : [r.blobKey]));
}

describe('importFiles with keepFinished', () => {
  it('commits in small steps: assets are in the library before the batch ends', async () => {
    const h = createHarness();
    const library = track(h.open());
    await library.ready;
    const inLibrary = new Map<number, number>();
    const results = await library.importFiles(files(20), {
      keepFinished: true,
      onProgress: (p) => inLibrary.set(p.filesDone, library.getState().assets.size),
    });
    expect(results.map((r) => r.status)).toEqual(Array(20).fill('imported'));
    expect(results.map((r) => r.name)).toEqual(files(20).map((f) => f.name));
    // The first eight were committed before the ninth file was reported.
    expect(inLibrary.get(9)).toBeGreaterThanOrEqual(8);
    expect(inLibrary.get(9)).toBeLessThan(20);
    expect(library.getState().assets.size).toBe(20);
    expect(await rawRecords(h.indexedDB)).toHaveLength(20);
    expect(describeImportOutcome(results)).toBe('20 added');
  });

  it('a duplicate names the file and points to the asset already there', async () => {
    const h = createHarness();
    const library = track(h.open());
    const [first] = await library.importFiles([pngFile(100, 'original.png')]);
    const copy = new File([pngFile(100)], 'copy.png', { type: 'image/png' });
    const results = await library.importFiles([copy, pngFile(101, 'new.png')], {
      keepFinished: true,
    });
    expect(results[0]).toMatchObject({ status: 'duplicate', name: 'copy.png' });
    expect(results[0]?.status === 'duplicate' && results[0].asset.id).toBe(
      first?.status === 'imported' && first.asset.id,
    );
    expect(results[1]).toMatchObject({ status: 'imported', name: 'new.png' });
    expect(describeImportOutcome(results)).toBe('1 added, 1 already in your library');
  });

  it('canceled mid-batch: resolves, keeps what finished, rolls back the rest', async () => {
    const controller = new AbortController();
    // The twelfth file's write hangs until the cancel; files after it are in flight or waiting.
    const gated = gatedStore('o/id-0012', () => controller.abort());
    const h = createHarness({ blobStore: gated.store });
    const library = track(h.open());
    const run = library.importFiles(files(20), { keepFinished: true, signal: controller.signal });
    await new Promise<void>((resolve) =>
      controller.signal.addEventListener('abort', () => resolve()),
    );
    gated.release();
    const results = await run;

    // Every file whose bytes were written before the cancel is kept, and no other.
    const kept = gated.before.length;
    expect(kept).toBeGreaterThanOrEqual(6);
    expect(kept).toBeLessThan(12);
    expect(results).toHaveLength(20);
    expect(results.slice(0, kept).map((r) => r.status)).toEqual(Array(kept).fill('imported'));
    expect(results.slice(kept).every(isCanceledResult)).toBe(true);
    expect(results.slice(kept).map((r) => r.name)).toEqual(
      files(20)
        .slice(kept)
        .map((f) => f.name),
    );
    expect(describeImportOutcome(results)).toBe(
      `Canceled: ${kept} kept, ${20 - kept} not imported`,
    );
    // What was kept is whole: a record for every blob and bytes for every record.
    expect(library.getState().assets.size).toBe(kept);
    expect((await gated.inner.keys()).sort()).toEqual((await recordKeys(h.indexedDB)).sort());
    expect((await recordKeys(h.indexedDB)).sort()).toEqual([...gated.before].sort());
  });

  it('without keepFinished a cancel still keeps nothing and rejects', async () => {
    const controller = new AbortController();
    const gated = gatedStore('o/id-0012', () => controller.abort());
    const h = createHarness({ blobStore: gated.store });
    const library = track(h.open());
    const run = library.importFiles(files(20), { signal: controller.signal });
    run.catch(() => undefined);
    await new Promise<void>((resolve) =>
      controller.signal.addEventListener('abort', () => resolve()),
    );
    gated.release();
    await expect(run).rejects.toMatchObject({ code: 'canceled' });
    expect(await gated.inner.keys()).toEqual([]);
    expect(library.getState().assets.size).toBe(0);
  });
});
