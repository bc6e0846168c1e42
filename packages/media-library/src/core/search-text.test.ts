// The search text kept per record object: computed once per object, whatever its id, and never
// shared between two objects (an updated asset is a new object with the same id).
import { describe, expect, it } from 'vitest';
import { assetSearchText } from './search-text';
import { sampleAsset } from './testing/sample-asset';

describe('assetSearchText', () => {
  it('is computed once per record object, for ids of any length and alphabet', () => {
    const ids = ['', 'a', 'ab', 'scale-00002s', crypto.randomUUID(), 'Été-ü-😀'];
    for (const id of ids) {
      const asset = sampleAsset(id, { name: 'Fox.png', tags: ['Red'] });
      expect(assetSearchText(asset)).toBe('fox.png\nred');
      // A record is never changed in place; if one were, its cached text would show it is kept.
      asset.name = 'Changed.png';
      expect(assetSearchText(asset)).toBe('fox.png\nred');
    }
  });

  it('keeps a text per object: a new version of an asset (same id) gets its own', () => {
    const assets = Array.from({ length: 5_000 }, (_, i) =>
      sampleAsset(`id-${i.toString(36)}`, { name: `Photo ${i}` }),
    );
    for (const asset of assets) assetSearchText(asset);
    const updated = assets.map((asset) => ({ ...asset, name: `${asset.name} edited` }));
    updated.forEach((asset, i) => {
      expect(assetSearchText(asset)).toBe(`photo ${i} edited`);
      expect(assetSearchText(assets[i] as (typeof assets)[number])).toBe(`photo ${i}`);
    });
  });
});
