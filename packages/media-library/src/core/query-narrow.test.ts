// Typing a search over a library's map narrows the previous matches instead of scanning every
// asset again, and always finds exactly what a scan of the same assets finds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryAssets } from './query';
import { sampleAsset } from './testing/sample-asset';
import type { MediaAsset, MediaQuery } from './types';

function library(count: number): MediaAsset[] {
  return Array.from({ length: count }, (_, i) =>
    sampleAsset(`a${String(i).padStart(5, '0')}`, {
      name: `photo-${i}.jpg`,
      createdAt: (i * 7919) % 500,
      tags: [`tag-${i % 11}`],
      favorite: i % 3 === 0,
      ...(i % 4 === 0
        ? {
            source: {
              type: 'ai' as const,
              provider: 'local',
              model: 'm',
              prompt: `a red fox ${i}`,
            },
          }
        : {}),
    }),
  );
}

const scan = (list: readonly MediaAsset[], query: MediaQuery) => queryAssets([...list], query);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('typing a search over a map', () => {
  it('finds what a scan finds as the text grows, shrinks, changes and the filters change', () => {
    const list = library(2_000);
    let map = new Map(list.map((asset) => [asset.id, asset]));
    const steps: MediaQuery[] = [
      { text: 'f' },
      { text: 'fo' },
      { text: 'fox' },
      { text: 'fox ' },
      { text: 'fox 1' },
      { text: 'fox 12' },
      { text: 'fox 1' },
      { text: 'FOX 12 tag-3' },
      { text: 'fox 12', favorite: true },
      { text: 'fox 123', favorite: true },
      { text: 'fox 123' },
      { text: 'red 12', sort: { field: 'name', direction: 'asc' } },
      { text: 'red 123', sort: { field: 'name', direction: 'asc' } },
      { text: 'photo' },
      { text: 'photo-1', limit: 10, offset: 5 },
      { text: 'photo-19' },
    ];
    for (const query of steps) {
      expect(queryAssets(map, query), JSON.stringify(query)).toEqual(scan(list, query));
    }
    // A new version of the map (an asset renamed) is searched afresh.
    const renamed = { ...(list[4] as MediaAsset), name: 'zebra.jpg' };
    map = new Map(map).set(renamed.id, renamed);
    const edited = [...map.values()];
    for (const query of [{ text: 'photo-4' }, { text: 'zebra' }, { text: 'zebr' }]) {
      expect(queryAssets(map, query), JSON.stringify(query)).toEqual(scan(edited, query));
    }
  });

  it('checks only the previous matches when the text grows', () => {
    const list = library(2_000);
    const map = new Map(list.map((asset) => [asset.id, asset]));
    const fox = queryAssets(map, { text: 'fox' });
    expect(fox.total).toBe(500);
    const includes = vi.spyOn(String.prototype, 'includes');
    const narrowed = queryAssets(map, { text: 'fox 12' });
    // Two terms over the 500 matches of "fox" (and a few to compare the terms), where a scan
    // makes at least one check for each of the 2,000 assets.
    expect(includes.mock.calls.length).toBeLessThan(1_100);
    expect(includes.mock.calls.length).toBeGreaterThan(0);
    includes.mockRestore();
    expect(narrowed).toEqual(scan(list, { text: 'fox 12' }));
  });
});
