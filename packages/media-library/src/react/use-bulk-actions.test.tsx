// @vitest-environment happy-dom
// useBulkActions over a real library, through plain checkboxes and buttons: Shift+click on a
// checkbox adds a range, the actions reach the library, delete waits for a confirmation, and
// a failure is kept in words.
import 'fake-indexeddb/auto';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { pngFile } from '../core/testing/library-harness';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useAssets } from './use-assets';
import { type UseBulkActionsOptions, useBulkActions } from './use-bulk-actions';

const libraries: MediaLibrary[] = [];
afterEach(() => {
  cleanup();
  for (const library of libraries.splice(0)) library.close();
});

async function seeded(count = 5) {
  const library = createMediaLibrary({
    name: `bulk-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
  });
  libraries.push(library);
  await library.ready;
  await library.importFiles(
    Array.from({ length: count }, (_, i) => pngFile(i + 1, `asset-${i + 1}.png`)),
  );
  return library;
}

const wrapperFor =
  (library: MediaLibrary) =>
  ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
  );

/** Plain checkboxes over the library's assets by name, and the summary. */
function Picker(props: Partial<UseBulkActionsOptions>) {
  const { items } = useAssets({ sort: { field: 'name', direction: 'asc' } });
  const bulk = useBulkActions({ ids: items.map((a) => a.id), ...props });
  return (
    <>
      {items.map((asset) => (
        <input key={asset.id} {...bulk.getCheckboxProps(asset.id, asset.name)} />
      ))}
      <output>{bulk.summary}</output>
    </>
  );
}

describe('useBulkActions', () => {
  it('picks with checkboxes and adds a range with Shift+click', async () => {
    const library = await seeded();
    const user = userEvent.setup();
    render(<Picker />, { wrapper: wrapperFor(library) });
    const box = (n: number) => screen.getByRole('checkbox', { name: `Select asset-${n}.png` });
    await waitFor(() => expect(box(5)).toBeTruthy());

    await user.click(box(1));
    expect(screen.getByRole('status').textContent).toBe('1 of 5 assets selected');
    await user.keyboard('{Shift>}');
    await user.click(box(3));
    await user.keyboard('{/Shift}');
    expect([1, 2, 3, 4, 5].map((n) => (box(n) as HTMLInputElement).checked)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(box(2).dataset.state).toBe('checked');
    // A plain click unpicks one and keeps the rest.
    await user.click(box(2));
    expect(screen.getByRole('status').textContent).toBe('2 of 5 assets selected');
  });

  it('favourites, tags and files the selection into a new collection', async () => {
    const library = await seeded(3);
    const ids = library.query().items.map((a) => a.id);
    const { result } = renderHook(
      () => useBulkActions({ ids, defaultSelection: ids.slice(0, 2) }),
      {
        wrapper: wrapperFor(library),
      },
    );
    expect(result.current.allFavorite).toBe(false);
    await act(() => result.current.toggleFavorite());
    expect(ids.map((id) => library.get(id)?.favorite)).toEqual([true, true, false]);
    expect(result.current.allFavorite).toBe(true);

    await act(() => result.current.addTags(['trip']));
    expect(library.get(ids[1] as string)?.tags).toEqual(['trip']);
    await act(() => result.current.addToCollection({ name: 'Holiday' }));
    const holiday = [...library.getState().collections.values()][0];
    expect(holiday?.name).toBe('Holiday');
    expect(library.query({ collectionId: holiday?.id }).total).toBe(2);
    expect(result.current.busy).toBeNull();
    expect(result.current.download).toBeUndefined();
  });

  it('deletes only after a confirmation, then clears the selection', async () => {
    const library = await seeded(3);
    const ids = library.query().items.map((a) => a.id);
    const onSelectionChange = vi.fn();
    const { result } = renderHook(
      () => useBulkActions({ ids, defaultSelection: ids.slice(1), onSelectionChange }),
      { wrapper: wrapperFor(library) },
    );
    act(() => result.current.requestDelete());
    expect(result.current.confirming).toBe('delete');
    expect(result.current.confirmTitle).toBe('Delete 2 assets?');
    act(() => result.current.cancel());
    expect(result.current.confirming).toBeNull();
    expect(library.query().total).toBe(3);

    act(() => result.current.requestDelete());
    await act(() => result.current.confirm());
    expect(library.query().total).toBe(1);
    expect(result.current.confirming).toBeNull();
    expect(onSelectionChange).toHaveBeenLastCalledWith([]);
  });

  it('keeps a failure in words, tells onError, and leaves out ids not shown', async () => {
    const library = await seeded(3);
    const ids = library.query().items.map((a) => a.id);
    const onError = vi.fn();
    const download = vi.fn(() => Promise.reject(new Error('The disk is full. Free some space.')));
    const { result } = renderHook(
      () =>
        useBulkActions({
          ids: ids.slice(0, 2),
          selection: [ids[0] as string, ids[2] as string],
          total: 40,
          matching: true,
          download,
          onError,
        }),
      { wrapper: wrapperFor(library) },
    );
    expect(result.current.selectedIds).toEqual([ids[0]]);
    expect(result.current.summary).toBe('1 of 40 matching assets selected');
    await act(() => result.current.download?.());
    expect(download).toHaveBeenCalledWith([ids[0]]);
    expect(result.current.error).toBe('The disk is full. Free some space.');
    expect(onError).toHaveBeenCalledOnce();
    act(() => result.current.dismissError());
    expect(result.current.error).toBeNull();
  });
});
