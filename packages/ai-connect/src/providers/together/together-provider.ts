// Together AI image models through the AI SDK Together AI provider, loaded on first call so
// hosts without TOGETHER_API_KEY never load it. The SDK asks for the image as base64, so there
// is no download to guard; what is added here is the key kept out of messages and named in them.
import type { ImageProvider } from '../../spec/image-model';
import { createKeyedSDKImages, type KeyedSDKProviderSpec } from '../ai-sdk/keyed-sdk-provider';
import { togetherCapabilities, togetherLimits, togetherModelCatalog } from './together-catalog';

/** Together's OpenAI-style API (`<baseURL>/images/generations`). */
export const TOGETHER_DEFAULT_BASE_URL = 'https://api.together.xyz/v1';

const KEY_ENV = 'TOGETHER_API_KEY';

/** Settings of {@link createTogetherImages}. */
export interface TogetherImagesSettings {
  /** Together API key. Default: `process.env.TOGETHER_API_KEY`, read when a call is made. */
  apiKey?: string;
  /** Where the API lives. Default {@link TOGETHER_DEFAULT_BASE_URL}. */
  baseURL?: string;
  /** Used for the API calls. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

const spec: KeyedSDKProviderSpec = {
  name: 'together',
  title: 'Together AI',
  keyEnv: KEY_ENV,
  sdkProvider: 'togetherai.image',
  providerOptionsKey: 'togetherai',
  load: (settings) =>
    import('@ai-sdk/togetherai').then(({ createTogetherAI }) => createTogetherAI(settings)),
  catalog: togetherModelCatalog,
  capabilities: togetherCapabilities,
  limits: togetherLimits,
};

/**
 * Makes the `together` provider. Its model ids are Together's (`black-forest-labs/FLUX.1-dev`);
 * the built-in catalogue lists `together/flux-schnell` and `together/flux-dev`, and any other
 * Together image model works through `imageModel(id)` with FLUX's limits.
 *
 * Without a key (neither `apiKey` nor `TOGETHER_API_KEY`), `isConfigured()` is false and the
 * provider is never live.
 *
 * @example
 * const providers = { together: createTogetherImages({ apiKey: process.env.TOGETHER_API_KEY }) };
 * await generateImages({ prompt: 'a fox', model: 'together/flux-schnell' }, { providers });
 */
export function createTogetherImages(settings: TogetherImagesSettings = {}): ImageProvider {
  return createKeyedSDKImages(spec, {
    ...settings,
    baseURL: settings.baseURL ?? TOGETHER_DEFAULT_BASE_URL,
  });
}
