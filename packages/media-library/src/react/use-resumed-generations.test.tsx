// @vitest-environment happy-dom
// A generation started before a reload, resumed by useAIGeneration: shown as running with its
// progress and Cancel (which cancels upstream), its image landed in the library with its
// provenance, and a job that expired said once as the generation's error.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  MediaAIGeneratedImage,
  MediaAIGenerateOptions,
  MediaAIGenerator,
} from '../core/ai-types';
import { createMediaLibrary } from '../core/library';
import { createPendingGenerationStore } from '../core/pending-jobs';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { pngFile } from '../core/testing/library-harness';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useAIGeneration } from './use-ai-generation';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
});

const request = { prompt: 'a kite over dunes', width: 64, height: 48, model: 'fake/slow' };

async function setup(
  resume: (token: string, options: MediaAIGenerateOptions) => Promise<MediaAIGeneratedImage[]>,
) {
  const name = `resumed-${Math.random()}`;
  // The pending jobs live in the page's IndexedDB (the global one here).
  await createPendingGenerationStore(name).put({ token: 'job-9', request, startedAt: 1 });
  const canceled: string[] = [];
  const ai: MediaAIGenerator = {
    generateImages: async () => [],
    resumeJob: resume,
    async cancelJob(token) {
      canceled.push(token);
    },
  };
  library = createMediaLibrary({
    name,
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
  const hook = renderHook(() => useAIGeneration(), { wrapper });
  return { ...hook, canceled, name };
}

describe('useAIGeneration resumes generations started before a reload', () => {
  it('shows the resumed job running with its progress, then lands its image once', async () => {
    let finish!: (images: MediaAIGeneratedImage[]) => void;
    const { result, name } = await setup(
      (_token, options) =>
        new Promise((resolve) => {
          options.onProgress?.({ stage: 'processing', percent: 60 });
          finish = resolve;
        }),
    );
    await waitFor(() => expect(result.current.aiGenerating).toBe(true));
    expect(result.current.progress).toEqual({ stage: 'processing', percent: 60 });
    expect(result.current.resumed?.jobs.map((j) => j.token)).toEqual(['job-9']);
    await act(async () => {
      finish([
        {
          file: pngFile(9, 'ai-fake-slow-9.png'),
          metadata: { provider: 'fake', model: 'fake/slow', seed: 9 },
        },
      ]);
    });
    await waitFor(() => expect(result.current.aiGenerating).toBe(false));
    const assets = [...library.getState().assets.values()];
    expect(assets.map((a) => a.source)).toEqual([
      {
        type: 'ai',
        provider: 'fake',
        model: 'fake/slow',
        prompt: 'a kite over dunes',
        seed: 9,
        width: 64,
        height: 48,
      },
    ]);
    expect(await createPendingGenerationStore(name).list()).toEqual([]);
    expect(result.current.aiError).toBeUndefined();
  });

  it('cancel() cancels the resumed job upstream and nothing lands', async () => {
    const { result, name } = await setup(
      (_token, options) =>
        new Promise((_resolve, reject) => {
          options.signal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('canceled'), { code: 'canceled' })),
          );
        }),
    );
    await waitFor(() => expect(result.current.aiGenerating).toBe(true));
    act(() => result.current.cancel());
    await waitFor(() => expect(result.current.aiGenerating).toBe(false));
    expect(library.getState().assets.size).toBe(0);
    expect(result.current.aiError).toBeUndefined();
    await waitFor(async () => expect(await createPendingGenerationStore(name).list()).toEqual([]));
  });

  it('an expired job becomes the error, once, until dismissed', async () => {
    const { result } = await setup(async () => {
      throw Object.assign(new Error('expired'), { code: 'job_token_expired' });
    });
    await waitFor(() => expect(result.current.aiError).toBeDefined());
    expect((result.current.aiError as Error & { code?: string }).code).toBe('job_token_expired');
    expect(result.current.aiError?.message).toMatch(/a kite over dunes.*expired/);
    expect(result.current.aiGenerating).toBe(false);
    act(() => result.current.resumed?.dismissNotices());
    expect(result.current.aiError).toBeUndefined();
  });
});
