// exportForPlatform's server path over a real library (fake IndexedDB, memory blobs) and the
// real image server answered in process (app.request behind the browser client): the new
// asset's size, type and lineage, the download that adds nothing, and the typed refusals.
import { createServerFromEnv } from '@medialoft/server-adapter';
import { createRemoteGenerator } from '@medialoft/server-adapter/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaAIGenerator } from '../ai-types';
import { MediaLibraryError } from '../errors';
import type { MediaLibraryInstance } from '../library';
import { createHarness } from '../testing/library-harness';
import type { MediaAsset } from '../types';
import { EditNotSupportedError } from './edit-errors';
import { exportForPlatform } from './export-for-platform';
import { versionsOf } from './versions';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

function open() {
  const library = createHarness({ thumbnails: false }).open();
  opened.push(library);
  return library;
}

/** The keyless server in process, and the paths the client asked it for. */
function server() {
  const paths: string[] = [];
  const { app } = createServerFromEnv({}, { logger: { info() {}, warn() {}, error() {} } });
  const generator = createRemoteGenerator({
    baseUrl: 'http://server.test/api/ai',
    fetch: async (input, init) => {
      const request = new Request(input, init);
      paths.push(new URL(request.url).pathname);
      return app.fetch(request);
    },
  });
  return { generator, paths };
}

/** A real PNG of the given size, drawn by the server's keyless model, in the library. */
async function photo(
  library: MediaLibraryInstance,
  generator: MediaAIGenerator,
  width: number,
  height: number,
): Promise<MediaAsset> {
  const [image] = await generator.generateImages({ prompt: 'a lighthouse', width, height });
  if (!image) throw new Error('no image');
  const [result] = await library.importFiles([
    new File([image.file], 'lighthouse.png', { type: 'image/png' }),
  ]);
  if (result?.status !== 'imported') throw new Error('import failed');
  await library.addTags(result.asset.id, ['coast']);
  await library.update(result.asset.id, { alt: 'A lighthouse at dusk' });
  return library.get(result.asset.id) as MediaAsset;
}

describe('exportForPlatform through the image server', () => {
  it('adds the format’s size as a new asset naming its original and the format', async () => {
    const library = open();
    const { generator, paths } = server();
    const original = await photo(library, generator, 640, 480);

    const story = await exportForPlatform(library, original.id, 'instagram-story', {
      transformer: generator,
    });
    const banner = await exportForPlatform(library, original.id, 'x-header', {
      transformer: generator,
    });

    expect(paths.filter((p) => p === '/api/ai/images/transform')).toHaveLength(2);
    expect([story.via, banner.via]).toEqual(['server', 'server']);
    for (const [result, size, format] of [
      [story, [1080, 1920], 'instagram-story'],
      [banner, [1500, 500], 'x-header'],
    ] as const) {
      if (result.imported?.status !== 'imported') throw new Error('not imported');
      const asset = result.imported.asset;
      expect([asset.width, asset.height]).toEqual(size);
      expect(asset.mimeType).toBe('image/png');
      expect(asset.name).toBe(`lighthouse-${format}.png`);
      expect(asset.source).toMatchObject({
        type: 'edit',
        operation: 'export',
        parentId: original.id,
        format,
      });
      expect(asset.tags).toEqual(['coast']);
      expect(asset.alt).toBe('A lighthouse at dusk');
    }
    // 640 × 480 to 9:16 keeps the middle 270 columns; to 3:1 the middle 213 rows.
    expect(story.crop).toEqual({ x: 185, y: 0, width: 270, height: 480 });
    expect(banner.crop).toEqual({ x: 0, y: 133, width: 640, height: 213 });
    expect(
      versionsOf(library.getState().assets, original.id)
        .children.map((a) => a.id)
        .sort(),
    ).toEqual(
      [story, banner]
        .map((r) => (r.imported?.status === 'imported' ? r.imported.asset.id : ''))
        .sort(),
    );
  });

  it('returns the bytes for a download without adding an asset', async () => {
    const library = open();
    const { generator } = server();
    const original = await photo(library, generator, 300, 300);
    const before = library.getState().assets.size;
    const result = await exportForPlatform(library, original.id, 'youtube-thumbnail', {
      transformer: generator,
      target: 'download',
    });
    expect(result.imported).toBeUndefined();
    expect(library.getState().assets.size).toBe(before);
    expect(result.file.name).toBe('lighthouse-youtube-thumbnail.png');
    const bytes = new Uint8Array(await result.file.arrayBuffer());
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1280, 720]);
  });

  it('hands on the server’s refusal with its code', async () => {
    const library = open();
    const { generator } = server();
    const original = await photo(library, generator, 64, 64);
    const refusing = {
      transformImage: () =>
        Promise.reject(Object.assign(new Error('Too large.'), { code: 'payload_too_large' })),
    };
    await expect(
      exportForPlatform(library, original.id, 'facebook-feed', { transformer: refusing }),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(versionsOf(library.getState().assets, original.id).children).toEqual([]);
  });

  it('refuses an unknown format, a missing asset and a file that is no image, in words', async () => {
    const library = open();
    const [text] = await library.importFiles([
      new File(['hello'], 'note.txt', { type: 'text/plain' }),
    ]);
    if (text?.status !== 'imported') throw new Error('import failed');
    await expect(exportForPlatform(library, text.asset.id, 'tiktok-wide')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(exportForPlatform(library, 'nope', 'x-post')).rejects.toMatchObject({
      code: 'not_found',
    });
    const error = await exportForPlatform(library, text.asset.id, 'x-post').catch((e) => e);
    expect(error).toBeInstanceOf(EditNotSupportedError);
    expect(error).toBeInstanceOf(MediaLibraryError);
    expect(error.message).toContain('note.txt');
  });
});
