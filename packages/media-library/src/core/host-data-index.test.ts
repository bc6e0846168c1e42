// The host data index: queries on `sourceModules` and `meta` over a library's map find exactly
// what a scan of the same assets finds, across random libraries and their changes, and check
// only the indexed assets.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHostDataIndex, queryAssets } from './query';
import { sampleAsset } from './testing/sample-asset';
import type { AssetMeta, MediaAsset, MediaQuery } from './types';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const modules = ['story-writer', 'image-studio', 'blog-writer'];
const shared = { nested: true };
const metaValues: unknown[] = ['s1', 's2', 1, 2, '1', 0, -0, true, false, null, undefined, NaN];

function randomAsset(next: () => number, id: string): MediaAsset {
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)] as T;
  const meta: Record<string, unknown> = {};
  for (const key of ['storyId', 'scene', 'draft']) if (next() < 0.5) meta[key] = pick(metaValues);
  if (next() < 0.1) meta.ref = shared;
  return sampleAsset(id, {
    name: `${pick(['fox', 'owl'])}-${id}.png`,
    createdAt: Math.floor(next() * 30),
    size: Math.floor(next() * 100),
    favorite: next() < 0.3,
    ...(next() < 0.7 ? { sourceModule: pick(modules) } : {}),
    ...(next() < 0.8 ? { meta: meta as AssetMeta } : {}),
  });
}

const untyped = (query: object) => query as MediaQuery;

const queries: MediaQuery[] = [
  { sourceModules: ['story-writer'] },
  { sourceModules: [' Image-Studio '] },
  { sourceModules: ['story-writer', 'blog-writer'] },
  { sourceModules: ['story-writer', 'STORY-WRITER'] },
  { sourceModules: ['nobody'] },
  { sourceModules: ['story-writer'], limit: 7, offset: 3 },
  { sourceModules: ['story-writer', 'image-studio'], limit: 5 },
  { sourceModules: ['blog-writer'], sort: { field: 'name' } },
  { sourceModules: ['blog-writer'], sort: { field: 'size', direction: 'desc' }, limit: 4 },
  { sourceModules: ['image-studio'], text: 'fox', favorite: true },
  { meta: { storyId: 's1' } },
  { meta: { scene: 1 } },
  { meta: { scene: '1' } },
  { meta: { scene: 0 } },
  { meta: { scene: -0 } },
  { meta: { draft: null } },
  // Not allowed by the types, but possible from plain JavaScript.
  untyped({ meta: { draft: undefined } }),
  { meta: { draft: Number.NaN } },
  untyped({ meta: { ref: shared } }),
  untyped({ meta: { ref: { nested: true } } }),
  { meta: { storyId: 's2', draft: true } },
  { meta: { missing: 1 } },
  { meta: {} },
  { meta: { storyId: 's1' }, sourceModules: ['story-writer'], limit: 3 },
  { meta: { scene: 2 }, sourceModules: ['story-writer', 'blog-writer'], text: 'owl' },
  { meta: { scene: 2 }, sort: { field: 'createdAt', direction: 'asc' } },
];

describe('host data index', () => {
  // Loaded with the first query on host data; until then such queries scan.
  beforeAll(() => loadHostDataIndex());

  it('finds what a scan finds in random libraries, before and after changes', () => {
    for (const seed of [1, 2, 3, 4]) {
      const next = random(seed);
      let list = Array.from({ length: 400 }, (_, i) => randomAsset(next, `a${seed}-${i}`));
      let map = new Map(list.map((asset) => [asset.id, asset]));
      for (let round = 0; round < 4; round++) {
        for (const query of queries) {
          expect(queryAssets(map, query), `${seed}/${round} ${JSON.stringify(query)}`).toEqual(
            queryAssets([...list], query),
          );
        }
        // A new version of the map, as the store makes: some assets changed, one gone, one new.
        map = new Map(map);
        for (let i = 0; i < 20; i++) {
          const id = list[Math.floor(next() * list.length)]?.id as string;
          map.set(id, randomAsset(next, id));
        }
        map.delete(list[0]?.id as string);
        const added = randomAsset(next, `new-${seed}-${round}`);
        map.set(added.id, added);
        list = [...map.values()];
      }
    }
  });

  it('answers from the index without going over every asset again', () => {
    const next = random(9);
    const list = Array.from({ length: 300 }, (_, i) => randomAsset(next, `b${i}`));
    const map = new Map(list.map((asset) => [asset.id, asset]));
    const expected = queries.map((query) => queryAssets([...list], query));
    // The first filtered query builds the index; after that, iterating the map is an error.
    queryAssets(map, { sourceModules: ['story-writer'] });
    const refuse = () => {
      throw new Error('scanned every asset');
    };
    Object.assign(map, { values: refuse, entries: refuse, forEach: refuse });
    Object.defineProperty(map, Symbol.iterator, { value: refuse });
    queries.forEach((query, i) => {
      // A meta value no Map key can stand for (an object) falls back to the scan.
      if (query.meta && 'ref' in query.meta && !query.sourceModules) return;
      expect(queryAssets(map, query), JSON.stringify(query)).toEqual(expected[i]);
    });
  });
});
