// Notices at open when the browser has cleared a library's bytes, its records, or both since the
// last session. Three witnesses, each in a different store a browser may clear on its own: a
// marker Blob among the bytes, the records' count, and a note in localStorage with the count and
// time of the last session. Deciding takes one count, one or two Blob reads and at most three
// `has` calls, whatever the size of the library. Loaded on first use (see library.ts).

import type { ArchiveImportReport } from './archive/archive-types';
import { fromStoredAsset, inWriteTransaction, type LibraryDb, toStoredAsset } from './db';
import type { LibraryContext } from './library-context';
import type { SweepKeep } from './library-sweep';
import type { BlobStore, MarkerStorage, MediaAsset, StorageIncident } from './types';

/** What the localStorage note holds. */
export interface StorageNote {
  library: string;
  /** Assets the library held when last seen. */
  assetCount: number;
  /** Epoch ms of the last open or change of the asset count. */
  lastSeenAt: number;
  /** An incident found but not yet acknowledged; shown again at the next open until it is. */
  incident?: StorageIncident;
}

/** What the bytes' marker holds. */
interface BlobMarker {
  library: string;
  /**
   * When the browser was last found to have cleared these bytes (0 if never). A record older
   * than this whose bytes are missing lost them to the browser, not to a crash (see the sweep).
   */
  createdAt: number;
}

/** The localStorage key of a library's note. */
export function storageNoteKey(libraryName: string): string {
  return `medialoft:${libraryName}:storage-marker`;
}

/**
 * The note's storage: the option's, none for `false`, else the origin's localStorage where it
 * exists and is not refused (some private modes throw on access).
 */
export function markerStorage(
  option: MarkerStorage | false | undefined,
): MarkerStorage | undefined {
  if (option === false) return undefined;
  if (option) return option;
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export function readStorageNote(
  storage: MarkerStorage | undefined,
  libraryName: string,
): StorageNote | undefined {
  try {
    const text = storage?.getItem(storageNoteKey(libraryName));
    if (!text) return undefined;
    const note = JSON.parse(text) as Partial<StorageNote>;
    if (typeof note.assetCount !== 'number' || typeof note.lastSeenAt !== 'number') {
      return undefined;
    }
    return note as StorageNote;
  } catch {
    return undefined;
  }
}

export function writeStorageNote(
  storage: MarkerStorage | undefined,
  libraryName: string,
  note: StorageNote,
): void {
  try {
    storage?.setItem(storageNoteKey(libraryName), JSON.stringify(note));
  } catch {
    // A full or refused localStorage only costs the next session its eviction check.
  }
}

/** The facts `decideIncident` weighs. */
export interface StorageWitnesses {
  /** The note of the last session, if it survived. */
  note: StorageNote | undefined;
  recordCount: number;
  /** Whether the marker Blob is among the bytes. */
  blobMarker: boolean;
  /**
   * With records but no marker: whether any of a few sampled records still has its bytes (a
   * library from before the marker existed), else false.
   */
  sampleHasBytes: boolean;
  now: number;
  /** When the sampled records were last changed, for a missing note's "last seen". */
  newestUpdate?: number;
}

/**
 * The incident the witnesses show, if any: records without any of their bytes or the marker
 * (`bytes-removed`); a library the note knew to hold assets now without records but with its
 * marker (`records-removed`) or without either (`all-removed`).
 */
export function decideIncident(w: StorageWitnesses): StorageIncident | undefined {
  const lastSeenAt = w.note?.lastSeenAt ?? w.newestUpdate ?? w.now;
  if (w.recordCount > 0) {
    if (w.blobMarker || w.sampleHasBytes) return undefined;
    return { kind: 'bytes-removed', detectedAt: w.now, lastSeenAt };
  }
  if (!w.note || w.note.assetCount === 0) return undefined;
  return {
    kind: w.blobMarker ? 'records-removed' : 'all-removed',
    detectedAt: w.now,
    lastSeenAt,
  };
}

async function readBlobMarker(blobs: BlobStore): Promise<BlobMarker | undefined> {
  try {
    const text = await blobs.readMarker?.();
    if (text === undefined) return undefined;
    const marker = JSON.parse(text) as Partial<BlobMarker>;
    return typeof marker.createdAt === 'number'
      ? (marker as BlobMarker)
      : { library: '', createdAt: 0 };
  } catch {
    return undefined;
  }
}

async function writeBlobMarker(blobs: BlobStore, library: string, since: number): Promise<number> {
  const marker: BlobMarker = { library, createdAt: since };
  await blobs.writeMarker?.(JSON.stringify(marker));
  return since;
}

/** The host's clock, read without taking one of the stamps `ctx.now()` hands to records. */
function clock(ctx: LibraryContext): number {
  return (ctx.options.now ?? Date.now)();
}

/** The outcome of the check at open. */
export interface StorageCheck {
  /** A new incident, or the one still waiting for acknowledgement. */
  incident: StorageIncident | undefined;
  /** When the bytes' store was (re)started: see `BlobMarker.createdAt`. */
  bytesSince: number;
}

/**
 * Runs at open, once the records can be counted: weighs the witnesses, restarts the bytes'
 * marker where it is missing, and writes this session's note.
 */
export async function checkStorage(
  ctx: LibraryContext,
  storage: MarkerStorage | undefined,
): Promise<StorageCheck> {
  const [db, blobs] = await Promise.all([ctx.db(), ctx.blobs()]);
  const now = clock(ctx);
  const note = readStorageNote(storage, ctx.name);
  const [recordCount, marker] = await Promise.all([db.count('assets'), readBlobMarker(blobs)]);
  let sampleHasBytes = false;
  let newestUpdate: number | undefined;
  if (recordCount > 0 && !marker) {
    const sample = (await db.getAll('assets', undefined, 3)).map(fromStoredAsset);
    newestUpdate = Math.max(...sample.map((asset) => asset.updatedAt));
    const present = await Promise.all(sample.map((asset) => blobs.has(asset.blobKey)));
    sampleHasBytes = present.some(Boolean);
  }
  // A store that keeps no marker: with no records, any bytes left tell the two cases apart
  // (a listing, but only of a library whose records are gone).
  const blobMarker =
    marker !== undefined ||
    (!blobs.readMarker && recordCount === 0 && (note?.assetCount ?? 0) > 0
      ? (await blobs.keys()).length > 0
      : false);
  const found = decideIncident({
    note,
    recordCount,
    blobMarker,
    sampleHasBytes,
    now,
    ...(newestUpdate !== undefined ? { newestUpdate } : {}),
  });
  // Only bytes the browser removed make older records without bytes worth keeping.
  const bytesSince =
    marker?.createdAt ??
    (await writeBlobMarker(blobs, ctx.name, found?.kind === 'bytes-removed' ? now : 0));
  const incident = found ?? note?.incident;
  writeStorageNote(storage, ctx.name, {
    library: ctx.name,
    assetCount: recordCount,
    lastSeenAt: now,
    ...(incident ? { incident } : {}),
  });
  return { incident, bytesSince };
}

/** Forgets the incident in the note, so no later session shows it again. */
export function acknowledgeInNote(storage: MarkerStorage | undefined, libraryName: string): void {
  const note = readStorageNote(storage, libraryName);
  if (!note?.incident) return;
  const { incident: _incident, ...rest } = note;
  writeStorageNote(storage, libraryName, rest);
}

/** Keeps the note's asset count up to date as the library changes (and its last-seen time). */
export function trackAssetCount(
  ctx: LibraryContext,
  storage: MarkerStorage | undefined,
): () => void {
  let written = -1;
  return ctx.store.subscribe((state) => {
    // Records, the Trash's included: what the database holds.
    const records = state.assets.size + state.trash.size;
    if (state.status !== 'ready' || records === written) return;
    written = records;
    const note = readStorageNote(storage, ctx.name);
    writeStorageNote(storage, ctx.name, {
      library: ctx.name,
      assetCount: written,
      lastSeenAt: clock(ctx),
      ...(note?.incident ? { incident: note.incident } : {}),
    });
  });
}

/** After `clear()` emptied the bytes, marker included: they start again, and were not evicted. */
export async function restartBlobMarker(ctx: LibraryContext): Promise<void> {
  await writeBlobMarker(await ctx.blobs(), ctx.name, 0);
}

/**
 * `importArchive` while some records have lost their bytes to the browser: those records are
 * taken out first, so the archive's copy of their bytes is imported (with the archive's
 * fields) rather than taken for a duplicate of a record that cannot show it. Records the
 * archive did not bring back are put back as they were, as are all of them if the import
 * fails or is cancelled. Resolves with the report and the ids still without bytes.
 */
export async function importArchiveRestoring(
  ctx: LibraryContext,
  missingIds: ReadonlySet<string>,
  run: () => Promise<ArchiveImportReport>,
): Promise<{ report: ArchiveImportReport; stillMissing: string[] }> {
  const db = await ctx.db();
  const taken = await inWriteTransaction(db, ['assets'], async (tx) => {
    const store = tx.objectStore('assets');
    const records = await Promise.all([...missingIds].map((id) => store.get(id)));
    const found = records.filter((record) => record !== undefined).map(fromStoredAsset);
    await Promise.all(found.map((asset) => store.delete(asset.id)));
    return found;
  });
  const takenIds = taken.map((asset) => asset.id);
  ctx.commit({ remove: takenIds }, { deletedAssets: takenIds });
  let report: ArchiveImportReport;
  try {
    report = await run();
  } catch (error) {
    await putBack(ctx, db, taken);
    throw error;
  }
  const restored = new Set<string>();
  for (const result of report.assets) {
    if (result.status !== 'failed') restored.add(result.asset.sha256);
  }
  const back = taken.filter((asset) => !restored.has(asset.sha256));
  await putBack(ctx, db, back);
  return { report, stillMissing: back.map((asset) => asset.id) };
}

async function putBack(ctx: LibraryContext, db: LibraryDb, assets: MediaAsset[]): Promise<void> {
  if (assets.length === 0) return;
  await inWriteTransaction(db, ['assets'], async (tx) => {
    const store = tx.objectStore('assets');
    await Promise.all(assets.map((asset) => store.put(toStoredAsset(asset))));
  });
  ctx.commit({ upsert: assets }, { assets: assets.map((asset) => asset.id) });
}

/** One library instance's side of all this; see {@link watchStorage}. */
export interface StorageWatch {
  /**
   * Once the index is loaded: publishes the incident, starts keeping the note's count, and
   * returns what the sweep keeps.
   */
  start(): SweepKeep;
  /** What the sweep keeps, once started. */
  readonly keep: SweepKeep | undefined;
  /** Whether the check at open found an incident (new or not yet acknowledged). */
  readonly incident: boolean;
  /** `importArchive`, restoring records that lost their bytes (see importArchiveRestoring). */
  importArchive(run: () => Promise<ArchiveImportReport>): Promise<ArchiveImportReport>;
  /** Forgets the incident in the note (the state is the library's to clear). */
  acknowledge(): void;
  /** After `clear()`: nothing is missing any more, and the marker starts again. */
  cleared(): Promise<void>;
  stop(): void;
}

/** Checks the storage at once (see checkStorage) and follows the library from then on. */
export async function watchStorage(ctx: LibraryContext): Promise<StorageWatch> {
  const storage = markerStorage(ctx.options.storageMarker);
  const check = await checkStorage(ctx, storage);
  let missing: ReadonlySet<string> = new Set();
  let stop = () => {};
  let keep: SweepKeep | undefined;
  return {
    start() {
      if (check.incident) ctx.commit({ storageIncident: check.incident });
      stop = trackAssetCount(ctx, storage);
      keep = {
        before: check.bytesSince,
        onKept: (ids) => {
          missing = new Set(ids);
        },
      };
      return keep;
    },
    get keep() {
      return keep;
    },
    incident: check.incident !== undefined,
    async importArchive(run) {
      if (missing.size === 0) return run();
      const { report, stillMissing } = await importArchiveRestoring(ctx, missing, run);
      missing = new Set(stillMissing);
      return report;
    },
    acknowledge: () => acknowledgeInNote(storage, ctx.name),
    async cleared() {
      missing = new Set();
      await restartBlobMarker(ctx);
    },
    stop: () => stop(),
  };
}
