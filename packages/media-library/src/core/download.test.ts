// downloadAsset's refusals: an asset gone from the library (deleted for good, or in the Trash)
// and one whose file is no longer stored are typed `not_found` errors, and nothing is counted.
import { afterEach, describe, expect, it } from 'vitest';
import { downloadAsset } from './download';
import { AssetNotFoundError, MediaLibraryError } from './errors';
import type { MediaLibraryInstance } from './library';
import { createHarness, type Harness, pngFile } from './testing/library-harness';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

async function withImage(h: Harness = createHarness()) {
  const library = h.open();
  opened.push(library);
  await library.ready;
  const [result] = await library.importFiles([pngFile(1, 'fox.png')]);
  const id = result?.status === 'imported' ? result.asset.id : '';
  return { h, library, id };
}

async function refusal(promise: Promise<unknown>): Promise<AssetNotFoundError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(AssetNotFoundError);
  expect(caught).toBeInstanceOf(MediaLibraryError);
  return caught as AssetNotFoundError;
}

describe('downloadAsset refusals', () => {
  it('refuses an id the library never had with not_found, naming the id', async () => {
    const { library } = await withImage();
    const error = await refusal(downloadAsset(library, 'no-such-id'));
    expect(error.code).toBe('not_found');
    expect(error.assetId).toBe('no-such-id');
    expect(error.message).toMatch(/no longer in the library/);
  });

  it('refuses an asset in the Trash, and counts no download', async () => {
    const { library, id } = await withImage();
    await library.delete(id);
    const error = await refusal(downloadAsset(library, id));
    expect(error.assetId).toBe(id);
    expect(library.getState().trash.get(id)?.usage.downloads).toBe(0);
  });

  it('refuses an asset whose file is gone from storage, naming the file', async () => {
    const { h, library, id } = await withImage();
    await h.blobStore.delete(library.get(id)?.blobKey as string);
    const error = await refusal(downloadAsset(library, id));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('"fox.png"');
    expect(library.get(id)?.usage.downloads).toBe(0);
  });
});
