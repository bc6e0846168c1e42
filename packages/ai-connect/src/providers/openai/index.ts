// The OpenAI Images provider's public surface.

export { OpenAIImageModel } from './openai-image-model';
export type { OpenAIImagesSettings } from './openai-images-provider';
export { createOpenAIImages, openai } from './openai-images-provider';
