// A query run in slices finds exactly what the same query run at once finds, gives the main
// thread back while it scans or sorts a large map, and stops when its signal aborts.
import { describe, expect, it } from 'vitest';
import { queryAssets } from './query';
import { sortedAssets } from './query-index';
import { queryAssetsInSlices } from './query-slices';
import { sampleAsset } from './testing/sample-asset';
import type { MediaAsset, MediaQuery } from './types';

function library(count: number): Map<string, MediaAsset> {
  const list = Array.from({ length: count }, (_, i) =>
    sampleAsset(`a${String(i).padStart(5, '0')}`, {
      name: `photo-${(i * 37) % count}.jpg`,
      createdAt: (i * 7919) % 900,
      tags: [`tag-${i % 11}`],
      favorite: i % 3 === 0,
      size: (i * 131) % 5_000,
    }),
  );
  return new Map(list.map((asset) => [asset.id, asset]));
}

/** A sliced query with no time per slice: it gives the main thread back at every check. */
function slicedEverywhere(
  assets: ReadonlyMap<string, MediaAsset> | MediaAsset[],
  query: MediaQuery,
  signal?: AbortSignal,
) {
  let pauses = 0;
  const sliced = queryAssetsInSlices(assets, query, {
    budgetMs: 0,
    signal,
    yieldToMain: async () => {
      pauses++;
    },
  });
  return { sliced, pauses: () => pauses };
}

describe('queryAssetsInSlices', () => {
  it('finds what queryAssets finds, pausing along the way', async () => {
    const queries: MediaQuery[] = [
      {},
      { text: 'photo-1' },
      { text: 'tag-3 photo' },
      { favorite: true, text: 'photo' },
      { limit: 10, offset: 20 },
      { text: 'photo', limit: 60 },
      { sort: { field: 'size', direction: 'desc' } },
      { sort: { field: 'name', direction: 'asc' }, text: 'photo-2', limit: 1_000 },
      { minSize: 2_500, sort: { field: 'name', direction: 'desc' } },
    ];
    for (const query of queries) {
      // A fresh map each time, so no order is cached from the query before.
      const { sliced, pauses } = slicedEverywhere(library(3_000), query);
      const expected = queryAssets(library(3_000), query);
      expect(await sliced.done, JSON.stringify(query)).toEqual(expected);
      expect(sliced.result).toEqual(expected);
      expect(pauses(), JSON.stringify(query)).toBeGreaterThan(3);
    }
  });

  it('resumes a list of records (no map) where it paused, skipping and repeating nothing', async () => {
    const list = [...library(3_000).values()];
    for (const query of [{ text: 'photo-1' }, { limit: 25 }, {}]) {
      const { sliced, pauses } = slicedEverywhere(list, query);
      expect(await sliced.done).toEqual(queryAssets(list, query));
      expect(pauses()).toBeGreaterThan(3);
    }
  });

  it('sorts a new order in slices once, which later queries then find ready', async () => {
    const map = library(3_000);
    const byName = { sort: { field: 'name', direction: 'asc' } } as const;
    const first = slicedEverywhere(map, byName);
    await first.sliced.done;
    const again = slicedEverywhere(map, byName);
    await again.sliced.done;
    // The first query sorted 3,000 assets in slices; the second only scanned them.
    expect(first.pauses()).toBeGreaterThan(again.pauses() * 2);
    const names = sortedAssets(map, 'name:asc', () => {
      throw new Error('sorted again');
    }).map((asset) => asset.name);
    expect(names).toEqual((await first.sliced.done).items.map((asset) => asset.name));
  });

  it('finishes within the call when the first slice is enough', () => {
    const map = library(200);
    const sliced = queryAssetsInSlices(map, { text: 'photo-1' });
    expect(sliced.result).toEqual(queryAssets(map, { text: 'photo-1' }));
  });

  it('stops when its signal aborts, rejecting with the reason', async () => {
    const controller = new AbortController();
    const { sliced, pauses } = slicedEverywhere(
      library(3_000),
      { text: 'photo' },
      controller.signal,
    );
    expect(sliced.result).toBeUndefined();
    const reason = new Error('a newer query');
    controller.abort(reason);
    await expect(sliced.done).rejects.toBe(reason);
    expect(pauses()).toBe(1);
    expect(sliced.result).toBeUndefined();
  });
});
