// The OpenAI Images provider: a factory taking settings (key, base URL, fetch, organization)
// and a default instance that reads OPENAI_API_KEY only when first used.
import type { ImageEditCallOptions, ImageModelV1, ImageProvider } from '../../spec/image-model';
import { editWithOpenAI } from './openai-edit';
import { OpenAIImageModel } from './openai-image-model';

export interface OpenAIImagesSettings {
  /** API key. Default: `process.env.OPENAI_API_KEY`, read when a call is made. */
  apiKey?: string;
  /** API base URL, e.g. an OpenAI-compatible gateway. Default `https://api.openai.com/v1`. */
  baseUrl?: string;
  /** Fetch for every request, e.g. for testing. Default global fetch. */
  fetch?: typeof fetch;
  /** Sent as `OpenAI-Organization` when set. */
  organization?: string;
  /** Sent as `OpenAI-Project` when set. */
  project?: string;
  /** Clock seam for deterministic timings in tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * Creates an OpenAI Images provider (`gpt-image-1`, `dall-e-3`, `dall-e-2`). Without a key
 * (neither `apiKey` nor `OPENAI_API_KEY`), `isConfigured()` is false and it is never live.
 *
 * @example
 * const openai = createOpenAIImages({ apiKey: process.env.OPENAI_API_KEY });
 * const { images } = await openai.imageModel('gpt-image-1').doGenerate({ prompt: 'a fox', n: 1 });
 */
export function createOpenAIImages(settings: OpenAIImagesSettings = {}): ImageProvider {
  const config = {
    apiKey: () => settings.apiKey ?? process.env.OPENAI_API_KEY,
    baseUrl: (settings.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, ''),
    fetch: settings.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    organization: settings.organization,
    project: settings.project,
    now: settings.now ?? Date.now,
  } satisfies ConstructorParameters<typeof OpenAIImageModel>[1];
  return {
    name: 'openai',
    imageModel(modelId: string): ImageModelV1 {
      const model: ImageModelV1 = new OpenAIImageModel(modelId, config);
      // Edits have their own endpoint (openai-edit.ts); the same model serves both.
      return Object.assign(model, {
        doEdit: (call: ImageEditCallOptions) => editWithOpenAI(modelId, config, call),
      });
    },
    // A blank key counts as none, as it does in providersFromEnv.
    isConfigured: () => Boolean(config.apiKey()?.trim()),
  };
}

/** The default OpenAI Images provider; reads `OPENAI_API_KEY` when a model is first called. */
export const openai: ImageProvider = createOpenAIImages();
