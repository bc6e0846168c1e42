// generateIntoLibrary over a real library (fake IndexedDB, memory blobs): provenance kept and
// reloaded, newest first, one-argument generators, cancel at each stage, errors, repeats.
import { afterEach, describe, expect, it } from 'vitest';
import { GenerationCanceledError, generateIntoLibrary } from './ai-generation';
import type {
  MediaAIGeneratedImage,
  MediaAIGenerateOptions,
  MediaAIGenerateRequest,
  MediaAIGenerator,
  MediaAIProgress,
} from './ai-types';
import type { MediaLibraryInstance } from './library';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import { createHarness, pngFile } from './testing/library-harness';
import type { BlobStore } from './types';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

function openLibrary(harness = createHarness({ thumbnails: false })) {
  const library = harness.open();
  opened.push(library);
  return { harness, library };
}

const request: MediaAIGenerateRequest = {
  prompt: 'a red fox in snow',
  width: 512,
  height: 512,
  model: 'local/placeholder',
};

/** A generator that answers with PNG files and full metadata, and records what it was given. */
function fakeGenerator(seedStart = 1) {
  let seed = seedStart;
  const calls: Array<{ request: MediaAIGenerateRequest; options?: MediaAIGenerateOptions }> = [];
  const generator: MediaAIGenerator = {
    async generateImages(req, options) {
      calls.push({ request: req, options });
      options?.onProgress?.({ stage: 'processing', percent: 50 });
      return Array.from({ length: req.n ?? 1 }, () => {
        const s = seed++;
        return {
          file: pngFile(s, `ai-local-placeholder-${s}.png`),
          metadata: {
            provider: 'local',
            model: 'local/placeholder',
            prompt: req.prompt,
            negativePrompt: 'blurry',
            seed: s,
            steps: 4,
            width: req.width,
            height: req.height,
            costUsd: 0.003,
            generationMs: 1234,
            requestId: `req-${s}`,
          },
        };
      });
    },
  };
  return { generator, calls };
}

/** A promise the test resolves by hand, to stop a generator or a write midway. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('generateIntoLibrary', () => {
  it('keeps the AI source from the image metadata, also after the library is reopened', async () => {
    const { harness, library } = openLibrary();
    const { generator } = fakeGenerator(7);
    const [result] = await generateIntoLibrary(library, generator, request);

    expect(result?.status).toBe('imported');
    const expected = {
      type: 'ai',
      provider: 'local',
      model: 'local/placeholder',
      prompt: 'a red fox in snow',
      negativePrompt: 'blurry',
      seed: 7,
      steps: 4,
      width: 512,
      height: 512,
      costUsd: 0.003,
      generationMs: 1234,
      requestId: 'req-7',
    };
    const id = result?.status === 'imported' ? result.asset.id : '';
    expect(library.get(id)?.source).toEqual(expected);
    expect(library.get(id)?.name).toBe('ai-local-placeholder-7.png');
    expect(library.get(id)?.kind).toBe('image');

    library.close();
    const reopened = harness.open();
    opened.push(reopened);
    await reopened.ready;
    expect(reopened.get(id)?.source).toEqual(expected);
    expect(reopened.query({ text: 'red fox' }).items.map((a) => a.id)).toEqual([id]);
    expect(reopened.query({ providers: ['local'] }).total).toBe(1);
    expect((await reopened.getBlob(id))?.size).toBe(pngFile(7).size);
  });

  it('falls back to the request for what the metadata leaves out', async () => {
    const { library } = openLibrary();
    const bare: MediaAIGenerator = {
      generateImages: async () => [{ file: new File([pngFile(3)], '') }],
    };
    const [result] = await generateIntoLibrary(library, bare, {
      ...request,
      negativePrompt: 'text',
      seed: 42,
      steps: 20,
    });
    expect(result?.status).toBe('imported');
    expect(result?.status === 'imported' && result.asset.source).toEqual({
      type: 'ai',
      provider: 'unknown',
      model: 'local/placeholder',
      prompt: 'a red fox in snow',
      negativePrompt: 'text',
      seed: 42,
      steps: 20,
      width: 512,
      height: 512,
    });
    // A File with no name gets one from the prompt, not "untitled".
    expect(result?.status === 'imported' && result.asset.name).toBe('ai-a-red-fox-in-snow-1');
  });

  it('puts generated images first in the default order', async () => {
    const { library } = openLibrary();
    await library.importFiles([pngFile(100, 'upload.png')]);
    const { generator } = fakeGenerator();
    const results = await generateIntoLibrary(library, generator, { ...request, n: 2 });

    const order = library.query().items.map((asset) => asset.name);
    expect(order[2]).toBe('upload.png');
    expect(order.slice(0, 2).sort()).toEqual(
      results.map((r) => r.status === 'imported' && r.asset.name).sort(),
    );
    for (const asset of library.query().items.slice(0, 2)) {
      expect(asset.source.type).toBe('ai');
      expect(asset.createdAt).toBeGreaterThan(library.query().items[2]?.createdAt ?? Infinity);
    }
  });

  it('works with a generator written against the one-argument form', async () => {
    const { library } = openLibrary();
    const oneArgument = {
      generateImages: async (req: MediaAIGenerateRequest): Promise<MediaAIGeneratedImage[]> => [
        { file: pngFile(11, 'one.png'), metadata: { provider: 'legacy', prompt: req.prompt } },
      ],
    };
    expect(oneArgument.generateImages.length).toBe(1);
    const progress: MediaAIProgress[] = [];
    const results = await generateIntoLibrary(library, oneArgument, request, {
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
    });
    expect(results.map((r) => r.status)).toEqual(['imported']);
    expect(library.query().items[0]?.source).toMatchObject({ type: 'ai', provider: 'legacy' });
    // It reported nothing itself; the import stage is still announced.
    expect(progress).toEqual([{ stage: 'importing' }]);
  });

  it('passes the signal and progress to the generator, then announces the import', async () => {
    const { library } = openLibrary();
    const { generator, calls } = fakeGenerator();
    const controller = new AbortController();
    const progress: MediaAIProgress[] = [];
    await generateIntoLibrary(library, generator, request, {
      signal: controller.signal,
      onProgress: (p) => progress.push(p),
    });
    expect(calls[0]?.request).toEqual(request);
    expect(calls[0]?.options?.signal).toBe(controller.signal);
    expect(progress.map((p) => p.stage)).toEqual(['processing', 'importing']);
  });

  it('adds nothing when canceled while a one-argument generator runs', async () => {
    const { library } = openLibrary();
    const gate = deferred();
    const oneArgument = {
      generateImages: async (_req: MediaAIGenerateRequest) => {
        await gate.promise;
        return [{ file: pngFile(5) }];
      },
    };
    const controller = new AbortController();
    const running = generateIntoLibrary(library, oneArgument, request, {
      signal: controller.signal,
    });
    controller.abort();
    gate.resolve();
    await expect(running).rejects.toBeInstanceOf(GenerationCanceledError);
    await expect(running).rejects.toMatchObject({ code: 'canceled' });
    expect(library.query().total).toBe(0);
  });

  it('adds nothing when the generator rejects on abort', async () => {
    const { library } = openLibrary();
    const honouring: MediaAIGenerator = {
      generateImages: (_req, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () =>
            reject(new DOMException('stopped', 'AbortError')),
          );
        }),
    };
    const controller = new AbortController();
    const running = generateIntoLibrary(library, honouring, request, {
      signal: controller.signal,
    });
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(GenerationCanceledError);
    expect(library.query().total).toBe(0);
  });

  it('adds nothing and leaves no bytes when canceled during the import', async () => {
    const inner = createMemoryBlobStore();
    const writing = deferred();
    const release = deferred();
    const blobStore: BlobStore = {
      ...inner,
      kind: 'memory',
      put: async (key, data) => {
        writing.resolve();
        await release.promise;
        return inner.put(key, data);
      },
    };
    const { library } = openLibrary(createHarness({ thumbnails: false, blobStore }));
    const { generator } = fakeGenerator();
    const controller = new AbortController();
    const running = generateIntoLibrary(
      library,
      generator,
      { ...request, n: 3 },
      {
        signal: controller.signal,
      },
    );
    await writing.promise;
    controller.abort();
    release.resolve();
    await expect(running).rejects.toBeInstanceOf(GenerationCanceledError);
    expect(library.query().total).toBe(0);
    expect(await inner.keys()).toEqual([]);
  });

  it('rejects before calling the generator when already canceled', async () => {
    const { library } = openLibrary();
    const { generator, calls } = fakeGenerator();
    const controller = new AbortController();
    controller.abort();
    await expect(
      generateIntoLibrary(library, generator, request, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(GenerationCanceledError);
    expect(calls).toHaveLength(0);
  });

  it("rejects with the generator's own error and adds nothing", async () => {
    const { library } = openLibrary();
    const invalid = Object.assign(new Error('The prompt is empty; write what to draw.'), {
      code: 'invalid_request',
      field: 'prompt',
    });
    const failing: MediaAIGenerator = {
      generateImages: async () => {
        throw invalid;
      },
    };
    await expect(generateIntoLibrary(library, failing, request)).rejects.toBe(invalid);
    expect(library.query().total).toBe(0);
  });

  it('reports an image without a file as a failed item and keeps the others', async () => {
    const { library } = openLibrary();
    const partial: MediaAIGenerator = {
      generateImages: async () =>
        [{ file: pngFile(1) }, { metadata: {} }, { file: pngFile(2) }] as MediaAIGeneratedImage[],
    };
    const results = await generateIntoLibrary(library, partial, request);
    expect(results.map((r) => r.status)).toEqual(['imported', 'failed', 'imported']);
    expect(results[1]?.status === 'failed' && results[1].error.message).toMatch(/without a file/);
    expect(library.query().total).toBe(2);
  });

  it('runs several generations in a row, newest first, each with its own source', async () => {
    const { library } = openLibrary();
    const { generator } = fakeGenerator();
    const prompts = ['a fox', 'a heron', 'a lighthouse at dusk'];
    for (const prompt of prompts) {
      await generateIntoLibrary(library, generator, { ...request, prompt });
    }
    const items = library.query().items;
    expect(items.map((a) => a.source.type === 'ai' && a.source.prompt)).toEqual(
      [...prompts].reverse(),
    );
    expect(new Set(items.map((a) => a.sha256)).size).toBe(3);
  });

  it('returns the existing asset for identical bytes unless duplicates are kept', async () => {
    const { library } = openLibrary();
    const same: MediaAIGenerator = { generateImages: async () => [{ file: pngFile(9) }] };
    const [first] = await generateIntoLibrary(library, same, request);
    const [again] = await generateIntoLibrary(library, same, request);
    expect(again).toMatchObject({
      status: 'duplicate',
      asset: { id: first?.status === 'imported' && first.asset.id },
    });
    const [kept] = await generateIntoLibrary(library, same, request, { keepDuplicates: true });
    expect(kept?.status).toBe('imported');
    expect(library.query().total).toBe(2);
  });
});
