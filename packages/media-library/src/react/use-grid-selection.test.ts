// The grid's id index: positions as a scan finds them, and a new list of 100,000 ids costs a
// scan for the check each render makes, not a map of every id.
import { describe, expect, it } from 'vitest';
import { lazyIndex } from './use-grid-selection';

/** `ids` behind a proxy that counts the elements read. */
function counted(ids: string[]) {
  const reads = { count: 0 };
  const proxy = new Proxy(ids, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads.count++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { ids: proxy as readonly string[], reads };
}

describe('lazyIndex', () => {
  it('answers as indexOf does, duplicates and unknown ids included', () => {
    const ids = ['a', 'b', 'c', 'b', 'd', 'e', 'a', 'f'];
    const index = lazyIndex(ids);
    // More ids than are scanned, asked twice, so both ways of finding them answer.
    for (const id of [...'abcxdefgab', ...'fedcba']) {
      const at = ids.indexOf(id);
      expect(index.get(id), id).toBe(at < 0 ? undefined : at);
      expect(index.has(id), id).toBe(at >= 0);
    }
  });

  it('finds the first ids asked by a scan that stops at them, however often asked', () => {
    const { ids, reads } = counted(Array.from({ length: 10_000 }, (_, i) => `id${i}`));
    const index = lazyIndex(ids);
    for (let render = 0; render < 20; render++) expect(index.has('id3')).toBe(true);
    expect(reads.count).toBe(4);
    expect(index.get('id9')).toBe(9);
    expect(reads.count).toBe(4 + 10);
  });
});
