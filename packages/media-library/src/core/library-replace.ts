// Replacing an asset's file in place: the asset keeps its id, texts, tags, collections and
// usage; its bytes, measurements and thumbnail become the new file's. Loaded on first use.
//
// Order, as in imports: new bytes under new keys first, then the record in one transaction,
// then the old bytes go. A crash in between leaves only unreferenced bytes for the sweep.
import { fromStoredAsset, inWriteTransaction, toStoredAsset } from './db';
import {
  AssetNotFoundError,
  MediaLibraryError,
  StorageFullError,
  UnreadableFileError,
} from './errors';
import { STREAM_HASH_ABOVE_BYTES, sha256Hex } from './import/hash';
import { SNIFF_BYTES, sniffType } from './import/sniff';
import type { LibraryContext } from './library-context';
import type { Media } from './library-import-analysis';
import { type Batch, findByHash, measureAndThumbnail } from './library-import-analysis';
import { DuplicateAssetError, ReplaceCanceledError } from './library-replace-errors';
import { libraryBytes } from './library-statistics';
import type { MediaAsset, ReplaceFileOptions } from './types';
import { freeBytes, markingWrites } from './write-marks';

/** Replaces the bytes of asset `id` with `file`; see `MediaLibrary.replaceFile`. */
export async function replaceFile(
  ctx: LibraryContext,
  id: string,
  file: Blob,
  options: ReplaceFileOptions = {},
): Promise<MediaAsset> {
  ctx.assertOpen();
  if (!(file instanceof Blob)) {
    throw new MediaLibraryError('invalid_input', 'Pass the new file as a File or Blob.');
  }
  const { signal } = options;
  const check = () => {
    if (signal?.aborted) throw new ReplaceCanceledError({ cause: signal.reason });
    ctx.assertOpen();
  };
  check();
  const [db, blobs] = await Promise.all([ctx.db(), ctx.blobs()]);
  const stored = await db.get('assets', id);
  if (!stored) throw new AssetNotFoundError(id);
  const current = fromStoredAsset(stored);
  const name =
    typeof File !== 'undefined' && file instanceof File && file.name ? file.name : undefined;

  // The import pipeline's analysis: sniffed type, hash, then measurements and thumbnail.
  const whole =
    file.size <= STREAM_HASH_ABOVE_BYTES ? new Uint8Array(await file.arrayBuffer()) : undefined;
  const head =
    whole?.subarray(0, SNIFF_BYTES) ??
    new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const { kind, mimeType } = sniffType(head, name ?? current.name, file.type);
  const blob = file.type === mimeType ? file : file.slice(0, file.size, mimeType);
  const sha256 = await sha256Hex(whole ?? blob);
  check();
  // The same bytes again: there is nothing to replace.
  if (sha256 === current.sha256) return ctx.store.getState().assets.get(id) ?? current;
  const batch: Batch = {
    ctx,
    db,
    blobs,
    options: signal ? { signal } : {},
    written: [],
    byHash: new Map(),
    reserved: 0,
    remainingBytes: 0,
    over: false,
  };
  const other = await findByHash(batch, sha256);
  if (other && other.id !== id) throw new DuplicateAssetError(other);
  let media: Media;
  try {
    media = await measureAndThumbnail(batch, kind, mimeType, blob);
  } catch (error) {
    check();
    throw error;
  }
  check();
  // Swapping a readable file for one that does not decode would lose the picture.
  if (media.unreadable) throw new UnreadableFileError(name ?? current.name, mimeType);

  const thumbnail = media.thumbnail;
  const bytes = blob.size + (thumbnail?.blob.size ?? 0);
  const cap = ctx.options.storageCap;
  if (cap !== undefined) {
    await ctx.loaded;
    // The old bytes go only after the record changes, so both count until then.
    const used = libraryBytes(ctx.store.getState()) + ctx.pendingBytes;
    if (used + bytes > cap) throw new StorageFullError(bytes, Math.max(0, cap - used));
  }
  ctx.pendingBytes += bytes;
  try {
    return await ctx.locks.shared(() =>
      markingWrites(ctx, async (mark) => {
        // New keys: the old bytes stay readable (here and in other tabs) until the record moves.
        const suffix = ctx.createId();
        const blobKey = `o/${id}-${suffix}`;
        const thumbnailKey = thumbnail ? `t/${id}-${suffix}` : undefined;
        const written: string[] = [];
        let result: { next: MediaAsset; free: string[] };
        try {
          written.push(blobKey);
          await blobs.put(blobKey, blob);
          if (thumbnail && thumbnailKey) {
            written.push(thumbnailKey);
            await blobs.put(thumbnailKey, thumbnail.blob);
          }
          check();
          result = await inWriteTransaction(db, ['assets'], async (tx) => {
            const store = tx.objectStore('assets');
            const record = await store.get(id);
            if (!record) throw new AssetNotFoundError(id);
            // Another tab may have imported these bytes since the look-up above.
            const holders = await store.index('sha256').getAll(sha256);
            const holder = holders.find((candidate) => candidate.id !== id);
            if (holder) throw new DuplicateAssetError(holder);
            const previous = fromStoredAsset(record);
            const next = replaced(previous, {
              name,
              kind,
              mimeType,
              size: blob.size,
              sha256,
              blobKey,
              media,
              thumbnailKey,
              now: ctx.now(),
            });
            await store.put(toStoredAsset(next));
            // Bytes another record still names (an archive may share them) must stay.
            const sharing = (await store.index('sha256').getAll(previous.sha256)).filter(
              (candidate) => candidate.id !== id,
            );
            const inUse = new Set(sharing.flatMap((r) => [r.blobKey, r.thumbnailKey]));
            const free = [previous.blobKey, previous.thumbnailKey].filter(
              (key): key is string => key !== undefined && !inUse.has(key),
            );
            return { next, free };
          });
        } catch (error) {
          await freeBytes(blobs, written, mark);
          if (signal?.aborted && !(error instanceof ReplaceCanceledError)) {
            throw new ReplaceCanceledError({ cause: signal.reason });
          }
          throw error;
        }
        ctx.commit({ upsert: [result.next] }, { assets: [id] });
        // URLs of the old bytes would keep showing the old file.
        ctx.invalidateUrls([id]);
        // No record names these any more; were a delete to fail, the next sweep takes them.
        await freeBytes(blobs, result.free, mark);
        return result.next;
      }),
    );
  } finally {
    ctx.pendingBytes -= bytes;
  }
}

interface NewFile {
  name: string | undefined;
  kind: MediaAsset['kind'];
  mimeType: string;
  size: number;
  sha256: string;
  blobKey: string;
  media: Media;
  thumbnailKey: string | undefined;
  now: number;
}

/** The record with the new file's facts; everything a person or the host set stays. */
function replaced(previous: MediaAsset, file: NewFile): MediaAsset {
  const next: MediaAsset = {
    ...previous,
    kind: file.kind,
    mimeType: file.mimeType,
    size: file.size,
    sha256: file.sha256,
    blobKey: file.blobKey,
    updatedAt: file.now,
  };
  // A File's name is the new file's; a bare Blob has none, so the old name stays.
  if (file.name) next.name = file.name;
  for (const field of ['width', 'height', 'duration', 'pageCount', 'unreadable'] as const) {
    delete next[field];
  }
  delete next.thumbnailKey;
  delete next.thumbnailType;
  const { measured, thumbnail } = file.media;
  if (measured.width !== undefined) next.width = measured.width;
  if (measured.height !== undefined) next.height = measured.height;
  if (measured.duration !== undefined) next.duration = measured.duration;
  if (measured.pageCount !== undefined) next.pageCount = measured.pageCount;
  if (thumbnail && file.thumbnailKey) {
    next.thumbnailKey = file.thumbnailKey;
    next.thumbnailType = thumbnail.type;
  }
  // An AI or edit source describes how the old bytes were made (prompt, model, crop of a
  // parent); said of a file a person chose instead, it would be false. Upload and URL sources
  // say where the asset came from, which stays true.
  if (previous.source.type === 'ai' || previous.source.type === 'edit') {
    next.source = { type: 'upload' };
  }
  return next;
}
