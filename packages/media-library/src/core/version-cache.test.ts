// Figures kept per version of the asset map follow the store's edits through the records that
// changed, and always equal a count made from scratch.
import fc from 'fast-check';
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

/** An asset's fields, its parent given as a number that picks one of the ids so far. */
const fieldsArb = fc.record({
  kind: fc.constantFrom('image', 'video', 'audio', 'text'),
  size: fc.nat({ max: 5000 }),
  tags: fc.subarray(['sky', 'sea', 'fox', 'red', 'old']),
  favorite: fc.boolean(),
  collectionIds: fc.subarray(['c1', 'c2', 'c3']),
  source: fc.oneof(
    fc.constant({ type: 'upload' as const }),
    fc.record({ type: fc.constant('edit' as const), parent: fc.nat() }),
    fc.record({
      type: fc.constant('ai' as const),
      provider: fc.constantFrom('replicate', 'openai', 'local'),
      model: fc.constantFrom('m1', 'm2', 'm3'),
      parent: fc.option(fc.nat(), { nil: undefined }),
      costUsd: fc.constantFrom(0.003, 0.0025, 0.04, 0.1),
    }),
  ),
  sourceModule: fc.option(fc.constantFrom('story', 'blog'), { nil: undefined }),
  createdAt: fc.nat({ max: 1000 }),
});
type Fields = typeof fieldsArb extends fc.Arbitrary<infer F> ? F : never;

function assetOf(id: string, fields: Fields, ids: readonly string[]): MediaAsset {
  const { source, sourceModule, ...rest } = fields;
  const parentOf = (pick: number) => ids[pick % ids.length] ?? id;
  return sampleAsset(id, {
    ...rest,
    ...(sourceModule === undefined ? {} : { sourceModule }),
    source:
      source.type === 'upload'
        ? source
        : source.type === 'edit'
          ? { type: 'edit', operation: 'crop', parentId: parentOf(source.parent) }
          : {
              type: 'ai',
              provider: source.provider,
              model: source.model,
              prompt: 'p',
              costUsd: source.costUsd,
              ...(source.parent === undefined ? {} : { parentId: parentOf(source.parent) }),
            },
  });
}

/** One change to the library; numbers pick among the ids live when it is applied. */
const stepArb = fc.oneof(
  fc.record({ edit: fc.array(fc.tuple(fc.nat(), fieldsArb), { minLength: 1, maxLength: 3 }) }),
  fc.record({ add: fc.array(fieldsArb, { minLength: 1, maxLength: 3 }) }),
  fc.record({ remove: fc.nat() }),
  fc.record({ trash: fc.nat() }),
  fc.record({ restore: fc.constant(true) }),
  // The same id set twice in one change: only the last record counts.
  fc.record({ twice: fc.tuple(fc.nat(), fieldsArb, fieldsArb) }),
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

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

/** `step` as a change to the library in `state`. */
function changeOf(
  step: Step,
  state: MediaLibraryState,
  ids: readonly string[],
  fresh: (fields: Fields) => MediaAsset,
): StateChange {
  const live = [...state.assets.keys()];
  const pick = (n: number) => live[n % live.length];
  if ('add' in step) return { upsert: step.add.map(fresh) };
  if ('restore' in step) {
    const [first] = state.trash.values();
    if (!first) return {};
    const { trashedAt: _, ...asset } = first;
    return { upsert: [asset] };
  }
  if (live.length === 0) return {};
  if ('edit' in step) {
    return { upsert: step.edit.map(([n, fields]) => assetOf(pick(n) as string, fields, ids)) };
  }
  if ('remove' in step) return { remove: [pick(step.remove) as string] };
  if ('trash' in step) {
    const asset = state.assets.get(pick(step.trash) as string) as MediaAsset;
    return { upsert: [{ ...asset, trashedAt: 5 }] };
  }
  const [n, first, second] = step.twice;
  const id = pick(n) as string;
  return { upsert: [assetOf(id, first, ids), assetOf(id, second, ids)] };
}

describe('figures per version of the asset map', () => {
  it('follow any sequence of edits, removals and trash moves as a fresh count finds them', () => {
    fc.assert(
      fc.property(
        fc.array(fieldsArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(stepArb, fc.boolean()), { maxLength: 40 }),
        (initial, steps) => {
          const store = createLibraryStore();
          const ids: string[] = [];
          const fresh = (fields: Fields) => {
            const id = `a${ids.length}`;
            const asset = assetOf(id, fields, ids);
            ids.push(id);
            return asset;
          };
          applyChange(store, { upsert: initial.map(fresh), status: 'ready' });
          const asked = () => ids.filter((_, index) => index % 3 === 0);
          expect(figures(store.getState(), asked())).toEqual(counted(store.getState(), asked()));
          for (const [step, ask] of steps) {
            applyChange(store, changeOf(step, store.getState(), ids, fresh));
            // Asked only after some steps, so several versions are followed at once.
            if (!ask) continue;
            const now = store.getState();
            expect(figures(now, asked())).toEqual(counted(now, asked()));
          }
        },
      ),
      { numRuns: 150 },
    );
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
