// @vitest-environment happy-dom
// useTextPreview and usePdfPages over a real library: the start of a text file (cut with a
// note past 64 KB, read again when the bytes change), and a PDF paged through with its URLs
// released (the page drawing itself is the browser's, mocked here; see asset-preview.browser).
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MediaAsset, MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { usePdfPages } from './use-pdf-pages';
import { TEXT_PREVIEW_BYTES, useTextPreview } from './use-text-preview';

const drawn = vi.hoisted(() => ({ calls: [] as Array<{ page: number; width: number }> }));
vi.mock('../core/import/pdf-pages', () => ({
  renderPdfPage: async (_blob: Blob, page: number, width: number) => {
    drawn.calls.push({ page, width });
    return {
      image: new Blob([`page ${page}`], { type: 'image/png' }),
      width,
      height: 100,
      pageCount: 3,
    };
  },
}));

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
  drawn.calls.length = 0;
});

async function setup(files: File[]) {
  library = createMediaLibrary({
    name: `preview-hooks-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  await library.ready;
  const results = await library.importFiles(files);
  const assets = results.map((r) => (r.status === 'imported' ? r.asset : ({} as MediaAsset)));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
  );
  return { assets, wrapper };
}

describe('useTextPreview', () => {
  it('reads a short file whole and a long one up to 64 KB, saying it was cut', async () => {
    const long = 'é'.repeat(TEXT_PREVIEW_BYTES); // two bytes each: cut inside a character
    const { assets, wrapper } = await setup([
      new File(['hello\nworld'], 'a.txt', { type: 'text/plain' }),
      new File([long], 'b.txt', { type: 'text/plain' }),
    ]);
    const { result, rerender } = renderHook(({ asset }) => useTextPreview(asset), {
      wrapper,
      initialProps: { asset: assets[0] },
    });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current).toEqual({
      status: 'ready',
      text: 'hello\nworld',
      cut: false,
      note: undefined,
    });
    rerender({ asset: assets[1] });
    await waitFor(() => expect(result.current).toMatchObject({ status: 'ready', cut: true }));
    if (result.current.status !== 'ready') throw new Error('not ready');
    expect(result.current.note).toBe('Showing the first 64 KB');
    expect(result.current.text).toBe('é'.repeat(TEXT_PREVIEW_BYTES / 2));
  });

  it('says so when the asset is gone', async () => {
    const { assets, wrapper } = await setup([new File(['x'], 'a.txt', { type: 'text/plain' })]);
    const asset = { ...(assets[0] as MediaAsset), id: 'not-in-the-library' };
    const { result } = renderHook(() => useTextPreview(asset), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current).toMatchObject({ message: 'This asset is no longer in the library.' });
  });
});

describe('usePdfPages', () => {
  it('pages through with Previous and Next inside the page count, releasing each URL', async () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const { assets, wrapper } = await setup([
      new File(['%PDF-1.4 not really'], 'a.pdf', { type: 'application/pdf' }),
    ]);
    const asset = { ...(assets[0] as MediaAsset), pageCount: undefined };
    const { result, unmount } = renderHook(() => usePdfPages(asset, 640), { wrapper });
    expect(result.current.label).toBe('Page 1 of 1');
    await waitFor(() => expect(result.current.state.status).toBe('ready'));
    expect(result.current.label).toBe('Page 1 of 3');
    expect(result.current.canPrevious).toBe(false);
    act(() => result.current.next());
    await waitFor(() => expect(drawn.calls).toContainEqual({ page: 2, width: 640 }));
    await waitFor(() => expect(result.current.state.status).toBe('ready'));
    const second = result.current.state.status === 'ready' ? result.current.state.url : '';
    act(() => result.current.next());
    // Leaving a page releases its image.
    expect(revoke).toHaveBeenCalledWith(second);
    expect(result.current).toMatchObject({ page: 3, canNext: false, canPrevious: true });
    expect(result.current.label).toBe('Page 3 of 3');
    act(() => result.current.next());
    expect(result.current.page).toBe(3);
    act(() => result.current.previous());
    expect(result.current.label).toBe('Page 2 of 3');
    unmount();
  });
});
