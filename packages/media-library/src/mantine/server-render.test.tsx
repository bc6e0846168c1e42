// The whole screen rendered in plain Node, as a framework prerenders a client page: no
// document, no IndexedDB, no matchMedia or ResizeObserver. It renders the library's loading
// state with the preset theme, and nothing throws or logs.
import { MantineProvider } from '@mantine/core';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaAIGenerator } from '../core/ai-types';
import { createMediaLibrary } from '../core/library';
import { MediaLibraryProvider } from '../react/media-library-provider';
import { MediaLibraryScreen } from './media-library-screen';
import { mediaLoftCssVariablesResolver, mediaLoftTheme } from './preset-theme';

/** A generator is there (the header offers Generate); the server never calls it. */
const generator: MediaAIGenerator = {
  generateImages: () => Promise.reject(new Error('not on a server')),
};

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
  for (const method of ['error', 'warn', 'log'] as const) vi.spyOn(console, method);
});

afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  vi.restoreAllMocks();
});

describe('MediaLibraryScreen on a server', () => {
  it('renders the loading screen with the preset theme', async () => {
    expect(typeof document).toBe('undefined');
    expect(typeof indexedDB).toBe('undefined');
    expect(typeof ResizeObserver).toBe('undefined');
    const library = createMediaLibrary({ name: 'server-screen' });
    const html = renderToString(
      <MantineProvider theme={mediaLoftTheme} cssVariablesResolver={mediaLoftCssVariablesResolver}>
        <MediaLibraryProvider library={library} ai={generator}>
          <MediaLibraryScreen title="Photos" height={600} />
        </MediaLibraryProvider>
      </MantineProvider>,
    );
    expect(html).toContain('Photos');
    expect(html).toContain('Loading…');
    // The wide layout (no width is measured on a server) with the navigation column.
    expect(html).toContain('aria-label="Library navigation"');
    expect(html).toContain('Generate');
    // The preset's error colour from the resolver is in Mantine's server-rendered variables.
    expect(html).toContain('--mantine-color-error: var(--mantine-color-red-8)');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
    for (const method of ['error', 'warn', 'log'] as const)
      expect(console[method], `console.${method}`).not.toHaveBeenCalled();
  });
});
