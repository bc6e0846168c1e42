// Reading many records as assets (a library opening) shares what records repeat: the assets
// equal those read one by one, and the shared values are frozen, so a change in place throws
// instead of reaching every asset that shares them.
import { describe, expect, it } from 'vitest';
import { createAssetReader, fromStoredAsset, type StoredAsset, toStoredAsset } from './db';
import { sampleAsset } from './testing/sample-asset';
import type { MediaAsset } from './types';

/** A stored record as IndexedDB hands it back: a fresh deep copy. */
const stored = (asset: MediaAsset) => structuredClone(toStoredAsset(asset)) as StoredAsset;

const upload = (id: string, extra: Partial<MediaAsset> = {}) =>
  sampleAsset(id, { tags: ['sea', 'summer'], ...extra });
const generated = (id: string) =>
  sampleAsset(id, {
    source: { type: 'ai', provider: 'replicate', model: 'flux', prompt: `a fox ${id}` },
  });

describe('createAssetReader', () => {
  it('reads every kind of record as the one-by-one read does', () => {
    const read = createAssetReader();
    const assets = [
      upload('a'),
      upload('b', { collectionIds: ['c1'], sourceModule: 'story-writer', meta: { scene: 2 } }),
      upload('c', { usage: { downloads: 2, shares: 0, uses: 1, lastAccessedAt: 5 } }),
      generated('d'),
      sampleAsset('e', { source: { type: 'url', url: 'https://example.com/e.png' } }),
      upload('f', { favorite: true, trashedAt: 9 }),
    ];
    for (const asset of assets) {
      expect(read(stored(asset))).toStrictEqual(fromStoredAsset(stored(asset)));
      expect(read(stored(asset))).toEqual(asset);
    }
  });

  it('shares the empty collections, unused usage and plain upload source, frozen', () => {
    const read = createAssetReader();
    const a = read(stored(upload('a')));
    const b = read(stored(upload('b')));
    expect(a.collectionIds).toBe(b.collectionIds);
    expect(a.usage).toBe(b.usage);
    expect(a.source).toBe(b.source);
    expect(Object.isFrozen(a.collectionIds)).toBe(true);
    expect(Object.isFrozen(a.usage)).toBe(true);
    expect(Object.isFrozen(a.source)).toBe(true);
    expect(() => a.collectionIds.push('c1')).toThrow(TypeError);
    expect(b.collectionIds).toEqual([]);
  });

  it('keeps its own copy of what is not the usual value', () => {
    const read = createAssetReader();
    const used = read(stored(upload('a', { usage: { downloads: 1, shares: 0, uses: 0 } })));
    const fresh = read(stored(upload('b')));
    expect(used.usage).not.toBe(fresh.usage);
    expect(used.usage.downloads).toBe(1);
    const filed = read(stored(upload('c', { collectionIds: ['c1'] })));
    expect(Object.isFrozen(filed.collectionIds)).toBe(false);
    const ai = [read(stored(generated('d'))), read(stored(generated('e')))];
    expect(ai[0]?.source).not.toBe(ai[1]?.source);
    expect(ai.map((asset) => asset.source.type === 'ai' && asset.source.prompt)).toEqual([
      'a fox d',
      'a fox e',
    ]);
  });
});
