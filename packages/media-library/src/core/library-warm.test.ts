// Warming a loaded index: what views derive from it is computed in many short slices, and the
// caches then hold exactly what the cold path computes, so the first render computes nothing.
import { describe, expect, it } from 'vitest';
import { computeFacets } from './library-facets';
import { computeCollectionCounts, computeStatistics, computeTags } from './library-statistics';
import { warmLibraryIndex } from './library-warm';
import { queryAssets } from './query';
import { sortedAssets, sortedSearchTexts } from './query-index';
import { assetSearchText } from './search-text';
import { sampleAsset } from './testing/sample-asset';
import { createSlicer, runSteps, sortSteps } from './time-slice';
import type { MediaAsset, MediaLibraryState } from './types';

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function randomLibrary(count: number, seed: number): MediaAsset[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const ai = next() < 0.4;
    return sampleAsset(`id-${Math.floor(next() * 1e9).toString(36)}-${i}`, {
      name: `${pick(['Fox', 'crème', 'Owl', 'bear'])} ${i}.png`,
      kind: pick(['image', 'video', 'audio', 'document'] as const),
      size: Math.floor(next() * 10_000),
      // Few distinct times: many ties, which the id must break.
      createdAt: Math.floor(next() * 50),
      favorite: next() < 0.2,
      collectionIds: next() < 0.3 ? [pick(['c1', 'c2', 'c3'])] : [],
      tags: [pick(['a', 'b', 'c']), pick(['d', 'e'])].filter(() => next() < 0.7),
      ...(next() < 0.5 ? { sourceModule: pick(['story', 'blog']) } : {}),
      source: ai
        ? {
            type: 'ai',
            provider: pick(['local', 'replicate']),
            model: pick(['sdxl', 'flux']),
            prompt: 'a red fox',
            costUsd: Math.floor(next() * 100) / 1000,
          }
        : { type: 'upload' },
    });
  });
}

function asMap(list: readonly MediaAsset[]): Map<string, MediaAsset> {
  return new Map(list.map((asset) => [asset.id, asset]));
}

/** A map that fails the test if anything iterates over it: only a cache can answer. */
function sealed(map: Map<string, MediaAsset>): Map<string, MediaAsset> {
  const refuse = () => {
    throw new Error('iterated a warmed map');
  };
  Object.assign(map, { values: refuse, keys: refuse, entries: refuse, forEach: refuse });
  Object.defineProperty(map, Symbol.iterator, { value: refuse });
  return map;
}

describe('warmLibraryIndex', () => {
  it('splits 20,000 assets into many slices and leaves what the cold path computes', async () => {
    const list = randomLibrary(20_000, 7);
    const assets = asMap(list.slice(0, 19_000));
    const trash = asMap(list.slice(19_000).map((asset) => ({ ...asset, trashedAt: 5 })));
    let pauses = 0;
    await warmLibraryIndex(assets, trash, {
      sliceSize: 1_000,
      yieldToMain: async () => {
        pauses++;
      },
    });
    // One pass over 20,000 records and a sort of 19,000 (several merge passes): at least one
    // pause per 1,000 steps of each.
    expect(pauses).toBeGreaterThanOrEqual(40);

    // The same maps copied are cold: nothing is cached for them.
    const cold: MediaLibraryState = {
      status: 'ready',
      assets: new Map(assets),
      trash: new Map(trash),
      collections: new Map(),
      revision: 1,
    };
    const expected = {
      statistics: computeStatistics(cold),
      tags: computeTags(cold),
      facets: computeFacets(cold.assets),
      collections: computeCollectionCounts(cold.assets),
      newest: queryAssets(list.slice(0, 19_000), {}).items,
    };
    const warm: MediaLibraryState = { ...cold, assets: sealed(assets), trash };
    expect(computeStatistics(warm)).toEqual(expected.statistics);
    expect(computeTags(warm)).toEqual(expected.tags);
    expect(computeFacets(warm.assets)).toEqual(expected.facets);
    expect(computeCollectionCounts(warm.assets)).toEqual(expected.collections);
    expect(expected.collections.size).toBeGreaterThan(0);
    const neverCompare = () => {
      throw new Error('sorted again');
    };
    expect(sortedAssets(warm.assets, 'createdAt:desc', neverCompare)).toEqual(expected.newest);
    expect(sortedSearchTexts(warm.assets, 'createdAt:desc', neverCompare)).toEqual(
      expected.newest.map((asset) => assetSearchText({ ...asset })),
    );
    // The screen's query (explicit newest-first sort, no page) scans the warmed order.
    expect(
      queryAssets(warm.assets, { sort: { field: 'createdAt', direction: 'desc' } }).items,
    ).toEqual(expected.newest);
    expect(queryAssets(warm.assets, { text: 'CREME' }).total).toBe(
      queryAssets(list.slice(0, 19_000), { text: 'creme' }).total,
    );
  });

  it('is one slice for a small library with the default budget', async () => {
    let pauses = 0;
    await warmLibraryIndex(asMap(randomLibrary(30, 3)), new Map(), {
      yieldToMain: async () => {
        pauses++;
      },
    });
    expect(pauses).toBe(0);
  });
});

describe('sortSteps', () => {
  it('sorts exactly as Array.prototype.sort does, ties kept in order, pausing as told', async () => {
    for (const [length, seed] of [
      [0, 1],
      [1, 2],
      [511, 3],
      [513, 4],
      [5_000, 5],
      [12_345, 6],
    ] as const) {
      const next = random(seed);
      const items = Array.from({ length }, (_, index) => ({ key: Math.floor(next() * 40), index }));
      const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
      let pauses = 0;
      const slicer = createSlicer({
        sliceSize: 500,
        yieldToMain: async () => {
          pauses++;
        },
      });
      const sorted = await runSteps(sortSteps(items, compare, slicer), slicer).done;
      expect(sorted).toEqual([...items].sort(compare));
      expect(items.map((item) => item.index)).toEqual(items.map((_, index) => index));
      expect(pauses).toBeGreaterThanOrEqual(Math.floor(length / 500));
    }
  });
});
