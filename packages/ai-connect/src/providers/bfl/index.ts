// Black Forest Labs' FLUX models as an ai-connect provider, and their catalogue entries.
export { BFL_ASPECT_RATIOS, bflModelCatalog } from './bfl-catalog';
export type { BlackForestLabsImagesSettings } from './bfl-provider';
export {
  BFL_DEFAULT_BASE_URL,
  BFL_OUTPUT_HOSTS,
  createBlackForestLabsImages,
} from './bfl-provider';
