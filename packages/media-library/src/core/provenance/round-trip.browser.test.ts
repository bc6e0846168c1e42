// The round trip in Chromium: a generated image imported into one library, its downloadable
// bytes (provenance written in) imported as a plain upload into a fresh one, arrives with the
// same source, decodes (the import does not mark it unreadable, createImageBitmap reads it).
// And the whole way a person takes: generate, download, clear the library (its database and
// its files), import the download, find it by its prompt.
import { afterEach, describe, expect, it } from 'vitest';
import { downloadableBlob } from '../../mantine/download';
import { generateIntoLibrary } from '../ai-generation';
import type { MediaAIGenerator } from '../ai-types';
import { libraryDbName } from '../db';
import { createMediaLibrary, type MediaLibraryInstance } from '../library';
import { opfsDirectoryName } from '../storage/default-blob-store';
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

/** A generator whose one image is a real PNG drawn here, with the settings it was asked for. */
const canvasGenerator: MediaAIGenerator = {
  async generateImages(request) {
    const canvas = new OffscreenCanvas(request.width, request.height);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.fillStyle = 'rgb(240 120 20)';
    context.fillRect(0, 0, request.width, request.height);
    context.fillStyle = 'rgb(20 40 160)';
    context.fillRect(0, request.height / 2, request.width, request.height / 2);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return [
      {
        file: new File([blob], 'ai-local-99.png', { type: 'image/png' }),
        metadata: {
          provider: 'local',
          model: 'local/placeholder',
          prompt: request.prompt,
          ...(request.negativePrompt ? { negativePrompt: request.negativePrompt } : {}),
          seed: request.seed ?? 99,
          width: request.width,
          height: request.height,
        },
      },
    ];
  },
};

/** Removes the library's database and its OPFS files, as "clear site data" would. */
async function wipe(name: string): Promise<void> {
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(libraryDbName(name));
    request.onsuccess = resolve;
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the database is still open'));
  });
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
}

describe('provenance round trip through a download', () => {
  it('brings a generated image back as AI after the library was cleared', async () => {
    const name = `provenance-trip-${crypto.randomUUID()}`;
    const first = createMediaLibrary({ name, broadcast: false });
    await first.ready;
    const [generated] = await generateIntoLibrary(first, canvasGenerator, {
      prompt: 'a lighthouse on a basalt cliff at dusk',
      negativePrompt: 'people, text',
      seed: 4242,
      width: 48,
      height: 32,
    });
    if (generated?.status !== 'imported') throw new Error('not generated');
    const asset = generated.asset;
    const downloaded = await downloadableBlob(first, asset);
    if (!downloaded) throw new Error('no download');
    const bytes = new Uint8Array(await downloaded.arrayBuffer());
    first.close();
    await wipe(name);
    const root = await navigator.storage.getDirectory();
    const names: string[] = [];
    for await (const key of (root as unknown as { keys(): AsyncIterable<string> }).keys()) {
      names.push(key);
    }
    expect(names).not.toContain(opfsDirectoryName(name));

    const second = createMediaLibrary({ name, broadcast: false });
    try {
      await second.ready;
      expect(second.query().total).toBe(0);
      const [again] = await second.importFiles([
        new File([bytes], asset.name, { type: 'image/png' }),
      ]);
      if (again?.status !== 'imported') throw new Error(`not imported: ${again?.status}`);
      expect(again.asset.source).toMatchObject({
        type: 'ai',
        prompt: 'a lighthouse on a basalt cliff at dusk',
        negativePrompt: 'people, text',
        seed: 4242,
        model: 'local/placeholder',
      });
      expect([again.asset.width, again.asset.height]).toEqual([48, 32]);
      expect(second.query({ text: 'basalt cliff' }).items.map((a) => a.id)).toEqual([
        again.asset.id,
      ]);
      expect(second.query({ text: 'snowy forest' }).total).toBe(0);
    } finally {
      second.close();
      await wipe(name).catch(() => undefined);
    }
  });
});
