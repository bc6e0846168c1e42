// @vitest-environment happy-dom
// useStorageMeter over a real library whose estimate the test sets: the figures and levels,
// the words, and the persistence request granted or refused.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MediaLibrary, StorageEstimate } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { type UseStorageMeterOptions, useStorageMeter } from './use-storage-meter';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
});

async function setup(estimate: StorageEstimate, options?: UseStorageMeterOptions) {
  library = createMediaLibrary({
    name: `use-storage-meter-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  await library.ready;
  const current = { estimate };
  vi.spyOn(library, 'estimateStorage').mockImplementation(async () => current.estimate);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
  );
  const hook = renderHook(() => useStorageMeter(options), { wrapper });
  await waitFor(() => expect(hook.result.current.limit ?? hook.result.current.used).toBeDefined());
  return { ...hook, current };
}

describe('useStorageMeter', () => {
  it('measures the origin against its quota and says so in words', async () => {
    const { result } = await setup({
      libraryBytes: 0,
      originUsage: 1.2 * 2 ** 20,
      originQuota: 2 * 2 ** 30,
      persisted: false,
    });
    await waitFor(() => expect(result.current.limit).toBe(2 * 2 ** 30));
    expect(result.current.used).toBe(1.2 * 2 ** 20);
    expect(result.current.percent).toBeCloseTo((1.2 / 2048) * 100);
    expect(result.current.level).toBe('ok');
    expect(result.current.label).toBe('1.2 MB of 2.0 GB used');
    expect(result.current.free).toBe(2 * 2 ** 30 - 1.2 * 2 ** 20);
    expect(result.current.assetsLabel).toBe('0 assets');
    expect(result.current.aiSpendLabel).toBeUndefined();
    expect(result.current.persistenceNote).toMatch(/^Not kept for sure/);
    expect(result.current.getMeterProps()).toEqual({
      role: 'progressbar',
      'aria-label': 'Storage used',
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': 0,
      'aria-valuetext': '1.2 MB of 2.0 GB used',
      'data-level': 'ok',
    });
  });

  it('counts the library against a cap, with warning and critical levels', async () => {
    const { result, rerender, current } = await setup({
      libraryBytes: 800,
      originUsage: 5_000_000,
      originQuota: 9_000_000,
      cap: 1000,
      persisted: true,
    });
    await waitFor(() => expect(result.current.limit).toBe(1000));
    expect(result.current.used).toBe(800);
    expect(result.current.level).toBe('warning');
    expect(result.current.percent).toBe(80);
    expect(result.current.persistenceNote).toBe('The browser will keep these files.');

    current.estimate = { libraryBytes: 950, cap: 1000, persisted: true };
    await act(async () => {
      await library.importFiles([new File(['x'], 'a.txt', { type: 'text/plain' })]);
    });
    await waitFor(() => expect(result.current.level).toBe('critical'));
    expect(result.current.getMeterProps('Room')).toMatchObject({
      'aria-label': 'Room',
      'aria-valuenow': 95,
      'data-level': 'critical',
    });
    expect(result.current.assetsLabel).toBe('1 asset');
    expect(result.current.libraryLabel).toBe('1 B in this library · 50 B free');
    rerender();
  });

  it('takes other thresholds and shows "used" alone without a limit', async () => {
    const { result } = await setup(
      { libraryBytes: 10, cap: 100, persisted: false },
      { warningAbove: 5, criticalAbove: 50 },
    );
    await waitFor(() => expect(result.current.level).toBe('warning'));
    library.close();
    const other = await setup({ libraryBytes: 0, originUsage: 2048, persisted: false });
    await waitFor(() => expect(other.result.current.used).toBe(2048));
    expect(other.result.current.limit).toBeUndefined();
    expect(other.result.current.percent).toBe(0);
    expect(other.result.current.label).toBe('2.0 KB used');
  });

  it('says when the browser refuses to keep the files, and a failure counts as no', async () => {
    const { result } = await setup({ libraryBytes: 0, persisted: false });
    const persist = vi.spyOn(library, 'requestPersistence').mockResolvedValueOnce(false);
    let granted: boolean | undefined;
    await act(async () => {
      granted = await result.current.requestPersistence();
    });
    expect(granted).toBe(false);
    expect(result.current.refusalNote).toMatch(/said no for now/);
    persist.mockRejectedValueOnce(new Error('no storage manager'));
    await act(async () => {
      granted = await result.current.requestPersistence();
    });
    expect(granted).toBe(false);
    persist.mockResolvedValueOnce(true);
    await act(async () => {
      granted = await result.current.requestPersistence();
    });
    expect(granted).toBe(true);
    expect(result.current.refusalNote).toBeUndefined();
  });
});
