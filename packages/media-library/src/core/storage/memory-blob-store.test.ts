import { describe, expect, it } from 'vitest';
import { StorageFullError } from '../errors';
import { createMemoryBlobStore } from './memory-blob-store';

const bytes = (n: number) => new Blob([new Uint8Array(n)]);

describe('createMemoryBlobStore', () => {
  it('stores, lists, replaces and deletes blobs', async () => {
    const store = createMemoryBlobStore();
    expect(store.kind).toBe('memory');
    await store.put('a', new Blob(['hello'], { type: 'text/plain' }));
    await store.put('b', bytes(3));
    expect(await (await store.get('a'))?.text()).toBe('hello');
    expect((await store.get('a'))?.type).toBe('text/plain');
    expect(await store.has('b')).toBe(true);
    expect((await store.keys()).sort()).toEqual(['a', 'b']);
    await store.put('a', new Blob(['bye']));
    expect(await (await store.get('a'))?.text()).toBe('bye');
    await store.delete('a');
    await store.delete('missing');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.has('a')).toBe(false);
    await store.clear();
    expect(await store.keys()).toEqual([]);
  });

  it('rejects a put past the quota with a typed error and keeps what it had', async () => {
    const store = createMemoryBlobStore({ quotaBytes: 100 });
    await store.put('a', bytes(60));
    const error = await store.put('b', bytes(50)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error).toMatchObject({ code: 'storage_full', neededBytes: 50, availableBytes: 40 });
    expect(await store.keys()).toEqual(['a']);
  });

  it('counts replaced and deleted bytes as free again', async () => {
    const store = createMemoryBlobStore({ quotaBytes: 100 });
    await store.put('a', bytes(80));
    await store.put('a', bytes(100)); // replaces: 100 in use, not 180
    await store.delete('a');
    await store.put('b', bytes(100));
    await store.clear();
    await store.put('c', bytes(100));
    expect(await store.keys()).toEqual(['c']);
  });
});
