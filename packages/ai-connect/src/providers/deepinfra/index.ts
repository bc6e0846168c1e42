// DeepInfra image models as an ai-connect provider, and their catalogue entries.
export { deepInfraModelCatalog } from './deepinfra-catalog';
export type { DeepInfraImagesSettings } from './deepinfra-provider';
export { createDeepInfraImages, DEEPINFRA_DEFAULT_BASE_URL } from './deepinfra-provider';
