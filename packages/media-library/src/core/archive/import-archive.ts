// `importArchive`: restores a library archive through the import pipeline. The archive is
// untrusted: entries are read as a stream and bounded (those of a well-formed stored zip are
// taken as slices of the file instead, see stored-entries.ts), only `manifest.json` and
// `assets/<sha256>.<ext>` are kept, every asset's bytes must hash to the manifest's SHA-256,
// and a damaged or truncated archive restores what is intact and reports the rest.
import { eachRequest, fromStoredAsset, inWriteTransaction, toStoredAsset } from '../db';
import { ImportAbortedError } from '../errors';
import { sha256Hex } from '../import/hash';
import type { LibraryContext } from '../library-context';
import { loadImportPipeline } from '../library-import-loader';
import { normalizeTags } from '../library-records';
import type { Collection, ImportInput, ImportItemResult, MediaAsset } from '../types';
import { ArchiveError, throwIfArchiveAborted } from './archive-errors';
import type {
  ArchiveAssetResult,
  ArchiveImportReport,
  ArchiveManifestAsset,
  ArchiveManifestCollection,
  ArchiveProgress,
  ImportArchiveOptions,
} from './archive-types';
import {
  isAssetPath,
  MANIFEST_PATH,
  MAX_ARCHIVE_ASSETS,
  MAX_ASSET_BYTES,
  MAX_MANIFEST_BYTES,
  parseManifest,
} from './manifest';
import { type StoredEntry, storedEntries } from './stored-entries';

const MAX_IGNORED_NAMES = 100;
const KEPT_BYTES_PER_ARCHIVE_BYTE = 8;
const KEPT_BYTES_SLACK = 256 * 1024 * 1024;

/** One archive entry being read: its bytes so far, and whether it ended well. */
interface EntryState {
  chunks: Uint8Array[];
  bytes: number;
  /** At most this many bytes are kept; past it the entry is refused. */
  limit: number;
  overLimit: boolean;
  data?: Blob;
  error?: unknown;
}

/** What reading the archive gave: the entries that ended, and whether the archive did. */
interface ReadArchive {
  manifestText: string | undefined;
  entries: Map<string, EntryState>;
  truncated: boolean;
  ignoredEntries: string[];
}

/** The manifest entry behind one input of the import batch. */
interface ImportedFrom {
  index: number;
  asset: ArchiveManifestAsset;
  /** The asset's collections as ids of this library. */
  collectionIds: string[];
}

/** Restores `file`; see `MediaLibrary.importArchive`. */
export async function importArchive(
  ctx: LibraryContext,
  file: Blob,
  options: ImportArchiveOptions = {},
): Promise<ArchiveImportReport> {
  ctx.assertOpen();
  const { signal } = options;
  throwIfArchiveAborted(signal, 'import');
  if (!(file instanceof Blob)) {
    throw notAnArchive('pass the archive as a File or Blob');
  }
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b || head[2] !== 3 || head[3] !== 4) {
    throw notAnArchive('it is not a zip file');
  }
  const read = await readArchive(file, options);
  if (read.manifestText === undefined) {
    throw notAnArchive(
      read.truncated
        ? 'it ends (or is damaged) before its manifest.json could be read'
        : 'it has no manifest.json at its root',
    );
  }
  const manifest = parseManifest(read.manifestText);
  throwIfArchiveAborted(signal, 'import');
  await ctx.loaded;

  const plan = planCollections(ctx, manifest.collections);
  const results: (ArchiveAssetResult | undefined)[] = [];
  const inputs: ImportInput[] = [];
  const inputOf: ImportedFrom[] = [];
  const hashes = new Map<string, Promise<string>>();
  for (const [index, checked] of manifest.assets.entries()) {
    throwIfArchiveAborted(signal, 'import');
    if (!checked.ok) {
      results[index] = {
        id: checked.id,
        name: checked.name,
        status: 'failed',
        error: checked.error,
      };
      continue;
    }
    const asset = checked.asset;
    const refused = await checkBytes(asset, read, hashes);
    if (refused) {
      results[index] = { id: asset.id, name: asset.name, status: 'failed', error: refused };
      continue;
    }
    const data = read.entries.get(asset.file)?.data as Blob;
    const collectionIds = localCollectionIds(asset, plan.ids);
    const input: ImportInput = {
      blob: data.type === asset.mimeType ? data : data.slice(0, data.size, asset.mimeType),
      name: asset.name,
      source: asset.source,
      tags: asset.tags,
      collectionIds,
    };
    if (asset.title) input.title = asset.title;
    if (asset.description) input.description = asset.description;
    if (asset.alt) input.alt = asset.alt;
    if (asset.sourceModule !== undefined) input.sourceModule = asset.sourceModule;
    if (asset.meta !== undefined) input.meta = asset.meta;
    inputs.push(input);
    inputOf.push({ index, asset, collectionIds });
  }

  throwIfArchiveAborted(signal, 'import');
  const { importBatch } = await loadImportPipeline();
  let imported: ImportItemResult[];
  try {
    imported = await importBatch(ctx, inputs, {
      ...(signal ? { signal } : {}),
      onProgress: (p) =>
        options.onProgress?.({
          phase: 'importing',
          assetsDone: p.filesDone,
          assetsTotal: p.filesTotal,
          bytesDone: p.bytesDone,
          bytesTotal: p.bytesTotal,
        }),
    });
  } catch (error) {
    if (error instanceof ImportAbortedError) throwIfArchiveAborted(signal, 'import');
    throw error;
  }
  // From here the assets are saved: an abort arriving now lets the restore finish rather than
  // leave them without their favorites, dates and merged tags.
  const restored = await restoreFields(ctx, plan.created, imported, inputOf);
  for (const [at, result] of imported.entries()) {
    const { index, asset } = inputOf[at] as (typeof inputOf)[number];
    if (result.status === 'failed') {
      results[index] = { id: asset.id, name: asset.name, status: 'failed', error: result.error };
      continue;
    }
    const record = restored.get(result.asset.id) ?? result.asset;
    results[index] =
      result.status === 'imported'
        ? { id: asset.id, name: asset.name, status: 'imported', asset: record }
        : {
            id: asset.id,
            name: asset.name,
            status: 'duplicate',
            asset: record,
            // The pipeline found these bytes in the Trash and brought that asset back.
            ...(result.restored ? { restored: true } : {}),
          };
  }
  return {
    assets: results as ArchiveAssetResult[],
    collections: { created: plan.created.length, reused: plan.reused },
    truncated: read.truncated,
    ignoredEntries: read.ignoredEntries,
  };
}

/**
 * Streams the archive through the zip reader, keeping the manifest and the asset entries (each
 * bounded by what the manifest says it holds, once the manifest is known). Stops quietly where
 * the archive ends early or is damaged.
 */
async function readArchive(file: Blob, options: ImportArchiveOptions): Promise<ReadArchive> {
  const { signal } = options;
  const stored = await storedEntries(file);
  if (stored) return keepStoredEntries(stored, file.size, options);
  const { Unzip, UnzipInflate } = await import('fflate');
  const result: ReadArchive = {
    manifestText: undefined,
    entries: new Map(),
    truncated: false,
    ignoredEntries: [],
  };
  let sizes: Map<string, number> | undefined;
  let assetEntries = 0;
  // Bytes kept across entries: an archive's own entries are stored, so several times its size
  // leaves room for one zipped again with deflate, while a deflate bomb stays bounded.
  let budget = file.size * KEPT_BYTES_PER_ARCHIVE_BYTE + KEPT_BYTES_SLACK;
  const finish = (name: string, entry: EntryState) => {
    if (entry.error !== undefined || entry.overLimit) return;
    if (name === MANIFEST_PATH) {
      result.manifestText = new TextDecoder().decode(concat(entry.chunks, entry.bytes));
      sizes = declaredSizes(result.manifestText);
    } else {
      entry.data = new Blob(entry.chunks as BlobPart[]);
    }
    entry.chunks = [];
  };
  const unzip = new Unzip((stream) => {
    const name = stream.name;
    const wanted =
      (name === MANIFEST_PATH && result.manifestText === undefined) ||
      (isAssetPath(name) && !result.entries.has(name) && assetEntries < MAX_ARCHIVE_ASSETS);
    let entry: EntryState | undefined;
    if (wanted) {
      if (name !== MANIFEST_PATH) assetEntries++;
      const limit =
        name === MANIFEST_PATH ? MAX_MANIFEST_BYTES : (sizes?.get(name) ?? MAX_ASSET_BYTES);
      entry = { chunks: [], bytes: 0, limit, overLimit: false };
      if (name !== MANIFEST_PATH) result.entries.set(name, entry);
    } else if (result.ignoredEntries.length < MAX_IGNORED_NAMES) {
      result.ignoredEntries.push(name.slice(0, 300));
    }
    // Every entry is started, the ignored ones too: the reader would otherwise hold their bytes.
    stream.ondata = (error, chunk, final) => {
      if (!entry) return;
      if (error) {
        entry.error = error;
        entry.chunks = [];
        return;
      }
      if (entry.error !== undefined || entry.overLimit) return;
      entry.bytes += chunk.length;
      budget -= chunk.length;
      if (entry.bytes > entry.limit || budget < 0) {
        entry.overLimit = true;
        entry.chunks = [];
        return;
      }
      if (chunk.length > 0) entry.chunks.push(chunk);
      if (final) finish(name, entry);
    };
    try {
      stream.start();
    } catch (error) {
      if (entry) entry.error = error;
    }
  });
  unzip.register(UnzipInflate);

  const progress: ArchiveProgress = {
    phase: 'reading',
    assetsDone: 0,
    assetsTotal: 0,
    bytesDone: 0,
    bytesTotal: file.size,
  };
  const reader = file.stream().getReader();
  try {
    for (;;) {
      throwIfArchiveAborted(signal, 'import');
      const { done, value } = await reader.read();
      try {
        unzip.push(done ? new Uint8Array(0) : value, done);
      } catch {
        result.truncated = true;
        break;
      }
      if (done) break;
      progress.bytesDone += value.length;
      options.onProgress?.({ ...progress });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return result;
}

/**
 * The same choice of entries as the stream reader makes, for an archive whose entries were
 * found through its central directory: they stay slices of the archive, copied nowhere.
 */
async function keepStoredEntries(
  stored: StoredEntry[],
  size: number,
  options: ImportArchiveOptions,
): Promise<ReadArchive> {
  const result: ReadArchive = {
    manifestText: undefined,
    entries: new Map(),
    truncated: false,
    ignoredEntries: [],
  };
  const manifest = stored.find((entry) => entry.name === MANIFEST_PATH);
  if (manifest && manifest.data.size <= MAX_MANIFEST_BYTES) {
    result.manifestText = new TextDecoder().decode(await manifest.data.arrayBuffer());
  }
  const sizes = result.manifestText === undefined ? undefined : declaredSizes(result.manifestText);
  let assetEntries = 0;
  for (const entry of stored) {
    const { name, data } = entry;
    if (entry === manifest) continue;
    if (isAssetPath(name) && !result.entries.has(name) && assetEntries < MAX_ARCHIVE_ASSETS) {
      assetEntries++;
      const limit = sizes?.get(name) ?? MAX_ASSET_BYTES;
      const overLimit = data.size > limit;
      result.entries.set(name, {
        chunks: [],
        bytes: data.size,
        limit,
        overLimit,
        ...(overLimit ? {} : { data }),
      });
    } else if (result.ignoredEntries.length < MAX_IGNORED_NAMES) {
      result.ignoredEntries.push(name.slice(0, 300));
    }
  }
  options.onProgress?.({
    phase: 'reading',
    assetsDone: 0,
    assetsTotal: 0,
    bytesDone: size,
    bytesTotal: size,
  });
  return result;
}

/** Sizes the manifest declares per asset entry, to bound reading; undefined if unreadable. */
function declaredSizes(text: string): Map<string, number> | undefined {
  try {
    const assets = (JSON.parse(text) as { assets?: unknown }).assets;
    if (!Array.isArray(assets)) return undefined;
    const sizes = new Map<string, number>();
    for (const asset of assets) {
      const { file, size } = (asset ?? {}) as { file?: unknown; size?: unknown };
      if (typeof file !== 'string' || typeof size !== 'number' || !Number.isSafeInteger(size)) {
        continue;
      }
      sizes.set(file, Math.min(Math.max(size, sizes.get(file) ?? 0), MAX_ASSET_BYTES));
    }
    return sizes;
  } catch {
    return undefined;
  }
}

/** Why an asset's bytes are refused, or undefined when they are there and hash right. */
async function checkBytes(
  asset: ArchiveManifestAsset,
  read: ReadArchive,
  hashes: Map<string, Promise<string>>,
): Promise<ArchiveError | undefined> {
  const entry = read.entries.get(asset.file);
  const what = `"${asset.name}" (${asset.file})`;
  if (!entry?.data) {
    if (entry?.overLimit) {
      return new ArchiveError(
        'archive_too_large',
        `The bytes of ${what} unpack to more than the manifest says (or than this archive ` +
          'could hold), so they were not read and the asset was refused. Export it again from ' +
          'the library it came from.',
      );
    }
    return new ArchiveError(
      'archive_entry_missing',
      read.truncated || entry
        ? `The bytes of ${what} are cut off or damaged in this archive, so it was not restored. ` +
            'Copy the archive again (the download may be incomplete) and import it once more.'
        : `The bytes of ${what} are not in this archive, so it was not restored.`,
      entry?.error === undefined ? undefined : { cause: entry.error },
    );
  }
  let hash = hashes.get(asset.file);
  if (!hash) {
    hash = sha256Hex(entry.data);
    hashes.set(asset.file, hash);
  }
  if (entry.data.size !== asset.size || (await hash) !== asset.sha256) {
    return new ArchiveError(
      'archive_sha_mismatch',
      `The bytes of ${what} do not match the SHA-256 in the manifest (damaged or altered), so ` +
        'it was refused. Export it again from the library it came from.',
    );
  }
  return undefined;
}

/** Manifest collection ids mapped to this library's: the same id, else the same name, else new. */
interface CollectionPlan {
  ids: Map<string, string>;
  created: Collection[];
  reused: number;
}

function planCollections(
  ctx: LibraryContext,
  collections: readonly ArchiveManifestCollection[],
): CollectionPlan {
  const existing = ctx.store.getState().collections;
  const byName = new Map<string, Collection>();
  for (const collection of existing.values()) {
    if (!byName.has(collection.name)) byName.set(collection.name, collection);
  }
  const plan: CollectionPlan = { ids: new Map(), created: [], reused: 0 };
  for (const collection of collections) {
    if (plan.ids.has(collection.id)) continue;
    const local = existing.get(collection.id) ?? byName.get(collection.name);
    if (local) {
      if (existing.has(local.id)) plan.reused++;
      plan.ids.set(collection.id, local.id);
      continue;
    }
    const now = ctx.now();
    const made: Collection = {
      id: collection.id,
      name: collection.name,
      createdAt: collection.createdAt || now,
      updatedAt: collection.updatedAt || now,
    };
    plan.created.push(made);
    byName.set(made.name, made);
    plan.ids.set(collection.id, made.id);
  }
  return plan;
}

function localCollectionIds(asset: ArchiveManifestAsset, ids: Map<string, string>): string[] {
  return [...new Set(asset.collections.flatMap((id) => ids.get(id) ?? []))];
}

/**
 * One transaction: the new collections, then on each restored asset what the pipeline does not
 * set (favorite, its dates, sizes it could not measure) and, on an asset that was already here,
 * the archive's tags and collections merged in (and texts it lacks filled in).
 */
async function restoreFields(
  ctx: LibraryContext,
  created: readonly Collection[],
  imported: readonly ImportItemResult[],
  inputOf: readonly ImportedFrom[],
): Promise<Map<string, MediaAsset>> {
  const db = await ctx.db();
  const now = ctx.now();
  // Assets get new ids here, so lineage (`source.parentId`) is pointed at the parent's.
  const localIds = new Map<string, string>();
  for (const [at, result] of imported.entries()) {
    if (result.status !== 'failed')
      localIds.set((inputOf[at] as ImportedFrom).asset.id, result.asset.id);
  }
  const done = await inWriteTransaction(db, ['assets', 'collections'], async (tx) => {
    const collectionStore = tx.objectStore('collections');
    const added: Collection[] = [];
    for (const collection of created) {
      if ((await collectionStore.getKey(collection.id)) === undefined) added.push(collection);
    }
    await eachRequest(added, (collection) => collectionStore.put(collection));
    const store = tx.objectStore('assets');
    const edited = new Map<string, MediaAsset>();
    for (const [at, result] of imported.entries()) {
      if (result.status === 'failed') continue;
      const from = inputOf[at] as ImportedFrom;
      const id = result.asset.id;
      const record = edited.get(id) ?? (await store.get(id).then((r) => r && fromStoredAsset(r)));
      if (!record) continue;
      const next =
        result.status === 'imported' && !edited.has(id)
          ? relink(restoreRecord(record, from.asset), localIds)
          : mergeRecord(record, from, now);
      if (next) edited.set(id, next);
    }
    await eachRequest(edited.values(), (asset) => store.put(toStoredAsset(asset)));
    return { added, edited: [...edited.values()] };
  });
  if (done.added.length > 0 || done.edited.length > 0) {
    ctx.commit(
      { upsert: done.edited, upsertCollections: done.added },
      {
        assets: done.edited.map((asset) => asset.id),
        collections: done.added.map((collection) => collection.id),
      },
    );
  }
  return new Map(done.edited.map((asset) => [asset.id, asset]));
}

function relink(record: MediaAsset, localIds: ReadonlyMap<string, string>): MediaAsset {
  const source = record.source;
  if (!('parentId' in source) || source.parentId === undefined) return record;
  const parentId = localIds.get(source.parentId);
  return parentId && parentId !== source.parentId
    ? { ...record, source: { ...source, parentId } }
    : record;
}

function restoreRecord(record: MediaAsset, manifest: ArchiveManifestAsset): MediaAsset {
  const next: MediaAsset = {
    ...record,
    favorite: manifest.favorite,
    createdAt: manifest.createdAt || record.createdAt,
    updatedAt: manifest.updatedAt || record.updatedAt,
  };
  if (next.width === undefined && manifest.width !== undefined) next.width = manifest.width;
  if (next.height === undefined && manifest.height !== undefined) next.height = manifest.height;
  if (next.duration === undefined && manifest.duration !== undefined) {
    next.duration = manifest.duration;
  }
  return next;
}

/** The archive's tags, collections, favorite and missing texts on an existing asset. */
function mergeRecord(record: MediaAsset, from: ImportedFrom, now: number): MediaAsset | undefined {
  const manifest = from.asset;
  const tags = normalizeTags([...record.tags, ...manifest.tags]);
  const collectionIds = [...new Set([...record.collectionIds, ...from.collectionIds])];
  const next: MediaAsset = {
    ...record,
    tags,
    collectionIds,
    favorite: record.favorite || manifest.favorite,
  };
  for (const field of ['title', 'description', 'alt'] as const) {
    const value = manifest[field];
    if (!record[field] && value) next[field] = value;
  }
  const changed =
    tags.length !== record.tags.length ||
    collectionIds.length !== record.collectionIds.length ||
    next.favorite !== record.favorite ||
    next.title !== record.title ||
    next.description !== record.description ||
    next.alt !== record.alt;
  return changed ? { ...next, updatedAt: now } : undefined;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function notAnArchive(why: string): ArchiveError {
  return new ArchiveError(
    'archive_invalid',
    `This file is not a library archive: ${why}. Choose a .zip made by "Export library".`,
  );
}
