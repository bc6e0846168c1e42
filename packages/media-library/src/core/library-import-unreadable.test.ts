// Files that claim an image, video or audio type and do not decode, in Node: kept with
// `unreadable` (stored in IndexedDB, counted in progress and the summary) or refused on request,
// while a good file in the same batch imports as usual.
import { afterEach, describe, expect, it } from 'vitest';
import { UnreadableFileError } from './errors';
import { summarizeImport } from './import/import-summary';
import type { MediaLibraryInstance } from './library';
import { createHarness, pngBytes, pngFile, rawRecords } from './testing/library-harness';
import type { ImportProgress } from './types';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

/** Bytes that match no signature and are not text (a zero byte in every eight). */
function noise(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = i % 8 === 0 ? 0 : (seed * 131 + i * 71) % 256;
  return bytes;
}

function damagedBatch() {
  return [
    new File([noise(2048, 1)], 'corrupted.jpg', { type: 'image/jpeg' }),
    pngFile(7, 'good.png'),
    // The PNG signature, then the file ends before its IHDR chunk says how big it is.
    new File([pngBytes(3).slice(0, 14)], 'truncated.png', { type: 'image/png' }),
    new File([noise(4096, 2)], 'clip.mp4', { type: 'video/mp4' }),
  ];
}

describe('importing files that do not decode', () => {
  it('keeps them flagged unreadable, in IndexedDB too, and the good file as usual', async () => {
    const h = createHarness({ thumbnails: false });
    const library = h.open();
    opened.push(library);
    const progress: ImportProgress[] = [];
    const results = await library.importFiles(damagedBatch(), {
      onProgress: (p) => progress.push(p),
    });

    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    const assets = results.map((r) => (r.status === 'imported' ? r.asset : undefined));
    expect(assets.map((a) => [a?.name, a?.kind, a?.unreadable])).toEqual([
      ['corrupted.jpg', 'image', true],
      ['good.png', 'image', undefined],
      ['truncated.png', 'image', true],
      ['clip.mp4', 'video', true],
    ]);
    expect(assets[1]).toMatchObject({ mimeType: 'image/png', width: 4, height: 3 });

    const stored = (await rawRecords(h.indexedDB)) as Array<{ name: string; unreadable?: true }>;
    expect(stored.filter((r) => r.unreadable).map((r) => r.name)).toEqual(
      expect.arrayContaining(['corrupted.jpg', 'truncated.png', 'clip.mp4']),
    );
    expect(stored.find((r) => r.name === 'good.png')?.unreadable).toBeUndefined();

    // A fresh instance (a reload) reads the flag back.
    const reopened = h.open();
    opened.push(reopened);
    await reopened.ready;
    expect(reopened.get(assets[0]!.id)?.unreadable).toBe(true);
    expect(reopened.get(assets[1]!.id)?.unreadable).toBeUndefined();

    expect(progress.at(-1)).toMatchObject({ filesDone: 4, unreadable: 3 });
    expect(summarizeImport(results)).toEqual({
      imported: 4,
      duplicates: 0,
      restored: 0,
      failed: 0,
      unreadable: 3,
      canceled: 0,
    });
  });

  it('refuses them with code "unreadable" when asked, keeping none of their bytes', async () => {
    const h = createHarness({ thumbnails: false });
    const library = h.open();
    opened.push(library);
    const progress: ImportProgress[] = [];
    const results = await library.importFiles(damagedBatch(), {
      unreadable: 'reject',
      onProgress: (p) => progress.push(p),
    });

    expect(results.map((r) => r.status)).toEqual(['failed', 'imported', 'failed', 'failed']);
    const refused = results[0];
    expect(refused?.status === 'failed' && refused.error).toBeInstanceOf(UnreadableFileError);
    expect(refused).toMatchObject({
      name: 'corrupted.jpg',
      error: { code: 'unreadable', fileName: 'corrupted.jpg', mimeType: 'image/jpeg' },
    });
    expect(library.query().items.map((a) => a.name)).toEqual(['good.png']);
    expect(await h.blobStore.keys()).toHaveLength(1);
    expect(progress.at(-1)?.unreadable).toBe(3);
    expect(summarizeImport(results)).toMatchObject({ imported: 1, failed: 3, unreadable: 3 });
  });

  it('does not flag text, documents or a real image named as another format', async () => {
    const h = createHarness({ thumbnails: false });
    const library = h.open();
    opened.push(library);
    const results = await library.importFiles([
      new File(['just some notes'], 'notes.txt', { type: 'text/plain' }),
      new File([noise(512, 3)], 'data.bin'),
      new File([pngBytes(9)], 'really-a-png.jpg', { type: 'image/jpeg' }),
    ]);
    const assets = results.map((r) => (r.status === 'imported' ? r.asset : undefined));
    expect(assets.map((a) => [a?.kind, a?.mimeType, a?.unreadable])).toEqual([
      ['text', 'text/plain', undefined],
      ['other', 'application/octet-stream', undefined],
      ['image', 'image/png', undefined],
    ]);
  });
});
