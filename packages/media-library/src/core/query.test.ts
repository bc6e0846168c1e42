// The query engine: every filter, every sort in both directions, search over each field,
// tag modes, paging and combinations.
import { describe, expect, it } from 'vitest';
import { normalizeSearchText, queryAssets } from './query';
import { sampleAsset } from './testing/sample-asset';
import type { AssetSource, MediaAsset, MediaQuery } from './types';

let counter = 0;
function asset(id: string, fields: Partial<MediaAsset> = {}): MediaAsset {
  counter++;
  return sampleAsset(id, {
    size: 1000,
    sha256: id.padEnd(64, '0'),
    createdAt: counter,
    updatedAt: counter,
    ...fields,
  });
}

const ai = (fields: Partial<Extract<AssetSource, { type: 'ai' }>> = {}): AssetSource => ({
  type: 'ai',
  provider: 'replicate',
  model: 'flux-schnell',
  prompt: 'a prompt',
  ...fields,
});

const ids = (assets: Iterable<MediaAsset> | ReadonlyMap<string, MediaAsset>, q?: MediaQuery) =>
  queryAssets(assets, q).items.map((a) => a.id);

describe('normalizeSearchText', () => {
  it('lower-cases and strips accents, including compatibility forms', () => {
    expect(normalizeSearchText('Crème BRÛLÉE')).toBe('creme brulee');
    expect(normalizeSearchText('Ｃafé ﬁsh')).toBe('cafe fish');
  });
});

describe('queryAssets: text search', () => {
  const assets = [
    asset('name', { name: 'Sunset-Beach.jpg' }),
    asset('title', { title: 'Mountain Lake' }),
    asset('desc', { description: 'A café in Paris' }),
    asset('prompt', { source: ai({ prompt: 'An astronaut riding a horse' }) }),
    asset('tags', { tags: ['Holiday', 'family'] }),
    asset('url', { source: { type: 'url', url: 'https://example.com/astronaut.png' } }),
  ];

  it.each([
    ['sunset', 'name'],
    ['lake', 'title'],
    ['CAFE', 'desc'],
    ['astronaut', 'prompt'],
    ['holiday', 'tags'],
  ])('finds %s in the %s field', (text, id) => {
    expect(ids(assets, { text })).toEqual([id]);
  });

  it('is accent-insensitive both ways', () => {
    expect(ids(assets, { text: 'café' })).toEqual(['desc']);
    expect(ids([asset('x', { name: 'resume.pdf' })], { text: 'résumé' })).toEqual(['x']);
  });

  it('requires every term, each anywhere (substring)', () => {
    expect(ids(assets, { text: 'astro  horse' })).toEqual(['prompt']);
    expect(ids(assets, { text: 'astro dragon' })).toEqual([]);
    expect(ids([asset('both', { name: 'beach', tags: ['dog'] })], { text: 'do bea' })).toEqual([
      'both',
    ]);
  });

  it('does not match a term across two fields', () => {
    expect(ids([asset('x', { name: 'ab', title: 'cd' })], { text: 'bc' })).toEqual([]);
  });

  it('treats empty or blank text as no filter', () => {
    expect(queryAssets(assets, { text: '   ' }).total).toBe(assets.length);
  });

  it('does not search a URL source (not a searchable field)', () => {
    expect(ids(assets, { text: 'example.com' })).toEqual([]);
  });

  it('sees an updated record (a new object) with its new text', () => {
    const before = asset('u', { title: 'old' });
    expect(ids([before], { text: 'old' })).toEqual(['u']);
    const after = { ...before, title: 'new' };
    expect(ids([after], { text: 'old' })).toEqual([]);
    expect(ids([after], { text: 'new' })).toEqual(['u']);
  });
});

describe('queryAssets: filters', () => {
  const assets = [
    asset('img', { kind: 'image', width: 200, height: 100, size: 100, favorite: true }),
    asset('vid', { kind: 'video', width: 100, height: 200, size: 5000, collectionIds: ['c1'] }),
    asset('aud', { kind: 'audio', size: 300, tags: ['music', 'live'] }),
    asset('sq', { kind: 'image', width: 50, height: 50, tags: ['music'], collectionIds: ['c1'] }),
    asset('gen1', {
      source: ai({ provider: 'replicate', model: 'flux', costUsd: 0.03 }),
      tags: ['live'],
    }),
    asset('gen2', { source: ai({ provider: 'openai', model: 'gpt-image-1', costUsd: 0.04 }) }),
    asset('link', { source: { type: 'url', url: 'https://x.test/a.png' }, createdAt: 1e12 }),
  ];

  it('kinds', () => {
    expect(ids(assets, { kinds: ['video', 'audio'] }).sort()).toEqual(['aud', 'vid']);
  });

  it('sourceTypes', () => {
    expect(ids(assets, { sourceTypes: ['ai'] }).sort()).toEqual(['gen1', 'gen2']);
    expect(ids(assets, { sourceTypes: ['url'] })).toEqual(['link']);
  });

  it('providers and models (AI sources only)', () => {
    expect(ids(assets, { providers: ['openai'] })).toEqual(['gen2']);
    expect(ids(assets, { models: ['flux'] })).toEqual(['gen1']);
    expect(ids(assets, { providers: ['openai'], models: ['flux'] })).toEqual([]);
  });

  it('tags: all (default) and any', () => {
    expect(ids(assets, { tags: ['music', 'live'] })).toEqual(['aud']);
    expect(ids(assets, { tags: ['music', 'live'], tagMode: 'all' })).toEqual(['aud']);
    expect(ids(assets, { tags: ['music', 'live'], tagMode: 'any' }).sort()).toEqual([
      'aud',
      'gen1',
      'sq',
    ]);
  });

  it('favorite true and false', () => {
    expect(ids(assets, { favorite: true })).toEqual(['img']);
    expect(queryAssets(assets, { favorite: false }).total).toBe(assets.length - 1);
  });

  it('unreadable true and false', () => {
    const damaged = [...assets, asset('bad', { kind: 'image', unreadable: true })];
    expect(ids(damaged, { unreadable: true })).toEqual(['bad']);
    expect(queryAssets(damaged, { unreadable: false }).total).toBe(assets.length);
  });

  it('collectionId', () => {
    expect(ids(assets, { collectionId: 'c1' }).sort()).toEqual(['sq', 'vid']);
    expect(ids(assets, { collectionId: 'none' })).toEqual([]);
  });

  it('orientation; assets without dimensions never match', () => {
    expect(ids(assets, { orientation: 'landscape' })).toEqual(['img']);
    expect(ids(assets, { orientation: 'portrait' })).toEqual(['vid']);
    expect(ids(assets, { orientation: 'square' })).toEqual(['sq']);
  });

  it('created date range, inclusive', () => {
    const [from, to] = [assets[1]!.createdAt, assets[3]!.createdAt];
    expect(ids(assets, { createdFrom: from, createdTo: to }).sort()).toEqual(['aud', 'sq', 'vid']);
    expect(ids(assets, { createdFrom: 1e12 })).toEqual(['link']);
  });

  it('size range, inclusive', () => {
    expect(ids(assets, { minSize: 300, maxSize: 1000 }).sort()).toEqual([
      'aud',
      'gen1',
      'gen2',
      'link',
      'sq',
    ]);
    expect(ids(assets, { maxSize: 100 })).toEqual(['img']);
    expect(ids(assets, { minSize: 5000 })).toEqual(['vid']);
  });

  it('empty filter arrays mean no filter', () => {
    expect(queryAssets(assets, { kinds: [], tags: [], providers: [] }).total).toBe(assets.length);
  });

  it('combines filters with text', () => {
    const q: MediaQuery = { kinds: ['image'], tags: ['music'], collectionId: 'c1', text: 'sq' };
    expect(ids(assets, q)).toEqual(['sq']);
    expect(ids(assets, { ...q, favorite: true })).toEqual([]);
    expect(ids(assets, { sourceTypes: ['ai'], tags: ['live'], text: 'prompt' })).toEqual(['gen1']);
  });

  it('accepts a Map, an array or any iterable', () => {
    const map = new Map(assets.map((a) => [a.id, a]));
    expect(ids(map, { kinds: ['audio'] })).toEqual(['aud']);
    expect(ids(new Set(assets), { kinds: ['audio'] })).toEqual(['aud']);
    expect(ids(map.values(), { kinds: ['audio'] })).toEqual(['aud']);
  });
});

describe('queryAssets: sorting', () => {
  const assets = [
    asset('a', { name: 'img10.png', createdAt: 3, updatedAt: 1, size: 20, source: ai({}) }),
    asset('b', {
      name: 'Img2.png',
      createdAt: 1,
      updatedAt: 3,
      size: 30,
      source: ai({ costUsd: 2 }),
    }),
    asset('c', {
      name: 'éclair.png',
      createdAt: 2,
      updatedAt: 2,
      size: 10,
      source: ai({ costUsd: 1 }),
    }),
  ];

  it('defaults to newest first', () => {
    expect(ids(assets)).toEqual(['a', 'c', 'b']);
  });

  it.each([
    ['createdAt', ['b', 'c', 'a']],
    ['updatedAt', ['a', 'c', 'b']],
    // Locale-aware and numeric: "éclair" sorts with "e", "Img2" before "img10".
    ['name', ['c', 'b', 'a']],
    ['size', ['c', 'a', 'b']],
    // A missing cost counts as 0.
    ['cost', ['a', 'c', 'b']],
  ] as const)('by %s, both directions', (field, ascending) => {
    expect(ids(assets, { sort: { field, direction: 'asc' } })).toEqual(ascending);
    expect(ids(assets, { sort: { field, direction: 'desc' } })).toEqual([...ascending].reverse());
    // The direction defaults to ascending when a field is given.
    expect(ids(assets, { sort: { field } })).toEqual(ascending);
  });

  it('breaks ties on id, stably, and the same way with or without a page', () => {
    const tied = ['d', 'b', 'e', 'a', 'c'].map((id) => asset(id, { createdAt: 5, size: 1 }));
    expect(ids(tied, { sort: { field: 'size', direction: 'asc' } })).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(ids(tied, { sort: { field: 'size', direction: 'asc' }, limit: 2 })).toEqual(['a', 'b']);
    expect(ids(tied, { limit: 3 })).toEqual(['e', 'd', 'c']);
  });

  it('does not reorder the caller’s array', () => {
    const input = [...assets];
    queryAssets(input, { sort: { field: 'name' } });
    expect(input).toEqual(assets);
  });
});

describe('queryAssets: paging', () => {
  const assets = Array.from({ length: 1000 }, (_, i) =>
    asset(`p${String(i).padStart(4, '0')}`, { createdAt: i, size: (i * 7919) % 1000 }),
  );
  const all = ids(assets, { sort: { field: 'size' } });

  it('returns the page and the total before paging', () => {
    const page = queryAssets(assets, { offset: 10, limit: 5 });
    expect(page.total).toBe(1000);
    expect(page.items.map((a) => a.createdAt)).toEqual([989, 988, 987, 986, 985]);
  });

  it('pages agree with one full sort, for small and large pages', () => {
    for (const [offset, limit] of [
      [0, 60],
      [60, 60],
      [100, 700],
      [990, 60],
    ] as const) {
      expect(ids(assets, { sort: { field: 'size' }, offset, limit })).toEqual(
        all.slice(offset, offset + limit),
      );
    }
  });

  it('handles limit 0, an offset past the end and negative values', () => {
    expect(queryAssets(assets, { limit: 0 })).toEqual({ items: [], total: 1000 });
    expect(queryAssets(assets, { offset: 5000, limit: 10 }).items).toEqual([]);
    expect(ids(assets, { offset: -3, limit: 1, sort: { field: 'size' } })).toEqual([all[0]]);
  });

  it('pages a filtered, searched result', () => {
    const result = queryAssets(assets, { text: 'p00', minSize: 500, offset: 2, limit: 3 });
    const expected = assets
      .filter((a) => a.id.startsWith('p00') && a.size >= 500)
      .sort((a, b) => b.createdAt - a.createdAt);
    expect(result.total).toBe(expected.length);
    expect(result.items).toEqual(expected.slice(2, 5));
  });
});
