// @vitest-environment happy-dom
// useAIGeneration over a real library: availability, progress while generating, the assets
// first in the library, one-argument generators, cancel (nothing kept), errors, repeats.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  MediaAIGeneratedImage,
  MediaAIGenerateRequest,
  MediaAIGenerator,
  MediaAIModelInfo,
} from '../core/ai-types';
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

function setup(ai?: MediaAIGenerator) {
  library = createMediaLibrary({
    name: `use-ai-${Math.random()}`,
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

const request: MediaAIGenerateRequest = { prompt: 'a heron at dawn', width: 512, height: 512 };

/** A generator that reports progress, then waits for the test before answering. */
function gatedGenerator() {
  let seed = 1;
  let open!: () => void;
  let gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const generator: MediaAIGenerator = {
    async generateImages(req, options) {
      options?.onProgress?.({ stage: 'processing', percent: 40, message: 'rendering' });
      await gate;
      if (options?.signal?.aborted) throw new DOMException('canceled', 'AbortError');
      const s = seed++;
      return [
        {
          file: pngFile(s, `gen-${s}.png`),
          metadata: { provider: 'local', model: 'local/placeholder', prompt: req.prompt, seed: s },
        },
      ];
    },
    listModels: async () => [{ id: 'local/placeholder', label: 'Placeholder', provider: 'local' }],
  };
  return {
    generator,
    release: () => {
      open();
      gate = Promise.resolve();
    },
    rearm: () => {
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
    },
  };
}

describe('useAIGeneration', () => {
  it('offers no generateImages or listModels without a generator', () => {
    const { result } = setup();
    expect(result.current.aiAvailable).toBe(false);
    expect(result.current.aiGenerating).toBe(false);
    expect(result.current.generateImages).toBeUndefined();
    expect(result.current.listModels).toBeUndefined();
    expect(() => result.current.cancel()).not.toThrow();
  });

  it('throws a clear error outside the provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useAIGeneration())).toThrow(
      /useAIGeneration must be used inside <MediaLibraryProvider>/,
    );
  });

  it('reports generating and progress, then returns the assets, first in the library', async () => {
    const gated = gatedGenerator();
    const { result } = setup(gated.generator);
    await library.ready;
    await library.importFiles([pngFile(100, 'upload.png')]);
    const createUrl = vi.spyOn(URL, 'createObjectURL');

    let done!: Promise<MediaAsset[]>;
    act(() => {
      done = result.current.generateImages?.(request) ?? Promise.reject(new Error('missing'));
    });
    expect(result.current.aiAvailable).toBe(true);
    expect(result.current.aiGenerating).toBe(true);
    // The generation code loads on the first generation, so the generator starts a little later.
    await waitFor(() =>
      expect(result.current.progress).toEqual({
        stage: 'processing',
        percent: 40,
        message: 'rendering',
      }),
    );

    let assets: MediaAsset[] = [];
    await act(async () => {
      gated.release();
      assets = await done;
    });
    expect(result.current.aiGenerating).toBe(false);
    expect(result.current.progress).toBeUndefined();
    expect(result.current.aiError).toBeUndefined();
    expect(assets).toHaveLength(1);
    expect(assets[0]?.source).toMatchObject({
      type: 'ai',
      provider: 'local',
      prompt: request.prompt,
    });
    expect(library.query().items.map((a) => a.name)).toEqual(['gen-1.png', 'upload.png']);
    // Files go to the import pipeline: nothing here makes an object URL to leak.
    expect(createUrl).not.toHaveBeenCalled();
    expect(library.urls.size()).toBe(0);
  });

  it('works with a generator written against the one-argument form', async () => {
    const oneArgument = {
      generateImages: async (req: MediaAIGenerateRequest): Promise<MediaAIGeneratedImage[]> => [
        { file: pngFile(3, 'legacy.png'), metadata: { provider: 'legacy', prompt: req.prompt } },
      ],
    };
    const { result } = setup(oneArgument);
    await library.ready;
    expect(result.current.listModels).toBeUndefined();
    let assets: MediaAsset[] = [];
    await act(async () => {
      assets = (await result.current.generateImages?.(request)) ?? [];
    });
    expect(assets.map((a) => a.name)).toEqual(['legacy.png']);
    expect(library.get(assets[0]?.id ?? '')?.source).toMatchObject({ provider: 'legacy' });
  });

  it('cancel() midway rejects, shows no error and adds nothing', async () => {
    const gated = gatedGenerator();
    const { result } = setup(gated.generator);
    await library.ready;
    let done!: Promise<MediaAsset[]>;
    act(() => {
      done = result.current.generateImages?.(request) ?? Promise.reject(new Error('missing'));
    });
    const outcome = done.then(
      () => 'resolved',
      (error: Error) => error.name,
    );
    expect(result.current.aiGenerating).toBe(true);
    act(() => result.current.cancel());
    await act(async () => {
      gated.release();
      await outcome;
    });
    await expect(outcome).resolves.toBe('GenerationCanceledError');
    expect(result.current.aiGenerating).toBe(false);
    expect(result.current.aiError).toBeUndefined();
    expect(result.current.progress).toBeUndefined();
    expect(library.getState().assets.size).toBe(0);
  });

  it("keeps the generator's error in aiError and clears it on the next generation", async () => {
    const invalid = Object.assign(new Error('Width must be between 256 and 1440.'), {
      code: 'invalid_request',
      field: 'width',
    });
    let fail = true;
    const generator: MediaAIGenerator = {
      generateImages: async () => {
        if (fail) throw invalid;
        return [{ file: pngFile(8) }];
      },
    };
    const { result } = setup(generator);
    await library.ready;
    await act(async () => {
      await expect(result.current.generateImages?.({ ...request, width: 99999 })).rejects.toBe(
        invalid,
      );
    });
    expect(result.current.aiError).toBe(invalid);
    expect(result.current.aiGenerating).toBe(false);
    expect(library.getState().assets.size).toBe(0);

    fail = false;
    await act(async () => {
      await result.current.generateImages?.(request);
    });
    expect(result.current.aiError).toBeUndefined();
    expect(library.getState().assets.size).toBe(1);
  });

  it('rejects with the import error when no generated image could be stored', async () => {
    const generator: MediaAIGenerator = {
      generateImages: async () => [{ metadata: {} } as MediaAIGeneratedImage],
    };
    const { result } = setup(generator);
    await library.ready;
    await act(async () => {
      await result.current.generateImages?.(request).catch(() => {});
    });
    expect(result.current.aiError?.message).toMatch(/without a file/);
  });

  it('runs several generations in a row, newest first, with no object URLs', async () => {
    const gated = gatedGenerator();
    gated.release();
    const { result } = setup(gated.generator);
    await library.ready;
    const createUrl = vi.spyOn(URL, 'createObjectURL');
    for (const prompt of ['one', 'two', 'three', 'four']) {
      await act(async () => {
        await result.current.generateImages?.({ ...request, prompt });
      });
    }
    expect(
      library.query().items.map((a) => (a.source.type === 'ai' ? a.source.prompt : '')),
    ).toEqual(['four', 'three', 'two', 'one']);
    expect(result.current.aiGenerating).toBe(false);
    expect(createUrl).not.toHaveBeenCalled();
  });

  it('passes listModels through from the generator', async () => {
    const gated = gatedGenerator();
    const { result } = setup(gated.generator);
    let models: MediaAIModelInfo[] = [];
    await act(async () => {
      models = (await result.current.listModels?.()) ?? [];
    });
    expect(models).toEqual([{ id: 'local/placeholder', label: 'Placeholder', provider: 'local' }]);
  });
});
