// The scale bench's 100,000 records, shared by the page that measures (scale-run.ts) and the
// worker that writes them (scale-seed.worker.ts).
import type { StoredAsset } from '../../packages/media-library/src/core/db';
import { benchRecord, recordBlobKeys } from './records';

/** How many assets the scale bench opens. */
export const COUNT = 100_000;

/** Record `index` of the scale bench: images with PNG thumbnails, in no collection. */
export const record = (index: number): StoredAsset =>
  benchRecord(index, { prefix: 'scale', thumbnailType: 'image/png' });

/** The blob keys of every record (original and thumbnail), as the blob store lists them. */
export const recordKeys = (): string[] => recordBlobKeys(COUNT, 'scale');
