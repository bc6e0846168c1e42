// The shapes of library archives: the manifest at the archive's root, and the options and
// results of `exportArchive` and `importArchive`. Types only.
import type { AssetKind, AssetMeta, AssetSource, MediaAsset } from '../types';
import type { ArchiveError } from './archive-errors';

/** One asset as the manifest lists it; its bytes are the archive entry `file`. */
export interface ArchiveManifestAsset {
  /** The asset's id in the library it was exported from. */
  id: string;
  name: string;
  /** Lower-case hex SHA-256 of the bytes in `file`; checked on import. */
  sha256: string;
  kind: AssetKind;
  mimeType: string;
  /** Bytes in `file`. */
  size: number;
  title?: string;
  description?: string;
  alt?: string;
  tags: string[];
  favorite: boolean;
  /** Ids of the manifest's `collections` the asset is in. */
  collections: string[];
  source: AssetSource;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms. */
  updatedAt: number;
  width?: number;
  height?: number;
  /** Seconds, as on the record. */
  duration?: number;
  /** The host module that made it (`MediaAsset.sourceModule`). */
  sourceModule?: string;
  /** The host's own facts about it (`MediaAsset.meta`); checked again on import. */
  meta?: AssetMeta;
  /** The entry holding the bytes: `assets/<sha256>.<ext>`. */
  file: string;
}

/** A collection as the manifest lists it. */
export interface ArchiveManifestCollection {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** `manifest.json` at the root of a library archive. */
export interface ArchiveManifest {
  format: 'medialoft-archive';
  version: 1;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  /** Name of the library it was exported from. */
  library: string;
  assets: ArchiveManifestAsset[];
  collections: ArchiveManifestCollection[];
}

/** Where an export or import is. Byte counts are of asset bytes read. */
export interface ArchiveProgress {
  /**
   * 'reading': bytes read (from the store, or from the archive); 'importing': the pipeline;
   * 'writing': `saveLibraryArchive` writing the finished archive, whose size is `bytesTotal`.
   */
  phase: 'reading' | 'importing' | 'writing';
  assetsDone: number;
  assetsTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** Options of `MediaLibrary.exportArchive`. */
export interface ExportArchiveOptions {
  /** Only these assets. An unknown id fails the export with `AssetNotFoundError`. */
  ids?: string[];
  /** Only the assets of this collection (and with `ids`, those of them in it). */
  collectionId?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ArchiveProgress) => void;
}

/** Options of `MediaLibrary.importArchive`. */
export interface ImportArchiveOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ArchiveProgress) => void;
}

/** What became of one asset of the manifest, in manifest order. */
export type ArchiveAssetResult =
  /** `id` is the manifest's id; `asset` the library's record (a new id). */
  | { id: string; name: string; status: 'imported'; asset: MediaAsset }
  /**
   * The same bytes were already in the library: tags and collections were merged into it. With
   * `restored`, that asset was in the Trash: the restore brought it back out.
   */
  | { id: string; name: string; status: 'duplicate'; asset: MediaAsset; restored?: boolean }
  /** Refused or unreadable: an `ArchiveError` (bytes missing, hash mismatch...) or the pipeline's. */
  | { id: string; name: string; status: 'failed'; error: ArchiveError | Error };

/** The outcome of `MediaLibrary.importArchive`. */
export interface ArchiveImportReport {
  assets: ArchiveAssetResult[];
  /** Collections made by this import, and manifest collections matched to existing ones. */
  collections: { created: number; reused: number };
  /** True when the archive ended early (truncated or damaged): later entries were not read. */
  truncated: boolean;
  /** Names of archive entries that are neither the manifest nor asset bytes (up to 100). */
  ignoredEntries: string[];
}
