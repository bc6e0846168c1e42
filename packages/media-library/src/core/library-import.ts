// The import pipeline every way in shares (files, drop, paste, URL, a Blob from code):
// sniff -> hash -> dedupe -> measure -> thumbnail -> write bytes -> write all records at once.
//
// Consistency rules: bytes are written before records, so a crash in between can only leave
// orphan bytes, which the start-up sweep removes. A batch's records are written in one
// transaction; if it fails or the batch is aborted, every blob the batch wrote is deleted.
//
// The stages overlap so that hashing (a full read of the bytes), rendering thumbnails and
// writing never wait for one another: the analysis (library-import-analysis.ts: sniff, hash,
// look-up, measure) runs one item at a time, in input order, ahead of the write stage, and
// hands each thumbnail to the thumbnail worker without waiting for it; up to WRITE_LANES
// items' bytes are written at once. Analysis has no side effects (it writes nothing, changes
// no batch state), so everything that decides what is kept (dedupe, ids, the storage cap)
// still happens strictly in input order, as when the steps ran one after another; results
// and progress are reported in input order too. A repeat of bytes still being written waits
// for that write, so it is a duplicate only of an asset that exists.
import {
  eachRequest,
  fromStoredAsset,
  inWriteTransaction,
  type LibraryDb,
  toStoredAsset,
} from './db';
import {
  ImportAbortedError,
  ImportFailedError,
  MediaLibraryError,
  StorageFullError,
  UnreadableFileError,
} from './errors';
import { normalizeMeta, normalizeSourceModule } from './host-data';
import { isUnreadableResult } from './import/import-summary';
import type { LibraryContext } from './library-context';
import {
  type Analysis,
  type Batch,
  createAnalyser,
  findByHash,
  measureAndThumbnail,
  type PreparedInput,
  throwIfAborted,
} from './library-import-analysis';
import { defaultName, nameFromUrl, normalizeTags } from './library-records';
import { libraryBytes } from './library-statistics';
import { restoreTrashedDuplicates } from './library-trash';
import { isQuotaExceeded, toStorageFullError } from './storage/quota';
import type {
  AssetMeta,
  AssetSource,
  ImportFromUrlOptions,
  ImportInput,
  ImportItemResult,
  ImportOptions,
  ImportProgress,
  MediaAsset,
  MediaUrlFetcher,
} from './types';
import { freeBytes, markingWrites, type WriteMark } from './write-marks';

/**
 * How many items' bytes may be written at once, and how far past the item being decided the
 * analysis reads ahead. One file's write is mostly waiting (creating the file, the browser
 * copying the bytes in, closing it), so several at once keep the disk and both cores busy
 * while the next files are hashed. Measured on 2 cores (bench/browser/import-storage), the
 * path without thumbnails against a raw, one-at-a-time OPFS write: 1 lane 0.6x, 3 lanes
 * ~0.75x, 6 lanes ~0.85x; 8 and 12 lanes gained nothing more.
 */
const WRITE_LANES = 6;

/**
 * With `keepFinished`, finished files are committed once this many wait, or once the oldest
 * has waited COMMIT_AFTER_MS: often enough that a large batch fills the grid as it goes, seldom
 * enough that a commit (one transaction, one store update, one render) stays a small share.
 */
const COMMIT_EVERY = 8;
const COMMIT_AFTER_MS = 250;

/** Imports `inputs` as one batch; see `MediaLibrary.importFiles`. */
export async function importBatch(
  ctx: LibraryContext,
  inputs: Iterable<ImportInput>,
  options: ImportOptions = {},
): Promise<ImportItemResult[]> {
  // Bytes found in the Trash bring their asset back rather than hide behind a "duplicate".
  return restoreTrashedDuplicates(ctx, await importNew(ctx, inputs, options));
}

async function importNew(
  ctx: LibraryContext,
  inputs: Iterable<ImportInput>,
  options: ImportOptions,
): Promise<ImportItemResult[]> {
  ctx.assertOpen();
  const defaults: InputDefaults = { source: options.source ?? { type: 'upload' } };
  // Defaults for the whole batch are the caller's own mistake: refuse the call, read nothing.
  if (options.sourceModule !== undefined) {
    defaults.sourceModule = normalizeSourceModule(options.sourceModule);
  }
  if (options.meta !== undefined) defaults.meta = normalizeMeta(options.meta);
  const items = Array.from(inputs, (input) => prepareInput(input, defaults));
  // With `keepFinished` a cancel is an outcome, even one that came before anything started.
  const canceledEarly = () => options.keepFinished === true && options.signal?.aborted === true;
  if (canceledEarly()) return withCanceled(items, [], 0);
  throwIfAborted(options.signal);
  const [db, blobs] = await Promise.all([ctx.db(), ctx.blobs()]);
  // The cap compares against the whole library's bytes, which are known once loaded.
  if (ctx.options.storageCap !== undefined) await ctx.loaded;
  if (canceledEarly()) return withCanceled(items, [], 0);
  throwIfAborted(options.signal);

  const sizeOf = (item: PreparedInput) => ('blob' in item ? item.blob.size : 0);
  const progress: ImportProgress = {
    filesDone: 0,
    filesTotal: items.length,
    bytesDone: 0,
    bytesTotal: items.reduce((sum, item) => sum + sizeOf(item), 0),
    unreadable: 0,
  };
  const batch: Batch = {
    ctx,
    db,
    blobs,
    options,
    written: [],
    byHash: new Map(),
    reserved: 0,
    remainingBytes: progress.bytesTotal,
    over: false,
  };
  if (items.length > 0) options.onProgress?.({ ...progress, current: items[0]?.name });

  // The mark tells the next start to sweep should this page die between bytes and records.
  return ctx.locks.shared(() => markingWrites(ctx, (mark) => writeBatch(mark)));
  async function writeBatch(mark: WriteMark): Promise<ImportItemResult[]> {
    batch.mark = mark;
    const results: ImportItemResult[] = [];
    /** Items decided (and perhaps being written) but not yet reported, oldest first. */
    const queue: {
      index: number;
      item: PreparedInput;
      result: Promise<ImportItemResult>;
      reserved: number;
    }[] = [];
    const keepFinished = options.keepFinished === true;
    /** Results before this index are committed (only with `keepFinished`). */
    let committed = 0;
    let lastCommit = Date.now();
    /** Bytes reserved for each asset of this batch, released when its record commits. */
    const reservedFor = new Map<string, number>();
    const analysisOf = createAnalyser(batch, items, WRITE_LANES);
    let records: MediaAsset[] = [];
    /** Assets of this batch whose bytes another batch committed first: theirs are kept. */
    let lost: MediaAsset[] = [];
    /** Waits for the oldest item to be done and reports it: results and progress stay in order. */
    const settleOldest = async () => {
      const { index, item, result, reserved } = queue.shift() as (typeof queue)[number];
      const settledResult = await result;
      results.push(settledResult);
      if (settledResult.status === 'imported') reservedFor.set(settledResult.asset.id, reserved);
      if (isUnreadableResult(settledResult)) progress.unreadable = (progress.unreadable ?? 0) + 1;
      progress.filesDone++;
      progress.bytesDone += sizeOf(item);
      // `current` names the file up next; the last report keeps the last file's name.
      options.onProgress?.({ ...progress, current: (items[index + 1] ?? item).name });
    };
    /**
     * Commits the results not yet committed: their records in one transaction, then the store.
     * From then on their bytes are the library's, no longer the batch's to roll back.
     */
    const commitFinished = async () => {
      const start = committed;
      const fresh = importedAssets(results.slice(start));
      lastCommit = Date.now();
      if (fresh.length > 0) {
        const taken = await writeRecords(db, fresh, !options.keepDuplicates);
        markTaken(ctx, results, taken, start);
        const kept = fresh.filter((asset) => !taken.has(asset.id));
        const gone = fresh.filter((asset) => taken.has(asset.id));
        const released = fresh.reduce((sum, asset) => sum + (reservedFor.get(asset.id) ?? 0), 0);
        ctx.pendingBytes -= released;
        batch.reserved -= released;
        const settledKeys = new Set(fresh.flatMap(assetKeys));
        batch.written = batch.written.filter((key) => !settledKeys.has(key));
        await freeBytes(blobs, gone.flatMap(assetKeys), mark);
        if (kept.length > 0) {
          ctx.commit({ upsert: kept }, { assets: kept.map((asset) => asset.id) });
        }
      }
      committed = results.length;
    };
    const commitIfDue = async () => {
      const waiting = results.length - committed;
      if (waiting >= COMMIT_EVERY || (waiting > 0 && Date.now() - lastCommit >= COMMIT_AFTER_MS)) {
        await commitFinished();
      }
    };
    try {
      for (const [index, item] of items.entries()) {
        throwIfAborted(options.signal);
        if (batch.failure) throw batch.failure.error;
        const { result, reserved } = await importOne(batch, item, analysisOf(index));
        batch.remainingBytes -= sizeOf(item);
        queue.push({ index, item, result, reserved });
        while (queue.length >= WRITE_LANES) {
          await settleOldest();
          if (keepFinished) await commitIfDue();
        }
      }
      while (queue.length > 0) {
        await settleOldest();
        if (keepFinished) await commitIfDue();
      }
      if (keepFinished) {
        await commitFinished();
        batch.over = true;
        return results;
      }
      throwIfAborted(options.signal);
      records = importedAssets(results);
      if (records.length > 0) {
        const taken = await writeRecords(db, records, !options.keepDuplicates);
        if (taken.size > 0) {
          markTaken(ctx, results, taken, 0);
          lost = records.filter((asset) => taken.has(asset.id));
          records = records.filter((asset) => !taken.has(asset.id));
        }
      }
    } catch (error) {
      batch.over = true;
      // Writes still under way end first, so that none of them lands after the clean-up.
      const ends = await Promise.allSettled(queue.map(({ result }) => result));
      const canceled =
        keepFinished && options.signal?.aborted && !(error instanceof StorageFullError);
      if (canceled) {
        // Files written before the cancel finished too: they are kept with the rest.
        for (const [position, end] of ends.entries()) {
          const { index, reserved } = queue[position] as (typeof queue)[number];
          if (end.status !== 'fulfilled') continue;
          results[index] = end.value;
          if (end.value.status === 'imported') reservedFor.set(end.value.asset.id, reserved);
        }
        // A cancel keeps every file that finished; those still being written are undone below.
        await commitFinished().catch(() => undefined);
      }
      // Nothing of a failed batch stays: its records were never committed, its bytes go now.
      await freeBytes(blobs, batch.written, mark);
      ctx.pendingBytes -= batch.reserved;
      if (canceled) return withCanceled(items, results, committed);
      throw await batchError(error, batch);
    }
    // Committed: from here nothing may undo the bytes, whatever a store listener does.
    batch.over = true;
    ctx.pendingBytes -= batch.reserved;
    // No record names these bytes; were a delete to fail, the next sweep takes them.
    await freeBytes(blobs, lost.flatMap(assetKeys), mark);
    if (records.length > 0) {
      const ids = records.map((asset) => asset.id);
      ctx.commit({ upsert: records }, { assets: ids });
    }
    return results;
  }
}

/** The blob keys of an asset: its bytes and its thumbnail's. */
function assetKeys(asset: MediaAsset): string[] {
  return asset.thumbnailKey ? [asset.blobKey, asset.thumbnailKey] : [asset.blobKey];
}

/** Turns results whose record another batch beat to the commit into duplicates of that one. */
function markTaken(
  ctx: LibraryContext,
  results: ImportItemResult[],
  taken: Map<string, MediaAsset>,
  from: number,
): void {
  if (taken.size === 0) return;
  for (let index = from; index < results.length; index++) {
    // A hole is a file a cancel left out.
    const result = results[index];
    const existing = result?.status === 'imported' && taken.get(result.asset.id);
    if (existing) {
      const loaded = ctx.store.getState().assets.get(existing.id);
      results[index] = withName({ status: 'duplicate', asset: loaded ?? existing }, result?.name);
    }
  }
}

/**
 * The results of a canceled `keepFinished` batch, one per input in input order: what was
 * decided and committed stands, every other file failed with code `canceled` (nothing of it
 * was kept).
 */
function withCanceled(
  items: PreparedInput[],
  results: ImportItemResult[],
  committed: number,
): ImportItemResult[] {
  return items.map((item, index) => {
    const result = results[index];
    const stands = result && !(result.status === 'imported' && index >= committed);
    if (stands) return result;
    const name = item.name ?? 'untitled';
    const error = new MediaLibraryError(
      'canceled',
      `${name} was not imported: the import was canceled first. Import it again to add it.`,
    );
    return { status: 'failed', name, error };
  });
}

function withName<R extends ImportItemResult>(result: R, name: string | undefined): R {
  if (name !== undefined) result.name = name;
  return result;
}

/** The new assets of a batch's results, in input order. */
function importedAssets(results: ImportItemResult[]): MediaAsset[] {
  return results.flatMap((result) => (result.status === 'imported' ? [result.asset] : []));
}

/**
 * Fetches `url` and imports the body as one item. The bytes come from `options.fetcher`, the
 * library's `urlFetcher` (say, the image server's fetch, for sites without CORS headers), or
 * else a direct fetch with the injected `fetch`.
 */
export async function importFromUrl(
  ctx: LibraryContext,
  url: string,
  options: ImportFromUrlOptions = {},
): Promise<ImportItemResult> {
  ctx.assertOpen();
  const { fetcher, ...importOptions } = options;
  const fetchBlob = fetcher ?? ctx.options.urlFetcher ?? directFetcher(ctx.options.fetch);
  // Bad host data is known before the download; do not fetch bytes only to refuse them.
  if (options.sourceModule !== undefined) normalizeSourceModule(options.sourceModule);
  if (options.meta !== undefined) normalizeMeta(options.meta);
  throwIfAborted(options.signal);
  let blob: Blob;
  try {
    blob = await fetchBlob(url, { signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw new ImportAbortedError({ cause: options.signal.reason });
    if (error instanceof MediaLibraryError) throw error;
    // A fetcher's own message says why (a refused address, the site's status); keep it.
    const reason = error instanceof Error && error.message ? ` ${error.message}` : '';
    throw new MediaLibraryError('fetch_failed', `Could not download ${url}.${reason}`, {
      cause: error,
    });
  }
  if (!(blob instanceof Blob)) {
    throw new MediaLibraryError(
      'fetch_failed',
      `The URL fetcher gave no file for ${url}; a MediaUrlFetcher must resolve a Blob or File.`,
    );
  }
  const input: ImportInput = {
    blob,
    // A fetcher that names its File (from the server's Content-Disposition) knows best.
    name: blob instanceof File && blob.name ? blob.name : nameFromUrl(url),
    source: importOptions.source ?? { type: 'url', url },
  };
  const [result] = await importBatch(ctx, [input], importOptions);
  return result as ImportItemResult;
}

/** The page's own fetch of `url`: works only for sites that send CORS headers. */
function directFetcher(injected: typeof fetch | undefined): MediaUrlFetcher {
  return async (url, { signal }) => {
    const fetchImpl = injected ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new MediaLibraryError(
        'fetch_failed',
        'No fetch is available: pass `fetch` or `urlFetcher` in options.',
      );
    }
    try {
      const response = await fetchImpl(url, { signal });
      if (!response.ok) {
        throw new MediaLibraryError(
          'fetch_failed',
          `Downloading ${url} failed with HTTP ${response.status}. Check the address, or download ` +
            'the file and import it from disk.',
        );
      }
      return await response.blob();
    } catch (error) {
      if (error instanceof MediaLibraryError || signal?.aborted) throw error;
      throw new MediaLibraryError(
        'fetch_failed',
        `Could not download ${url}: the network failed or the server does not allow this page ` +
          'to read it (CORS). Check the address and your connection, then try again.',
        { cause: error },
      );
    }
  };
}

/** What an input takes from the batch's options when it does not say. */
interface InputDefaults {
  source: AssetSource;
  sourceModule?: string;
  meta?: AssetMeta;
}

function prepareInput(input: ImportInput, defaults: InputDefaults): PreparedInput {
  if (input instanceof Blob) {
    return withHostData(
      { blob: input, name: fileName(input), source: defaults.source, tags: [], collectionIds: [] },
      defaults.sourceModule,
      defaults.meta,
    );
  }
  const blob = (input as { blob?: unknown } | null)?.blob;
  if (!(blob instanceof Blob)) {
    const error = new MediaLibraryError(
      'invalid_input',
      'Cannot import this item: pass a File, a Blob, or { blob: Blob, ... }.',
    );
    return { invalid: error, name: 'untitled' };
  }
  const prepared: PreparedInput = {
    blob,
    name: input.name ?? fileName(blob),
    source: input.source ?? defaults.source,
    tags: normalizeTags(input.tags ?? []),
    collectionIds: [...new Set(input.collectionIds ?? [])],
  };
  if (input.title) prepared.title = input.title;
  if (input.description) prepared.description = input.description;
  if (input.alt) prepared.alt = input.alt;
  // A bad value fails this item alone, like any other unusable input; the rest import.
  try {
    return withHostData(
      prepared,
      input.sourceModule === undefined
        ? defaults.sourceModule
        : normalizeSourceModule(input.sourceModule),
      input.meta === undefined ? defaults.meta : normalizeMeta(input.meta),
    );
  } catch (error) {
    return { invalid: error as Error, name: prepared.name ?? 'untitled' };
  }
}

function withHostData(
  prepared: Exclude<PreparedInput, { invalid: Error }>,
  sourceModule: string | undefined,
  meta: AssetMeta | undefined,
): PreparedInput {
  if (sourceModule !== undefined) prepared.sourceModule = sourceModule;
  // An empty record says nothing; leaving it out keeps "has meta" meaningful.
  if (meta !== undefined && Object.keys(meta).length > 0) prepared.meta = meta;
  return prepared;
}

const fileName = (blob: Blob) =>
  typeof File !== 'undefined' && blob instanceof File && blob.name ? blob.name : undefined;

/** An item's result, still to come while its bytes are written (wrapped: not awaited as one). */
interface Started {
  result: Promise<ImportItemResult>;
  /** Bytes reserved against the storage cap for this item. */
  reserved: number;
}

const settled = (result: ImportItemResult): Started => ({
  result: Promise.resolve(result),
  reserved: 0,
});

/**
 * Runs one item through the decisions of the write stage (dedupe, measure if still needed,
 * reserve) and starts writing its bytes. Failures that only concern this item become results;
 * errors that end the batch reject here, or (from the write) reject the result and mark the
 * batch failed.
 */
async function importOne(
  batch: Batch,
  item: PreparedInput,
  analysis: Promise<Analysis> | undefined,
): Promise<Started> {
  const name = item.name ?? 'untitled';
  if ('invalid' in item) return settled({ status: 'failed', name, error: item.invalid });
  const failed = (error: unknown): ImportItemResult => {
    if (isBatchFatal(error, batch)) throw error;
    return { status: 'failed', name, error: asError(error) };
  };
  let kept: Kept | ImportItemResult;
  try {
    if (!analysis) throw new Error('The import analysis of this item never started.');
    kept = await keepItem(batch, item, await analysis);
  } catch (error) {
    return settled(failed(error));
  }
  if ('status' in kept) return settled(kept);
  const { asset, original, thumbnail } = kept;
  const result = writeItemBytes(batch, original, thumbnail).then(
    (): ImportItemResult => {
      // Written after a cancel: the roll-back takes it, like a write still under way.
      throwIfAborted(batch.options.signal);
      return withName({ status: 'imported', asset }, item.name);
    },
    (error: unknown) => {
      try {
        return failed(error);
      } catch (fatal) {
        batch.failure ??= { error: fatal };
        throw fatal;
      }
    },
  );
  // Rejections are handled when the batch reaches this item, or by its clean-up.
  result.catch(() => undefined);
  // A later copy of these bytes in the batch is a duplicate of this asset once it is written.
  const written = result.then((r) => (r.status === 'imported' ? r.asset : undefined));
  written.catch(() => undefined);
  batch.byHash.set(asset.sha256, written);
  return { result, reserved: original.blob.size + (thumbnail?.blob.size ?? 0) };
}

/** An item that is to be kept: its record-to-be and the bytes to write for it. */
interface Kept {
  asset: MediaAsset;
  original: { key: string; blob: Blob };
  thumbnail: { key: string; blob: Blob } | undefined;
}

/** The write stage's decisions for one item, in input order: dedupe, then reserve its bytes. */
async function keepItem(
  batch: Batch,
  item: Exclude<PreparedInput, { invalid: Error }>,
  analysis: Analysis,
): Promise<Kept | ImportItemResult> {
  const { ctx, options } = batch;
  const signal = options.signal;
  throwIfAborted(signal);
  const { kind, mimeType, blob, sha256 } = analysis;
  if (!options.keepDuplicates) {
    // An earlier copy in the batch counts once its bytes are written (if that fails, this one
    // is looked up and imported in its place).
    const existing =
      (await batch.byHash.get(sha256)) ??
      (analysis.lookedUp ? analysis.existing : await findByHash(batch, sha256));
    if (existing) return withName({ status: 'duplicate', asset: existing }, item.name);
  }
  const { measured, thumbnail, unreadable } = await (analysis.media ??
    measureAndThumbnail(batch, kind, mimeType, blob));
  throwIfAborted(signal);
  if (unreadable && options.unreadable === 'reject') {
    return {
      status: 'failed',
      name: item.name ?? 'untitled',
      error: new UnreadableFileError(item.name ?? 'untitled', mimeType),
    };
  }

  const id = ctx.createId();
  const blobKey = `o/${id}`;
  const thumbnailKey = thumbnail ? `t/${id}` : undefined;
  await reserveBytes(batch, blob.size + (thumbnail?.blob.size ?? 0));

  const now = ctx.now();
  const source = item.source;
  const asset: MediaAsset = {
    id,
    kind,
    name: item.name ?? defaultName(kind, mimeType, id),
    mimeType,
    size: blob.size,
    sha256,
    blobKey,
    tags: item.tags,
    favorite: false,
    collectionIds: item.collectionIds,
    source,
    usage: { downloads: 0, shares: 0, uses: 0 },
    createdAt: now,
    updatedAt: now,
  };
  // A generated image's own size stands in when the bytes could not be measured.
  const width = measured.width ?? (source.type === 'ai' ? source.width : undefined);
  const height = measured.height ?? (source.type === 'ai' ? source.height : undefined);
  if (width !== undefined) asset.width = width;
  if (height !== undefined) asset.height = height;
  if (measured.duration !== undefined) asset.duration = measured.duration;
  if (measured.pageCount !== undefined) asset.pageCount = measured.pageCount;
  if (unreadable) asset.unreadable = true;
  if (thumbnail && thumbnailKey) {
    asset.thumbnailKey = thumbnailKey;
    asset.thumbnailType = thumbnail.type;
  }
  if (item.title) asset.title = item.title;
  if (item.description) asset.description = item.description;
  if (item.alt) asset.alt = item.alt;
  if (item.sourceModule !== undefined) asset.sourceModule = item.sourceModule;
  // Each asset gets its own copy: a batch default is shared by every item.
  if (item.meta !== undefined) asset.meta = structuredClone(item.meta);
  return {
    asset,
    original: { key: blobKey, blob },
    thumbnail: thumbnail && thumbnailKey ? { key: thumbnailKey, blob: thumbnail.blob } : undefined,
  };
}

/**
 * Counts `bytes` against the configured cap before anything is written, so passing the cap
 * fails fast and leaves nothing to undo beyond what the batch already wrote.
 */
async function reserveBytes(batch: Batch, bytes: number): Promise<void> {
  const { ctx } = batch;
  const cap = ctx.options.storageCap;
  if (cap !== undefined) {
    const used = libraryBytes(ctx.store.getState()) + ctx.pendingBytes;
    if (used + bytes > cap) {
      const available = Math.max(0, cap - (used - batch.reserved));
      throw new StorageFullError(batch.reserved + batch.remainingBytes, available);
    }
  }
  ctx.pendingBytes += bytes;
  batch.reserved += bytes;
}

/** Writes one blob, recording the key first so even a half-finished write is rolled back. */
async function writeBytes(batch: Batch, key: string, blob: Blob): Promise<void> {
  batch.written.push(key);
  await batch.blobs.put(key, blob);
}

/** Writes an item's original and thumbnail; if that fails for this item alone, undoes both. */
async function writeItemBytes(
  batch: Batch,
  original: { key: string; blob: Blob },
  thumbnail: { key: string; blob: Blob } | undefined,
): Promise<void> {
  try {
    await writeBytes(batch, original.key, original.blob);
    if (thumbnail) await writeBytes(batch, thumbnail.key, thumbnail.blob);
  } catch (error) {
    if (!isBatchFatal(error, batch)) {
      // The batch goes on without this item, so its bytes go now rather than at the end.
      const own = [original.key, thumbnail?.key];
      batch.written = batch.written.filter((key) => !own.includes(key));
      await freeBytes(
        batch.blobs,
        [original.key, ...(thumbnail ? [thumbnail.key] : [])],
        batch.mark,
      );
    }
    throw error;
  }
}

/** Writes every record of the batch in one transaction: all of them or none. */
/**
 * Writes a batch's records in one transaction. With `dedupe`, a record whose bytes another
 * batch committed since this one looked them up (another tab, or another call in this one) is
 * left out: the transaction is the only place where that look-up cannot race. Returns the
 * assets already there, by the id of the record left out for each.
 */
function writeRecords(
  db: LibraryDb,
  records: MediaAsset[],
  dedupe: boolean,
): Promise<Map<string, MediaAsset>> {
  return inWriteTransaction(db, ['assets'], async (tx) => {
    const store = tx.objectStore('assets');
    const taken = new Map<string, MediaAsset>();
    if (dedupe) {
      const byHash = store.index('sha256');
      const found = await Promise.all(records.map((asset) => byHash.get(asset.sha256)));
      for (const [index, record] of found.entries()) {
        if (record) taken.set((records[index] as MediaAsset).id, fromStoredAsset(record));
      }
    }
    await eachRequest(
      records.filter((asset) => !taken.has(asset.id)),
      (asset) => store.put(toStoredAsset(asset)),
    );
    return taken;
  });
}

/** Errors that end the whole batch rather than one item. */
function isBatchFatal(error: unknown, batch: Batch): boolean {
  if (batch.options.signal?.aborted) return true;
  if (error instanceof StorageFullError || error instanceof ImportAbortedError) return true;
  if (error instanceof MediaLibraryError && error.code === 'closed') return true;
  return isQuotaExceeded(error) || batch.ctx.closed;
}

/** The typed error a failed batch rejects with. */
async function batchError(error: unknown, batch: Batch): Promise<Error> {
  const signal = batch.options.signal;
  if (signal?.aborted && !(error instanceof StorageFullError)) {
    return error instanceof ImportAbortedError
      ? error
      : new ImportAbortedError({ cause: signal.reason });
  }
  if (error instanceof MediaLibraryError) return error;
  if (isQuotaExceeded(error)) {
    return toStorageFullError(error, batch.reserved + batch.remainingBytes);
  }
  // Anything else (say the record transaction failed): the batch was undone all the same, but
  // it was not canceled, so say so rather than report a cancel nobody asked for.
  return new ImportFailedError({ cause: error });
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
