// @vitest-environment happy-dom
// useImport over a real library: progress while a batch runs, results, cancel (nothing kept),
// errors, and an outside AbortSignal.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaAIGenerator } from '../core/ai-types';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { BlobStore, ImportItemResult, ImportProgress, MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useImport } from './use-import';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
});

/** A memory store whose writes wait until the test opens the gate, to catch a batch mid-way. */
function gatedStore() {
  const inner = createMemoryBlobStore();
  let open!: () => void;
  let gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const store: BlobStore = {
    ...inner,
    kind: 'memory',
    put: async (key, data) => {
      await gate;
      return inner.put(key, data);
    },
  };
  return {
    store,
    release: () => {
      open();
      gate = Promise.resolve();
    },
  };
}

function setup(blobStore: BlobStore = createMemoryBlobStore()) {
  library = createMediaLibrary({
    name: `use-import-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore,
    broadcast: false,
    thumbnails: false,
    // No network in tests: every URL answers 404.
    fetch: async () => new Response('not here', { status: 404 }),
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
  );
  return renderHook(() => useImport(), { wrapper });
}

const files = (...names: string[]) =>
  names.map((name) => new File([`bytes of ${name}`], name, { type: 'text/plain' }));

describe('useImport', () => {
  it('reports importing and progress while a batch runs, then the results', async () => {
    const gated = gatedStore();
    const { result } = setup(gated.store);
    await library.ready;
    const seen: ImportProgress[] = [];
    let done!: Promise<ImportItemResult[]>;
    act(() => {
      done = result.current.importFiles(files('a.txt', 'b.txt', 'c.txt'), {
        onProgress: (p) => seen.push(p),
      });
    });
    expect(result.current.importing).toBe(true);
    await act(async () => {
      gated.release();
      await done;
    });
    expect(result.current.importing).toBe(false);
    expect(result.current.results?.map((r) => r.status)).toEqual([
      'imported',
      'imported',
      'imported',
    ]);
    expect(result.current.progress).toMatchObject({ filesDone: 3, filesTotal: 3 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual(result.current.progress);
    expect(library.getState().assets.size).toBe(3);
  });

  it('cancel() stops the running batch: it rejects, sets error, and keeps nothing', async () => {
    const gated = gatedStore();
    const { result } = setup(gated.store);
    await library.ready;
    let done!: Promise<ImportItemResult[]>;
    act(() => {
      done = result.current.importFiles(files('a.txt', 'b.txt'));
    });
    const outcome = done.then(
      () => 'resolved',
      (error: Error) => error.name,
    );
    act(() => result.current.cancel());
    await act(async () => {
      gated.release();
      await outcome;
    });
    await expect(outcome).resolves.toBe('ImportAbortedError');
    expect(result.current.importing).toBe(false);
    expect(result.current.error).toMatchObject({ code: 'canceled' });
    expect(library.getState().assets.size).toBe(0);
  });

  it('honours an AbortSignal passed in options', async () => {
    const { result } = setup();
    await library.ready;
    const controller = new AbortController();
    controller.abort();
    await act(async () => {
      await expect(
        result.current.importFiles(files('a.txt'), { signal: controller.signal }),
      ).rejects.toMatchObject({ code: 'canceled' });
    });
    expect(result.current.error?.name).toBe('ImportAbortedError');
    expect(library.getState().assets.size).toBe(0);
  });

  it('importFromUrl reports a fetch failure as error and clears it on the next batch', async () => {
    const { result } = setup();
    await library.ready;
    await act(async () => {
      await result.current.importFromUrl('https://example.test/nothing.png').catch(() => {});
    });
    expect(result.current.error).toMatchObject({ code: 'fetch_failed' });
    await act(async () => {
      await result.current.importFiles(files('a.txt'));
    });
    expect(result.current.error).toBeUndefined();
    await waitFor(() => expect(result.current.results).toHaveLength(1));
  });
});

describe('useImport importFromUrl with the provider’s ai.fetchUrl', () => {
  function setupWithAi(ai: MediaAIGenerator) {
    library = createMediaLibrary({
      name: `use-import-ai-${Math.random()}`,
      indexedDB: new IDBFactory(),
      blobStore: createMemoryBlobStore(),
      broadcast: false,
      thumbnails: false,
      // What a page's own fetch does for a site without CORS headers.
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MediaLibraryProvider library={library} ai={ai}>
        {children}
      </MediaLibraryProvider>
    );
    return renderHook(() => useImport(), { wrapper });
  }

  const png = () => {
    const bytes = new Uint8Array(64);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return bytes;
  };

  it('fetches through ai.fetchUrl when the generator has one', async () => {
    const fetchUrl = vi.fn(async () => new File([png()], 'from-server.png'));
    const { result } = setupWithAi({ generateImages: async () => [], fetchUrl });
    await library.ready;
    let imported: ImportItemResult | undefined;
    await act(async () => {
      imported = await result.current.importFromUrl('https://no-cors.example.test/a.png');
    });
    expect(fetchUrl).toHaveBeenCalledWith('https://no-cors.example.test/a.png', {
      signal: expect.any(AbortSignal),
    });
    expect(imported).toMatchObject({ status: 'imported', asset: { name: 'from-server.png' } });
    expect(result.current.error).toBeUndefined();
  });

  it('a fetcher passed in options wins; a generator without fetchUrl leaves the direct fetch', async () => {
    const fetchUrl = vi.fn(async () => new File([png()], 'from-server.png'));
    const own = vi.fn(async () => new File([png(), new Uint8Array([1])], 'own.png'));
    const { result } = setupWithAi({ generateImages: async () => [], fetchUrl });
    await library.ready;
    await act(async () => {
      await result.current.importFromUrl('https://example.test/a.png', { fetcher: own });
    });
    expect(own).toHaveBeenCalledTimes(1);
    expect(fetchUrl).not.toHaveBeenCalled();
    cleanup();
    library.close();

    const plain = setupWithAi({ generateImages: async () => [] });
    await library.ready;
    await act(async () => {
      await plain.result.current.importFromUrl('https://example.test/a.png').catch(() => {});
    });
    expect(plain.result.current.error).toMatchObject({ code: 'fetch_failed' });
    expect(plain.result.current.error?.message).toMatch(/CORS/);
  });

  it('says what the latest batch did, per file and in words', async () => {
    const { result } = setup();
    await library.ready;
    await act(async () => {
      await result.current.importFiles(files('a.txt'));
    });
    expect(result.current.outcome).toBe('1 added');
    const again = new File(['bytes of a.txt'], 'again.txt', { type: 'text/plain' });
    await act(async () => {
      await result.current.importFiles([again, ...files('b.txt', 'c.txt')]);
    });
    expect(result.current.results?.map((r) => [r.status, r.name])).toEqual([
      ['duplicate', 'again.txt'],
      ['imported', 'b.txt'],
      ['imported', 'c.txt'],
    ]);
    expect(result.current.outcome).toBe('2 added, 1 already in your library');
  });

  it('with keepFinished, a cancel resolves and says how many were kept', async () => {
    const gated = gatedStore();
    const { result } = setup(gated.store);
    await library.ready;
    let done!: Promise<ImportItemResult[]>;
    act(() => {
      done = result.current.importFiles(files('a.txt', 'b.txt'), { keepFinished: true });
    });
    act(() => result.current.cancel());
    await act(async () => {
      gated.release();
      await done;
    });
    // Both writes were held until after the cancel: neither finished, so nothing is kept.
    expect(result.current.error).toBeUndefined();
    expect(result.current.importing).toBe(false);
    expect(result.current.results?.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(result.current.outcome).toBe('Canceled: 0 kept, 2 not imported');
    expect(library.getState().assets.size).toBe(0);
  });
});
