// Making new assets out of existing ones: AI edits, in-browser transforms and their lineage.
export { EditNotSupportedError, ImageTooLargeError } from './edit-errors';
export { type AssetAIEditRequest, type EditWithAIOptions, editWithAI } from './edit-with-ai';
export {
  type ExportForPlatformOptions,
  type ExportForPlatformResult,
  exportForPlatform,
} from './export-for-platform';
export {
  coverCrop,
  type PlatformFormat,
  type PlatformFormatName,
  type PlatformInsets,
  platformFormat,
  platformFormats,
  safeZoneInSource,
} from './platform-formats';
export {
  type AssetTransform,
  type CropAspect,
  type CropRect,
  type TransformAssetOptions,
  transformAsset,
} from './transform-asset';
export { type AssetVersions, parentIdOf, versionsOf } from './versions';
