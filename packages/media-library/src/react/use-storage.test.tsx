// @vitest-environment happy-dom
// useStorage over a real library: live statistics, an estimate that follows the bytes used,
// and a persistence request.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useStorage } from './use-storage';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
});

describe('useStorage', () => {
  it('keeps statistics and the estimate up to date, and requests persistence', async () => {
    library = createMediaLibrary({
      name: `use-storage-${Math.random()}`,
      indexedDB: new IDBFactory(),
      blobStore: createMemoryBlobStore(),
      broadcast: false,
      storageCap: 10_000,
    });
    await library.ready;
    const persist = vi.spyOn(library, 'requestPersistence').mockResolvedValue(true);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
    );
    const { result } = renderHook(() => useStorage(), { wrapper });
    expect(result.current.statistics.total).toBe(0);
    await waitFor(() => expect(result.current.estimate).toBeDefined());
    expect(result.current.estimate).toMatchObject({ libraryBytes: 0, cap: 10_000 });

    await act(() => library.importFiles([new File(['12345'], 'a.txt', { type: 'text/plain' })]));
    expect(result.current.statistics).toMatchObject({ total: 1, bytesUsed: 5 });
    await waitFor(() => expect(result.current.estimate?.libraryBytes).toBe(5));

    let granted = false;
    await act(async () => {
      granted = await result.current.requestPersistence();
    });
    expect(granted).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
    expect(typeof result.current.persisted).toBe('boolean');
  });
});
