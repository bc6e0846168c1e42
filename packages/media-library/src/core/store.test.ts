// The vanilla store: one immutable replacement per change, revisions, and maps copied only
// when their part changed (so selectors on assets ignore a collection rename).
import { describe, expect, it, vi } from 'vitest';
import { applyChange, createLibraryStore } from './store';
import { sampleAsset } from './testing/sample-asset';
import type { Collection } from './types';

const asset = (id: string) => sampleAsset(id);
const collection: Collection = { id: 'c', name: 'C', createdAt: 1, updatedAt: 1 };

describe('library store', () => {
  it('replaces the state once per change and counts revisions', () => {
    const store = createLibraryStore();
    const listener = vi.fn();
    store.subscribe(listener);
    const initial = store.getState();
    expect(initial).toMatchObject({ status: 'loading', revision: 0 });

    applyChange(store, { upsert: [asset('a'), asset('b')], status: 'partial' });
    expect(listener).toHaveBeenCalledTimes(1);
    const next = store.getState();
    expect(next).not.toBe(initial);
    expect(next.revision).toBe(1);
    expect(next.status).toBe('partial');
    expect([...next.assets.keys()]).toEqual(['a', 'b']);
    expect(initial.assets.size).toBe(0);

    applyChange(store, { upsertCollections: [collection] });
    const afterCollection = store.getState();
    expect(afterCollection.assets).toBe(next.assets);
    expect(afterCollection.collections.get('c')).toBe(collection);

    applyChange(store, { remove: ['a'], upsert: [] });
    expect(store.getState().collections).toBe(afterCollection.collections);
    expect([...store.getState().assets.keys()]).toEqual(['b']);

    applyChange(store, { reset: true, status: 'ready' });
    expect(store.getState()).toMatchObject({ status: 'ready', revision: 4 });
    expect(store.getState().assets.size + store.getState().collections.size).toBe(0);
  });

  it('keeps an error only while the status says error', () => {
    const store = createLibraryStore();
    const error = new Error('broken');
    applyChange(store, { status: 'error', error });
    expect(store.getState().error).toBe(error);
    applyChange(store, { upsert: [asset('a')] });
    expect(store.getState().error).toBe(error);
    applyChange(store, { status: 'ready' });
    expect(store.getState().error).toBeUndefined();
  });
});
