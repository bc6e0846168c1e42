// @vitest-environment happy-dom
// useAssetUrl over a real library: one shared URL per asset, released on unmount and on id
// change, revoked after the grace period (fake timers), errors for missing assets.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useAssetUrl } from './use-asset-url';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
  vi.useRealTimers();
});

async function setup(names: string[], urlGraceMs = 1000) {
  library = createMediaLibrary({
    name: `use-asset-url-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    urlGraceMs,
  });
  const results = await library.importFiles(
    names.map((name) => new File([name], name, { type: 'text/plain' })),
  );
  return results.map((r) => (r.status === 'failed' ? '' : r.asset.id));
}

function Thumb({ id, testId = 'thumb' }: { id?: string; testId?: string }) {
  const { url, status, error } = useAssetUrl(id, 'original');
  return (
    <p data-testid={testId} data-status={status}>
      {url ?? error?.name ?? ''}
    </p>
  );
}

const view = (children: React.ReactNode) => (
  <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
);

describe('useAssetUrl', () => {
  it('loads a URL, shares it between users, and releases it on unmount', async () => {
    const [id] = (await setup(['a.txt'])) as [string];
    const { unmount } = render(
      view(
        <>
          <Thumb id={id} testId="one" />
          <Thumb id={id} testId="two" />
        </>,
      ),
    );
    expect(screen.getByTestId('one').dataset.status).toBe('loading');
    await waitFor(() => expect(screen.getByTestId('two').dataset.status).toBe('ready'));
    expect(screen.getByTestId('one').textContent).toMatch(/^blob:/);
    expect(screen.getByTestId('one').textContent).toBe(screen.getByTestId('two').textContent);
    expect(library.urls.size()).toBe(1);

    // Only the grace timer and the clock it reads are faked: IndexedDB (fake-indexeddb) keeps
    // its real scheduling.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    unmount();
    expect(library.urls.size()).toBe(1);
    vi.advanceTimersByTime(999);
    expect(library.urls.size()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(library.urls.size()).toBe(0);
  });

  it('releases the old URL when the id changes and never shows it for the new id', async () => {
    const [a, b] = (await setup(['a.txt', 'b.txt'], 20)) as [string, string];
    const { rerender } = render(view(<Thumb id={a} />));
    await waitFor(() => expect(screen.getByTestId('thumb').dataset.status).toBe('ready'));
    const first = screen.getByTestId('thumb').textContent;

    rerender(view(<Thumb id={b} />));
    expect(screen.getByTestId('thumb').dataset.status).toBe('loading');
    await waitFor(() => expect(screen.getByTestId('thumb').dataset.status).toBe('ready'));
    expect(screen.getByTestId('thumb').textContent).not.toBe(first);
    // The first URL is revoked after its (short, real-time) grace period; the second stays.
    await waitFor(() => expect(library.urls.size()).toBe(1));
  });

  it('reports an error for an asset that does not exist', async () => {
    await setup([]);
    render(view(<Thumb id="no-such-asset" />));
    await waitFor(() => expect(screen.getByTestId('thumb').dataset.status).toBe('error'));
    expect(screen.getByTestId('thumb').textContent).toBe('AssetNotFoundError');
    expect(library.urls.size()).toBe(0);
  });

  it('stays loading without an id', async () => {
    await setup([]);
    render(view(<Thumb />));
    expect(screen.getByTestId('thumb').dataset.status).toBe('loading');
  });
});
