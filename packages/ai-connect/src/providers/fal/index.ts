// fal image models as an ai-connect provider, and their catalogue entries.
export { falModelCatalog } from './fal-catalog';
export type { FalImagesSettings } from './fal-provider';
export { createFalImages, FAL_OUTPUT_HOSTS } from './fal-provider';
