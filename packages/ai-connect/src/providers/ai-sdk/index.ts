// Any AI SDK image model (specification v3) as an ai-connect provider with its catalogue entry.
export type { AISDKImageModelBridge, AISDKImageModelOptions } from './ai-sdk-image-model';
export { fromAISDKImageModel } from './ai-sdk-image-model';
