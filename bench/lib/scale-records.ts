// The scale bench's 100,000 records, shared by the page that measures (scale-run.ts) and the
// worker that writes them (scale-seed.worker.ts).
import type { StoredAsset } from '../../packages/media-library/src/core/db';
import { benchRecord, recordId } from './records';

/** How many assets the scale bench opens. */
export const COUNT = 100_000;

/** Record `index` of the scale bench: images with PNG thumbnails, in no collection. */
export const record = (index: number): StoredAsset =>
  benchRecord(index, { prefix: 'scale', thumbnailType: 'image/png' });

/**
 * The blob keys of every record (original and thumbnail), as a blob store lists them: new
 * strings on each listing, made a few thousand at a time with a pause between, as a browser's
 * directory listing arrives in batches.
 */
export async function listRecordKeys(): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const id = recordId(i, 'scale');
    keys.push(`o/${id}`, `t/${id}`);
    if (i % 5_000 === 4_999) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return keys;
}
