// Damaged files in real Chromium, through the real decoders: random bytes named corrupted.jpg,
// a PNG cut off after its header, garbage named .mp4 and garbage behind a real MP4 header are
// kept flagged unreadable (in IndexedDB too), while a good image in the same batch imports with
// its thumbnail as usual.
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from './db';
import { terminateThumbnailWorker } from './import/thumbnail';
import { createMediaLibrary, type MediaLibraryInstance } from './library';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import type { BlobStore } from './types';

const open: MediaLibraryInstance[] = [];
const databases: string[] = [];

afterEach(async () => {
  for (const library of open.splice(0)) library.close();
  terminateThumbnailWorker();
  for (const name of databases.splice(0)) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }
});

function openLibrary(name: string, blobStore: BlobStore): MediaLibraryInstance {
  const library = createMediaLibrary({ name, blobStore, broadcast: false });
  open.push(library);
  return library;
}

let seed = 0x2f6b_a1c3;

/**
 * Noise from a fixed seed (xorshift32), the same on every run: truly random bytes now and then
 * begin with an MP3 frame header (0xFF 0xEx), and the sniffer then rightly calls them audio.
 */
function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    bytes[i] = seed & 0xff;
  }
  return bytes;
}

async function goodPng(): Promise<File> {
  const canvas = new OffscreenCanvas(900, 600);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#2a6';
  context.fillRect(0, 0, 900, 600);
  context.fillStyle = '#e33';
  context.fillRect(100, 100, 300, 200);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], 'good.png', { type: 'image/png' });
}

describe('damaged files in Chromium', () => {
  it('are kept flagged unreadable next to a good image that imports normally', async () => {
    const good = await goodPng();
    // Signature and IHDR (so the header gives a size), then nothing the decoder can use.
    const truncated = new File([good.slice(0, 33)], 'truncated.png', { type: 'image/png' });
    const ftyp = new Uint8Array([0, 0, 0, 20, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0]);
    const files = [
      new File([randomBytes(8192)], 'corrupted.jpg', { type: 'image/jpeg' }),
      good,
      truncated,
      new File([randomBytes(16_384)], 'garbage.mp4', { type: 'video/mp4' }),
      new File([ftyp, randomBytes(16_384)], 'broken-inside.mp4', { type: 'video/mp4' }),
    ];
    const name = `unreadable-${crypto.randomUUID()}`;
    databases.push(name);
    const blobStore = createMemoryBlobStore();
    const library = openLibrary(name, blobStore);
    await library.ready;

    const results = await library.importFiles(files);

    expect(results.map((r) => r.status)).toEqual([
      'imported',
      'imported',
      'imported',
      'imported',
      'imported',
    ]);
    const assets = results.map((r) => (r.status === 'imported' ? r.asset : undefined));
    expect(assets.map((a) => [a?.name, a?.kind, a?.mimeType, a?.unreadable ?? false])).toEqual([
      ['corrupted.jpg', 'image', 'image/jpeg', true],
      ['good.png', 'image', 'image/png', false],
      ['truncated.png', 'image', 'image/png', true],
      ['garbage.mp4', 'video', 'video/mp4', true],
      ['broken-inside.mp4', 'video', 'video/mp4', true],
    ]);
    // The good image: measured and thumbnailed as ever; the damaged ones get no thumbnail.
    expect(assets[1]).toMatchObject({ width: 900, height: 600, thumbnailType: 'image/webp' });
    expect(assets.filter((a) => a?.thumbnailKey).map((a) => a?.name)).toEqual(['good.png']);

    // Stored in IndexedDB: a new instance (a reload) reads the flags back.
    library.close();
    const reloaded = openLibrary(name, blobStore);
    await reloaded.ready;
    expect(
      reloaded
        .query({ sort: { field: 'name', direction: 'asc' } })
        .items.map((a) => [a.name, a.unreadable ?? false]),
    ).toEqual([
      ['broken-inside.mp4', true],
      ['corrupted.jpg', true],
      ['garbage.mp4', true],
      ['good.png', false],
      ['truncated.png', true],
    ]);
  });

  it('refuses them when asked, and the good image still imports', async () => {
    const name = `unreadable-${crypto.randomUUID()}`;
    databases.push(name);
    const library = openLibrary(name, createMemoryBlobStore());
    const results = await library.importFiles(
      [new File([randomBytes(4096)], 'corrupted.jpg', { type: 'image/jpeg' }), await goodPng()],
      { unreadable: 'reject' },
    );
    expect(results.map((r) => r.status)).toEqual(['failed', 'imported']);
    expect(results[0]).toMatchObject({ error: { code: 'unreadable' } });
    expect(library.query().items.map((a) => a.name)).toEqual(['good.png']);
  });
});
