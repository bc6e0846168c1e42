// @vitest-environment happy-dom
// useAIGeneration's previews over a real library: the latest preview per image as an object
// URL, each revoked when replaced and every one revoked when the generation ends, is
// canceled or the component unmounts.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaAIGenerateOptions, MediaAIGenerator } from '../core/ai-types';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { pngFile } from '../core/testing/library-harness';
import type { MediaAsset, MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useAIGeneration } from './use-ai-generation';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
  vi.restoreAllMocks();
});

/** Object URLs made and revoked through `URL`, so a test can see which are still alive. */
function trackUrls() {
  let next = 0;
  const live = new Set<string>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
    const url = `blob:preview-${next++}`;
    live.add(url);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => {
    live.delete(url);
  });
  return live;
}

/** A generator that hands its options to the test and answers when the test says so. */
function steppedGenerator() {
  let options: MediaAIGenerateOptions | undefined;
  let finish!: () => void;
  const generator: MediaAIGenerator = {
    async generateImages(req, opts = {}) {
      options = opts;
      await new Promise<void>((resolve, reject) => {
        finish = resolve;
        opts.signal?.addEventListener('abort', () => reject(opts.signal?.reason), { once: true });
      });
      return [{ file: pngFile(7, 'final.png'), metadata: { prompt: req.prompt } }];
    },
  };
  const partial = (index: number, partialIndex: number) =>
    options?.onPartialImage?.({
      index,
      partialIndex,
      blob: new Blob([new Uint8Array([index, partialIndex])], { type: 'image/png' }),
    });
  return { generator, partial, finish: () => finish(), called: () => options !== undefined };
}

function setup(ai: MediaAIGenerator) {
  library = createMediaLibrary({
    name: `use-ai-previews-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library} ai={ai}>
      {children}
    </MediaLibraryProvider>
  );
  return renderHook(() => useAIGeneration(), { wrapper });
}

/** The hook loads its preview code after mounting; a generation started before goes without. */
async function previewCodeLoaded() {
  await act(async () => {
    await import('../core/ai-previews');
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

const request = { prompt: 'a heron at dawn', width: 512, height: 512, n: 2 };

describe('useAIGeneration previews', () => {
  it('shows the latest preview per image and revokes every URL once the images land', async () => {
    const stepped = steppedGenerator();
    const { result } = setup(stepped.generator);
    await library.ready;
    await previewCodeLoaded();
    const live = trackUrls();
    expect(result.current.previews).toEqual([]);

    let done!: Promise<MediaAsset[]>;
    act(() => {
      done = result.current.generateImages?.(request) ?? Promise.reject(new Error('missing'));
    });
    await vi.waitFor(() => expect(stepped.called()).toBe(true));
    expect(URL.createObjectURL).not.toHaveBeenCalled();
    act(() => stepped.partial(1, 0));
    act(() => stepped.partial(0, 0));
    expect(result.current.previews).toEqual([
      { index: 0, partialIndex: 0, url: 'blob:preview-1' },
      { index: 1, partialIndex: 0, url: 'blob:preview-0' },
    ]);

    act(() => stepped.partial(0, 1));
    expect(result.current.previews.map((p) => p.url)).toEqual(['blob:preview-2', 'blob:preview-0']);
    // The replaced preview's URL is gone; the two shown are the only ones alive.
    expect([...live].sort()).toEqual(['blob:preview-0', 'blob:preview-2']);

    await act(async () => {
      stepped.finish();
      await done;
    });
    expect(result.current.previews).toEqual([]);
    expect(live.size).toBe(0);
    // A late preview after the end makes no URL.
    act(() => stepped.partial(0, 5));
    expect(live.size).toBe(0);
    expect(result.current.previews).toEqual([]);
  });

  it('revokes the previews of a canceled generation', async () => {
    const stepped = steppedGenerator();
    const { result } = setup(stepped.generator);
    await library.ready;
    await previewCodeLoaded();
    const live = trackUrls();
    let done!: Promise<unknown>;
    act(() => {
      done = (result.current.generateImages?.(request) ?? Promise.resolve()).catch((e) => e);
    });
    await vi.waitFor(() => expect(stepped.called()).toBe(true));
    act(() => stepped.partial(0, 0));
    expect(live.size).toBe(1);
    await act(async () => {
      result.current.cancel();
      await done;
    });
    expect(live.size).toBe(0);
    expect(result.current.previews).toEqual([]);
  });

  it('revokes the previews when the component unmounts mid-generation', async () => {
    const stepped = steppedGenerator();
    const { result, unmount } = setup(stepped.generator);
    await library.ready;
    await previewCodeLoaded();
    const live = trackUrls();
    let done!: Promise<unknown>;
    act(() => {
      done = (result.current.generateImages?.(request) ?? Promise.resolve()).catch((e) => e);
    });
    await vi.waitFor(() => expect(stepped.called()).toBe(true));
    act(() => stepped.partial(0, 0));
    act(() => stepped.partial(1, 0));
    expect(live.size).toBe(2);
    unmount();
    expect(live.size).toBe(0);
    stepped.partial(0, 1);
    expect(live.size).toBe(0);
    // The generation itself goes on and still lands its images.
    stepped.finish();
    expect(await done).toHaveLength(1);
  });
});
