// The analysis stage of the import pipeline: sniff, hash, look the hash up, measure and make
// the thumbnail, for up to LOOKAHEAD items ahead of the writes. It writes nothing and changes
// no batch state; everything that decides what is kept happens in library-import.ts.
import { fromStoredAsset, type LibraryDb } from './db';
import { ImportAbortedError } from './errors';
import { STREAM_HASH_ABOVE_BYTES, sha256Hex } from './import/hash';
import { type MediaMeasurements, measureMedia } from './import/measure';
import { SNIFF_BYTES, sniffType } from './import/sniff';
import { createThumbnail, type Thumbnail } from './import/thumbnail';
import type { LibraryContext } from './library-context';
import type { AssetKind, AssetSource, BlobStore, ImportOptions, MediaAsset } from './types';

/** Default longest side of a thumbnail, in pixels. */
export const DEFAULT_THUMBNAIL_SIZE = 400;

/**
 * How many items the analysis may run ahead of the writes. Analyses run one at a time, so
 * this costs no extra memory for the bytes (only one file is read whole for its hash at a
 * time); it only lets a run of small files build up slack for a big one behind them.
 */
const LOOKAHEAD = 2;

/** How much of a file's start is kept for reading image headers (their usual home). */
const HEADER_BYTES = 64 * 1024;

/** An input with its details pulled out, or why it cannot be imported at all. */
export type PreparedInput =
  | {
      blob: Blob;
      name: string | undefined;
      source: AssetSource;
      title?: string;
      description?: string;
      alt?: string;
      tags: string[];
      collectionIds: string[];
    }
  | { invalid: Error; name: string };

/** What one batch shares while it runs. */
export interface Batch {
  ctx: LibraryContext;
  db: LibraryDb;
  blobs: BlobStore;
  options: ImportOptions;
  /** Every blob key this batch wrote, for the roll-back. */
  written: string[];
  /** Records to write at the end, in input order. */
  records: MediaAsset[];
  /** Hash -> asset, for duplicates inside the batch. */
  byHash: Map<string, MediaAsset>;
  /** Bytes counted against the storage cap so far. */
  reserved: number;
  /** Original bytes of the inputs not yet written, for the storage-full figure. */
  remainingBytes: number;
  /**
   * The part of `remainingBytes` already in `reserved`: the original of the item being written,
   * once reserved. Keeps a failed write from being counted twice in the storage-full figure.
   */
  currentReserved: number;
  /** Set when the batch has committed or failed: no further analysis starts. */
  over: boolean;
}

/** Sniffed, hashed and perhaps measured and thumbnailed: nothing written, nothing decided. */
export interface Analysis {
  kind: AssetKind;
  mimeType: string;
  /** The bytes, typed with the sniffed MIME type. */
  blob: Blob;
  sha256: string;
  /** Whether the library was asked for an asset with these bytes (skipped when dupes are kept). */
  lookedUp: boolean;
  /** The library's asset with the same bytes when it was looked up, if any. */
  existing?: MediaAsset;
  /** Made ahead unless the bytes looked like a duplicate, which would waste the work. */
  media?: Media;
}

export interface Media {
  measured: MediaMeasurements;
  thumbnail: Thumbnail | undefined;
}

/**
 * Returns `analysisOf(index)`: the analysis of item `index`, having started those of the next
 * LOOKAHEAD items too. Each analysis starts when the one before it has settled, so they run in
 * input order and only one reads a whole file at a time. Asking in order (as the write stage
 * does) never starts an item twice.
 */
export function createAnalyser(
  batch: Batch,
  items: PreparedInput[],
): (index: number) => Promise<Analysis> | undefined {
  const started: (Promise<Analysis> | undefined)[] = [];
  /** Hash -> the first index whose analysis met it, to skip speculative work for repeats. */
  const firstWithHash = new Map<string, number>();
  let previous: Promise<unknown> = Promise.resolve();

  const start = (index: number) => {
    const item = items[index];
    if (!item || 'invalid' in item) {
      started[index] = undefined;
      return;
    }
    const analysis = previous.then(() => {
      // Work queued ahead is dropped once the batch is over (aborted, failed or closed).
      if (batch.over) throw new ImportAbortedError();
      throwIfAborted(batch.options.signal);
      batch.ctx.assertOpen();
      return analyse(batch, item, index, firstWithHash);
    });
    // Rejections are handled when the write stage reaches the item; one the batch never
    // reaches (it was aborted or failed first) must not surface as unhandled.
    analysis.catch(() => undefined);
    previous = analysis.catch(() => undefined);
    started[index] = analysis;
  };

  return (index) => {
    const last = Math.min(index + LOOKAHEAD, items.length - 1);
    for (let next = started.length; next <= last; next++) start(next);
    return started[index];
  };
}

/** Sniffs, hashes, looks the hash up and (unless a duplicate is likely) measures and thumbnails. */
async function analyse(
  batch: Batch,
  item: Exclude<PreparedInput, { invalid: Error }>,
  index: number,
  firstWithHash: Map<string, number>,
): Promise<Analysis> {
  const { options } = batch;
  const signal = options.signal;
  // Each read of a Blob is a copy out of the browser's blob storage, next to the write the
  // import's main cost: a file small enough to hold whole is read once for sniff and hash.
  // Bigger ones (long videos) keep memory flat: a small read to sniff, a streamed hash.
  const whole =
    item.blob.size <= STREAM_HASH_ABOVE_BYTES
      ? new Uint8Array(await item.blob.arrayBuffer())
      : undefined;
  const head =
    whole?.subarray(0, SNIFF_BYTES) ??
    new Uint8Array(await item.blob.slice(0, SNIFF_BYTES).arrayBuffer());
  const { kind, mimeType } = sniffType(head, item.name, item.blob.type);
  // Stored and thumbnailed with the sniffed type; slicing does not copy the bytes.
  const blob =
    item.blob.type === mimeType ? item.blob : item.blob.slice(0, item.blob.size, mimeType);
  throwIfAborted(signal);

  // A copy of the header's window for measuring, so the whole file need not stay in memory
  // while its thumbnail is made.
  const measureHead = whole?.slice(0, HEADER_BYTES);
  const sha256 = await sha256Hex(whole ?? blob);
  throwIfAborted(signal);
  const analysis: Analysis = { kind, mimeType, blob, sha256, lookedUp: false };
  if (!options.keepDuplicates) {
    const first = firstWithHash.get(sha256);
    // Same bytes as an earlier item of the batch: most likely a duplicate of it. Whether it is
    // (the earlier one may still fail) is decided in order by the write stage, which also
    // looks the library up and makes what is missing if it is not.
    if (first !== undefined && first < index) return analysis;
    firstWithHash.set(sha256, index);
    analysis.existing = await findByHash(batch, sha256);
    analysis.lookedUp = true;
    if (analysis.existing) return analysis;
  }
  analysis.media = await measureAndThumbnail(batch, kind, mimeType, blob, measureHead);
  return analysis;
}

export async function measureAndThumbnail(
  batch: Batch,
  kind: AssetKind,
  mimeType: string,
  blob: Blob,
  head?: Uint8Array,
): Promise<Media> {
  const signal = batch.options.signal;
  const measured =
    kind === 'image' || kind === 'video' || kind === 'audio'
      ? await measureMedia(blob, kind, mimeType, head ? { head } : {})
      : {};
  throwIfAborted(signal);
  const thumbnails = batch.ctx.options.thumbnails;
  const thumbnail =
    thumbnails !== false && (kind === 'image' || kind === 'video')
      ? await createThumbnail(blob, {
          maxSize: thumbnails?.maxSize ?? DEFAULT_THUMBNAIL_SIZE,
          ...(thumbnails?.type ? { type: thumbnails.type } : {}),
        })
      : undefined;
  throwIfAborted(signal);
  return { measured, thumbnail };
}

export async function findByHash(batch: Batch, sha256: string): Promise<MediaAsset | undefined> {
  const record = await batch.db.getFromIndex('assets', 'sha256', sha256);
  if (!record) return undefined;
  return batch.ctx.store.getState().assets.get(record.id) ?? fromStoredAsset(record);
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportAbortedError({ cause: signal.reason });
}
