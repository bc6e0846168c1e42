// The zip of several originals (its zip code loads on the first zip): every original inside,
// byte for byte, and two files of one name kept apart.
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaLibraryInstance } from '../core/library';
import { createHarness, pngBytes, pngFile } from '../core/testing/library-harness';
import { zipAssets } from './download';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

describe('zipAssets', () => {
  it('holds every original, and names a second "fox.png" "fox (2).png"', async () => {
    const library = createHarness().open();
    opened.push(library);
    await library.ready;
    const results = await library.importFiles([pngFile(1, 'fox.png'), pngFile(2, 'fox.png')]);
    const ids = results.map((result) => (result.status === 'imported' ? result.asset.id : ''));

    const zip = await zipAssets(library, ids);

    expect(zip.type).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['fox (2).png', 'fox.png']);
    expect([...(files['fox.png'] ?? [])]).toEqual([...pngBytes(1)]);
    expect([...(files['fox (2).png'] ?? [])]).toEqual([...pngBytes(2)]);
  });
});
