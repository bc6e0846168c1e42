// @vitest-environment happy-dom
// useExportForPlatform over a real library: each format's crop and safe zone over the image,
// the chosen format exported through the generator's transformImage into a new asset with its
// lineage or as a file only, a refusal in words, and "in this browser" without a transformer.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaAIGenerator, MediaAITransformRequest } from '../core/ai-types';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { pngBytes } from '../core/testing/library-harness';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import {
  type PlatformFormatPreview,
  platformFormatOverlay,
  useExportForPlatform,
} from './use-export-for-platform';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
});

function resizer(fail?: Error) {
  const calls: MediaAITransformRequest[] = [];
  const generator: MediaAIGenerator = {
    generateImages: async () => [],
    async transformImage(request) {
      calls.push(request);
      if (fail) throw fail;
      const bytes = pngBytes(calls.length + 10, request.width, request.height);
      return new File([bytes], 'out.png', { type: 'image/png' });
    },
  };
  return { generator, calls };
}

async function setup(ai?: MediaAIGenerator) {
  library = createMediaLibrary({
    name: `use-export-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  const file = new File([pngBytes(1, 1000, 500)], 'dunes.png', { type: 'image/png' });
  const [imported] = await library.importFiles([file]);
  if (imported?.status !== 'imported') throw new Error('import failed');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library} ai={ai}>
      {children}
    </MediaLibraryProvider>
  );
  const view = renderHook(() => useExportForPlatform(imported.asset.id), { wrapper });
  await waitFor(() => expect(view.result.current.size).toBeDefined());
  return { ...view, original: imported.asset };
}

describe('useExportForPlatform', () => {
  it('gives every format’s crop and safe zone over the image', async () => {
    const { result } = await setup();
    expect(result.current.size).toEqual({ width: 1000, height: 500 });
    expect(result.current.via).toBe('browser');
    expect(result.current.previews).toHaveLength(10);
    const story = result.current.previews.find((p) => p.format.name === 'instagram-story');
    // 500 rows at 9:16 keep 281 columns around the middle; the story's insets scale by 500/1920.
    expect(story?.crop).toEqual({ x: 359, y: 0, width: 281, height: 500 });
    expect(story?.safeZone.y).toBeCloseTo(250 * (500 / 1920), 6);
    expect(story?.safeZone.height).toBeCloseTo((1920 - 590) * (500 / 1920), 6);
    expect(result.current.words.summary).toBe(
      'Instagram post, 1080 × 1080, resized in this browser',
    );
    await waitFor(() => expect(result.current.imageUrl).toMatch(/^blob:/));
  });

  it('draws the shade around the crop, and the safe zone only where the platform covers it', async () => {
    const { result } = await setup();
    const size = result.current.size as { width: number; height: number };
    const byName = (name: string) =>
      platformFormatOverlay(
        result.current.previews.find((p) => p.format.name === name) as PlatformFormatPreview,
        size,
      );
    const story = byName('instagram-story');
    expect(story.shade).toBe('M0 0H1000V500H0Z M359 0v500h281v-500Z');
    expect(story.safeZone?.height).toBeCloseTo((1920 - 590) * (500 / 1920), 6);
    expect(story.stroke).toBeCloseTo(1000 / 150, 6);
    expect(byName('instagram-square').safeZone).toBeUndefined();
  });

  it('adds the chosen format as a new asset through transformImage', async () => {
    const { generator, calls } = resizer();
    const { result, original } = await setup(generator);
    expect(result.current.via).toBe('server');
    act(() => result.current.setFormat('x-header'));
    expect(result.current.words.summary).toMatch(/, resized on the image server$/);
    let added: Awaited<ReturnType<typeof result.current.addToLibrary>>;
    await act(async () => {
      added = await result.current.addToLibrary();
    });
    expect(calls.map((c) => [c.width, c.height, c.preset])).toEqual([[1500, 500, 'x-header']]);
    expect(added?.source).toMatchObject({
      operation: 'export',
      parentId: original.id,
      format: 'x-header',
    });
    expect(result.current.added?.id).toBe(added?.id);
    expect(result.current.running).toBe(false);

    let file: File | undefined;
    await act(async () => {
      file = await result.current.exportFile();
    });
    expect(file?.name).toBe('dunes-x-header.png');
    expect(library.query().total).toBe(2);
  });

  it('says why an export failed and adds nothing', async () => {
    const { generator } = resizer(new Error('The image server is busy; try again in a minute.'));
    const { result } = await setup(generator);
    await act(async () => {
      await result.current.addToLibrary();
    });
    expect(result.current.error).toBe('The image server is busy; try again in a minute.');
    expect(result.current.added).toBeUndefined();
    expect(library.query().total).toBe(1);
  });
});
