// DeepInfra image models through the AI SDK DeepInfra provider, loaded on first call so
// hosts without DEEPINFRA_API_KEY never load it. DeepInfra answers with the image inline (a data
// URI), so there is no download to guard; what is added here is the key kept out of messages.
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
import { deepInfraCapabilities, deepInfraLimits, deepInfraModelCatalog } from './deepinfra-catalog';

/** DeepInfra's API; image models live at `<baseURL>/inference/<model id>`. */
export const DEEPINFRA_DEFAULT_BASE_URL = 'https://api.deepinfra.com/v1';

const KEY_ENV = 'DEEPINFRA_API_KEY';

/** Settings of {@link createDeepInfraImages}. */
export interface DeepInfraImagesSettings {
  /** DeepInfra API key. Default: `process.env.DEEPINFRA_API_KEY`, read when a call is made. */
  apiKey?: string;
  /** Where the API lives. Default {@link DEEPINFRA_DEFAULT_BASE_URL}. */
  baseURL?: string;
  /** Used for the API calls. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/**
 * Makes the `deepinfra` provider. Its model ids are DeepInfra's (`black-forest-labs/FLUX-1-dev`);
 * the built-in catalogue lists `deepinfra/flux-schnell` and `deepinfra/flux-dev`, and any other
 * DeepInfra text-to-image model works through `imageModel(id)` with FLUX's limits. Steps go as
 * `num_inference_steps`; images come back inline.
 *
 * Without a key (neither `apiKey` nor `DEEPINFRA_API_KEY`), `isConfigured()` is false and the
 * provider is never live.
 *
 * @example
 * const providers = { deepinfra: createDeepInfraImages({ apiKey: process.env.DEEPINFRA_API_KEY }) };
 * await generateImages({ prompt: 'a fox', model: 'deepinfra/flux-schnell' }, { providers });
 */
export function createDeepInfraImages(settings: DeepInfraImagesSettings = {}): ImageProvider {
  const apiKey = () => (settings.apiKey ?? process.env[KEY_ENV])?.trim() || undefined;
  const baseURL = (settings.baseURL ?? DEEPINFRA_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const baseFetch = settings.fetch ?? ((input, init) => globalThis.fetch(input, init));

  let sdk: Promise<{ image(modelId: string): ImageModelV3 }> | undefined;
  const loadSDK = () => {
    sdk ??= import('@ai-sdk/deepinfra').then(({ createDeepInfra }) =>
      createDeepInfra({ apiKey: apiKey() ?? '', baseURL, fetch: baseFetch }),
    );
    return sdk;
  };

  const models = new Map<string, ImageModelV1>();
  const provider: ImageProvider = {
    name: 'deepinfra',
    isConfigured: () => apiKey() !== undefined,
    imageModel(modelId: string): ImageModelV1 {
      const known = models.get(modelId);
      if (known) return known;
      const entry = deepInfraModelCatalog.find((e) => e.providerModelId === modelId);
      const label = entry?.label ?? `DeepInfra ${modelId}`;
      const lazy: ImageModelV3 = {
        specificationVersion: 'v3',
        provider: 'deepinfra.image',
        modelId,
        maxImagesPerCall: 1,
        doGenerate: async (options) => (await loadSDK()).image(modelId).doGenerate(options),
      };
      const { provider: bridged } = fromAISDKImageModel(lazy, {
        id: entry?.id ?? `deepinfra/${modelId}`,
        label,
        capabilities: entry?.capabilities ?? deepInfraCapabilities(),
        limits: entry?.limits ?? deepInfraLimits(),
        providerOptionsKey: 'deepinfra',
        settingNames: { steps: 'num_inference_steps' },
      });
      const inner = bridged.imageModel(modelId);
      const model: ImageModelV1 = {
        specificationVersion: inner.specificationVersion,
        provider: 'deepinfra',
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

/** The bridge's typed error, made precise for DeepInfra and scrubbed of the key. */
function refineError(error: unknown, label: string, key: string | undefined): unknown {
  if (!(error instanceof AIConnectError)) return error;
  const scrub = (text: string) => scrubSecrets(text, key);
  if (error instanceof AuthenticationError) {
    return new AuthenticationError(
      `${label}: DeepInfra refused the API key (${scrub(error.message)}). Check ${KEY_ENV} on the server.`,
      { provider: 'deepinfra', cause: error.cause },
    );
  }
  // A 4xx whose text names NSFW or safety is a safety refusal, not a malformed request.
  if (error instanceof InvalidRequestError && /nsfw|safety|content policy/i.test(error.message)) {
    return new ContentFilteredError(scrub(error.message), {
      provider: 'deepinfra',
      cause: error.cause,
    });
  }
  error.message = scrub(error.message);
  return error;
}
