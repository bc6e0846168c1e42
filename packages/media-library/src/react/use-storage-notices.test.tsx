// @vitest-environment happy-dom
// useStorageNotices over real libraries: the incident a reopened library found, acknowledged
// for good, and persistence asked for once, on the first import only.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MarkerStorage, MediaLibrary, MediaLibraryOptions } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { persistAskedKey, useStorageNotices } from './use-storage-notices';

const libraries: MediaLibrary[] = [];
afterEach(() => {
  cleanup();
  for (const library of libraries.splice(0)) library.close();
  localStorage.clear();
});

function origin() {
  const notes = new Map<string, string>();
  const storageMarker: MarkerStorage = {
    getItem: (key) => notes.get(key) ?? null,
    setItem: (key, value) => void notes.set(key, value),
    removeItem: (key) => void notes.delete(key),
  };
  const options: MediaLibraryOptions = {
    name: `notices-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    storageMarker,
  };
  return {
    options,
    async open() {
      const library = createMediaLibrary(options);
      libraries.push(library);
      await library.ready;
      return library;
    },
  };
}

function render(library: MediaLibrary) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
  );
  return renderHook(() => useStorageNotices(), { wrapper });
}

const file = (text: string) => new File([text], `${text}.txt`, { type: 'text/plain' });

describe('useStorageNotices', () => {
  it('hands out the incident until it is acknowledged, also for the next visit', async () => {
    const o = origin();
    const first = await o.open();
    await first.importFiles([file('a'), file('b')]);
    first.close();
    await o.options.blobStore?.clear();

    const library = await o.open();
    const { result } = render(library);
    expect(result.current.incident?.kind).toBe('bytes-removed');
    act(() => result.current.acknowledge());
    expect(result.current.incident).toBeUndefined();
    library.close();
    await new Promise((resolve) => setTimeout(resolve, 0));

    const next = await o.open();
    expect(render(next).result.current.incident).toBeUndefined();
  });

  it('asks for persistence on the first import, once, with a note until dismissed', async () => {
    const library = await origin().open();
    const asked = vi.spyOn(library, 'requestPersistence').mockResolvedValue(false);
    const { result, unmount } = render(library);
    expect(result.current.persistNote).toBe(false);

    await act(() => library.importFiles([file('first')]));
    await waitFor(() => expect(result.current.persistNote).toBe(true));
    expect(asked).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem(persistAskedKey(library.name))).not.toBeNull();
    act(() => result.current.dismissPersistNote());
    expect(result.current.persistNote).toBe(false);

    await act(() => library.importFiles([file('second')]));
    unmount();
    // A later visit (a new screen over the library) does not ask again either.
    const again = render(library);
    await act(() => library.importFiles([file('third')]));
    expect(again.result.current.persistNote).toBe(false);
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('neither asks nor shows the note when the storage is already persisted', async () => {
    const library = await origin().open();
    const asked = vi.spyOn(library, 'requestPersistence').mockResolvedValue(true);
    vi.spyOn(library, 'estimateStorage').mockResolvedValue({ libraryBytes: 0, persisted: true });
    const { result } = render(library);
    await act(() => library.importFiles([file('kept')]));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(result.current.persistNote).toBe(false);
    expect(asked).not.toHaveBeenCalled();
  });

  it('does not count the library loading as an import', async () => {
    const o = origin();
    const seed = await o.open();
    await seed.importFiles([file('old')]);
    seed.close();
    const library = createMediaLibrary(o.options);
    libraries.push(library);
    const asked = vi.spyOn(library, 'requestPersistence').mockResolvedValue(false);
    const { result } = render(library);
    await act(() => library.ready);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(result.current.persistNote).toBe(false);
    expect(asked).not.toHaveBeenCalled();
  });
});
