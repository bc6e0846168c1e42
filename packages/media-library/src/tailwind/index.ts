// @medialoft/media-library/tailwind: the media library UI in Tailwind CSS v4, built only from
// the public hooks, with no runtime dependency beyond React. Render it inside
// <MediaLibraryProvider>, and let the host's Tailwind build see the classes:
//   @import "tailwindcss";
//   @source "../node_modules/@medialoft/media-library/dist";

export { AIBadge, type AIBadgeProps } from './ai-badge';
export { AssetDetailsPanel, type AssetDetailsPanelProps } from './asset-details-panel';
export { AssetEditPanel, type AssetEditPanelProps } from './asset-edit-panel';
export { AssetGridView, type AssetGridViewProps } from './asset-grid-view';
export { AssetThumbnail, type AssetThumbnailProps } from './asset-thumbnail';
export { AssetViewer, type AssetViewerProps } from './asset-viewer';
export { BulkToolbar, type BulkToolbarProps } from './bulk-toolbar';
export { CollectionsPanel, type CollectionsPanelProps } from './collections-panel';
export { ExportForButton, type ExportForButtonProps } from './export-for-button';
export { ExportForPanel, type ExportForPanelProps } from './export-for-panel';
export { FilterChips, type FilterChipsProps } from './filter-chips';
export { FiltersPanel, type FiltersPanelProps } from './filters-panel';
export { GeneratePanel, type GeneratePanelProps } from './generate-panel';
export { ImportOutcomePanel, type ImportOutcomePanelProps } from './import-outcome';
export { ImportProgressBar, type ImportProgressBarProps } from './import-progress';
export { LibraryPanel, type LibraryPanelProps } from './library-panel';
export { LibraryToolbar, type LibraryToolbarProps } from './library-toolbar';
export { MediaLibraryScreen, type MediaLibraryScreenProps } from './media-library-screen';
export { StorageMeter, type StorageMeterProps } from './storage-meter';
export { TrashPanel, type TrashPanelProps } from './trash-panel';
export { UndoNotice, type UndoNoticeProps } from './undo-notice';
export {
  UploadButton,
  type UploadButtonProps,
  UploadDropzone,
  type UploadDropzoneProps,
} from './upload-dropzone';
