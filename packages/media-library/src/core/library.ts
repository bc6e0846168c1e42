// `createMediaLibrary`: wires the database, blob store, store, sync and object-URL cache of
// one library instance together. The work itself lives in the library-*.ts modules.
import { exportArchiveLazily, importArchiveLazily } from './archive/archive-loader';
import { fromStoredAsset, openLibraryDb } from './db';
import { MediaLibraryError } from './errors';
import { createLibraryContext, type LibraryContext } from './library-context';
import { importFilesLazily, importFromUrlLazily } from './library-import-loader';
import { DEFAULT_FIRST_PAGE_SIZE, loadFirstPage, loadRemaining } from './library-load';
import { createLibraryLocks } from './library-locks';
import { createRemoteChangeHandler } from './library-remote';
import { computeStatistics, computeTags } from './library-statistics';
import type { SweepReport } from './library-sweep';
import { createLoadHolds, holdsOf } from './load-holds';
import { createObjectUrlCache, isInertMimeType } from './object-url-cache';
import { queryLibrary } from './query';
import { createDefaultBlobStore } from './storage/default-blob-store';
import type { StorageWatch } from './storage-marker';
import { createLibraryStore } from './store';
import { openLibrarySync } from './sync';
import type {
  AssetVariant,
  BlobStore,
  MediaAsset,
  MediaLibrary,
  MediaLibraryOptions,
} from './types';

/** A library instance with the extras of this implementation. */
export interface MediaLibraryInstance extends MediaLibrary {
  /**
   * Runs the consistency sweep now: deletes bytes no record references and removes records
   * whose bytes are gone, except records older than a loss of files the library noticed
   * (`storageIncident` `bytes-removed`): those stay, marked `unreadable`, for `importArchive`
   * to restore. It also runs once at start-up, before `ready` resolves.
   */
  sweep(): Promise<SweepReport>;
  /**
   * What the start-up sweep repaired, once it has run; stays undefined when another tab was
   * importing at start-up (the sweep then waits for the next start, or a call to `sweep()`).
   * The start-up sweep lists the bytes only when something can be out of step (`listed`).
   */
  readonly lastSweep: SweepReport | undefined;
}

/**
 * Creates (or opens) the media library `options.name`. Returns at once with status
 * 'loading'; the newest `firstPageSize` assets arrive first ('partial'), then the rest
 * ('ready'), then a consistency sweep repairs what a crash may have left; `ready` resolves
 * after both.
 *
 * On a server (no IndexedDB and no `document`, as when a framework prerenders the module
 * that calls this), it opens nothing (no IndexedDB, OPFS, BroadcastChannel or storage
 * estimate) and logs nothing: the state stays 'loading' with no assets, `ready` never
 * settles (so it never rejects), and operations reject with `storage_unavailable`. So it may
 * be called at module scope of a client component; in the browser the same call opens the
 * library as usual.
 *
 * @example
 * const library = createMediaLibrary({ name: 'photos', storageCap: 500 * 1024 ** 2 });
 * const [result] = await library.importFiles(input.files ?? []);
 * library.query({ text: 'fox', kinds: ['image'], limit: 60 }).items;
 */
export function createMediaLibrary(options: MediaLibraryOptions = {}): MediaLibraryInstance {
  const name = options.name ?? 'default';
  if (typeof name !== 'string' || name === '') {
    throw new MediaLibraryError('invalid_input', 'A library name must be a non-empty string.');
  }
  const store = createLibraryStore();
  const factory = options.indexedDB ?? globalThis.indexedDB;
  // Server rendering evaluates the host's client modules too: there the library opens nothing
  // and stays 'loading', which is what the browser's first (hydrating) render shows as well.
  const onServer = !factory && typeof document === 'undefined';

  const db = factory
    ? openLibraryDb(name, factory, () => onVersionChange())
    : Promise.reject(onServer ? serverOnlyError(name) : noIndexedDbError());
  const blobs: Promise<BlobStore> = options.blobStore
    ? Promise.resolve(options.blobStore)
    : onServer
      ? Promise.reject(serverOnlyError(name))
      : createDefaultBlobStore(name, {
          ...(factory ? { indexedDB: factory } : {}),
          ...(options.blobStorePath ? { path: options.blobStorePath } : {}),
        });
  // Callers see these through `ready` or the first operation; never as unhandled rejections.
  db.catch(() => undefined);
  blobs.catch(() => undefined);

  let resolveLoaded!: () => void;
  let rejectLoaded!: (error: unknown) => void;
  const loaded = new Promise<void>((resolve, reject) => {
    resolveLoaded = resolve;
    rejectLoaded = reject;
  });
  loaded.catch(() => undefined);

  const wiring = createLibraryContext({
    name,
    options,
    store,
    locks: createLibraryLocks(name),
    db,
    blobs,
    loaded,
  });
  const ctx: LibraryContext = wiring.context;
  const sync = openLibrarySync(
    name,
    onServer ? false : options.broadcast,
    instanceId(),
    createRemoteChangeHandler(ctx),
  );
  wiring.setSync(sync);

  const getBlob = async (id: string, variant: AssetVariant = 'original') => {
    const state = ctx.store.getState();
    const asset = state.assets.get(id) ?? state.trash.get(id) ?? (await readAsset(ctx, id));
    if (!asset) return undefined;
    // An image small enough to be its own thumbnail has none: the original serves.
    const key = variant === 'thumbnail' ? (asset.thumbnailKey ?? imageKey(asset)) : asset.blobKey;
    if (!key) return undefined;
    const blob = await (await ctx.blobs()).get(key);
    const type = key === asset.thumbnailKey ? asset.thumbnailType : asset.mimeType;
    // Stores may lose the type (OPFS does); `<img>` needs it for SVG.
    return blob && type && blob.type !== type ? blob.slice(0, blob.size, type) : blob;
  };
  const urls = createObjectUrlCache({
    getBlob,
    setTimeout: unrefTimeout,
    ...(options.urlGraceMs !== undefined ? { graceMs: options.urlGraceMs } : {}),
  });
  wiring.setUrls(urls);

  // A screen mounting over the library holds the reading of the rest of the index meanwhile.
  const holds = createLoadHolds();
  let lastSweep: SweepReport | undefined;
  let stopTrashExpiry: (() => void) | undefined;
  // What the browser removed since the last session (storage-marker.ts, loaded at open).
  let watch: Promise<StorageWatch> | undefined;
  const watching = () => watch?.catch(() => undefined);
  const ready = (async () => {
    // Nothing loads on a server, so `ready` never settles there (and never rejects).
    if (onServer) await new Promise<never>(() => {});
    try {
      const database = await db;
      await loadFirstPage(wiring, database, options.firstPageSize ?? DEFAULT_FIRST_PAGE_SIZE);
      watch = import('./storage-marker').then((marker) => marker.watchStorage(ctx));
      watch.catch(() => undefined);
      await loadRemaining(wiring, database, undefined, holds);
      // A load that close() stopped between reads never had the whole index.
      if (ctx.closed) throw closedDuringLoad(name);
      resolveLoaded();
    } catch (caught) {
      // A load cut short by close() reports that, not the closed connection's error.
      const error = ctx.closed && !isClosedError(caught) ? closedDuringLoad(name, caught) : caught;
      rejectLoaded(error);
      if (!ctx.closed) {
        ctx.commit({
          status: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
      throw error;
    }
    if (ctx.closed) return;
    // Without the check the library works as before: nothing is reported, nothing kept.
    const watcher = await watching();
    if (ctx.closed) return;
    const keep = watcher?.start();
    try {
      const sweeping = await import('./library-sweep');
      lastSweep = await sweeping.sweepAtStart(ctx, keep, watcher?.incident ?? true);
    } catch {
      // A sweep that cannot run (blob store gone, closed meanwhile) repairs next time; the
      // library itself is loaded and usable.
    }
    // Emptying what is past the Trash's retention, now and hourly, loads after the sweep.
    if (ctx.closed) return;
    stopTrashExpiry = await trashModule().then(
      (trash) => trash.watchTrashExpiry(ctx),
      () => undefined,
    );
  })();
  ready.catch(() => undefined);

  function onVersionChange(): void {
    if (ctx.closed) return;
    ctx.commit({
      status: 'error',
      error: new MediaLibraryError(
        'closed',
        'A newer version of this app upgraded the library in another tab. Reload this page.',
      ),
    });
    close();
  }

  function close(): void {
    if (ctx.closed) return;
    wiring.markClosed();
    stopTrashExpiry?.();
    sync.close();
    urls.revokeAll();
    watching()?.then((watcher) => watcher?.stop());
    db.then((database) => database.close()).catch(() => undefined);
    // A store the host passed in is the host's to close; the default one (its writer worker)
    // is this instance's.
    if (!options.blobStore) blobs.then((store) => store.close?.()).catch(() => undefined);
  }

  const instance: MediaLibraryInstance = {
    name,
    ready,
    urls,
    get lastSweep() {
      return lastSweep;
    },
    getState: () => store.getState(),
    subscribe: (listener) => store.subscribe(listener),
    importFiles: (inputs, importOptions) => importFilesLazily(ctx, inputs, importOptions),
    importFromUrl: (url, importOptions) => importFromUrlLazily(ctx, url, importOptions),
    get: (id) => store.getState().assets.get(id),
    query: (query = {}) => queryLibrary(store.getState(), query),
    getBlob,
    // Edits and collections load with the first one: a library only shown and searched never
    // needs their code.
    update: async (ids, patch) => (await operations()).updateAssets(ctx, ids, patch),
    // Loaded on first use, like the import pipeline it shares.
    replaceFile: async (id, file, replaceOptions) =>
      (await import('./library-replace')).replaceFile(ctx, id, file, replaceOptions),
    addTags: async (ids, tags) => (await operations()).addTags(ctx, ids, tags),
    removeTags: async (ids, tags) => (await operations()).removeTags(ctx, ids, tags),
    renameTag: async (from, to) => (await operations()).renameTag(ctx, from, to),
    listTags: () => computeTags(store.getState()),
    createCollection: async (collectionName) =>
      (await collections()).createCollection(ctx, collectionName),
    renameCollection: async (id, collectionName) =>
      (await collections()).renameCollection(ctx, id, collectionName),
    deleteCollection: async (id) => (await collections()).deleteCollection(ctx, id),
    addToCollection: async (collectionId, ids) =>
      (await collections()).addToCollection(ctx, collectionId, ids),
    removeFromCollection: async (collectionId, ids) =>
      (await collections()).removeFromCollection(ctx, collectionId, ids),
    delete: async (ids) => (await trashModule()).trashAssets(ctx, ids),
    restore: async (ids) => (await trashModule()).restoreAssets(ctx, ids),
    deleteForever: async (ids) => {
      await (await trashModule()).deleteForever(ctx, ids);
    },
    emptyTrash: async () => (await trashModule()).emptyTrash(ctx),
    clear: async () => {
      // Loaded on use, with the Trash's other ways of deleting for good.
      await (await trashModule()).clearLibrary(ctx);
      await (await watching())?.cleared();
    },
    exportArchive: (archiveOptions) => exportArchiveLazily(ctx, archiveOptions),
    importArchive: async (file, archiveOptions) => {
      const run = () => importArchiveLazily(ctx, file, archiveOptions);
      const watcher = await watching();
      return watcher ? watcher.importArchive(run) : run();
    },
    trackUsage: async (id, kind) => (await operations()).trackUsage(ctx, id, kind),
    getStatistics: () => computeStatistics(store.getState()),
    // The storage estimate loads with the first view that asks for it.
    estimateStorage: async () => (await import('./storage-estimate')).estimateStorage(ctx),
    requestPersistence: () =>
      import('./storage-estimate').then(
        (module) => module.requestPersistence(),
        () => false,
      ),
    acknowledgeStorageIncident: () => {
      if (!store.getState().storageIncident) return;
      ctx.commit({ storageIncident: null });
      watching()?.then((watcher) => watcher?.acknowledge());
    },
    // Loaded with the start-up sweep, after the index: opening never waits for its code.
    sweep: async () => {
      const keep = (await watching())?.keep;
      return (await import('./library-sweep')).sweepLibrary(ctx, keep);
    },
    close,
  };
  holdsOf.set(instance, holds);
  return instance;
}

/** Edits of assets and tags (and what collections and the Trash share of them), on first use. */
function operations(): Promise<typeof import('./library-operations')> {
  return import('./library-operations');
}

/** Collections' code, loaded with the first change to one. */
function collections(): Promise<typeof import('./library-collections')> {
  return import('./library-collections');
}

/** The Trash's code, loaded on first use: a library that never deletes does not download it. */
function trashModule(): Promise<typeof import('./library-trash')> {
  return import('./library-trash');
}

/**
 * Tells this instance's messages from other tabs' apart. Not `createId`: an injected id maker
 * may well be a counter that every tab starts at 1.
 */
function instanceId(): string {
  return typeof crypto?.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function noIndexedDbError(): MediaLibraryError {
  return new MediaLibraryError(
    'storage_unavailable',
    'IndexedDB is not available here: pass `indexedDB` (e.g. fake-indexeddb in tests).',
  );
}

function serverOnlyError(name: string): MediaLibraryError {
  return new MediaLibraryError(
    'storage_unavailable',
    `The media library "${name}" keeps its media in the browser, so on a server it stays ` +
      "empty and 'loading'. Call its methods from effects or event handlers, or pass " +
      '`indexedDB` (e.g. fake-indexeddb) to use it in Node.',
  );
}

/**
 * A URL's grace timer must not hold a Node process open after its work is done (browsers have
 * no unref(): their timers are numbers).
 */
function unrefTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  const handle = setTimeout(callback, ms);
  (handle as { unref?: () => void }).unref?.();
  return handle;
}

function closedDuringLoad(name: string, cause?: unknown): MediaLibraryError {
  return new MediaLibraryError(
    'closed',
    `The media library "${name}" was closed while loading.`,
    cause === undefined ? undefined : { cause },
  );
}

const isClosedError = (error: unknown) =>
  error instanceof MediaLibraryError && error.code === 'closed';

function imageKey(asset: MediaAsset): string | undefined {
  // Only a raster original may stand in: a thumbnail is shown, and opened, as an image.
  return asset.kind === 'image' && isInertMimeType(asset.mimeType) ? asset.blobKey : undefined;
}

async function readAsset(ctx: LibraryContext, id: string): Promise<MediaAsset | undefined> {
  const record = await (await ctx.db()).get('assets', id);
  return record ? fromStoredAsset(record) : undefined;
}
