// Finding the library's asset for a hash: from the loaded index once it is whole, from
// IndexedDB while it loads.
import { describe, expect, it, vi } from 'vitest';
import { toStoredAsset } from './db';
import { type Batch, findByHash } from './library-import-analysis';
import { applyChange, createLibraryStore } from './store';
import { sampleAsset } from './testing/sample-asset';
import type { MediaAsset } from './types';

const asset = (id: string, sha256: string) => sampleAsset(id, { sha256 });

function batchOver(records: MediaAsset[]) {
  const store = createLibraryStore();
  const getFromIndex = vi.fn(async (_store: string, _index: string, sha256: string) => {
    const found = records.find((record) => record.sha256 === sha256);
    return found ? toStoredAsset(found) : undefined;
  });
  const batch = { ctx: { store }, db: { getFromIndex } } as unknown as Batch;
  return { batch, store, getFromIndex };
}

describe('findByHash', () => {
  it('while the index loads, asks IndexedDB and prefers the loaded copy of the record', async () => {
    const stored = asset('a', 'h1');
    const { batch, store, getFromIndex } = batchOver([stored, asset('b', 'h2')]);
    const loaded = { ...stored, title: 'edited here' };
    applyChange(store, { upsert: [loaded], status: 'partial' });

    expect(await findByHash(batch, 'h1')).toBe(loaded);
    expect(await findByHash(batch, 'h2')).toMatchObject({ id: 'b', sha256: 'h2' });
    expect(await findByHash(batch, 'h3')).toBeUndefined();
    expect(getFromIndex).toHaveBeenCalledTimes(3);
  });

  it('once loaded, answers from the index without IndexedDB, and follows changes', async () => {
    const { batch, store, getFromIndex } = batchOver([]);
    applyChange(store, { upsert: [asset('b', 'h1'), asset('a', 'h1')], status: 'ready' });

    // Two assets kept with the same bytes: the lowest id, as IndexedDB's index would say.
    expect(await findByHash(batch, 'h1')).toMatchObject({ id: 'a' });
    expect(await findByHash(batch, 'h2')).toBeUndefined();

    applyChange(store, { upsert: [asset('c', 'h2')], remove: ['a'] });
    expect(await findByHash(batch, 'h2')).toMatchObject({ id: 'c' });
    expect(await findByHash(batch, 'h1')).toMatchObject({ id: 'b' });
    expect(getFromIndex).not.toHaveBeenCalled();
  });
});
