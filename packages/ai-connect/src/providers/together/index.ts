// Together AI image models as an ai-connect provider, and their catalogue entries.
export { togetherModelCatalog } from './together-catalog';
export type { TogetherImagesSettings } from './together-provider';
export { createTogetherImages, TOGETHER_DEFAULT_BASE_URL } from './together-provider';
