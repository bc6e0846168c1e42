// Figures kept per version of the asset map follow the store's edits through the records that
// changed, and always equal a count made from scratch.
import { describe, expect, it } from 'vitest';
import { versionsOf } from './edit/versions';
import { computeFacets } from './library-facets';
import {
  computeCollectionCounts,
  computeStatistics,
  computeTags,
  statisticsTally,
} from './library-statistics';
import { applyChange, createLibraryStore, type StateChange } from './store';
import { sampleAsset } from './testing/sample-asset';
import type { MediaAsset, MediaLibraryState } from './types';
import { versionCache } from './version-cache';

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomAsset(next: () => number, id: string, ids: readonly string[]): MediaAsset {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const tags = ['sky', 'sea', 'fox', 'red', 'old'].filter(() => next() < 0.3);
  const roll = next();
  const parentId = ids.length > 0 ? pick(ids) : id;
  const source: MediaAsset['source'] =
    roll < 0.4
      ? { type: 'upload' }
      : roll < 0.6
        ? { type: 'edit', operation: 'crop', parentId }
        : {
            type: 'ai',
            provider: pick(['replicate', 'openai', 'local']),
            model: pick(['m1', 'm2', 'm3']),
            prompt: 'p',
            ...(next() < 0.5 ? { parentId } : {}),
            costUsd: pick([0.003, 0.0025, 0.04, 0.1]),
          };
  return sampleAsset(id, {
    kind: pick(['image', 'video', 'audio', 'text'] as const),
    size: 1 + Math.floor(next() * 5000),
    tags,
    favorite: next() < 0.2,
    collectionIds: ['c1', 'c2', 'c3'].filter(() => next() < 0.3),
    source,
    ...(next() < 0.3 ? { sourceModule: pick(['story', 'blog']) } : {}),
    createdAt: Math.floor(next() * 1000),
  });
}

/** Every figure of `state`, read through the caches the views use. */
function figures(state: MediaLibraryState, ids: readonly string[]) {
  return {
    statistics: computeStatistics(state),
    tags: computeTags(state),
    collections: Object.fromEntries(computeCollectionCounts(state.assets)),
    facets: computeFacets(state.assets),
    versions: ids.map((id) => versionsOf(state.assets, id)),
  };
}

/** The same figures counted from scratch: copies of the maps have no history to follow. */
function counted(state: MediaLibraryState, ids: readonly string[]) {
  return figures({ ...state, assets: new Map(state.assets), trash: new Map(state.trash) }, ids);
}

describe('figures per version of the asset map', () => {
  it('follow random edits, removals and trash moves exactly as a fresh count finds them', () => {
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      const store = createLibraryStore();
      let serial = 0;
      const ids: string[] = [];
      const fresh = () => {
        const id = `a${serial++}`;
        const asset = randomAsset(next, id, ids);
        ids.push(id);
        return asset;
      };
      applyChange(store, { upsert: Array.from({ length: 60 }, fresh), status: 'ready' });
      const asked = () => ids.filter((_, index) => index % 7 === 0);
      expect(figures(store.getState(), asked())).toEqual(counted(store.getState(), asked()));

      for (let round = 0; round < 80; round++) {
        const state = store.getState();
        const live = [...state.assets.keys()];
        const some = (count: number) =>
          Array.from({ length: count }, () => live[Math.floor(next() * live.length)] as string);
        const roll = next();
        const change: StateChange =
          roll < 0.3
            ? { upsert: some(2).map((id) => randomAsset(next, id, ids)) }
            : roll < 0.45
              ? { upsert: [fresh(), fresh()] }
              : roll < 0.6
                ? { remove: some(1) }
                : roll < 0.75
                  ? // to the Trash and, some rounds later, back
                    {
                      upsert: some(1).map((id) => ({
                        ...(state.assets.get(id) as MediaAsset),
                        trashedAt: 5,
                      })),
                    }
                  : roll < 0.85 && state.trash.size > 0
                    ? {
                        upsert: [...state.trash.values()]
                          .slice(0, 1)
                          .map(({ trashedAt: _, ...asset }) => asset),
                      }
                    : // the same id set twice in one change: only the last record counts
                      (() => {
                        const [id] = some(1) as [string];
                        return {
                          upsert: [randomAsset(next, id, ids), randomAsset(next, id, ids)],
                        };
                      })();
        applyChange(store, change);
        // Ask only every few rounds, so several versions are followed at once.
        if (round % 3 !== 0) continue;
        const now = store.getState();
        expect(figures(now, asked()), `seed ${seed}, round ${round}`).toEqual(
          counted(now, asked()),
        );
      }
    }
  });

  it('looks at the changed records only, and an older version keeps its figure', () => {
    let added = 0;
    let removed = 0;
    const sizes = versionCache<{ bytes: number }, number>({
      create: () => ({ bytes: 0 }),
      add: (state, asset) => {
        added++;
        state.bytes += asset.size;
      },
      remove: (state, asset) => {
        removed++;
        state.bytes -= asset.size;
      },
      value: (state) => state.bytes,
    });
    const store = createLibraryStore();
    const assets = Array.from({ length: 500 }, (_, index) =>
      sampleAsset(`a${index}`, { size: 10 }),
    );
    applyChange(store, { upsert: assets });
    const first = store.getState().assets;
    expect(sizes.get(first)).toBe(5000);
    expect(added).toBe(500);

    applyChange(store, { upsert: [sampleAsset('a3', { size: 25 })] });
    applyChange(store, { remove: ['a4'] });
    expect(sizes.get(store.getState().assets)).toBe(5005);
    expect({ added, removed }).toEqual({ added: 501, removed: 2 });
    // The first version's figure stays what it was, without another count.
    expect(sizes.get(first)).toBe(5000);
    expect(added).toBe(501);

    // A map with no history (a caller's own) is counted from scratch.
    expect(sizes.get(new Map(store.getState().assets))).toBe(5005);
    expect(added).toBe(501 + 499);
  });

  it('counts a version again once the children index it shared moved on', () => {
    const store = createLibraryStore();
    applyChange(store, {
      upsert: [
        sampleAsset('root'),
        sampleAsset('child', { source: { type: 'edit', operation: 'crop', parentId: 'root' } }),
      ],
    });
    const before = store.getState().assets;
    expect(versionsOf(before, 'root').children.map((asset) => asset.id)).toEqual(['child']);
    applyChange(store, {
      upsert: [
        sampleAsset('second', { source: { type: 'edit', operation: 'flip', parentId: 'root' } }),
      ],
    });
    expect(versionsOf(store.getState().assets, 'root').children).toHaveLength(2);
    // The index moved on to the newer version; the older one is indexed again, as it was.
    expect(versionsOf(before, 'root').children.map((asset) => asset.id)).toEqual(['child']);
  });

  it('keeps statistics of a library loaded in slices equal to a fresh count after an edit', () => {
    const store = createLibraryStore();
    const assets = Array.from({ length: 50 }, (_, index) =>
      sampleAsset(`a${index}`, { size: index, favorite: index % 2 === 0 }),
    );
    const loaded = new Map(assets.map((asset) => [asset.id, asset]));
    applyChange(store, { replaceAssets: loaded, replaceTrash: new Map(), status: 'ready' });
    const tally = statisticsTally(store.getState());
    for (const asset of assets) tally.add(asset);
    tally.finish();
    applyChange(store, { upsert: [sampleAsset('a1', { size: 1000, favorite: true })] });
    const after = store.getState();
    expect(computeStatistics(after)).toEqual(counted(after, []).statistics);
    expect(computeStatistics(after)).toMatchObject({ favorites: 26, bytesUsed: 1225 - 1 + 1000 });
  });
});
