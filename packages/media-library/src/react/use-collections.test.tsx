// @vitest-environment happy-dom
// useCollections over a real library: lists with counts, the filter (own or controlled),
// naming a new or renamed collection or tag, delete with confirmation, tags across assets.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ChangeEvent, KeyboardEvent, ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useCollectionPicker } from './use-collection-picker';
import { type UseCollectionsOptions, useCollections } from './use-collections';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
});

async function setup(options?: UseCollectionsOptions) {
  library = createMediaLibrary({
    name: `use-collections-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  await library.ready;
  const results = await library.importFiles(
    ['a', 'b', 'c'].map((n) => new File([`bytes ${n}`], `${n}.txt`, { type: 'text/plain' })),
  );
  const ids = results.map((r) => (r.status === 'imported' ? r.asset.id : ''));
  await library.addTags(ids, ['winter']);
  await library.addTags(ids[0] as string, ['fox']);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
  );
  const hook = renderHook((props: UseCollectionsOptions) => useCollections(props), {
    wrapper,
    initialProps: options ?? {},
  });
  return { ...hook, ids };
}

const typed = (value: string) =>
  ({ currentTarget: { value } }) as unknown as ChangeEvent<HTMLInputElement>;
const key = (name: string) => ({ key: name }) as KeyboardEvent<HTMLInputElement>;

describe('useCollections', () => {
  it('lists collections by name with counts and tags most used first, and filters by them', async () => {
    const { result, ids } = await setup();
    const zoo = await library.createCollection('Zoo');
    const art = await library.createCollection('Art');
    await act(() => library.addToCollection(zoo.id, [ids[0] as string, ids[1] as string]));
    expect(result.current.collections.map((c) => [c.name, c.count, c.active])).toEqual([
      ['Art', 0, false],
      ['Zoo', 2, false],
    ]);
    expect(result.current.tags).toEqual([
      { tag: 'winter', count: 3, active: false },
      { tag: 'fox', count: 1, active: false },
    ]);

    act(() => result.current.selectCollection(art.id));
    expect(result.current.activeCollectionId).toBe(art.id);
    expect(result.current.collections[0]?.active).toBe(true);
    act(() => result.current.toggleTag('fox'));
    act(() => result.current.toggleTag('winter'));
    expect(result.current.activeTags).toEqual(['fox', 'winter']);
    act(() => result.current.toggleTag('fox'));
    expect(result.current.tags.map((t) => t.active)).toEqual([true, false]);
  });

  it('reports filter changes when controlled and shows what it is given', async () => {
    const onCollectionChange = vi.fn();
    const onTagsChange = vi.fn();
    const { result, rerender } = await setup({
      collectionId: undefined,
      onCollectionChange,
      tags: ['fox'],
      onTagsChange,
    });
    act(() => result.current.toggleTag('winter'));
    expect(onTagsChange).toHaveBeenCalledWith(['fox', 'winter']);
    expect(result.current.activeTags).toEqual(['fox']);
    act(() => result.current.selectCollection('c1'));
    expect(onCollectionChange).toHaveBeenCalledWith('c1');
    expect(result.current.activeCollectionId).toBeUndefined();
    rerender({ collectionId: 'c1', tags: [], onCollectionChange, onTagsChange });
    expect(result.current.activeCollectionId).toBe('c1');
  });

  it('creates and renames through the name field once, and Escape or a blank name changes nothing', async () => {
    const { result } = await setup();
    const create = vi.spyOn(library, 'createCollection');
    act(() => result.current.startCreate());
    expect(result.current.getNameInputProps()['aria-label']).toBe('New collection name');
    act(() => result.current.getNameInputProps().onChange(typed('  Trips ')));
    // Enter saves; the blur that follows as the field goes must not create a second one.
    await act(async () => {
      result.current.getNameInputProps().onKeyDown(key('Enter'));
      result.current.getNameInputProps().onBlur();
    });
    expect(result.current.naming).toBeUndefined();
    expect(create).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledWith('Trips');
    await waitFor(() => expect(result.current.collections.map((c) => c.name)).toEqual(['Trips']));

    const trips = result.current.collections[0]?.id as string;
    act(() => result.current.startRename('collection', trips));
    expect(result.current.naming).toMatchObject({ value: 'Trips', label: 'Rename Trips' });
    act(() => result.current.getNameInputProps().onChange(typed('Holidays')));
    act(() => result.current.getNameInputProps().onKeyDown(key('Escape')));
    expect(result.current.collections[0]?.name).toBe('Trips');

    act(() => result.current.startRename('collection', trips));
    act(() => result.current.getNameInputProps().onChange(typed('   ')));
    await act(() => result.current.saveName());
    expect(result.current.collections[0]?.name).toBe('Trips');

    act(() => result.current.startRename('collection', trips));
    act(() => result.current.getNameInputProps().onChange(typed('Holidays')));
    act(() => result.current.getNameInputProps().onBlur());
    await waitFor(() => expect(result.current.collections[0]?.name).toBe('Holidays'));
  });

  it('renames and removes a tag across assets, keeping the filter in step', async () => {
    const onTagsChange = vi.fn();
    const { result, ids } = await setup({ tags: ['winter', 'fox'], onTagsChange });
    act(() => result.current.startRename('tag', 'winter'));
    expect(result.current.naming?.label).toBe('Rename tag winter');
    act(() => result.current.getNameInputProps().onChange(typed('snow')));
    await act(() => result.current.saveName());
    expect(library.get(ids[1] as string)?.tags).toEqual(['snow']);
    expect(onTagsChange).toHaveBeenLastCalledWith(['snow', 'fox']);
    await act(() => result.current.removeTag('fox'));
    expect(library.get(ids[0] as string)?.tags).toEqual(['snow']);
    expect(result.current.tags.map((t) => t.tag)).toEqual(['snow']);
    expect(onTagsChange).toHaveBeenLastCalledWith(['winter']);
  });

  it('asks before a delete, says what it touches, and deletes only when confirmed', async () => {
    const { result, ids } = await setup();
    const zoo = await library.createCollection('Zoo');
    await act(() => library.addToCollection(zoo.id, ids));
    act(() => result.current.selectCollection(zoo.id));

    act(() => result.current.requestDelete('collection', zoo.id));
    expect(result.current.pendingDelete?.question).toBe(
      'Delete the collection "Zoo"? Its 3 assets stay in the library.',
    );
    act(() => result.current.cancelDelete());
    expect(result.current.pendingDelete).toBeUndefined();
    expect(library.getState().collections.has(zoo.id)).toBe(true);

    act(() => result.current.requestDelete('collection', zoo.id));
    await act(() => result.current.confirmDelete());
    expect(library.getState().collections.has(zoo.id)).toBe(false);
    expect(library.getState().assets.size).toBe(3);
    expect(result.current.activeCollectionId).toBeUndefined();

    act(() => result.current.requestDelete('tag', 'fox'));
    expect(result.current.pendingDelete?.question).toBe('Remove the tag "fox" from 1 asset?');
    await act(() => result.current.confirmDelete());
    expect(result.current.tags.map((t) => t.tag)).toEqual(['winter']);
  });

  it('says a failure in words and reports it', async () => {
    const onError = vi.fn();
    const { result } = await setup({ onError });
    await act(() => result.current.renameCollection('missing', 'X'));
    expect(result.current.error).toMatch(/collection/i);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'not_found' }));
    await act(() => result.current.createCollection('Fine'));
    expect(result.current.error).toBeUndefined();
  });
});

describe('useCollectionPicker', () => {
  it('picks an existing collection or a trimmed new name, then starts over closed', () => {
    const onPick = vi.fn();
    const { result } = renderHook(() => useCollectionPicker({ onPick }));
    act(() => result.current.toggle());
    expect(result.current.opened).toBe(true);
    expect(result.current.canSubmit).toBe(false);
    act(() => result.current.submit());
    expect(onPick).not.toHaveBeenCalled();

    act(() => result.current.setName('  Trips  '));
    expect(result.current.canSubmit).toBe(true);
    act(() => result.current.submit());
    expect(onPick).toHaveBeenLastCalledWith({ name: 'Trips' });
    expect(result.current).toMatchObject({ opened: false, name: '', existing: null });

    act(() => result.current.setName('ignored'));
    act(() => result.current.setExisting('c1'));
    act(() => result.current.submit());
    expect(onPick).toHaveBeenLastCalledWith('c1');
  });
});
