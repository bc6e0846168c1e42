// Server HTML hydrated in real Chromium, as in a server-rendered app: the server renders the
// library before it loaded, while the browser's library has already loaded two images by the
// time React hydrates. The hooks and the Mantine screen must hydrate without a mismatch or a
// logged error, then show the real assets.
import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
// By name: the test config's resolve conditions leave out 'browser', which picks it for `./server`.
import { renderToString } from 'react-dom/server.browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { libraryDbName } from '../core/db';
import { createMediaLibrary, type MediaLibraryInstance } from '../core/library';
import { opfsDirectoryName } from '../core/storage/default-blob-store';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from '../react/media-library-provider';
import { HeadlessView } from '../react/test-headless-view';
import { useMediaLibrary } from '../react/use-media-library';
import { MediaLibraryScreen } from './media-library-screen';
import { mediaLoftCssVariablesResolver, mediaLoftTheme } from './preset-theme';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A library under a unique name, deleted (records and bytes) after the test. */
function openLibrary(name: string): MediaLibraryInstance {
  const library = createMediaLibrary({ name, broadcast: false });
  cleanups.push(async () => {
    library.close();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
  });
  return library;
}

/** A real PNG of one colour, so the browser decodes it and the thumbnail shows. */
async function imageFile(name: string, color: string): Promise<File> {
  const canvas = new OffscreenCanvas(48, 32);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D context');
  context.fillStyle = color;
  context.fillRect(0, 0, 48, 32);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], name, { type: 'image/png' });
}

/** The browser's library, loaded and holding two images before anything renders. */
async function seededLibrary(name: string): Promise<MediaLibraryInstance> {
  const library = openLibrary(name);
  await library.ready;
  const results = await library.importFiles([
    await imageFile('blue-sky.png', '#3060d0'),
    await imageFile('red-roof.png', '#d03030'),
  ]);
  expect(results.map((result) => result.status)).toEqual(['imported', 'imported']);
  return library;
}

/**
 * The HTML a server sends: rendered from a library in the state one has on a server, freshly
 * made and not loaded ('loading', no assets). It is made and rendered in the same task, so
 * nothing has been read yet, then closed.
 */
function serverHtml(name: string, app: (library: MediaLibrary) => ReactNode): string {
  const onServer = createMediaLibrary({ name, broadcast: false });
  expect(onServer.getState()).toMatchObject({ status: 'loading', revision: 0 });
  const html = renderToString(app(onServer));
  onServer.close();
  return html;
}

interface Hydrated {
  container: HTMLElement;
  recoverable: unknown[];
  consoleErrors: ReturnType<typeof vi.spyOn>;
}

/** Puts `html` in the page and hydrates it with `ui`, recording every recoverable error. */
function hydrate(html: string, ui: ReactNode): Hydrated {
  const container = document.createElement('div');
  container.style.width = '1000px';
  container.innerHTML = html;
  document.body.append(container);
  const consoleErrors = vi.spyOn(console, 'error');
  const recoverable: unknown[] = [];
  const root: Root = hydrateRoot(container, ui, {
    onRecoverableError: (error) => recoverable.push(error),
  });
  cleanups.push(() => {
    root.unmount();
    container.remove();
  });
  return { container, recoverable, consoleErrors };
}

/** A component that reads the library's state in render, with no server snapshot. */
function NaiveStatus() {
  return <p>{useMediaLibrary().getState().status}</p>;
}

const uniqueName = () => `hydration-${crypto.randomUUID()}`;

describe('hydrating server HTML', () => {
  it('catches a mismatch when a component reads the live state in render', async () => {
    const name = uniqueName();
    const library = await seededLibrary(name);
    const app = (lib: MediaLibrary) => (
      <MediaLibraryProvider library={lib}>
        <NaiveStatus />
      </MediaLibraryProvider>
    );
    const html = serverHtml(name, app);
    expect(html).toContain('loading');
    const { container, recoverable } = hydrate(html, app(library));
    // The check this file relies on does see a mismatch: React reports it and renders anew.
    await expect.poll(() => recoverable.length).toBeGreaterThan(0);
    await expect.poll(() => container.textContent).toBe('ready');
  });

  it('hydrates every hook without a mismatch, then shows the loaded assets', async () => {
    const name = uniqueName();
    const library = await seededLibrary(name);
    const app = (lib: MediaLibrary) => (
      <MediaLibraryProvider library={lib}>
        <HeadlessView />
      </MediaLibraryProvider>
    );
    const html = serverHtml(name, app);
    expect(html).toContain('loading: 0 of 0 assets');
    const { container, recoverable, consoleErrors } = hydrate(html, app(library));

    await expect.poll(() => container.querySelectorAll('img[src^="blob:"]').length).toBe(2);
    expect(container.textContent).toContain('ready: 2 of 2 assets');
    expect(container.textContent).toContain('First: blue-sky.png');
    expect([...container.querySelectorAll('img')].map((img) => img.alt)).toEqual([
      'blue-sky.png',
      'red-roof.png',
    ]);
    expect(recoverable).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
  });

  it('hydrates the Mantine screen with the preset theme, then shows the loaded assets', async () => {
    const name = uniqueName();
    const library = await seededLibrary(name);
    const app = (lib: MediaLibrary) => (
      <MantineProvider theme={mediaLoftTheme} cssVariablesResolver={mediaLoftCssVariablesResolver}>
        <MediaLibraryProvider library={lib}>
          <MediaLibraryScreen title="Photos" height={600} />
        </MediaLibraryProvider>
      </MantineProvider>
    );
    const html = serverHtml(name, app);
    expect(html).toContain('Loading…');
    const { container, recoverable, consoleErrors } = hydrate(html, app(library));

    const cells = () => container.querySelectorAll('[role="gridcell"][data-asset-id]');
    await expect.poll(() => cells().length).toBe(2);
    await expect.poll(() => container.querySelectorAll('img[src^="blob:"]').length).toBe(2);
    expect(container.textContent).toContain('2 assets');
    expect(container.textContent).not.toContain('Loading…');
    expect(recoverable).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
  });
});
