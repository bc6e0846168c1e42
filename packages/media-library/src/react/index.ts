// The React binding: a provider and hooks over the core library instance.

export {
  type AssetFact,
  type AssetProvenance,
  assetFileFacts,
  assetHostData,
  assetProvenance,
  describeAssetSource,
  reuseRequestOf,
} from './asset-details-facts';
export type {
  AssetEditField,
  AssetEditFieldErrors,
  AssetEditValues,
} from './asset-edit-form';
export { type AssetPreviewKind, assetPreviewKind } from './asset-preview-kind';
export { describeImportProgress, type ImportProgressText } from './describe-import-progress';
export { describeImportProblems } from './import-problems';
export {
  type ActiveFilter,
  activeFilterCount,
  activeFilters,
  currentSort,
  type DateWindow,
  type FilterOption,
  filtersToQuery,
  type LibraryFilters,
  type SortOption,
  withoutFilters,
} from './library-filters';
export {
  MediaLibraryProvider,
  type MediaLibraryProviderProps,
} from './media-library-provider';
export { type UseAIGenerationResult, useAIGeneration } from './use-ai-generation';
export { useAsset } from './use-asset';
export {
  type AssetTextField,
  type AssetTextFieldProps,
  type UseAssetDetailsOptions,
  type UseAssetDetailsResult,
  useAssetDetails,
} from './use-asset-details';
export { type UseAssetEditorResult, useAssetEditor } from './use-asset-editor';
export {
  type AssetGridItemProps,
  type UseAssetGridOptions,
  type UseAssetGridResult,
  useAssetGrid,
} from './use-asset-grid';
export { type UseAssetUrlResult, useAssetUrl } from './use-asset-url';
export { useAssetVersions } from './use-asset-versions';
export {
  type AssetViewerZoom,
  type UseAssetViewerOptions,
  type UseAssetViewerResult,
  useAssetViewer,
} from './use-asset-viewer';
export { type UseAssetsResult, useAssets } from './use-assets';
export {
  type BulkAction,
  type UseBulkActionsOptions,
  type UseBulkActionsResult,
  useBulkActions,
} from './use-bulk-actions';
export {
  type UseCollectionPickerOptions,
  type UseCollectionPickerResult,
  useCollectionPicker,
} from './use-collection-picker';
export {
  type CollectionEntry,
  type CollectionsNaming,
  type PendingDelete,
  type TagEntry,
  type UseCollectionsOptions,
  type UseCollectionsResult,
  useCollections,
} from './use-collections';
export {
  type UseCropRectOptions,
  type UseCropRectResult,
  useCropRect,
} from './use-crop-rect';
export {
  type DialogProps,
  type DialogTriggerProps,
  type UseDialogOptions,
  type UseDialogResult,
  useDialog,
} from './use-dialog';
export {
  type DropzoneInputProps,
  type DropzoneRootProps,
  type UseDropzoneOptions,
  type UseDropzoneResult,
  useDropzone,
} from './use-dropzone';
export { useElementWidth } from './use-element-width';
export {
  canExportForPlatform,
  type PlatformFormatOverlay,
  type PlatformFormatPreview,
  platformFormatOverlay,
  type UseExportForPlatformResult,
  useExportForPlatform,
} from './use-export-for-platform';
export {
  type GenerateErrorProps,
  type GenerateFieldProps,
  type GenerateFormField,
  type GenerateFormState,
  type GenerateFormValues,
  type UseGenerateFormOptions,
  type UseGenerateFormResult,
  useGenerateForm,
} from './use-generate-form';
export { useHoldIndexLoad } from './use-hold-index-load';
export { type UseImportResult, useImport } from './use-import';
export {
  type ImportNotAdded,
  type UseImportOutcomeOptions,
  type UseImportOutcomeResult,
  useImportOutcome,
} from './use-import-outcome';
export {
  type LibraryArchiveStatus,
  type LibraryExport,
  summarizeArchiveImport,
  type UseLibraryArchiveResult,
  useLibraryArchive,
} from './use-library-archive';
export {
  type LibraryFacets,
  useLibraryFacets,
} from './use-library-facets';
export {
  type FilterChip,
  type LibraryFilterOptions,
  type LibraryLayout,
  type UseLibraryFiltersOptions,
  type UseLibraryFiltersResult,
  useLibraryFilters,
} from './use-library-filters';
export {
  type ScreenProblem,
  type UseLibraryScreenOptions,
  type UseLibraryScreenResult,
  useLibraryScreen,
} from './use-library-screen';
export {
  type MaskTool,
  type UseMaskCanvasOptions,
  type UseMaskCanvasResult,
  useMaskCanvas,
} from './use-mask-canvas';
export { useMediaLibrary } from './use-media-library';
export { type PdfPageState, type UsePdfPagesResult, usePdfPages } from './use-pdf-pages';
export { type SearchTextProps, useSearchText } from './use-search-text';
export { type UseStorageResult, useStorage } from './use-storage';
export {
  type StorageLevel,
  type StorageMeterBarProps,
  type UseStorageMeterOptions,
  type UseStorageMeterResult,
  useStorageMeter,
} from './use-storage-meter';
export { type UseStorageNoticesResult, useStorageNotices } from './use-storage-notices';
export { type TextPreviewState, useTextPreview } from './use-text-preview';
export {
  type TrashConfirmation,
  type UseTrashOptions,
  type UseTrashResult,
  useTrash,
} from './use-trash';
export {
  type UseVirtualListOptions,
  type UseVirtualListResult,
  useVirtualList,
  type VirtualListRow,
} from './use-virtual-list';
