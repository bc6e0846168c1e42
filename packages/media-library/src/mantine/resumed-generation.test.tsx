// @vitest-environment happy-dom
// The screen after a reload with a generation still pending: the header shows it running with
// its Cancel (which reaches the generator's resume), and a job that expired says so on the
// header once, the dialog telling why.
import 'fake-indexeddb/auto';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  MediaAIGeneratedImage,
  MediaAIGenerateOptions,
  MediaAIGenerator,
} from '../core/ai-types';
import { createPendingGenerationStore } from '../core/pending-jobs';
import { MediaLibraryScreen } from './media-library-screen';
import { closeLibraries, createTestLibrary, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

async function afterReload(
  resume: (token: string, options: MediaAIGenerateOptions) => Promise<MediaAIGeneratedImage[]>,
) {
  const library = createTestLibrary();
  await createPendingGenerationStore(library.name).put({
    token: 'job-3',
    request: { prompt: 'a lantern on a pier', width: 64, height: 48 },
    startedAt: 1,
  });
  const ai: MediaAIGenerator = {
    generateImages: async () => [],
    listModels: async () => [],
    resumeJob: resume,
  };
  return renderPreset(<MediaLibraryScreen height={800} />, { library, ai });
}

describe('a generation resumed after a reload', { timeout: 20_000 }, () => {
  it('runs on the header with its progress, and Cancel stops it with nothing added', async () => {
    let aborted = false;
    const { user, library } = await afterReload(
      (_token, options) =>
        new Promise((_resolve, reject) => {
          options.onProgress?.({ stage: 'processing', percent: 30 });
          options.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(Object.assign(new Error('canceled'), { code: 'canceled' }));
          });
        }),
    );
    await screen.findByRole('button', { name: 'Generating… 30%' }, { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: 'Cancel generation' }));
    await screen.findByRole('button', { name: 'Generate' });
    expect(aborted).toBe(true);
    expect(library.query().total).toBe(0);
    expect(await createPendingGenerationStore(library.name).list()).toEqual([]);
  });

  it('says on the header once that it expired, and the dialog says why', async () => {
    const { user } = await afterReload(async () => {
      throw Object.assign(new Error('gone'), { code: 'job_token_expired' });
    });
    await user.click(
      await screen.findByRole('button', { name: 'Generation failed' }, { timeout: 10_000 }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Generate images' });
    expect(within(dialog).getByRole('alert').textContent).toMatch(
      /a lantern on a pier.*expired.*generate it again/,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: 'Generate' })).toBeTruthy();
  });
});
