// Test helpers for the Mantine preset under happy-dom: the browser APIs Mantine and the
// virtualiser expect, and a render wrapped in both providers around a real library.
import { MantineProvider } from '@mantine/core';
import { configure, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
// The idb wrapper checks instanceof IDBRequest, so the globals must exist too.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactElement } from 'react';
import type { MediaAIGenerator, MediaLibrary } from '../core/index';
import { createMediaLibrary } from '../core/index';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { MediaLibraryProvider } from '../react/index';

// Details and the viewer render as transitions and load on first use: on a busy 2-core CI
// machine that can take longer than Testing Library's default second to show.
configure({ asyncUtilTimeout: 5_000 });

let installed = false;
/** The width of every element's layout box; see {@link setLayoutWidth}. */
let layoutWidth = 1200;

/**
 * Makes every element's layout box `width` px wide, e.g. 360 for a phone, until called again;
 * a screen measured from then on lays itself out for that width.
 */
export function setLayoutWidth(width: number): void {
  layoutWidth = width;
}

/**
 * Adds what happy-dom lacks for Mantine (matchMedia, ResizeObserver, document.fonts) and gives
 * every element a layout box (1200×800 unless {@link setLayoutWidth} says otherwise), so the
 * virtualised grid renders rows.
 */
export function installDomShims(): void {
  if (installed) return;
  installed = true;
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  // Mantine's autosize Textarea re-measures when web fonts load.
  if (!('fonts' in document) || !document.fonts)
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() },
    });
  Element.prototype.scrollIntoView ??= () => {};
  Element.prototype.scrollTo ??= () => {};
  Element.prototype.getBoundingClientRect = function rect() {
    return {
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      right: layoutWidth,
      bottom: 800,
      width: layoutWidth,
      height: 800,
      toJSON: () => ({}),
    } as DOMRect;
  };
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => layoutWidth,
  });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: () => 800,
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get: () => 800,
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
    configurable: true,
    get: () => layoutWidth,
  });
}

const libraries: MediaLibrary[] = [];

/** A real library on fake-indexeddb and the memory blob store, closed by {@link closeLibraries}. */
export function createTestLibrary(): MediaLibrary {
  const library = createMediaLibrary({
    name: `mantine-${Math.random().toString(36).slice(2)}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  libraries.push(library);
  return library;
}

/** Closes every library made by {@link createTestLibrary}; call in afterEach. */
export function closeLibraries(): void {
  for (const library of libraries.splice(0)) library.close();
}

/** Renders `ui` inside MantineProvider and MediaLibraryProvider; returns the user and library. */
export function renderPreset(
  ui: ReactElement,
  options: { library?: MediaLibrary; ai?: MediaAIGenerator } = {},
) {
  installDomShims();
  const library = options.library ?? createTestLibrary();
  const user = userEvent.setup();
  const result = render(
    <MantineProvider>
      <MediaLibraryProvider library={library} ai={options.ai}>
        {ui}
      </MediaLibraryProvider>
    </MantineProvider>,
  );
  return { ...result, user, library };
}

/** A PNG-signed file of `width`×`height` whose bytes differ per seed (enough for the core). */
export function pngFile(seed: number, name: string, width = 64, height = 48): File {
  const bytes = new Uint8Array(33 + 64);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 13);
  bytes.set([0x49, 0x48, 0x44, 0x52], 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  for (let i = 33; i < bytes.length; i++) bytes[i] = (seed * 31 + i) % 251;
  return new File([bytes], name, { type: 'image/png' });
}
