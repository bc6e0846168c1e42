// Plausible stored records for the benches that seed a library straight into its database
// (scale, library-open): tags, a prompt for a third, sizes, times spread over two years.
import { openLibraryDb, type StoredAsset } from '../../packages/media-library/src/core/db';

/** What differs between the benches' records. */
export interface RecordShape {
  /** Prefix of every id (`<prefix>-<index in base 36>`). */
  prefix: string;
  thumbnailType: string;
  /** Every n-th record is a video. Default: none. */
  videoEvery?: number;
  /** Every n-th record is in one of 20 collections. Default: none. */
  collectionEvery?: number;
}

/** The id of record `index`. */
export const recordId = (index: number, prefix: string) =>
  `${prefix}-${index.toString(36).padStart(6, '0')}`;

/** The blob keys (original and thumbnail) of records 0 to `count - 1`, as a blob store lists them. */
export function recordBlobKeys(count: number, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = recordId(i, prefix);
    keys.push(`o/${id}`, `t/${id}`);
  }
  return keys;
}

/** Record `index` of the given shape; the same index always gives the same record. */
export function benchRecord(index: number, shape: RecordShape): StoredAsset {
  const id = recordId(index, shape.prefix);
  const ai = index % 3 === 0;
  const video = shape.videoEvery !== undefined && index % shape.videoEvery === 0;
  const collected = shape.collectionEvery !== undefined && index % shape.collectionEvery === 0;
  return {
    id,
    kind: video ? 'video' : 'image',
    name: `photo-${index}.jpg`,
    mimeType: 'image/jpeg',
    size: 50_000 + ((index * 7919) % 2_000_000),
    width: 1024 + (index % 512),
    height: 768 + (index % 256),
    sha256: index.toString(16).padStart(64, '0'),
    blobKey: `o/${id}`,
    thumbnailKey: `t/${id}`,
    thumbnailType: shape.thumbnailType,
    title: index % 4 === 0 ? `Holiday ${index}` : undefined,
    tags: [`tag-${index % 50}`, `group-${index % 7}`],
    favorite: index % 13 === 0 ? 1 : 0,
    collectionIds: collected ? [`collection-${index % 20}`] : [],
    source: ai
      ? { type: 'ai', provider: 'local', model: 'sdxl', prompt: `a red fox number ${index}` }
      : { type: 'upload' },
    sourceType: ai ? 'ai' : 'upload',
    usage: { downloads: 0, shares: 0, uses: 0 },
    // Shuffled order of creation, so the createdAt index is not the key order.
    createdAt: 1_600_000_000_000 + ((index * 104_729) % 63_072_000_000),
    updatedAt: 1_600_000_000_000 + index,
  } as StoredAsset;
}

/** Records written per transaction. */
const WRITE_BATCH = 10_000;

/** Writes records 0 to `count - 1` of `make` straight into library `name`'s database. */
export async function writeRecords(
  name: string,
  count: number,
  make: (index: number) => StoredAsset,
): Promise<void> {
  const db = await openLibraryDb(name, indexedDB);
  for (let start = 0; start < count; start += WRITE_BATCH) {
    const tx = db.transaction('assets', 'readwrite');
    for (let i = start; i < Math.min(count, start + WRITE_BATCH); i++) tx.store.put(make(i));
    await tx.done;
  }
  db.close();
}
