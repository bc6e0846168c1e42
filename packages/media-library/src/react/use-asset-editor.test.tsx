// @vitest-environment happy-dom
// useAssetEditor over a real library: operations from the models' capabilities, models per
// operation, field checks in words, a run that lands new assets with their parent, progress,
// cancel (nothing kept) and a field-level failure from the generator.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaAIEditRequest, MediaAIGenerator, MediaAIModelInfo } from '../core/ai-types';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { pngFile } from '../core/testing/library-harness';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useAssetEditor } from './use-asset-editor';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
});

const models: MediaAIModelInfo[] = [
  { id: 'gen', label: 'Generator', provider: 'local', capabilities: { operations: ['generate'] } },
  {
    id: 'painter',
    label: 'Painter',
    provider: 'local',
    limits: { maxN: 2 },
    capabilities: { operations: ['edit', 'inpaint'] },
  },
  { id: 'big', label: 'Upscaler', provider: 'local', capabilities: { operations: ['upscale'] } },
];

/** An editing generator; `gate` (when given) holds each edit until the test opens it. */
function editingGenerator(gate?: Promise<void>) {
  const calls: MediaAIEditRequest[] = [];
  let seed = 500;
  const generator: MediaAIGenerator = {
    generateImages: async () => [],
    listModels: async () => models,
    async editImages(request, options) {
      calls.push(request);
      options?.onProgress?.({ stage: 'processing', percent: 30 });
      await gate;
      if (options?.signal?.aborted) throw new DOMException('canceled', 'AbortError');
      return Array.from({ length: request.n ?? 1 }, () => ({ file: pngFile(seed++) }));
    },
  };
  return { generator, calls };
}

async function setup(ai?: MediaAIGenerator) {
  library = createMediaLibrary({
    name: `use-editor-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  const [imported] = await library.importFiles([pngFile(1, 'photo.png')]);
  if (imported?.status !== 'imported') throw new Error('import failed');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library} ai={ai}>
      {children}
    </MediaLibraryProvider>
  );
  const view = renderHook(() => useAssetEditor(imported.asset.id), { wrapper });
  await waitFor(() => expect(view.result.current.loadingModels).toBe(false));
  return { ...view, original: imported.asset };
}

describe('useAssetEditor', () => {
  it('offers no operation when the generator cannot edit', async () => {
    const { result } = await setup({
      generateImages: async () => [],
      listModels: async () => models,
    });
    expect(result.current.operations).toEqual([]);
    expect(result.current.operation).toBeUndefined();
  });

  it('lists the edit operations of the models, and per operation only the models that take it', async () => {
    const { result } = await setup(editingGenerator().generator);
    expect(result.current.operations).toEqual(['edit', 'inpaint', 'upscale']);
    expect(result.current.models.map((m) => m.id)).toEqual(['painter']);
    act(() => result.current.setOperation('upscale'));
    expect(result.current.models.map((m) => m.id)).toEqual(['big']);
    expect(result.current.model).toBe('big');
  });

  it('refuses an edit without a prompt and an inpaint without a mask, in words, sending nothing', async () => {
    const { generator, calls } = editingGenerator();
    const { result } = await setup(generator);
    act(() => result.current.setOperation('inpaint'));
    act(() => result.current.setValue('n', 3));
    let made: unknown;
    await act(async () => {
      made = await result.current.run();
    });
    expect(made).toEqual([]);
    expect(calls).toHaveLength(0);
    expect(result.current.fieldErrors).toEqual({
      prompt: 'Describe the change you want.',
      mask: 'Paint over the area to change first.',
      n: 'Ask for 1 to 2 results.',
    });
    act(() => result.current.setValue('prompt', 'a red kite'));
    expect(result.current.fieldErrors.prompt).toBeUndefined();
    expect(result.current.fieldErrors.mask).toBeDefined();
  });

  it('refuses a strength outside 0–1 and a negative seed, and sends a valid strength', async () => {
    const { generator, calls } = editingGenerator();
    const { result } = await setup(generator);
    act(() => result.current.setValue('prompt', 'warmer light'));
    act(() => result.current.setValue('strength', 1.5));
    act(() => result.current.setValue('seed', -1));
    await act(async () => {
      await result.current.run();
    });
    expect(calls).toHaveLength(0);
    expect(result.current.fieldErrors).toEqual({
      strength: 'Use a strength between 0 and 1.',
      seed: 'Use a whole number of 0 or more as the seed, or leave it empty.',
    });
    act(() => result.current.setValue('strength', 0.4));
    act(() => result.current.setValue('seed', 7));
    await act(async () => {
      await result.current.run();
    });
    expect(calls[0]).toMatchObject({ operation: 'edit', strength: 0.4, seed: 7 });
  });

  it('runs an upscale into new assets whose parent is the original', async () => {
    const { generator, calls } = editingGenerator();
    const { result, original } = await setup(generator);
    act(() => result.current.setOperation('upscale'));
    act(() => result.current.setValue('scale', 4));
    act(() => result.current.setValue('prompt', 'ignored for upscale'));
    await act(async () => {
      await result.current.run();
    });
    expect(calls).toEqual([
      expect.objectContaining({ operation: 'upscale', model: 'big', scale: 4, n: 1 }),
    ]);
    expect(calls[0]?.prompt).toBeUndefined();
    expect(result.current.results).toHaveLength(1);
    const made = result.current.results[0];
    expect(made?.source).toMatchObject({ operation: 'upscale', parentId: original.id });
    expect(library.get(made?.id as string)).toBeDefined();
    expect(result.current.running).toBe(false);
  });

  it('sends the painted mask as a PNG file for inpaint', async () => {
    const { generator, calls } = editingGenerator();
    const { result } = await setup(generator);
    act(() => result.current.setOperation('inpaint'));
    act(() => result.current.setValue('prompt', 'a red kite'));
    act(() =>
      result.current.setValue('mask', new Blob([new Uint8Array([1, 2])], { type: 'image/png' })),
    );
    await act(async () => {
      await result.current.run();
    });
    expect(calls[0]?.mask).toBeInstanceOf(File);
    expect(calls[0]?.mask?.type).toBe('image/png');
    expect(calls[0]?.prompt).toBe('a red kite');
  });

  it('shows progress while running; cancel adds nothing and says so', async () => {
    let open!: () => void;
    const { generator } = editingGenerator(new Promise<void>((r) => (open = r)));
    const { result } = await setup(generator);
    act(() => result.current.setOperation('upscale'));
    let pending!: Promise<unknown>;
    act(() => {
      pending = result.current.run();
    });
    await waitFor(() => expect(result.current.progress?.percent).toBe(30));
    expect(result.current.running).toBe(true);
    act(() => result.current.cancel());
    open();
    await act(async () => {
      await pending;
    });
    expect(result.current.running).toBe(false);
    expect(result.current.results).toEqual([]);
    expect(result.current.error?.message).toBe('The edit was canceled; nothing was added.');
    expect(library.query().total).toBe(1);
  });

  it('marks the field a failure names', async () => {
    const { result } = await setup({
      generateImages: async () => [],
      listModels: async () => models,
      editImages: async () => {
        throw Object.assign(new Error('The prompt is too long for this model; shorten it.'), {
          code: 'invalid_request',
          field: 'prompt',
        });
      },
    });
    act(() => result.current.setValue('prompt', 'a kite'));
    await act(async () => {
      await result.current.run();
    });
    expect(result.current.error).toEqual({
      message: 'The prompt is too long for this model; shorten it.',
      field: 'prompt',
    });
    expect(result.current.fieldErrors.prompt).toBe(
      'The prompt is too long for this model; shorten it.',
    );
  });
});
