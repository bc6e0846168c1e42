// @medialoft/media-library/mantine: a ready media library UI on Mantine 9, built only from the
// public hooks. Render it inside <MantineProvider> and <MediaLibraryProvider>.
export { AIBadge, type AIBadgeProps } from './ai-badge';
export { AssetDetailsPanel, type AssetDetailsPanelProps } from './asset-details-panel';
export { AssetEditButton, type AssetEditButtonProps } from './asset-edit-button';
export { AssetEditPanel, type AssetEditPanelProps } from './asset-edit-panel';
export { AssetFacts, ProvenanceFacts, type ProvenanceFactsProps } from './asset-facts';
export { AssetGridView, type AssetGridViewProps } from './asset-grid-view';
export { AssetThumbnail, type AssetThumbnailProps } from './asset-thumbnail';
export { AssetViewer, type AssetViewerProps } from './asset-viewer';
export { BulkToolbar, type BulkToolbarProps } from './bulk-toolbar';
export { CollectionPicker, type CollectionPickerProps } from './collection-picker';
export { CollectionsPanel, type CollectionsPanelProps } from './collections-panel';
export { ExportForButton, type ExportForButtonProps } from './export-for-button';
export { ExportForPanel, type ExportForPanelProps } from './export-for-dialog';
export { FilterChips, type FilterChipsProps } from './filter-chips';
export { FiltersButton, type FiltersButtonProps } from './filters-button';
export {
  type AdvancedValues,
  GenerateAdvancedFields,
  type GenerateAdvancedFieldsProps,
} from './generate-advanced-fields';
export type { GenerationStatus } from './generate-button';
export { type ExplainedError, explainGenerateError } from './generate-errors';
export { GeneratePanel, type GeneratePanelProps } from './generate-panel';
export {
  type FieldErrors,
  type GenerateField,
  type SizePreset,
  sizePresets,
} from './generate-validation';
export { ImportProgressBar, type ImportProgressBarProps } from './import-progress';
export {
  explainArchiveError,
  LibraryArchiveMenu,
  type LibraryArchiveMenuProps,
} from './library-archive-menu';
export {
  activeFilterCount,
  type DateWindow,
  emptyFilters,
  filtersToQuery,
  type LibraryFilters,
} from './library-filters';
export { LibraryHeader, type LibraryHeaderProps } from './library-header';
export { LibraryToolbar, type LibraryToolbarProps } from './library-toolbar';
export { MediaLibraryScreen, type MediaLibraryScreenProps } from './media-library-screen';
export { mediaLoftCssVariablesResolver, mediaLoftTheme } from './preset-theme';
export { StorageMeter } from './storage-meter';
export {
  describeStorageIncident,
  StorageNotices,
  type StorageNoticesProps,
} from './storage-notices';
export { TrashButton } from './trash-button';
export {
  TrashConfirm,
  type TrashConfirmProps,
  TrashPanel,
  type TrashPanelProps,
} from './trash-panel';
export { UndoNotice, type UndoNoticeProps } from './undo-notice';
export { UrlImportButton, type UrlImportButtonProps } from './url-import';
