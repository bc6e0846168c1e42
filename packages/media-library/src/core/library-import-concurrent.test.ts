// The same bytes imported by two batches at once (two tabs of an origin, or two calls in one)
// become one asset: the batch that commits second reports a duplicate of the first's asset
// and keeps none of its own bytes.
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaLibraryInstance } from './library';
import { createHarness, pngFile, rawRecords } from './testing/library-harness';
import type { ImportItemResult } from './types';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

function ids(results: ImportItemResult[]): string[] {
  return results.map((result) => (result.status === 'failed' ? 'failed' : result.asset.id));
}

describe('concurrent imports of the same bytes', () => {
  it('make one asset across two tabs', async () => {
    const harness = createHarness({ thumbnails: false });
    const a = harness.open({ broadcast: harness.broadcast });
    const b = harness.open({ broadcast: harness.broadcast });
    opened.push(a, b);
    await Promise.all([a.ready, b.ready]);

    const [fromA, fromB] = await Promise.all([
      a.importFiles([pngFile(1), pngFile(2)]),
      b.importFiles([pngFile(2), pngFile(1), pngFile(3)]),
    ]);

    const statuses = [...fromA, ...fromB].map((r) => r.status).sort();
    expect(statuses).toEqual(['duplicate', 'duplicate', 'imported', 'imported', 'imported']);
    // Each name's copies point at one asset.
    expect(ids(fromA)).toEqual([ids(fromB)[1], ids(fromB)[0]]);
    expect(await rawRecords(harness.indexedDB)).toHaveLength(3);
    // The bytes of the asset that lost the race are gone: one original per record.
    expect(await harness.blobStore.keys()).toHaveLength(3);
    expect((await a.sweep()).orphanBlobsDeleted).toBe(0);
    await expect.poll(() => b.getState().assets.size).toBe(3);
    await expect.poll(() => a.getState().assets.size).toBe(3);
  });

  it('make one asset from two calls in one tab', async () => {
    const harness = createHarness({ thumbnails: false });
    const library = harness.open();
    opened.push(library);
    await library.ready;

    const [first, second] = await Promise.all([
      library.importFiles([pngFile(7)]),
      library.importFiles([pngFile(7)]),
    ]);

    expect([first[0]?.status, second[0]?.status].sort()).toEqual(['duplicate', 'imported']);
    expect(ids(first)).toEqual(ids(second));
    expect(library.getState().assets.size).toBe(1);
    expect(await harness.blobStore.keys()).toHaveLength(1);
  });
});
