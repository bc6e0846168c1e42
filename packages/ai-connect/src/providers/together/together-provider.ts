// Together AI image models through the AI SDK Together AI provider, loaded on first call so
// hosts without TOGETHER_API_KEY never load it. The SDK asks for the image as base64, so there
// is no download to guard; what is added here is the key kept out of messages and named in them.
import type { ImageModelV3 } from '@ai-sdk/provider';
import {
  AIConnectError,
  AuthenticationError,
  ContentFilteredError,
  InvalidRequestError,
} from '../../spec/errors';
import type { ImageModelV1, ImageProvider } from '../../spec/image-model';
import { fromAISDKImageModel } from '../ai-sdk/index';
import { scrubSecrets } from '../provider-utils';
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
  const apiKey = () => (settings.apiKey ?? process.env[KEY_ENV])?.trim() || undefined;
  const baseURL = (settings.baseURL ?? TOGETHER_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const baseFetch = settings.fetch ?? ((input, init) => globalThis.fetch(input, init));

  let sdk: Promise<{ image(modelId: string): ImageModelV3 }> | undefined;
  const loadSDK = () => {
    sdk ??= import('@ai-sdk/togetherai').then(({ createTogetherAI }) =>
      createTogetherAI({ apiKey: apiKey() ?? '', baseURL, fetch: baseFetch }),
    );
    return sdk;
  };

  const models = new Map<string, ImageModelV1>();
  const provider: ImageProvider = {
    name: 'together',
    isConfigured: () => apiKey() !== undefined,
    imageModel(modelId: string): ImageModelV1 {
      const known = models.get(modelId);
      if (known) return known;
      const entry = togetherModelCatalog.find((e) => e.providerModelId === modelId);
      const label = entry?.label ?? `Together ${modelId}`;
      const lazy: ImageModelV3 = {
        specificationVersion: 'v3',
        provider: 'togetherai.image',
        modelId,
        maxImagesPerCall: 1,
        doGenerate: async (options) => (await loadSDK()).image(modelId).doGenerate(options),
      };
      const { provider: bridged } = fromAISDKImageModel(lazy, {
        id: entry?.id ?? `together/${modelId}`,
        label,
        capabilities: entry?.capabilities ?? togetherCapabilities(),
        limits: entry?.limits ?? togetherLimits(),
        providerOptionsKey: 'togetherai',
      });
      const inner = bridged.imageModel(modelId);
      const model: ImageModelV1 = {
        specificationVersion: inner.specificationVersion,
        provider: 'together',
        modelId,
        maxImagesPerCall: inner.maxImagesPerCall,
        async doGenerate(call) {
          try {
            return await inner.doGenerate(call);
          } catch (error) {
            throw refineError(error, label, apiKey());
          }
        },
      };
      models.set(modelId, model);
      return model;
    },
  };
  return provider;
}

/** The bridge's typed error, made precise for Together and scrubbed of the key. */
function refineError(error: unknown, label: string, key: string | undefined): unknown {
  if (!(error instanceof AIConnectError)) return error;
  const scrub = (text: string) => scrubSecrets(text, key);
  if (error instanceof AuthenticationError) {
    return new AuthenticationError(
      `${label}: Together AI refused the API key (${scrub(error.message)}). Check ${KEY_ENV} on the server.`,
      { provider: 'together', cause: error.cause },
    );
  }
  // Together refuses a prompt or an image its safety checker flags as a 4xx that says so.
  if (error instanceof InvalidRequestError && /nsfw|safety|content policy/i.test(error.message)) {
    return new ContentFilteredError(scrub(error.message), {
      provider: 'together',
      cause: error.cause,
    });
  }
  error.message = scrub(error.message);
  return error;
}
