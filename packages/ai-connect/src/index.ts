// Public entry of @medialoft/ai-connect.

export type { DownloadedOutput, DownloadOutputOptions } from './download-output';
export { downloadOutput } from './download-output';
export { editImages } from './edit';
export type { ResolvedEditRequest } from './edit-validate';
export { EDIT_OPERATIONS, resolveEditRequest, supportsOperation } from './edit-validate';
export { generateImages } from './generate';
export type {
  ImageJob,
  ImageJobLookupOptions,
  ImageJobStatusReport,
  ResumeImageJobOptions,
  StartImageJobOptions,
} from './jobs';
export {
  cancelImageJob,
  resumeImageJob,
  startImageJob,
  statusImageJob,
  supportsImageJobs,
} from './jobs';
export { isProviderLive, liveProviderNames } from './live-providers';
export { providerCredentialEnv } from './provider-env';
export type { AISDKImageModelBridge, AISDKImageModelOptions } from './providers/ai-sdk/index';
export { fromAISDKImageModel } from './providers/ai-sdk/index';
export type { BlackForestLabsImagesSettings } from './providers/bfl/index';
export {
  BFL_ASPECT_RATIOS,
  BFL_DEFAULT_BASE_URL,
  BFL_OUTPUT_HOSTS,
  bflModelCatalog,
  createBlackForestLabsImages,
} from './providers/bfl/index';
export type { DeepInfraImagesSettings } from './providers/deepinfra/index';
export {
  createDeepInfraImages,
  DEEPINFRA_DEFAULT_BASE_URL,
  deepInfraModelCatalog,
} from './providers/deepinfra/index';
export type { FalImagesSettings } from './providers/fal/index';
export { createFalImages, FAL_OUTPUT_HOSTS, falModelCatalog } from './providers/fal/index';
export type { GoogleImagesSettings } from './providers/google/index';
export {
  createGoogleImages,
  GOOGLE_DEFAULT_BASE_URL,
  googleModelCatalog,
  IMAGEN_ASPECT_RATIOS,
} from './providers/google/index';
export type { LocalProviderSettings } from './providers/local/index';
export { createLocalProvider, LOCAL_PLACEHOLDER_MODEL_ID } from './providers/local/index';
export type { OpenAIImagesSettings } from './providers/openai/index';
export { createOpenAIImages, openai } from './providers/openai/index';
export type { ReplicateProviderSettings } from './providers/replicate/index';
export {
  createReplicate,
  REPLICATE_OUTPUT_HOSTS,
  replicate,
  replicateEditModelCatalog,
} from './providers/replicate/index';
export type { TogetherImagesSettings } from './providers/together/index';
export {
  createTogetherImages,
  TOGETHER_DEFAULT_BASE_URL,
  togetherModelCatalog,
} from './providers/together/index';
export type { ProvidersFromEnv } from './providers-from-env';
export { providersFromEnv } from './providers-from-env';
export { createRedactor, REDACTED } from './redact';
export { createModelRegistry, defaultModelCatalog, defaultRegistry } from './registry';
export * from './sniff-image';
export * from './spec/index';
export type * from './types';
export type { ResolvedImageRequest } from './validate';
export { resolveImageRequest } from './validate';
