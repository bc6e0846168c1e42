// The headless core: no React. Everything here works in any browser script.
export {
  aiSourceFor,
  type GenerateIntoLibraryOptions,
  GenerationCanceledError,
  generateIntoLibrary,
} from './ai-generation';
export type { GenerationPreview } from './ai-previews';
export type * from './ai-types';
export { ArchiveError, type ArchiveErrorCode } from './archive/archive-errors';
export type * from './archive/archive-types';
export {
  type SavedLibraryArchive,
  type SaveLibraryArchiveOptions,
  saveLibraryArchive,
} from './archive/save-archive';
export { downloadAsset, downloadableBlob, downloadZip } from './download';
export {
  type AssetAIEditRequest,
  type AssetTransform,
  type AssetVersions,
  type CropAspect,
  type CropRect,
  coverCrop,
  EditNotSupportedError,
  type EditWithAIOptions,
  type ExportForPlatformOptions,
  type ExportForPlatformResult,
  editWithAI,
  exportForPlatform,
  ImageTooLargeError,
  type PlatformFormat,
  type PlatformFormatName,
  type PlatformInsets,
  parentIdOf,
  platformFormat,
  platformFormats,
  safeZoneInSource,
  type TransformAssetOptions,
  transformAsset,
  versionsOf,
} from './edit';
export {
  AssetNotFoundError,
  CollectionNotFoundError,
  ImportAbortedError,
  ImportFailedError,
  MediaLibraryError,
  type MediaLibraryErrorCode,
  StorageFullError,
  UnreadableFileError,
} from './errors';
export {
  assetLabel,
  formatBytes,
  formatDate,
  formatDimensions,
  formatUsd,
} from './format';
export {
  describeImportOutcome,
  type ImportSummary,
  isCanceledResult,
  isUnreadableResult,
  summarizeImport,
} from './import/import-summary';
export { createMediaLibrary, type MediaLibraryInstance } from './library';
export { DuplicateAssetError, ReplaceCanceledError } from './library-replace-errors';
export type { SweepReport } from './library-sweep';
export {
  createInertObjectURL,
  createObjectUrlCache,
  inertBlob,
  isInertMimeType,
  type ObjectUrlCacheOptions,
} from './object-url-cache';
export type { PendingGeneration } from './pending-jobs';
export {
  type JobLockManager,
  type PendingGenerationOptions,
  type ResumeReport,
  resumePendingGenerations,
} from './pending-jobs-resume';
export {
  type GenerationJobs,
  type GenerationJobsState,
  type GenerationNotice,
  generationJobsOf,
  type ResumedGeneration,
  type ResumedGenerationsView,
} from './pending-jobs-state';
export {
  embedProvenance,
  type FileProvenance,
  readProvenance,
} from './provenance/provenance';
export { queryAssets } from './query';
export {
  queryAssetsInSlices,
  type SlicedQuery,
  type SlicedQueryOptions,
} from './query-slices';
export {
  createDefaultBlobStore,
  type DefaultBlobStoreOptions,
} from './storage/default-blob-store';
export { createIdbBlobStore, type IdbBlobStoreOptions } from './storage/idb-blob-store';
export { createMemoryBlobStore, type MemoryBlobStoreOptions } from './storage/memory-blob-store';
export { createOpfsBlobStore, type OpfsBlobStoreOptions } from './storage/opfs-blob-store';
export {
  createOpfsSyncBlobStore,
  type OpfsSyncBlobStore,
  type OpfsSyncBlobStoreOptions,
  type OpfsSyncWorkerLike,
} from './storage/opfs-sync-blob-store';
export type { OpfsSyncWorkerRequest } from './storage/opfs-sync-worker';
export type * from './types';
