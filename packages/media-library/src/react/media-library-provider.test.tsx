// @vitest-environment happy-dom
// The provider: hands down an instance made outside React without closing it, creates and
// closes its own from options, and every hook fails loudly without it.
import 'fake-indexeddb/auto';
import { cleanup, render, renderHook, screen } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaAIGenerator } from '../core/ai-types';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider, useMediaLibraryContext } from './media-library-provider';
import { useAsset } from './use-asset';
import { useAssetUrl } from './use-asset-url';
import { useAssets } from './use-assets';
import { useImport } from './use-import';
import { useMediaLibrary } from './use-media-library';
import { useStorage } from './use-storage';

// Every library the provider creates, to check that each one it made is closed again.
const created = vi.hoisted(() => [] as Array<{ library: MediaLibrary; closed: boolean }>);
vi.mock('../core/library', async (importActual) => {
  const actual = await importActual<typeof import('../core/library')>();
  return {
    ...actual,
    createMediaLibrary: (...args: Parameters<typeof actual.createMediaLibrary>) => {
      const library = actual.createMediaLibrary(...args);
      const entry = { library, closed: false };
      const close = library.close.bind(library);
      library.close = () => {
        entry.closed = true;
        close();
      };
      created.push(entry);
      return library;
    },
  };
});

afterEach(() => {
  cleanup();
  created.length = 0;
});

const options = () => ({
  name: `provider-${Math.random()}`,
  indexedDB: new IDBFactory(),
  blobStore: createMemoryBlobStore(),
  broadcast: false as const,
});

describe('hooks outside the provider', () => {
  it.each<[string, () => unknown]>([
    ['useMediaLibrary', () => useMediaLibrary()],
    ['useAssets', () => useAssets()],
    ['useAsset', () => useAsset('x')],
    ['useAssetUrl', () => useAssetUrl('x')],
    ['useImport', () => useImport()],
    ['useStorage', () => useStorage()],
  ])('%s throws a message naming the hook and the provider', (name, hook) => {
    // React logs the uncaught render error; keep the test output readable.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(hook)).toThrow(`${name} must be used inside <MediaLibraryProvider>`);
    quiet.mockRestore();
  });
});

type Seen = { library: MediaLibrary; ai?: MediaAIGenerator };

/** Reports what the hooks see, and shows the library's name. */
function Probe({ onSee }: { onSee: (seen: Seen) => void }) {
  onSee(useMediaLibraryContext());
  return <p>{useMediaLibrary().name}</p>;
}

describe('MediaLibraryProvider', () => {
  it('hands down the library and the AI generator, and never closes a library it was given', () => {
    const library = createMediaLibrary(options());
    const close = vi.spyOn(library, 'close');
    const ai: MediaAIGenerator = { generateImages: async () => [] };
    let seen: Seen | undefined;
    const { unmount } = render(
      <MediaLibraryProvider library={library} ai={ai}>
        <Probe
          onSee={(value) => {
            seen = value;
          }}
        />
      </MediaLibraryProvider>,
    );
    expect(screen.getByText(library.name)).toBeTruthy();
    expect(seen).toEqual({ library, ai });
    unmount();
    expect(close).not.toHaveBeenCalled();
    library.close();
  });

  it('creates a library from options and closes it on unmount', async () => {
    const opts = options();
    let created: MediaLibrary | undefined;
    const { unmount } = render(
      <MediaLibraryProvider options={opts}>
        <Probe
          onSee={(value) => {
            created = value.library;
          }}
        />
      </MediaLibraryProvider>,
    );
    expect(created?.name).toBe(opts.name);
    await created?.ready;
    const close = vi.spyOn(created as MediaLibrary, 'close');
    unmount();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('survives Strict Mode’s remount with a usable (not closed) library', async () => {
    const seen = new Set<MediaLibrary>();
    const { unmount } = render(
      <StrictMode>
        <MediaLibraryProvider options={options()}>
          <Probe onSee={(value) => seen.add(value.library)} />
        </MediaLibraryProvider>
      </StrictMode>,
    );
    const current = [...seen].at(-1) as MediaLibrary;
    await expect(current.ready).resolves.toBeUndefined();
    await expect(
      current.importFiles([new File(['x'], 'a.txt', { type: 'text/plain' })]),
    ).resolves.toHaveLength(1);
    expect(created.find((entry) => entry.library === current)?.closed).toBe(false);
    unmount();
    // Whatever Strict Mode made it create, nothing is left open.
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((entry) => entry.closed)).toBe(true);
  });
});
