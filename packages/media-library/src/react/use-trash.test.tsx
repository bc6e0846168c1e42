// @vitest-environment happy-dom
// useTrash over a real library: the Trash's items, count and bytes, Undo after a delete (from
// this hook or any other caller) for a while, restore, and the destructive actions only after
// a confirmation.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { pngFile } from '../core/testing/library-harness';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useTrash } from './use-trash';

const libraries: MediaLibrary[] = [];
afterEach(() => {
  cleanup();
  for (const library of libraries.splice(0)) library.close();
});

async function seeded(count = 3) {
  const blobStore = createMemoryBlobStore();
  const library = createMediaLibrary({
    name: `trash-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore,
    broadcast: false,
  });
  libraries.push(library);
  await library.ready;
  const results = await library.importFiles(
    Array.from({ length: count }, (_, i) => pngFile(i + 1, `asset-${i + 1}.png`)),
  );
  const ids = results.map((r) => (r.status === 'imported' ? r.asset.id : ''));
  return { library, ids, blobStore };
}

const wrapperFor =
  (library: MediaLibrary) =>
  ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
  );

describe('useTrash', () => {
  it('lists the Trash with count and bytes, and offers Undo after a delete', async () => {
    const { library, ids } = await seeded();
    const [a, b] = ids as [string, string];
    const { result } = renderHook(() => useTrash(), { wrapper: wrapperFor(library) });
    expect(result.current).toMatchObject({ count: 0, bytes: 0, lastDeleted: undefined });

    await act(() => result.current.delete([a, b]));
    expect(result.current.count).toBe(2);
    const sizes = [a, b].reduce(
      (sum, id) => sum + (library.getState().trash.get(id)?.size ?? 0),
      0,
    );
    expect(result.current.bytes).toBe(sizes);
    expect(result.current.lastDeleted?.sort()).toEqual([a, b].sort());

    await act(() => result.current.undo());
    expect(result.current.count).toBe(0);
    expect(result.current.lastDeleted).toBeUndefined();
    expect(library.get(a)).toBeDefined();
  });

  it('sees a delete made by any caller; the next delete replaces the offer', async () => {
    const { library, ids } = await seeded();
    const [a, b] = ids as [string, string];
    const { result } = renderHook(() => useTrash(), { wrapper: wrapperFor(library) });
    await act(() => library.delete(a));
    await waitFor(() => expect(result.current.lastDeleted).toEqual([a]));
    await act(() => library.delete(b));
    await waitFor(() => expect(result.current.lastDeleted).toEqual([b]));
    expect(result.current.items.map((asset) => asset.id)).toEqual([b, a]);
    act(() => result.current.dismissUndo());
    expect(result.current.lastDeleted).toBeUndefined();
  });

  it('stops offering Undo after undoMs', async () => {
    const { library, ids } = await seeded(1);
    const { result } = renderHook(() => useTrash({ undoMs: 50 }), {
      wrapper: wrapperFor(library),
    });
    await act(() => result.current.delete(ids));
    expect(result.current.lastDeleted).toEqual(ids);
    await waitFor(() => expect(result.current.lastDeleted).toBeUndefined());
    expect(result.current.count).toBe(1);
  });

  it('deletes forever and empties only after confirm; cancel keeps everything', async () => {
    const { library, ids, blobStore } = await seeded();
    const [a, b, c] = ids as [string, string, string];
    const { result } = renderHook(() => useTrash(), { wrapper: wrapperFor(library) });
    await act(() => result.current.delete([a, b, c]));

    act(() => result.current.requestDeleteForever(a));
    expect(result.current.confirming).toEqual({ action: 'delete-forever', ids: [a] });
    act(() => result.current.cancel());
    expect(result.current.confirming).toBeUndefined();
    expect(result.current.count).toBe(3);

    act(() => result.current.requestDeleteForever(a));
    await act(() => result.current.confirm());
    expect(result.current.count).toBe(2);
    expect(await blobStore.has(`o/${a}`)).toBe(false);

    await act(() => result.current.restore(b));
    expect(library.get(b)).toBeDefined();

    act(() => result.current.requestEmpty());
    expect(result.current.confirming).toEqual({ action: 'empty', ids: [c] });
    await act(() => result.current.confirm());
    expect(result.current.count).toBe(0);
    expect(await blobStore.has(`o/${c}`)).toBe(false);
    expect(await blobStore.has(`o/${b}`)).toBe(true);
  });

  it('keeps a failure in words', async () => {
    const { library } = await seeded(1);
    const { result } = renderHook(() => useTrash(), { wrapper: wrapperFor(library) });
    await act(() => result.current.restore('missing'));
    expect(result.current.error).toMatch(/No asset with id "missing"/);
    expect(result.current.busy).toBe(false);
  });
});
