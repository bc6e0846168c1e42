// @vitest-environment happy-dom
// useAssetDetails over a real library: drafts saved on blur, tags normalised, collections,
// favorite, failures in words, and the facts of an upload, an AI image and host data.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ChangeEvent, KeyboardEvent, ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { ImportInput, MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { type UseAssetDetailsOptions, useAssetDetails } from './use-asset-details';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
});

/** A PNG header of the given size, enough for the import to read its dimensions. */
function png(seed: number, name: string, width = 64, height = 48): File {
  const bytes = new Uint8Array(33 + 16);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  for (let i = 33; i < bytes.length; i++) bytes[i] = (seed * 31 + i) % 251;
  return new File([bytes], name, { type: 'image/png' });
}

async function setup(inputs: ImportInput[], options?: UseAssetDetailsOptions) {
  library = createMediaLibrary({
    name: `use-asset-details-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  await library.ready;
  const results = await library.importFiles(inputs);
  const ids = results.map((r) => (r.status === 'imported' ? r.asset.id : ''));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
  );
  const hook = renderHook(({ id }) => useAssetDetails(id, options), {
    wrapper,
    initialProps: { id: ids[0] as string | undefined },
  });
  return { ...hook, ids };
}

const typed = (value: string) =>
  ({ currentTarget: { value } }) as unknown as ChangeEvent<HTMLInputElement>;
const key = (name: string) => ({ key: name }) as KeyboardEvent<HTMLInputElement>;

describe('useAssetDetails', () => {
  it('keeps a draft while typing and saves it on blur, the title also on Enter', async () => {
    const { result, ids, rerender } = await setup([png(1, 'fox.png'), png(2, 'owl.png')]);
    const id = ids[0] as string;
    expect(result.current.label).toBe('fox.png');
    expect(result.current.isImage).toBe(true);

    act(() => result.current.getFieldProps('title').onChange(typed('Sleeping fox')));
    expect(result.current.drafts.title).toBe('Sleeping fox');
    expect(result.current.getFieldProps('title')['data-state']).toBe('editing');
    expect(library.get(id)?.title).toBeUndefined();
    await act(async () => result.current.getFieldProps('title').onKeyDown(key('Enter')));
    await waitFor(() => expect(library.get(id)?.title).toBe('Sleeping fox'));
    expect(result.current.label).toBe('Sleeping fox');
    expect(result.current.getFieldProps('title')['data-state']).toBe('saved');

    // Enter in the description is a new line, not a save; leaving the field saves.
    act(() => result.current.setDraft('description', 'Curled up'));
    await act(async () => result.current.getFieldProps('description').onKeyDown(key('Enter')));
    expect(library.get(id)?.description).toBeUndefined();
    await act(async () => result.current.getFieldProps('description').onBlur());
    await waitFor(() => expect(library.get(id)?.description).toBe('Curled up'));

    // Another asset starts from its own saved values, not the previous drafts.
    act(() => result.current.setDraft('alt', 'unsaved'));
    rerender({ id: ids[1] });
    expect(result.current.drafts).toEqual({ title: '', alt: '', description: '' });
    expect(result.current.label).toBe('owl.png');
  });

  it('normalises tags as they are added and removes them one by one', async () => {
    const { result, ids } = await setup([png(1, 'fox.png')]);
    const id = ids[0] as string;
    await act(() => result.current.addTags(' winter, animals ,,winter '));
    expect(library.get(id)?.tags).toEqual(['winter', 'animals']);
    expect(result.current.tags).toEqual(['winter', 'animals']);
    await act(() => result.current.addTags(['Animals', 'animals']));
    expect(result.current.tags).toEqual(['winter', 'animals', 'Animals']);
    await act(() => result.current.removeTag('winter'));
    expect(library.get(id)?.tags).toEqual(['animals', 'Animals']);
    await act(() => result.current.setTags(['snow', ' animals ']));
    expect(library.get(id)?.tags).toEqual(['animals', 'snow']);
  });

  it('adds to a new or existing collection, removes from one, and toggles favorite', async () => {
    const { result, ids } = await setup([png(1, 'fox.png')]);
    const id = ids[0] as string;
    const zoo = await library.createCollection('Zoo');
    await act(() => result.current.addToCollection({ name: 'Animals' }));
    expect(result.current.collections.map((c) => c.name)).toEqual(['Animals']);
    expect(result.current.otherCollections.map((c) => c.name)).toEqual(['Zoo']);
    await act(() => result.current.addToCollection(zoo.id));
    expect(result.current.collections.map((c) => c.name)).toEqual(['Animals', 'Zoo']);
    expect(result.current.otherCollections).toEqual([]);
    await act(() => result.current.removeFromCollection(zoo.id));
    expect(library.get(id)?.collectionIds).toHaveLength(1);
    expect(result.current.otherCollections.map((c) => c.id)).toEqual([zoo.id]);

    expect(result.current.favorite).toBe(false);
    await act(() => result.current.toggleFavorite());
    expect(library.get(id)?.favorite).toBe(true);
    expect(result.current.favorite).toBe(true);
  });

  it('says a failure in words, reports it, and clears it on the next success', async () => {
    const onError = vi.fn();
    const { result } = await setup([png(1, 'fox.png')], { onError });
    await act(() => result.current.addToCollection('no-such-collection'));
    expect(result.current.error).toMatch(/collection/i);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'not_found' }));
    await act(() => result.current.toggleFavorite());
    expect(result.current.error).toBeUndefined();
  });

  it("tells an upload's file facts and has no provenance or reuse request", async () => {
    const { result } = await setup([png(1, 'fox.png', 640, 480)]);
    const facts = Object.fromEntries(result.current.facts.map((f) => [f.label, f.value]));
    expect(facts).toMatchObject({
      Name: 'fox.png',
      Kind: 'image',
      Type: 'image/png',
      Dimensions: '640 × 480',
      Source: 'Uploaded',
      Downloads: '0',
    });
    expect(facts.Size).toMatch(/B$/);
    expect(facts).not.toHaveProperty('Duration');
    expect(facts).not.toHaveProperty('Pages');
    expect(result.current.provenance).toBeUndefined();
    expect(result.current.reuseRequest).toBeUndefined();
    expect(result.current.hostData).toEqual([]);
  });

  it("tells an AI image's provenance, its host data, and the request to make it again", async () => {
    const source = {
      type: 'ai' as const,
      provider: 'local',
      model: 'sdxl',
      prompt: 'a fox in snow',
      negativePrompt: 'blur',
      seed: 42,
      width: 768,
      height: 512,
      costUsd: 0.003,
      generationMs: 2500,
    };
    const { result } = await setup([
      {
        blob: png(3, 'gen.png', 768, 512),
        name: 'gen.png',
        source,
        sourceModule: 'story-writer',
        meta: { scene: 3, cast: ['fox'], Module: 'x' },
      },
    ]);
    expect(result.current.provenance?.prompt).toBe('a fox in snow');
    expect(result.current.provenance?.facts).toEqual([
      { label: 'Provider', value: 'local' },
      { label: 'Model', value: 'sdxl' },
      { label: 'Negative prompt', value: 'blur' },
      { label: 'Size', value: '768 × 512' },
      { label: 'Seed', value: '42' },
      { label: 'Cost', value: '$0.003' },
      { label: 'Time', value: '2.5 s' },
    ]);
    expect(result.current.reuseRequest).toEqual({
      prompt: 'a fox in snow',
      negativePrompt: 'blur',
      model: 'sdxl',
      width: 768,
      height: 512,
      steps: undefined,
      seed: 42,
    });
    expect(result.current.hostData).toEqual([
      { label: 'Module', value: 'story-writer' },
      { label: 'scene', value: '3' },
      { label: 'cast', value: '["fox"]' },
      { label: 'meta.Module', value: 'x' },
    ]);
  });

  it('has nothing to edit without an asset', async () => {
    const { result, rerender } = await setup([]);
    rerender({ id: undefined });
    expect(result.current.asset).toBeUndefined();
    expect(result.current.label).toBe('');
    await act(() => result.current.toggleFavorite());
    await act(() => result.current.commit('title'));
    expect(result.current.error).toBeUndefined();
  });
});
