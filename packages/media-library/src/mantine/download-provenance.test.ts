// Provenance that travels: a generated image downloads with its prompt and settings written in,
// and importing that file into another library gives the new asset the same source. Every
// other original downloads byte for byte.
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaLibraryInstance } from '../core/library';
import { readProvenanceBytes } from '../core/provenance/read';
import { sampleJpegStructure, samplePng, sampleSource } from '../core/provenance/test-images';
import { createHarness, pngBytes } from '../core/testing/library-harness';
import type { AssetSource, MediaAsset } from '../core/types';
import { downloadableBlob, zipAssets } from './download';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

async function freshLibrary(): Promise<MediaLibraryInstance> {
  const library = createHarness().open();
  opened.push(library);
  await library.ready;
  return library;
}

async function importOne(
  library: MediaLibraryInstance,
  file: File,
  source?: AssetSource,
): Promise<MediaAsset> {
  const [result] = await library.importFiles([file], source ? { source } : {});
  if (result?.status !== 'imported') throw new Error(`not imported: ${result?.status}`);
  return result.asset;
}

const bytes = async (blob: Blob | undefined) => new Uint8Array((await blob?.arrayBuffer()) ?? []);

describe('downloadableBlob', () => {
  it('writes a generated PNG its provenance, and a fresh library imports the same source', async () => {
    const library = await freshLibrary();
    const asset = await importOne(
      library,
      new File([samplePng() as Uint8Array<ArrayBuffer>], 'fox.png'),
      sampleSource,
    );

    const downloaded = await downloadableBlob(library, asset);
    expect(downloaded?.type).toBe('image/png');
    expect(downloaded?.size).toBeGreaterThan(asset.size);
    expect(readProvenanceBytes(await bytes(downloaded))).toEqual({
      source: sampleSource,
      createdAt: asset.createdAt,
    });

    const other = await freshLibrary();
    const imported = await importOne(other, new File([downloaded as Blob], 'fox.png'));
    expect(imported.source).toEqual(sampleSource);
  });

  it('round-trips a generated JPEG through its XMP', async () => {
    const library = await freshLibrary();
    const jpeg = new File([sampleJpegStructure() as Uint8Array<ArrayBuffer>], 'fox.jpg');
    const asset = await importOne(library, jpeg, sampleSource);
    const downloaded = await downloadableBlob(library, asset);
    const other = await freshLibrary();
    const imported = await importOne(other, new File([downloaded as Blob], 'fox.jpg'));
    expect(imported.source).toEqual(sampleSource);
  });

  it('gives an uploaded original back byte for byte, and keeps an import source it was told', async () => {
    const library = await freshLibrary();
    const plain = await importOne(
      library,
      new File([samplePng() as Uint8Array<ArrayBuffer>], 'plain.png'),
    );
    expect(plain.source).toEqual({ type: 'upload' });
    expect([...(await bytes(await downloadableBlob(library, plain)))]).toEqual([...samplePng()]);

    const generated = await importOne(
      library,
      new File([sampleJpegStructure() as Uint8Array<ArrayBuffer>], 'x.jpg'),
      sampleSource,
    );
    const withProvenance = await downloadableBlob(library, generated);
    expect(readProvenanceBytes(await bytes(withProvenance))?.source).toEqual(sampleSource);
    const other = await freshLibrary();
    const fromUrl = await importOne(other, new File([withProvenance as Blob], 'x.jpg'), {
      type: 'url',
      url: 'https://example.com/x.jpg',
    });
    expect(fromUrl.source).toEqual({ type: 'url', url: 'https://example.com/x.jpg' });
  });

  it('zips generated images with their provenance and other originals unchanged', async () => {
    const library = await freshLibrary();
    const generated = await importOne(
      library,
      new File([samplePng() as Uint8Array<ArrayBuffer>], 'ai.png'),
      sampleSource,
    );
    const plain = await importOne(
      library,
      new File([pngBytes(5) as Uint8Array<ArrayBuffer>], 'plain.png'),
    );

    const files = unzipSync(await bytes(await zipAssets(library, [generated.id, plain.id])));
    expect(readProvenanceBytes(files['ai.png'] ?? new Uint8Array())?.source).toEqual(sampleSource);
    expect([...(files['plain.png'] ?? [])]).toEqual([...pngBytes(5)]);
  });
});
