// The IndexedDB side of a library: schema, versioned upgrades, and the mapping between the
// public `MediaAsset` and the record as stored (IndexedDB cannot index booleans).
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, wrap } from 'idb';
import { MediaLibraryError } from './errors';
import type { AssetSource, AssetSourceType, AssetUsage, Collection, MediaAsset } from './types';

/**
 * Current schema version. Raise it by one and append a step to `upgradeSteps` to change the
 * schema; never edit a step that has shipped, since old databases replay them in order.
 */
export const DB_VERSION = 4;

/** An asset as stored: `favorite` as 0/1 and the source type copied out, both for indexes. */
export type StoredAsset = Omit<MediaAsset, 'favorite'> & {
  favorite: 0 | 1;
  sourceType: AssetSourceType;
};

/** The typed shape of a library database, for `idb`. */
export interface LibraryDbSchema extends DBSchema {
  assets: {
    key: string;
    value: StoredAsset;
    indexes: {
      createdAt: number;
      updatedAt: number;
      kind: string;
      favorite: number;
      sha256: string;
      tags: string;
      collectionIds: string;
      sourceType: string;
      sourceModule: string;
      trashedAt: number;
    };
  };
  collections: {
    key: string;
    value: Collection;
  };
}

/** An open library database. */
export type LibraryDb = IDBPDatabase<LibraryDbSchema>;

type UpgradeTransaction = IDBPTransaction<
  LibraryDbSchema,
  StoreNames<LibraryDbSchema>[],
  'versionchange'
>;

/** Name of the IndexedDB database of library `name`. */
export function libraryDbName(name: string): string {
  return `medialoft:${name}`;
}

/**
 * Step `i` takes a database from version `i` to `i + 1`. Steps check before creating, so a
 * database left half-made by hand or by an old build still ends in the right shape.
 */
const upgradeSteps: Array<(db: LibraryDb, tx: UpgradeTransaction) => void> = [
  // v1: assets with the indexes queries and dedupe need, and collections.
  (db, tx) => {
    const assets = db.objectStoreNames.contains('assets')
      ? tx.objectStore('assets')
      : db.createObjectStore('assets', { keyPath: 'id' });
    const indexes: Array<[name: keyof LibraryDbSchema['assets']['indexes'], multi: boolean]> = [
      ['createdAt', false],
      ['updatedAt', false],
      ['kind', false],
      ['favorite', false],
      ['sha256', false],
      ['tags', true],
      ['collectionIds', true],
    ];
    for (const [name, multiEntry] of indexes) {
      if (!assets.indexNames.contains(name)) assets.createIndex(name, name, { multiEntry });
    }
    if (!db.objectStoreNames.contains('collections')) {
      db.createObjectStore('collections', { keyPath: 'id' });
    }
  },
  // v2: filter by source type from an index; records of v1 get the field filled in.
  (_db, tx) => {
    const assets = tx.objectStore('assets');
    if (!assets.indexNames.contains('sourceType')) {
      assets.createIndex('sourceType', 'sourceType');
    }
    // The walk runs inside the upgrade transaction, so the open waits for it; if a write fails
    // the transaction aborts and the open rejects, which is where the error is reported.
    backfillSourceType(tx).catch(() => undefined);
  },
  // v3: find a host module's assets from an index. Records without the field (every record of
  // v2) are simply not in it, so nothing needs rewriting.
  (_db, tx) => {
    const assets = tx.objectStore('assets');
    if (!assets.indexNames.contains('sourceModule')) {
      assets.createIndex('sourceModule', 'sourceModule');
    }
  },
  // v4: the Trash by the time its assets went there, so emptying what is past the retention
  // reads only those. Records of v3 are in no Trash, so none needs rewriting.
  (_db, tx) => {
    const assets = tx.objectStore('assets');
    if (!assets.indexNames.contains('trashedAt')) assets.createIndex('trashedAt', 'trashedAt');
  },
];

async function backfillSourceType(tx: UpgradeTransaction): Promise<void> {
  let cursor = await tx.objectStore('assets').openCursor();
  while (cursor) {
    const record = cursor.value;
    if (record.sourceType === undefined) {
      await cursor.update({ ...record, sourceType: record.source?.type ?? 'upload' });
    }
    cursor = await cursor.continue();
  }
}

/**
 * Opens (creating or upgrading) the database of library `name` on `factory`.
 *
 * When another tab opens a newer schema, this connection closes itself so the upgrade is not
 * blocked; `onVersionChange` lets the library report that it must be reloaded.
 */
export function openLibraryDb(
  name: string,
  factory: IDBFactory,
  onVersionChange?: () => void,
): Promise<LibraryDb> {
  const unavailable = (error: unknown) =>
    new MediaLibraryError(
      'storage_unavailable',
      `Could not open the IndexedDB database "${libraryDbName(name)}". ` +
        'Check that the browser allows site storage (private windows may not), then reload.',
      { cause: error },
    );
  // idb's openDB always uses the global factory; wrapping the request keeps it injectable.
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(libraryDbName(name), DB_VERSION);
  } catch (error) {
    return Promise.reject(unavailable(error));
  }
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as LibraryDb;
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction;
    for (let version = event.oldVersion; version < DB_VERSION; version++) {
      upgradeSteps[version]?.(db, tx);
    }
  });
  const opened = wrap(request) as unknown as Promise<LibraryDb>;
  return opened.then(
    (db) => {
      db.addEventListener('versionchange', () => {
        db.close();
        onVersionChange?.();
      });
      return db;
    },
    (error: unknown) => {
      throw unavailable(error);
    },
  );
}

/**
 * Runs `body` in one readwrite transaction and resolves once it has committed. If `body`
 * throws, the transaction is aborted so none of its writes land. `body` must await every
 * request it makes (collect them and `Promise.all`) so no failure goes unheard.
 */
export async function inWriteTransaction<Names extends StoreNames<LibraryDbSchema>[], T>(
  db: LibraryDb,
  stores: Names,
  body: (tx: IDBPTransaction<LibraryDbSchema, Names, 'readwrite'>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  const done = tx.done;
  try {
    const result = await body(tx);
    await done;
    return result;
  } catch (error) {
    done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the failing request.
    }
    throw error;
  }
}

/**
 * Issues `request` for every item and waits for them all. If one throws synchronously (a
 * value that cannot be cloned), the requests already issued are still awaited quietly, so
 * the aborting transaction cannot leave an unhandled rejection behind.
 */
export async function eachRequest<T>(
  items: Iterable<T>,
  request: (item: T) => Promise<unknown>,
): Promise<void> {
  const issued: Promise<unknown>[] = [];
  try {
    for (const item of items) issued.push(request(item));
  } catch (error) {
    for (const pending of issued) pending.catch(() => undefined);
    throw error;
  }
  await Promise.all(issued);
}

/** The record to store for `asset`. */
export function toStoredAsset(asset: MediaAsset): StoredAsset {
  return { ...asset, favorite: asset.favorite ? 1 : 0, sourceType: asset.source.type };
}

/** How many own enumerable keys `value` has (counted without making an array of them). */
function keyCount(value: object): number {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  return count;
}

const NO_COLLECTIONS = Object.freeze([]) as unknown as string[];
const UNUSED: AssetUsage = Object.freeze({ downloads: 0, shares: 0, uses: 0 });
const UPLOADED: AssetSource = Object.freeze({ type: 'upload' });

/**
 * Reads many stored records as public assets (a library opening: 100,000 records), sharing
 * what records repeat instead of keeping one copy per asset: the strings of kinds, types, tags,
 * collection ids, providers and models, and the usual empty collections, unused usage and
 * plain upload source. The records arrive as fresh copies from IndexedDB; sharing makes the
 * loaded library smaller and gives the garbage collector fewer objects to move while it loads
 * (`pnpm bench library-open`). Shared objects are frozen: the library replaces these values,
 * never changes them in place, and a change in place would throw instead of reaching every
 * asset that shares them.
 */
export function createAssetReader(): (record: StoredAsset) => MediaAsset {
  const strings = new Map<string, string>();
  const share = <T extends string>(value: T): T => {
    const known = strings.get(value);
    if (known !== undefined) return known as T;
    strings.set(value, value);
    return value;
  };
  const shareAll = (values: string[]) => {
    for (let i = 0; i < values.length; i++) values[i] = share(values[i] as string);
  };
  return (record) => {
    const asset = fromStoredAsset(record);
    asset.kind = share(asset.kind);
    asset.mimeType = share(asset.mimeType);
    if (asset.thumbnailType !== undefined) asset.thumbnailType = share(asset.thumbnailType);
    if (asset.sourceModule !== undefined) asset.sourceModule = share(asset.sourceModule);
    shareAll(asset.tags);
    if (asset.collectionIds.length === 0) asset.collectionIds = NO_COLLECTIONS;
    else shareAll(asset.collectionIds);
    const { usage, source } = asset;
    if (usage.downloads === 0 && usage.shares === 0 && usage.uses === 0 && keyCount(usage) === 3)
      asset.usage = UNUSED;
    if (source.type === 'upload' && keyCount(source) === 1) asset.source = UPLOADED;
    else if (source.type === 'ai') {
      source.provider = share(source.provider);
      source.model = share(source.model);
    }
    return asset;
  };
}

/** The public asset of a stored record. */
export function fromStoredAsset(record: StoredAsset): MediaAsset {
  // One copy per record: this runs for every asset when a large library opens.
  const { sourceType: _sourceType, favorite, ...rest } = record;
  const asset = rest as MediaAsset;
  asset.favorite = favorite === 1;
  return asset;
}
