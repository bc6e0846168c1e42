// The import with thumbnails, with the renderer replaced by one that waits until released:
// the next files are read and hashed while a thumbnail renders, and every asset still gets the
// thumbnail made for its own bytes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from './import/hash';
import type { MediaLibraryInstance } from './library';
import { createHarness, pngFile } from './testing/library-harness';

const log: string[] = [];
const gates: Array<() => void> = [];

vi.mock('./import/thumbnail', () => ({
  async createThumbnail(blob: Blob) {
    // Read through a slice: the logged reads below count only the import's own.
    const hash = (await sha256Hex(blob.slice())).slice(0, 8);
    log.push(`thumbnail ${hash}`);
    await new Promise<void>((resolve) => gates.push(resolve));
    log.push(`thumbnail done ${hash}`);
    const bytes = new TextEncoder().encode(`thumb of ${hash}`);
    return {
      blob: new Blob([bytes], { type: 'image/webp' }),
      type: 'image/webp',
      width: 4,
      height: 3,
    };
  },
}));

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
  log.length = 0;
  gates.length = 0;
});

/** A file whose reads are logged, so the order of reads and thumbnails can be checked. */
function loggedFile(seed: number, name: string): File {
  const file = pngFile(seed, name);
  return new (class extends File {
    override arrayBuffer(): Promise<ArrayBuffer> {
      log.push(`read ${name}`);
      return super.arrayBuffer();
    }
  })([file], name, { type: file.type });
}

describe('importFiles with thumbnails', () => {
  it('hashes the next files while a thumbnail renders, and keeps each thumbnail with its asset', async () => {
    const h = createHarness();
    const library = h.open();
    opened.push(library);
    const files = [loggedFile(90, 'a.png'), loggedFile(91, 'b.png'), loggedFile(92, 'c.png')];
    const run = library.importFiles(files);
    // Release the renders one by one, once all three files have been read.
    await vi.waitFor(() => expect(log.filter((l) => l.startsWith('read'))).toHaveLength(3));
    expect(log.some((line) => line.startsWith('thumbnail done'))).toBe(false);
    while (log.filter((l) => l.startsWith('thumbnail done')).length < 3) {
      await vi.waitFor(() => expect(gates.length).toBeGreaterThan(0));
      gates.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const results = await run;
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
    for (const [index, result] of results.entries()) {
      if (result.status !== 'imported') continue;
      const thumbnail = await library.getBlob(result.asset.id, 'thumbnail');
      const own = (await sha256Hex(files[index] as File)).slice(0, 8);
      expect(await thumbnail?.text()).toBe(`thumb of ${own}`);
    }
  });
});
