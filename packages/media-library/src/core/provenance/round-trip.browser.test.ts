// The round trip in Chromium: a generated image imported into one library, its downloadable
// bytes (provenance written in) imported as a plain upload into a fresh one, arrives with the
// same source, decodes (the import does not mark it unreadable, createImageBitmap reads it).
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from '../db';
import { createMediaLibrary, type MediaLibraryInstance } from '../library';
import { createMemoryBlobStore } from '../storage/memory-blob-store';
import type { MediaAsset } from '../types';
import { embedProvenance } from './provenance';
import { sampleSource } from './test-images';

const opened: Array<{ library: MediaLibraryInstance; name: string }> = [];

afterEach(async () => {
  for (const { library, name } of opened.splice(0)) {
    library.close();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }
});

async function freshLibrary(): Promise<MediaLibraryInstance> {
  const name = `provenance-${crypto.randomUUID()}`;
  const library = createMediaLibrary({
    name,
    blobStore: createMemoryBlobStore(),
    broadcast: false,
  });
  opened.push({ library, name });
  await library.ready;
  return library;
}

async function imported(
  library: MediaLibraryInstance,
  file: File,
  generated: boolean,
): Promise<MediaAsset> {
  const [result] = await library.importFiles([file], generated ? { source: sampleSource } : {});
  if (result?.status !== 'imported') throw new Error(`not imported: ${result?.status}`);
  return result.asset;
}

describe('provenance round trip in Chromium', () => {
  for (const type of ['image/png', 'image/jpeg', 'image/webp']) {
    it(`brings a generated ${type} back with its source`, async () => {
      const canvas = new OffscreenCanvas(24, 16);
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      context.fillStyle = 'rgb(30, 160, 90)';
      context.fillRect(0, 0, 24, 16);
      const encoded = await canvas.convertToBlob({ type, quality: 0.9 });
      const file = new File([encoded], `generated.${type.slice(6)}`, { type });

      const first = await freshLibrary();
      const asset = await imported(first, file, true);
      const original = await first.getBlob(asset.id, 'original');
      if (!original) throw new Error('no original');
      const downloaded = await embedProvenance(original, asset.source, asset.createdAt);
      expect(downloaded.size).toBeGreaterThan(original.size);

      const second = await freshLibrary();
      const again = await imported(second, new File([downloaded], file.name, { type }), false);
      expect(again.source).toEqual(sampleSource);
      expect(again.unreadable).toBeUndefined();
      const stored = await second.getBlob(again.id, 'original');
      const bitmap = await createImageBitmap(stored as Blob);
      expect([bitmap.width, bitmap.height]).toEqual([24, 16]);
      bitmap.close();
      expect([again.width, again.height]).toEqual([24, 16]);
      expect(again.mimeType).toBe(type);
    });
  }
});
