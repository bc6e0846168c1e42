// Server rendering in plain Node, as a framework prerenders a client page: no document, no
// IndexedDB. A library made at module scope opens nothing, logs nothing and rejects nothing
// unhandled; the provider and every hook render its 'loading' state.
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { MediaLibraryProvider } from './media-library-provider';
import { HeadlessView } from './test-headless-view';

// What a browser would offer, as traps: the server library must use none of them.
const browserApis = {
  broadcastChannels: 0,
  storageCalls: [] as string[],
};
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  browserApis.broadcastChannels = 0;
  browserApis.storageCalls = [];
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
  vi.stubGlobal(
    'BroadcastChannel',
    class {
      constructor() {
        browserApis.broadcastChannels++;
      }
    },
  );
  const record = (name: string) => () => {
    browserApis.storageCalls.push(name);
    return Promise.reject(new Error(`${name} is a browser API`));
  };
  vi.stubGlobal('navigator', {
    storage: {
      getDirectory: record('getDirectory'),
      estimate: record('estimate'),
      persisted: record('persisted'),
    },
  });
  for (const method of ['error', 'warn', 'log', 'info'] as const) vi.spyOn(console, method);
});

afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Lets pending promise jobs and timers of the previous step run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function expectNothingLogged() {
  for (const method of ['error', 'warn', 'log', 'info'] as const)
    expect(console[method], `console.${method}`).not.toHaveBeenCalled();
}

describe('on a server', () => {
  it('has no browser storage to begin with', () => {
    expect(typeof document).toBe('undefined');
    expect(typeof indexedDB).toBe('undefined');
  });

  it('createMediaLibrary opens nothing, stays loading and rejects nothing unhandled', async () => {
    const library = createMediaLibrary({ name: 'server' });
    const ready = library.ready.then(
      () => 'resolved',
      () => 'rejected',
    );
    await settle();
    expect(await Promise.race([ready, settle().then(() => 'pending')])).toBe('pending');
    expect(library.getState()).toMatchObject({ status: 'loading', revision: 0 });
    expect(library.getState().assets.size).toBe(0);
    expect(browserApis).toEqual({ broadcastChannels: 0, storageCalls: [] });

    // An operation says what to do instead of failing obscurely.
    await expect(library.clear()).rejects.toMatchObject({
      code: 'storage_unavailable',
      message: expect.stringContaining('effects or event handlers'),
    });
    library.close();
    await settle();
    expect(unhandled).toEqual([]);
    expect(library.getState().status).toBe('loading');
    expectNothingLogged();
  });

  it('renders the provider and every hook in the loading state', async () => {
    const library = createMediaLibrary({ name: 'server-hooks' });
    const html = renderToString(
      <MediaLibraryProvider library={library}>
        <HeadlessView />
      </MediaLibraryProvider>,
    );
    expect(html).toContain('data-status="loading"');
    expect(html).toContain('loading: 0 of 0 assets, 0 bytes');
    expect(html).toContain('role="grid"');
    await settle();
    expect(unhandled).toEqual([]);
    expect(browserApis).toEqual({ broadcastChannels: 0, storageCalls: [] });
    expectNothingLogged();
  });

  it('renders a provider that creates its library from options', async () => {
    const html = renderToString(
      <MediaLibraryProvider options={{ name: 'server-owned' }}>
        <HeadlessView />
      </MediaLibraryProvider>,
    );
    expect(html).toContain('aria-label="Library server-owned"');
    expect(html).toContain('data-status="loading"');
    await settle();
    expect(unhandled).toEqual([]);
    expect(browserApis).toEqual({ broadcastChannels: 0, storageCalls: [] });
    expectNothingLogged();
  });
});
