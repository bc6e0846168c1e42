// The analysis stage of the import pipeline: sniff, hash, look the hash up, measure and make
// the thumbnail, ahead of the writes. It writes nothing and changes no batch state; everything
// that decides what is kept happens in library-import.ts.
import { fromStoredAsset, type LibraryDb } from './db';
import { ImportAbortedError } from './errors';
import { STREAM_HASH_ABOVE_BYTES, sha256Hex } from './import/hash';
import { type MediaMeasurements, probeMedia } from './import/measure';
import { isMarkupMimeType } from './import/mime-types';
import { bytesShowKind, SNIFF_BYTES, sniffType } from './import/sniff';
import { createThumbnail, type Thumbnail } from './import/thumbnail';
import type { LibraryContext } from './library-context';
import { readProvenanceBytes } from './provenance/read';
import type {
  AssetKind,
  AssetMeta,
  AssetSource,
  BlobStore,
  ImportOptions,
  MediaAsset,
} from './types';
import type { WriteMark } from './write-marks';

/** Default longest side of a thumbnail, in pixels. */
export const DEFAULT_THUMBNAIL_SIZE = 400;

/** How much of a file's start is kept for reading image headers (their usual home). */
const HEADER_BYTES = 64 * 1024;

/** Formats whose bytes may carry a generated image's provenance. */
const PROVENANCE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** How much of a big file's start is read for provenance (it sits before the image data). */
const PROVENANCE_BYTES = 1024 * 1024;

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
      sourceModule?: string;
      meta?: AssetMeta;
    }
  | { invalid: Error; name: string };

/** What one batch shares while it runs. */
export interface Batch {
  ctx: LibraryContext;
  db: LibraryDb;
  blobs: BlobStore;
  options: ImportOptions;
  /** The batch's write mark (write-marks.ts), once it writes. */
  mark?: WriteMark;
  /** Every blob key this batch wrote, for the roll-back. */
  written: string[];
  /**
   * Hash -> the batch's asset with those bytes once they are written (undefined if that write
   * failed), for duplicates inside the batch.
   */
  byHash: Map<string, Promise<MediaAsset | undefined>>;
  /** Bytes counted against the storage cap so far. */
  reserved: number;
  /**
   * Original bytes of the inputs the write stage has not decided on yet. With `reserved`, the
   * figure of a storage-full error: what the whole batch needs, each file counted once.
   */
  remainingBytes: number;
  /** The first error of a write under way that ends the batch, seen before its turn. */
  failure?: { error: unknown };
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
  /**
   * Measurements and thumbnail, started ahead unless the bytes looked like a duplicate (which
   * would waste the work). Not awaited by the analysis: the next file is hashed while the
   * thumbnail workers render this one.
   */
  media?: Promise<Media>;
}

export interface Media {
  measured: MediaMeasurements;
  thumbnail: Thumbnail | undefined;
  /** The bytes claim image, video or audio but do not decode: see `MediaAsset.unreadable`. */
  unreadable: boolean;
}

/**
 * Formats whose decoding depends on the browser (Chromium reads no HEIC or TIFF): a decoder
 * refusing them says nothing about the file, so only a missing signature marks them unreadable.
 */
const BROWSER_DEPENDENT_TYPES = new Set(['image/heic', 'image/heif', 'image/tiff', 'image/jxl']);

/**
 * Returns `analysisOf(index)`: the analysis of item `index`, having started those of the next
 * `lookahead` items too. Each analysis starts when the one before it has settled, so they run
 * in input order and only one reads a whole file at a time: looking further ahead costs no
 * memory for the bytes (an analysis keeps the Blob, a header and the thumbnail), it only lets
 * a run of small files build up slack for a big one behind them. Asking in order (as the
 * write stage does) never starts an item twice.
 */
export function createAnalyser(
  batch: Batch,
  items: PreparedInput[],
  lookahead: number,
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
    const last = Math.min(index + lookahead, items.length - 1);
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
  // A plain upload of a generated image gets the prompt and settings its file carries. The
  // source is the item's own, so setting it here changes nothing the batch shares.
  if (item.source.type === 'upload' && PROVENANCE_TYPES.has(mimeType)) {
    const bytes = whole ?? new Uint8Array(await item.blob.slice(0, PROVENANCE_BYTES).arrayBuffer());
    const provenance = readProvenanceBytes(bytes);
    if (provenance) item.source = provenance.source;
  }

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
  const media = measureAndThumbnail(batch, kind, mimeType, blob, measureHead);
  // Handled when the write stage reaches the item; one it never reaches must not surface.
  media.catch(() => undefined);
  analysis.media = media;
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
  const media = kind === 'image' || kind === 'video' || kind === 'audio';
  const thumbnails = batch.ctx.options.thumbnails;
  const settings = thumbnails === false ? undefined : thumbnails;
  const thumbnailOptions = {
    maxSize: settings?.maxSize ?? DEFAULT_THUMBNAIL_SIZE,
    ...(settings?.type ? { type: settings.type } : {}),
  };
  if (kind === 'text' && thumbnails !== false && !isMarkupMimeType(mimeType)) {
    // Its first lines, drawn: text has nothing to measure and no decoder to refuse it. Markup
    // (HTML, XML) keeps its labelled box, so a page's source never looks like its picture.
    const thumbnail = await createThumbnail(blob, { ...thumbnailOptions, kind });
    throwIfAborted(signal);
    return { measured: {}, thumbnail, unreadable: false };
  }
  if (kind === 'document' && mimeType === 'application/pdf' && thumbnails !== false) {
    // pdf.js and its worker load on the first PDF only.
    const { createPdfPreview } = await import('./import/pdf-preview');
    const { thumbnail, pageCount } = await createPdfPreview(blob, {
      maxSize: thumbnailOptions.maxSize,
      type: thumbnailOptions.type ?? 'image/webp',
      quality: 0.85,
    });
    throwIfAborted(signal);
    return { measured: pageCount !== undefined ? { pageCount } : {}, thumbnail, unreadable: false };
  }
  if (!media) return { measured: {}, thumbnail: undefined, unreadable: false };
  // Bytes that show no signature of their kind were typed by their name alone.
  const sniffHead = head ?? new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  let unreadable = !bytesShowKind(sniffHead.subarray(0, SNIFF_BYTES), kind);
  const probe = unreadable
    ? { measured: {} }
    : await probeMedia(blob, kind, mimeType, head ? { head } : {});
  let undecodable = probe.undecodable === true;
  throwIfAborted(signal);
  const duration = probe.measured.duration;
  const thumbnail =
    // Video and audio the media element refused are not handed to a decoder again.
    thumbnails !== false && !unreadable && (kind === 'image' || !undecodable)
      ? await createThumbnail(blob, {
          ...thumbnailOptions,
          ...(kind === 'image' ? {} : { kind }),
          ...(duration !== undefined ? { duration } : {}),
          head: sniffHead,
          onUndecodable: () => {
            undecodable = true;
          },
        })
      : undefined;
  throwIfAborted(signal);
  if (undecodable && !BROWSER_DEPENDENT_TYPES.has(mimeType)) unreadable = true;
  return { measured: probe.measured, thumbnail, unreadable };
}

/**
 * The library's asset with these bytes, if any. Once the whole index is loaded, it is looked up
 * there (an index by hash is built once per version of the loaded assets); until then, and in
 * a library still loading, IndexedDB is asked. Both see what other tabs committed as soon as
 * it is synced here; asking IndexedDB for each file cost ~15% of an import without thumbnails
 * (bench/browser/import-storage).
 */
export async function findByHash(batch: Batch, sha256: string): Promise<MediaAsset | undefined> {
  const state = batch.ctx.store.getState();
  // The Trash's assets count: bytes there are still stored, and importing them restores them.
  if (state.status === 'ready') {
    return hashIndex(state.assets).get(sha256) ?? hashIndex(state.trash).get(sha256);
  }
  const record = await batch.db.getFromIndex('assets', 'sha256', sha256);
  if (!record) return undefined;
  return state.assets.get(record.id) ?? state.trash.get(record.id) ?? fromStoredAsset(record);
}

/** Hash -> asset for one version of the loaded assets (the store replaces the map on change). */
const hashIndexes = new WeakMap<ReadonlyMap<string, MediaAsset>, Map<string, MediaAsset>>();

function hashIndex(assets: ReadonlyMap<string, MediaAsset>): Map<string, MediaAsset> {
  let index = hashIndexes.get(assets);
  if (!index) {
    index = new Map();
    // Of assets kept with the same bytes, the lowest id, as the IndexedDB index returns.
    for (const asset of assets.values()) {
      const known = index.get(asset.sha256);
      if (!known || asset.id < known.id) index.set(asset.sha256, asset);
    }
    hashIndexes.set(assets, index);
  }
  return index;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportAbortedError({ cause: signal.reason });
}
