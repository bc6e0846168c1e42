// importFromUrl through a fetcher (the image server, in an app): the per-call fetcher, then
// the library's urlFetcher, then a direct fetch; names, errors and aborts on that path.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportAbortedError, MediaLibraryError } from './errors';
import type { MediaLibraryInstance } from './library';
import { createHarness, pngBytes } from './testing/library-harness';
import type { MediaUrlFetcher } from './types';

const opened: MediaLibraryInstance[] = [];
function track(library: MediaLibraryInstance) {
  opened.push(library);
  return library;
}
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

const url = 'https://no-cors.example.test/pics/red%20fox.png';
/** A fetch that fails as a browser's does for a site without CORS headers. */
const corsBlocked = vi.fn(async () => {
  throw new TypeError('Failed to fetch');
});

describe('importFromUrl with a fetcher', () => {
  it("uses the library's urlFetcher instead of a direct fetch, keeping the File's name", async () => {
    const fetcher = vi.fn<MediaUrlFetcher>(
      async () => new File([pngBytes(41)], 'server-named.png', { type: 'image/png' }),
    );
    const library = track(createHarness({ fetch: corsBlocked, urlFetcher: fetcher }).open());
    const controller = new AbortController();
    const result = await library.importFromUrl(url, { signal: controller.signal });
    expect(fetcher).toHaveBeenCalledWith(url, { signal: controller.signal });
    expect(corsBlocked).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      status: 'imported',
      asset: { name: 'server-named.png', kind: 'image', source: { type: 'url', url } },
    });
  });

  it("a fetcher passed to the call wins over the library's; a plain Blob is named from the URL", async () => {
    const libraryFetcher = vi.fn<MediaUrlFetcher>(async () => new Blob([pngBytes(1)]));
    const callFetcher = vi.fn<MediaUrlFetcher>(async () => new Blob([pngBytes(42)]));
    const library = track(createHarness({ urlFetcher: libraryFetcher }).open());
    const result = await library.importFromUrl(url, { fetcher: callFetcher });
    expect(callFetcher).toHaveBeenCalledTimes(1);
    expect(libraryFetcher).not.toHaveBeenCalled();
    expect(result).toMatchObject({ status: 'imported', asset: { name: 'red fox.png' } });
  });

  it("a fetcher's failure is fetch_failed with its message and the error as cause", async () => {
    const refused = Object.assign(
      new Error('169.254.169.254 points to a link-local address; give a public address.'),
      { code: 'url_forbidden' },
    );
    const library = track(
      createHarness({
        urlFetcher: async () => {
          throw refused;
        },
      }).open(),
    );
    const error = await library.importFromUrl(url).catch((e) => e);
    expect(error).toBeInstanceOf(MediaLibraryError);
    expect(error).toMatchObject({ code: 'fetch_failed', cause: refused });
    expect(error.message).toContain('link-local address; give a public address');
    expect(library.getState().assets.size).toBe(0);
  });

  it('a fetcher that resolves no Blob is fetch_failed', async () => {
    const library = track(
      createHarness({ urlFetcher: async () => 'bytes' as unknown as Blob }).open(),
    );
    await expect(library.importFromUrl(url)).rejects.toMatchObject({ code: 'fetch_failed' });
  });

  it('an abort while the fetcher runs is ImportAbortedError', async () => {
    const controller = new AbortController();
    const library = track(
      createHarness({
        urlFetcher: async (_url, { signal }) => {
          controller.abort();
          throw signal?.reason;
        },
      }).open(),
    );
    await expect(library.importFromUrl(url, { signal: controller.signal })).rejects.toBeInstanceOf(
      ImportAbortedError,
    );
  });

  it('without a fetcher the direct fetch still reports a CORS-blocked site as fetch_failed', async () => {
    const library = track(createHarness({ fetch: corsBlocked }).open());
    const error = await library.importFromUrl(url).catch((e) => e);
    expect(error).toMatchObject({ code: 'fetch_failed' });
    expect(error.message).toMatch(/CORS/);
  });
});
