// Server HTML hydrated in real Chromium, as in a server-rendered app: plain Node renders the
// trees over a library made with no browser around (test-server-html.ts), while the browser's
// library has already loaded two images by the time React hydrates. The hooks and the Mantine
// screen must hydrate without a mismatch or a logged error, then show the real assets.
import type { ReactNode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { libraryDbName } from '../core/db';
import { createMediaLibrary, type MediaLibraryInstance } from '../core/library';
import { opfsDirectoryName } from '../core/storage/default-blob-store';
import { type SsrApp, ssrApps } from './test-ssr-apps';

/** The `renderOnServer` command of the browser test project (vitest.config.ts). */
const { renderOnServer } = commands as unknown as {
  renderOnServer(name: string): Promise<string>;
};

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

const name = `hydration-${crypto.randomUUID()}`;
let library: MediaLibraryInstance;
let serverHtml: Record<SsrApp, string>;

// The browser's library loads and takes two images before anything renders; the server's HTML
// comes from Node, rendered once for every tree (a Node start costs seconds on a busy machine).
beforeAll(async () => {
  const rendering = renderOnServer(name);
  library = createMediaLibrary({ name, broadcast: false });
  await library.ready;
  const results = await library.importFiles([
    await imageFile('blue-sky.png', '#3060d0'),
    await imageFile('red-roof.png', '#d03030'),
  ]);
  expect(results.map((result) => result.status)).toEqual(['imported', 'imported']);
  serverHtml = JSON.parse(await rendering);
}, 120_000);

afterAll(async () => {
  library.close();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(libraryDbName(name));
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
});

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

interface Hydrated {
  container: HTMLElement;
  recoverable: unknown[];
  consoleErrors: ReturnType<typeof vi.spyOn>;
}

/** Puts `html` in the page and hydrates it with `ui`, recording every recoverable error. */
function hydrate(html: string, ui: ReactNode, width = 1000): Hydrated {
  const container = document.createElement('div');
  container.style.width = `${width}px`;
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

const blobImages = (container: HTMLElement) => container.querySelectorAll('img[src^="blob:"]');

describe('hydrating server HTML', () => {
  it('catches a mismatch when a component reads the live state in render', async () => {
    expect(serverHtml.naive).toBe('<p>loading</p>');
    const { container, recoverable } = hydrate(serverHtml.naive, ssrApps.naive(library));
    // The check this file relies on does see a mismatch: React reports it and renders anew.
    await expect.poll(() => recoverable.length).toBeGreaterThan(0);
    await expect.poll(() => container.textContent).toBe('ready');
  });

  it('hydrates every hook without a mismatch, then shows the loaded assets', async () => {
    expect(serverHtml.hooks).toContain('loading: 0 of 0 assets');
    const { container, recoverable, consoleErrors } = hydrate(
      serverHtml.hooks,
      ssrApps.hooks(library),
    );

    await expect.poll(() => blobImages(container).length).toBe(2);
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
    expect(serverHtml.screen).toContain('Loading…');
    expect(serverHtml.screen).toContain('--mantine-color-error: var(--mantine-color-red-8)');
    const { container, recoverable, consoleErrors } = hydrate(
      serverHtml.screen,
      ssrApps.screen(library),
    );

    const cells = () => container.querySelectorAll('[role="gridcell"][data-asset-id]');
    await expect.poll(() => cells().length).toBe(2);
    await expect.poll(() => blobImages(container).length).toBe(2);
    expect(container.textContent).toContain('2 assets');
    expect(container.textContent).not.toContain('Loading…');
    expect(recoverable).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
  });

  it("hydrates the screen in a phone's width, then lays it out for a phone", async () => {
    // The server cannot measure, so its HTML is the wide layout; the first client render
    // matches it, and only then does the measured 360 px switch to the phone layout.
    expect(serverHtml.screen).toContain('aria-label="Library navigation"');
    const { container, recoverable, consoleErrors } = hydrate(
      serverHtml.screen,
      ssrApps.screen(library),
      360,
    );
    const filters = () =>
      [...container.querySelectorAll('button')].some((b) => b.textContent?.startsWith('Filters'));
    await expect.poll(filters).toBe(true);
    await expect.poll(() => blobImages(container).length).toBe(2);
    expect(recoverable).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
  });
});
