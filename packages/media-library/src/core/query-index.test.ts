// Queries over a library's map (host-data filters, every match in an order sorted once per map
// version) give what the same query over a plain list gives, and a new map version is seen.
import { describe, expect, it } from 'vitest';
import { queryAssets } from './query';
import { sortedAssets } from './query-index';
import { sampleAsset } from './testing/sample-asset';
import type { MediaAsset, MediaQuery } from './types';

const modules = ['story-writer', 'image-studio', 'blog-writer'];

function library(count: number): MediaAsset[] {
  return Array.from({ length: count }, (_, i) =>
    sampleAsset(`a${i}`, {
      sha256: String(i).padStart(64, '0'),
      createdAt: i,
      updatedAt: i,
      tags: i % 2 === 0 ? ['even'] : [],
      ...(i % 4 === 3 ? {} : { sourceModule: modules[i % 4] as string }),
      ...(i % 3 === 0
        ? { meta: { storyId: `s${i % 7}`, scene: i % 5, draft: i % 2 === 0, note: null } }
        : i % 3 === 1
          ? { meta: { storyId: { nested: true }, scene: String(i % 5) } }
          : {}),
    }),
  );
}

const ids = (assets: Iterable<MediaAsset> | ReadonlyMap<string, MediaAsset>, q: MediaQuery) =>
  queryAssets(assets, q).items.map((a) => a.id);

describe('queries over a map, against the same over a list', () => {
  const list = library(600);
  const map = new Map(list.map((a) => [a.id, a]));

  it('finds exactly what a scan finds, for modules, meta keys and both together', () => {
    const queries: MediaQuery[] = [
      { sourceModules: ['story-writer'] },
      { sourceModules: [' Image-Studio '] },
      { sourceModules: ['story-writer', 'blog-writer'] },
      { sourceModules: ['nobody'] },
      { meta: { storyId: 's3' } },
      { meta: { scene: 2 } },
      { meta: { scene: '2' } },
      { meta: { draft: true } },
      { meta: { note: null } },
      { meta: { storyId: 's3', scene: 4 } },
      { meta: { missing: 1 } },
      { sourceModules: ['story-writer'], meta: { storyId: 's1' } },
      { sourceModules: ['image-studio'], meta: { draft: false }, tags: ['even'] },
      { sourceModules: ['blog-writer'], meta: { scene: 0 }, sort: { field: 'name' } },
    ];
    for (const query of queries) {
      const scanned = ids(list, query);
      expect(ids(map, query), JSON.stringify(query)).toEqual(scanned);
      expect(queryAssets(map, query).total).toBe(queryAssets(list, query).total);
    }
    // The fixture is not trivially empty: these match known counts.
    expect(queryAssets(map, { sourceModules: ['story-writer'] }).total).toBe(150);
    expect(queryAssets(map, { meta: { scene: '2' } }).total).toBe(40);
    expect(queryAssets(map, { meta: { scene: 2 } }).total).toBe(40);
    expect(ids(map, { meta: { storyId: 's3', scene: 4 }, sort: { field: 'createdAt' } })).toEqual(
      list.filter((a) => a.meta?.storyId === 's3' && a.meta?.scene === 4).map((a) => a.id),
    );
  });

  it('pages through host-data matches like a list does', () => {
    const query: MediaQuery = { sourceModules: ['blog-writer', 'story-writer'], limit: 25 };
    for (const offset of [0, 25, 275, 290]) {
      expect(ids(map, { ...query, offset })).toEqual(ids(list, { ...query, offset }));
    }
  });

  it('sees a new version of the map, and a map changed in place', () => {
    const before = new Map(map);
    expect(queryAssets(before, { sourceModules: ['comic-maker'] }).total).toBe(0);
    const added = sampleAsset('new', { sourceModule: 'comic-maker', meta: { storyId: 's3' } });
    const after = new Map(before).set(added.id, added);
    expect(ids(after, { sourceModules: ['comic-maker'] })).toEqual(['new']);
    expect(queryAssets(after, { meta: { storyId: 's3' } }).total).toBe(
      queryAssets(before, { meta: { storyId: 's3' } }).total + 1,
    );
    before.set(added.id, added);
    expect(ids(before, { sourceModules: ['comic-maker'] })).toEqual(['new']);
  });

  it('lists every match in order from a list sorted once per map version and sort', () => {
    const sorts: MediaQuery['sort'][] = [
      undefined,
      { field: 'name' },
      { field: 'size', direction: 'desc' },
      { field: 'createdAt', direction: 'asc' },
    ];
    for (const sort of sorts) {
      for (const query of [{}, { text: 'a1' }, { tags: ['even'] }] as MediaQuery[]) {
        const full = { ...query, ...(sort ? { sort } : {}) };
        expect(ids(map, full), JSON.stringify(full)).toEqual(ids(list, full));
        // A page too large to select while scanning takes the sorted path as well.
        const page = { ...full, offset: 10, limit: 550 };
        expect(ids(map, page)).toEqual(ids(list, page));
      }
    }
    // Sorted once: the same list comes back for the same map and sort.
    const compare = (a: MediaAsset, b: MediaAsset) => a.size - b.size;
    expect(sortedAssets(map, 'size:asc', compare)).toBe(sortedAssets(map, 'size:asc', compare));
    const grown = new Map(map).set('z', sampleAsset('z', { createdAt: 10_000 }));
    expect(ids(grown, {})[0]).toBe('z');
  });
});
