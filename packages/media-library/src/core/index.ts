// The headless core: no React. Everything here works in any browser script.
export {
  aiSourceFor,
  type GenerateIntoLibraryOptions,
  GenerationCanceledError,
  generateIntoLibrary,
} from './ai-generation';
export type * from './ai-types';
export * from './errors';
export { createMediaLibrary, type MediaLibraryInstance } from './library';
export type { SweepReport } from './library-sweep';
export { createObjectUrlCache, type ObjectUrlCacheOptions } from './object-url-cache';
export { normalizeSearchText, queryAssets } from './query';
export type * from './types';
