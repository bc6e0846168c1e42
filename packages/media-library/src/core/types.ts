// The data model and the public contracts of the media library core. Types only: no runtime
// code, no React, no browser APIs beyond type references.

import type {
  ArchiveImportReport,
  ExportArchiveOptions,
  ImportArchiveOptions,
} from './archive/archive-types';

/** What an asset is, sniffed from its bytes (the extension is only a fallback). */
export type AssetKind = 'image' | 'video' | 'audio' | 'text' | 'document' | 'other';

/**
 * What made an asset out of another one (or, for `generate`, out of a prompt alone). The AI
 * operations are `MediaAIOperation`; `crop`, `rotate` and `flip` run in the browser; `export`
 * is a platform format's size (`exportForPlatform`).
 */
export type AssetOperation =
  | 'generate'
  | 'edit'
  | 'inpaint'
  | 'outpaint'
  | 'variation'
  | 'upscale'
  | 'remove-background'
  | 'crop'
  | 'rotate'
  | 'flip'
  | 'export';

/**
 * The operations that need no model: `transformAsset`'s crop, rotate and flip, and
 * `exportForPlatform`'s resize to a platform format.
 */
export type AssetTransformOperation = Extract<
  AssetOperation,
  'crop' | 'rotate' | 'flip' | 'export'
>;

/**
 * Where an asset came from. Kept on the record for provenance and filtering.
 *
 * An asset made from another one names it in `parentId` (its lineage; see `versionsOf` and
 * `MediaQuery.derivedFrom`): an AI edit keeps `type: 'ai'` with its `operation`, so filters
 * and cost totals count it as AI; a crop, rotation or flip done in the browser is
 * `type: 'edit'`, since no model or provider was involved.
 */
export type AssetSource =
  | { type: 'upload' }
  | { type: 'url'; url: string }
  | {
      type: 'edit';
      /**
       * The main operation: `crop` when the transform cropped, else `rotate`, else `flip`;
       * `export` for a platform format.
       */
      operation: AssetTransformOperation;
      /** The asset this one was made from. */
      parentId: string;
      /** Crop rectangle in the parent's pixels, when it was cropped. */
      crop?: { x: number; y: number; width: number; height: number };
      /** Clockwise degrees, when it was rotated. */
      rotate?: 90 | 180 | 270;
      flip?: 'horizontal' | 'vertical';
      /** The platform format's name (e.g. `instagram-story`), for `export`. */
      format?: string;
    }
  | {
      type: 'ai';
      provider: string;
      model: string;
      prompt: string;
      /** What the model did; absent on assets generated before lineage was recorded. */
      operation?: AssetOperation;
      /** The asset an AI edit started from (absent for `generate`). */
      parentId?: string;
      negativePrompt?: string;
      seed?: number;
      steps?: number;
      width?: number;
      height?: number;
      costUsd?: number;
      generationMs?: number;
      requestId?: string;
    };

export type AssetSourceType = AssetSource['type'];

/** How often an asset was used, for "recently used" views and statistics. */
export interface AssetUsage {
  downloads: number;
  shares: number;
  uses: number;
  /** Epoch ms of the last download, share or use. */
  lastAccessedAt?: number;
}

export type UsageKind = 'download' | 'share' | 'use';

/** One asset as stored in IndexedDB. The bytes live in the blob store under `blobKey`. */
export interface MediaAsset {
  /** Stable, URL-safe string id. */
  id: string;
  kind: AssetKind;
  /** Original file name (or one derived from the source). */
  name: string;
  mimeType: string;
  /** Size of the original bytes. */
  size: number;
  width?: number;
  height?: number;
  /** Seconds, for video and audio where the browser can read it. */
  duration?: number;
  /** Number of pages, for PDF where it could be opened. */
  pageCount?: number;
  /** Lower-case hex SHA-256 of the original bytes. */
  sha256: string;
  /** Blob-store key of the original bytes. */
  blobKey: string;
  /**
   * Blob-store key of the thumbnail (longest side ≤ 400 px, always a raster image), when one
   * was made.
   */
  thumbnailKey?: string;
  thumbnailType?: string;
  /**
   * Set (true) when the bytes claim an image, video or audio type but do not decode: they show
   * no signature of that kind (random bytes named "photo.jpg"), the browser's decoder refused
   * them while making the thumbnail, or a video or audio element reported an error reading
   * them. Such an asset is kept (unless the import passed `unreadable: 'reject'`), stored with
   * this flag in IndexedDB, and shown as "can't be shown" rather than as a broken image.
   * Absent on assets that decoded or could not be checked (no decoder at hand, as in Node;
   * formats whose support varies by browser: HEIC, HEIF, TIFF, JPEG XL).
   */
  unreadable?: boolean;
  title?: string;
  description?: string;
  alt?: string;
  /** Normalised tags (trimmed, case kept, unique). */
  tags: string[];
  favorite: boolean;
  collectionIds: string[];
  source: AssetSource;
  /**
   * Which module of the host app made the asset (say `'story-writer'`), set at import or by
   * `update`. Stored trimmed and lower-cased: 1–64 characters of `a-z0-9._-`, starting with a
   * letter or digit. Filter with `MediaQuery.sourceModules`.
   */
  sourceModule?: string;
  /**
   * The host app's own facts about the asset (say `{ storyId: 'abc', scene: 3 }`), set at
   * import or by `update`: plain JSON values only, at most 8 levels deep and 8 KB as JSON.
   * Filter on a top-level key with `MediaQuery.meta`.
   */
  meta?: AssetMeta;
  usage: AssetUsage;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms. */
  updatedAt: number;
  /**
   * Epoch ms when `delete` moved the asset to the Trash; absent while it is in the library. A
   * trashed asset keeps its bytes, tags, collections and provenance until the Trash is emptied
   * (`emptyTrash`, `deleteForever`, or `trashRetentionDays` after this time); `restore` brings
   * it back as it was.
   */
  trashedAt?: number;
}

/** A value inside `MediaAsset.meta`: what JSON can hold, with finite numbers only. */
export type AssetMetaValue =
  | string
  | number
  | boolean
  | null
  | AssetMetaValue[]
  | { [key: string]: AssetMetaValue };

/** The host app's record on an asset (`MediaAsset.meta`). */
export type AssetMeta = { [key: string]: AssetMetaValue };

/** A named group of assets. An asset may belong to several collections. */
export interface Collection {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** Fields a person can edit on an asset. */
export interface AssetPatch {
  title?: string;
  description?: string;
  alt?: string;
  favorite?: boolean;
  /** Sets the host module; `''` or `undefined` (the key present) clears it. */
  sourceModule?: string;
  /** Replaces the host's meta as a whole; `undefined` (the key present) or `{}` clears it. */
  meta?: AssetMeta;
}

/**
 * Where the bytes live. OPFS by default, an IndexedDB-Blob fallback where OPFS is missing,
 * in memory for unit tests. Keys are short strings made by the library.
 */
export interface BlobStore {
  /**
   * A short name for diagnostics: 'opfs' (OPFS written with `createWritable`), 'opfs-sync'
   * (OPFS written by a worker through `createSyncAccessHandle`), 'indexeddb', 'memory'.
   */
  readonly kind: string;
  /**
   * Writes the bytes under `key`, replacing any. Rejects with a `StorageFullError` when the
   * browser is out of quota, and leaves no partial file behind. When `options.signal` aborts
   * mid-write it rejects with the signal's reason and keeps nothing of that write.
   */
  put(key: string, data: Blob, options?: BlobStorePutOptions): Promise<void>;
  get(key: string): Promise<Blob | undefined>;
  has(key: string): Promise<boolean>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key in the store, for the start-up consistency sweep. */
  keys(): Promise<string[]>;
  /** Removes every key. */
  clear(): Promise<void>;
  /**
   * Releases what the store holds (the OPFS writer worker); a later call starts afresh. The
   * library calls it on `close()` for a store it created itself.
   */
  close?(): void;
  /**
   * A short text kept beside the bytes but outside `keys()`, gone after `clear()` or when the
   * browser clears the bytes: the library's witness that they survived (see
   * `MediaLibraryState.storageIncident`). A store without it makes that check coarser.
   */
  readMarker?(): Promise<string | undefined>;
  /** Replaces the text `readMarker` returns. */
  writeMarker?(text: string): Promise<void>;
}

/**
 * The ways the default blob store keeps a library's bytes, as `BlobStore.kind` names them:
 * OPFS written with `createWritable`, OPFS written by a worker through
 * `createSyncAccessHandle`, or Blobs in IndexedDB.
 */
export type BlobStorePath = 'opfs' | 'opfs-sync' | 'indexeddb';

/** Options of `BlobStore.put`. */
export interface BlobStorePutOptions {
  /** Stops the write; nothing of it is kept. */
  signal?: AbortSignal;
}

/** Anything the import pipeline accepts: a File, a Blob from code, or a Blob with details. */
export type ImportInput =
  | File
  | Blob
  | {
      blob: Blob;
      name?: string;
      source?: AssetSource;
      title?: string;
      description?: string;
      alt?: string;
      tags?: string[];
      collectionIds?: string[];
      /**
       * Which host module made it; see `MediaAsset.sourceModule`. When the bytes are already
       * in the library (a `duplicate` result), the existing asset keeps its own host data: set
       * it with `update` if it should change.
       */
      sourceModule?: string;
      /** The host's facts about it; see `MediaAsset.meta`. */
      meta?: AssetMeta;
    };

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** Name of the file being processed, when there is one. */
  current?: string;
  /**
   * Files done so far whose bytes do not decode: kept with `asset.unreadable`, or refused as
   * `failed` with code `unreadable` under `unreadable: 'reject'`. Counted by the import.
   */
  unreadable?: number;
}

/** Options of `MediaLibrary.replaceFile`. */
export interface ReplaceFileOptions {
  /** Cancels the replace; the asset and its bytes stay as they were. */
  signal?: AbortSignal;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Keep a second asset when the same bytes are already in the library. Default false. */
  keepDuplicates?: boolean;
  /** Source for inputs that do not carry one. Default `{ type: 'upload' }`. */
  source?: AssetSource;
  /**
   * What to do with a file whose bytes claim an image, video or audio type but do not decode:
   * `'keep'` (default) imports it with `asset.unreadable: true`; `'reject'` makes its result
   * `failed` with an `UnreadableFileError` (code `unreadable`) and keeps nothing of it.
   */
  unreadable?: 'keep' | 'reject';
  /**
   * Commit the batch in small steps (every few files, or a quarter second) so its assets
   * appear in the library as they land, and on cancel resolve rather than reject: files that
   * finished stay, the rest are rolled back (no bytes, no record) and come back `failed` with
   * code `canceled`. Default false: the batch is all or nothing and a cancel rejects with
   * `ImportAbortedError`.
   */
  keepFinished?: boolean;
  /**
   * Host module for inputs that do not name one (see `MediaAsset.sourceModule`). An invalid
   * value rejects the call with `invalid_input` before anything is read.
   */
  sourceModule?: string;
  /** Host meta for inputs that do not carry one (see `MediaAsset.meta`); checked likewise. */
  meta?: AssetMeta;
}

/**
 * Fetches the file at `url` for `importFromUrl` and resolves its bytes. A `File` keeps its
 * name; rejecting fails the import. Must honour `signal`.
 */
export type MediaUrlFetcher = (url: string, options: { signal?: AbortSignal }) => Promise<Blob>;

/** Options of `importFromUrl`: those of any import, plus how to fetch. */
export interface ImportFromUrlOptions extends ImportOptions {
  /** Fetches the file instead of the library's `urlFetcher` or a direct `fetch`. */
  fetcher?: MediaUrlFetcher;
}

export type ImportItemResult =
  /** `name` is the input's own name (the asset's name unless it had none). */
  | { status: 'imported'; asset: MediaAsset; name?: string }
  /**
   * The same bytes were already in the library: `asset` is the existing asset (its id to
   * reveal it), `name` the input's own name.
   */
  | {
      status: 'duplicate';
      asset: MediaAsset;
      name?: string;
      /**
       * True when the asset with these bytes was in the Trash: the import restored it (with
       * its tags, collections and provenance) rather than adding a copy.
       */
      restored?: boolean;
    }
  /**
   * Not imported; `error` says why. With `keepFinished`, a file a cancel left out is `failed`
   * with a `MediaLibraryError` of code `canceled` (see `isCanceledResult`).
   */
  | { status: 'failed'; name: string; error: Error };

export type SortField = 'createdAt' | 'updatedAt' | 'name' | 'size' | 'cost';
export type Orientation = 'landscape' | 'portrait' | 'square';

/** A query over the loaded index. Every field is optional; an empty query lists everything. */
export interface MediaQuery {
  /** Matched against name, title, description, AI prompt and tags, case-insensitively. */
  text?: string;
  kinds?: AssetKind[];
  sourceTypes?: AssetSourceType[];
  /** Assets made directly from this asset (whose `source.parentId` is this id). */
  derivedFrom?: string;
  providers?: string[];
  models?: string[];
  tags?: string[];
  /** How `tags` combine. Default 'all'. */
  tagMode?: 'all' | 'any';
  favorite?: boolean;
  /** true: only assets whose bytes did not decode (`asset.unreadable`); false: only the others. */
  unreadable?: boolean;
  collectionId?: string;
  /** Assets made by any of these host modules (compared trimmed and lower-cased). */
  sourceModules?: string[];
  /**
   * Assets whose `meta` has every one of these top-level keys with exactly this value
   * (`{ storyId: 'abc' }` matches `meta.storyId === 'abc'`).
   */
  meta?: Record<string, string | number | boolean | null>;
  orientation?: Orientation;
  /** Epoch ms, inclusive. */
  createdFrom?: number;
  /** Epoch ms, inclusive. */
  createdTo?: number;
  /** Bytes, inclusive. */
  minSize?: number;
  /** Bytes, inclusive. */
  maxSize?: number;
  /**
   * true: list the Trash (assets `delete` moved there) instead of the library. Default false:
   * trashed assets are in no other result.
   */
  trashed?: boolean;
  /** Default `{ field: 'createdAt', direction: 'desc' }`. */
  sort?: { field: SortField; direction?: 'asc' | 'desc' };
  offset?: number;
  limit?: number;
}

export interface QueryResult {
  items: MediaAsset[];
  /** Matches before paging. */
  total: number;
}

export interface LibraryStatistics {
  total: number;
  byKind: Record<AssetKind, number>;
  bySource: Record<AssetSourceType, number>;
  favorites: number;
  totalAiCostUsd: number;
  /**
   * Sum of original sizes, the Trash's included: its bytes are kept (and count against the
   * storage cap) until it is emptied.
   */
  bytesUsed: number;
  /** What the Trash holds: how many assets (not counted in `total`) and their bytes. */
  trash: { count: number; bytes: number };
}

export interface StorageEstimate {
  /** Bytes of originals in this library. */
  libraryBytes: number;
  /** What the browser reports for the whole origin, when it does. */
  originUsage?: number;
  originQuota?: number;
  /** The configured local cap, if any. */
  cap?: number;
  /** Bytes still available: the smaller of quota headroom and cap headroom. */
  available?: number;
  persisted: boolean;
}

/**
 * What the browser removed of a library since its last session, found at open:
 * `bytes-removed` (the files are gone, the records are kept and show as unreadable until an
 * archive import restores them), `records-removed` (the records are gone, so the files cannot
 * be named: the start-up sweep then frees their space as it does for any unreferenced bytes),
 * `all-removed` (both, while a note of the last session survived).
 */
export interface StorageIncident {
  kind: 'bytes-removed' | 'records-removed' | 'all-removed';
  /** Epoch ms when this instance noticed it. */
  detectedAt: number;
  /** Epoch ms of the last session that saw the library whole. */
  lastSeenAt: number;
}

/** Where the library keeps its note of the last session (`localStorage`'s shape). */
export type MarkerStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The library's state as held in its vanilla (zustand) store. Replaced immutably on change. */
export interface MediaLibraryState {
  /**
   * 'loading' until the first page is read, 'partial' while the rest of the index loads,
   * then 'ready'.
   */
  status: 'loading' | 'partial' | 'ready' | 'error';
  error?: Error;
  /** The assets of the library, the Trash's excluded. */
  assets: ReadonlyMap<string, MediaAsset>;
  /** The assets in the Trash (each with `trashedAt`), by id. */
  trash: ReadonlyMap<string, MediaAsset>;
  collections: ReadonlyMap<string, Collection>;
  /** Incremented on every change, cheap to compare. */
  revision: number;
  /**
   * Set at open when the browser removed this library's files or records since the last
   * session; stays (also across reloads) until `acknowledgeStorageIncident()`, then never comes
   * back for that loss.
   */
  storageIncident?: StorageIncident;
}

/** Which bytes of an asset: the original file or its thumbnail. */
export type AssetVariant = 'original' | 'thumbnail';

/**
 * One cache of object URLs for the whole library. Every URL is reference-counted: `acquire`
 * adds a user, the returned `release` removes it, and a URL nothing uses any more is revoked
 * (after a short grace period, so scrolling back does not re-read the bytes at once).
 */
export interface ObjectUrlCache {
  acquire(id: string, variant: AssetVariant): Promise<{ url: string; release: () => void }>;
  /** Number of live (not yet revoked) object URLs, for tests and benchmarks. */
  size(): number;
  /** Revokes every URL; used on `close()` and `clear()`. */
  revokeAll(): void;
  /**
   * Revokes the URLs of one asset (both variants) at once, in use or not; used on `delete()`
   * and when an asset's bytes change. A later `acquire` reads the bytes again.
   */
  invalidate(id: string): void;
}

/** A minimal BroadcastChannel, injectable for tests. */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface MediaLibraryOptions {
  /**
   * Name of the library. One origin can hold several libraries; each gets its own IndexedDB
   * database (`medialoft:<name>`) and OPFS directory. Default 'default'.
   */
  name?: string;
  /** Where the bytes go. Default: OPFS, or IndexedDB Blobs where OPFS is missing. */
  blobStore?: BlobStore;
  /**
   * Forces the default blob store's path instead of probing the browser: `'opfs'`,
   * `'opfs-sync'` (OPFS written by a worker, for browsers without `createWritable`) or
   * `'indexeddb'`. Ignored when `blobStore` is given. Default: probed at open.
   */
  blobStorePath?: BlobStorePath;
  /** The IndexedDB factory. Default `globalThis.indexedDB`; tests pass fake-indexeddb. */
  indexedDB?: IDBFactory;
  /**
   * The clock. Default `Date.now`. Stamps never repeat within an instance: a time not after
   * the last one given becomes the last one plus 1 ms.
   */
  now?: () => number;
  /** Id maker. Default: `crypto.randomUUID()`. */
  createId?: () => string;
  /** Thumbnail settings, or false to skip thumbnails. Default `{ maxSize: 400 }`. */
  thumbnails?: false | { maxSize?: number; type?: 'image/webp' | 'image/png' | 'image/jpeg' };
  /** A local cap on the bytes this library may hold, on top of the browser's quota. */
  storageCap?: number;
  /**
   * Cross-tab sync. Default: a BroadcastChannel named after the library, where one exists.
   * Pass false to turn it off, or a factory for tests.
   */
  broadcast?: false | ((channelName: string) => BroadcastChannelLike);
  /** Used by `importFromUrl` when no `urlFetcher` is given. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * Fetches the file for `importFromUrl` instead of a direct `fetch` from the page, e.g.
   * through a server so that sites sending no CORS headers can be imported from
   * (`createRemoteUrlFetcher({ baseUrl: '/api/ai' })` from `@medialoft/server-adapter/client`).
   * A `fetcher` passed to `importFromUrl` wins over it.
   */
  urlFetcher?: MediaUrlFetcher;
  /** Grace period before an unused object URL is revoked, in ms. Default 2000. */
  urlGraceMs?: number;
  /** Size of the first page read on open, before the rest of the index loads. Default 100. */
  firstPageSize?: number;
  /**
   * Where the note of the last session lives (asset count and time), so that an open can tell
   * what the browser removed since (see `MediaLibraryState.storageIncident`). Default
   * `localStorage` where it works; false keeps no note (then only lost files are noticed).
   * The same storage keeps a mark while bytes are written or freed, so that a start lists every
   * blob only after a write was cut short (or once a week): without it, every start lists them
   * (see `lastSweep.listed`).
   */
  storageMarker?: MarkerStorage | false;
  /**
   * Days an asset stays in the Trash before it is deleted for good, checked at open and every
   * hour by one tab at a time. Default 30. 0 turns the Trash off: `delete` then frees the
   * bytes at once.
   */
  trashRetentionDays?: number;
}

/** A media library instance. Works without React; the React binding is a thin layer over it. */
export interface MediaLibrary {
  readonly name: string;
  /** Resolves once the whole index is loaded and the start-up sweep has run. */
  readonly ready: Promise<void>;
  getState(): MediaLibraryState;
  /** Calls `listener` after every state change; returns the unsubscribe function. */
  subscribe(listener: (state: MediaLibraryState, previous: MediaLibraryState) => void): () => void;

  /**
   * Imports files, Blobs or `{ blob, name, tags, ... }` as one batch: sniff, SHA-256, dedupe,
   * measure, thumbnail, write the bytes, then every record in one transaction. Resolves one
   * result per input, in input order: `imported`, `duplicate` (the existing asset with the same
   * bytes, unless `keepDuplicates`) or `failed` (that input alone: unreadable, a store error).
   *
   * Rejects, keeping nothing of the batch, with `ImportAbortedError` when `signal` aborts,
   * `StorageFullError` when the quota or `storageCap` is reached (with the bytes needed and
   * available), or `ImportFailedError` when the records cannot be written.
   *
   * @example
   * const results = await library.importFiles(input.files ?? [], {
   *   onProgress: ({ filesDone, filesTotal }) => console.log(`${filesDone}/${filesTotal}`),
   * });
   */
  importFiles(inputs: Iterable<ImportInput>, options?: ImportOptions): Promise<ImportItemResult[]>;
  /**
   * Fetches the URL and imports the response with `source: { type: 'url', url }`. The bytes
   * come from `options.fetcher`, else the library's `urlFetcher`, else a direct `fetch` (which
   * only works for sites that send CORS headers). A non-2xx answer, a refused address, a
   * network or CORS failure is a `MediaLibraryError` with code `fetch_failed` (the fetcher's
   * own error as its `cause`); an abort is an `ImportAbortedError`.
   *
   * @example
   * await library.importFromUrl('https://example.com/fox.png', {
   *   fetcher: createRemoteUrlFetcher({ baseUrl: '/api/ai' }),
   * });
   */
  importFromUrl(url: string, options?: ImportFromUrlOptions): Promise<ImportItemResult>;

  /** The loaded asset with this id, or undefined (also while the index is still loading). */
  get(id: string): MediaAsset | undefined;
  /**
   * Searches, filters, sorts and pages the loaded index, synchronously (fast enough per
   * keystroke at 10,000+ assets). Sorts newest first unless `sort` says otherwise.
   */
  query(query?: MediaQuery): QueryResult;
  /**
   * The bytes of an asset (`'original'`, the default) or its thumbnail, typed with their MIME
   * type (a raster image small enough to be its own thumbnail answers with the original; an
   * SVG never does); undefined when the asset does not exist or has no such variant. These are
   * the original bytes with their real type, for saving and processing: to show or link them,
   * use `urls` or `createInertObjectURL`, never `URL.createObjectURL` on an SVG or HTML file.
   */
  getBlob(id: string, variant?: AssetVariant): Promise<Blob | undefined>;
  /**
   * Reference-counted object URLs for assets; what nothing holds any more is revoked. No URL
   * runs script however it is opened: thumbnails are raster images, and originals of SVG,
   * HTML, XHTML, XML or any type not known to be inert are served as `text/plain` or
   * `application/octet-stream` (see `inertBlob`).
   */
  readonly urls: ObjectUrlCache;

  /**
   * Sets title, description, alt text, favorite or the host's `sourceModule` and `meta` on one
   * or many assets, in one transaction. An invalid `sourceModule` or `meta` fails the call with
   * `MediaLibraryError` code `invalid_input` and changes nothing.
   * An unknown id fails the whole call with `AssetNotFoundError` (code `not_found`) and changes
   * nothing; so do `addTags`, `removeTags` and `trackUsage`.
   */
  update(ids: string | string[], patch: AssetPatch): Promise<void>;
  /**
   * Replaces the file of asset `id` in place: the new bytes go through the import pipeline
   * (sniffed, hashed, measured, thumbnailed) and take the old ones' place; id, title,
   * description, alt text, tags, collections, favorite, usage, `sourceModule`, `meta` and
   * `createdAt` stay. An AI or edit `source` becomes `upload` (it described the old bytes).
   * The old bytes and thumbnail are deleted. Resolves with the updated asset (unchanged when
   * the bytes are the same).
   *
   * Rejects, changing nothing, with `DuplicateAssetError` (code `duplicate`) when the bytes are
   * another asset's, `UnreadableFileError` when they do not decode, `AssetNotFoundError`,
   * `StorageFullError`, or `ReplaceCanceledError` (code `canceled`) when `signal` aborts.
   *
   * @example
   * const asset = await library.replaceFile(id, input.files[0]);
   */
  replaceFile(id: string, file: Blob, options?: ReplaceFileOptions): Promise<MediaAsset>;
  /** Adds tags (trimmed, deduplicated) to one or many assets, in one transaction. */
  addTags(ids: string | string[], tags: string[]): Promise<void>;
  /** Removes tags from one or many assets, in one transaction. */
  removeTags(ids: string | string[], tags: string[]): Promise<void>;
  /** Renames a tag on every asset that has it (merging if the new name exists). */
  renameTag(from: string, to: string): Promise<void>;
  /** Every tag in use with its count, most used first. */
  listTags(): Array<{ tag: string; count: number }>;

  createCollection(name: string): Promise<Collection>;
  renameCollection(id: string, name: string): Promise<void>;
  /** Deletes the collection; its assets stay in the library. */
  deleteCollection(id: string): Promise<void>;
  addToCollection(collectionId: string, ids: string | string[]): Promise<void>;
  removeFromCollection(collectionId: string, ids: string | string[]): Promise<void>;

  /**
   * Moves assets to the Trash (`trashedAt` set): they leave every query and view but keep
   * their bytes, tags, collections and provenance, so `restore` can bring them back. Ids that
   * are not in the library or already in the Trash are skipped, so deleting twice is harmless.
   * With `trashRetentionDays: 0` it deletes for good at once, as `deleteForever` does.
   *
   * @example
   * await library.delete(selectedIds);
   * await library.restore(selectedIds); // the Undo
   */
  delete(ids: string | string[]): Promise<void>;
  /**
   * Brings assets back from the Trash as they were, in one transaction. An unknown id (never
   * here, or already deleted for good) fails the whole call with `AssetNotFoundError` (code
   * `not_found`) and restores nothing; an asset not in the Trash is left as it is.
   */
  restore(ids: string | string[]): Promise<void>;
  /**
   * Deletes assets for good, in the Trash or not: their records in one transaction, then their
   * bytes and thumbnails, so a crash in between leaves only unreferenced bytes (removed by the
   * next start-up sweep), never a record without bytes. Unknown ids are skipped.
   */
  deleteForever(ids: string | string[]): Promise<void>;
  /** Deletes everything in the Trash for good; resolves with how many assets that was. */
  emptyTrash(): Promise<number>;
  /** Deletes every asset and collection of this library. */
  clear(): Promise<void>;

  /**
   * The library (or `ids`, or one collection's assets) as a zip Blob: `manifest.json` at its
   * root (every asset's fields, SHA-256 and collections, format `medialoft-archive` version 1)
   * and each distinct original once under `assets/<sha256>.<ext>`, stored uncompressed. The
   * Blob is composed of the store's own Blobs, not copies: save it, upload it, or read it with
   * `blob.stream()`. Rejects with `ArchiveError` code `canceled` when `signal` aborts.
   *
   * @example
   * const archive = await library.exportArchive({ onProgress: (p) => console.log(p.assetsDone) });
   */
  exportArchive(options?: ExportArchiveOptions): Promise<Blob>;
  /**
   * Restores an archive made by `exportArchive` through the import pipeline (thumbnails made
   * anew), with titles, tags, favorites, dates, sources and collections. Bytes already in the
   * library are not added twice: the archive's tags and collections are merged into that
   * asset, so importing the same archive again adds nothing. Collections match by id, then by
   * name. Each manifest asset gets a result: refused when its bytes are missing (a truncated
   * archive), do not hash to its SHA-256, or its entry is malformed (`ArchiveError` codes
   * `archive_entry_missing`, `archive_sha_mismatch`, `archive_entry_invalid`). Rejects with
   * `ArchiveError` `archive_invalid` for a file that is not an archive (or whose manifest is
   * unreadable), `archive_too_large` for absurd counts, and `canceled` when `signal` aborts
   * before the assets are saved (then nothing is kept).
   *
   * @example
   * const report = await library.importArchive(file);
   * const refused = report.assets.filter((result) => result.status === 'failed');
   */
  importArchive(file: Blob, options?: ImportArchiveOptions): Promise<ArchiveImportReport>;

  /**
   * Counts a download, share or use of an asset and sets `usage.lastAccessedAt`. Leaves
   * `updatedAt` alone: using an asset does not edit it.
   */
  trackUsage(id: string, kind: UsageKind): Promise<void>;
  /** Counts by kind and source, total AI cost and bytes used, from the loaded index. */
  getStatistics(): LibraryStatistics;
  /** Bytes used by this library, the browser's usage and quota, and the local cap if set. */
  estimateStorage(): Promise<StorageEstimate>;
  /** Asks the browser to keep this origin's storage (`navigator.storage.persist()`). */
  requestPersistence(): Promise<boolean>;
  /**
   * Clears `storageIncident` for good: once the person has seen the notice, neither this
   * session nor a later one shows it again. Does nothing when there is none.
   */
  acknowledgeStorageIncident(): void;

  /**
   * Releases what this instance holds: its IndexedDB connection (so another tab may upgrade or
   * delete the database), its cross-tab BroadcastChannel, and every object URL from `urls`
   * (revoked at once, their grace timers cleared). Call it when the library is no longer
   * needed, e.g. when the component that created it unmounts. Safe to call twice.
   *
   * Afterwards every operation rejects with `MediaLibraryError` code `closed`, an import that
   * has not yet written its records stops and keeps nothing, and a `ready` still pending
   * rejects with `closed`. The assets themselves stay stored for the next instance. A Node
   * script need not call it to end: nothing the library holds keeps the process alive.
   */
  close(): void;
}
