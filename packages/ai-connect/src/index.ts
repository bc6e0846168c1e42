// Public entry of @medialoft/ai-connect.

export type { DownloadedOutput, DownloadOutputOptions } from './download-output';
export { downloadOutput, isAllowedOutputUrl } from './download-output';
export type { OpenAIImagesSettings } from './providers/openai/index';
export { createOpenAIImages, openai } from './providers/openai/index';
export type { ReplicateProviderSettings } from './providers/replicate/index';
export { createReplicate, REPLICATE_OUTPUT_HOSTS, replicate } from './providers/replicate/index';
export * from './sniff-image';
export * from './spec/index';
export type * from './types';
