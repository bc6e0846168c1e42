// A provider over one AI SDK image-model package that needs only a key and a base URL, loaded on
// its first call so hosts without the key never load it. For providers whose answers carry the
// image inline (no download to guard): what is added is the key kept out of messages and named
// in them, and a safety refusal told apart from a malformed request.
import type { ImageModelV3 } from '@ai-sdk/provider';
import {
  AIConnectError,
  AuthenticationError,
  ContentFilteredError,
  InvalidRequestError,
} from '../../spec/errors';
import type { ImageModelV1, ImageProvider } from '../../spec/image-model';
import type { ModelCapabilities, ModelCatalogEntry, ModelLimits } from '../../types';
import { scrubSecrets } from '../provider-utils';
import { fromAISDKImageModel } from './ai-sdk-image-model';

/** What tells one keyed AI SDK provider from another. */
export interface KeyedSDKProviderSpec {
  /** Our provider name, e.g. `together`: the prefix of its catalogue ids. */
  name: string;
  /** The provider's name in messages, e.g. `Together AI`. */
  title: string;
  /** The environment variable holding the key. */
  keyEnv: string;
  /** The AI SDK model's own `provider` string, e.g. `togetherai.image`. */
  sdkProvider: string;
  /** The key in `providerOptions` the package reads. */
  providerOptionsKey: string;
  /** Loads the package and makes its provider. */
  load(settings: {
    apiKey: string;
    baseURL: string;
    fetch: typeof globalThis.fetch;
  }): Promise<{ image(modelId: string): ImageModelV3 }>;
  catalog: readonly ModelCatalogEntry[];
  /** Capabilities and limits of a model id the catalogue does not list. */
  capabilities(): ModelCapabilities;
  limits(): ModelLimits;
  settingNames?: { steps?: string };
}

/** Settings every keyed provider takes. */
export interface KeyedSDKProviderSettings {
  apiKey?: string;
  baseURL: string;
  fetch?: typeof globalThis.fetch;
}

/** Makes the provider described by `spec`. */
export function createKeyedSDKImages(
  spec: KeyedSDKProviderSpec,
  settings: KeyedSDKProviderSettings,
): ImageProvider {
  const apiKey = () => (settings.apiKey ?? process.env[spec.keyEnv])?.trim() || undefined;
  const baseURL = settings.baseURL.replace(/\/+$/, '');
  const baseFetch = settings.fetch ?? ((input, init) => globalThis.fetch(input, init));

  let sdk: Promise<{ image(modelId: string): ImageModelV3 }> | undefined;
  const loadSDK = () => {
    sdk ??= spec.load({ apiKey: apiKey() ?? '', baseURL, fetch: baseFetch });
    return sdk;
  };

  const models = new Map<string, ImageModelV1>();
  return {
    name: spec.name,
    isConfigured: () => apiKey() !== undefined,
    imageModel(modelId: string): ImageModelV1 {
      const known = models.get(modelId);
      if (known) return known;
      const entry = spec.catalog.find((e) => e.providerModelId === modelId);
      const label = entry?.label ?? `${spec.title} ${modelId}`;
      const lazy: ImageModelV3 = {
        specificationVersion: 'v3',
        provider: spec.sdkProvider,
        modelId,
        maxImagesPerCall: 1,
        doGenerate: async (options) => (await loadSDK()).image(modelId).doGenerate(options),
      };
      const { provider: bridged } = fromAISDKImageModel(lazy, {
        id: entry?.id ?? `${spec.name}/${modelId}`,
        label,
        capabilities: entry?.capabilities ?? spec.capabilities(),
        limits: entry?.limits ?? spec.limits(),
        providerOptionsKey: spec.providerOptionsKey,
        ...(spec.settingNames ? { settingNames: spec.settingNames } : {}),
      });
      const inner = bridged.imageModel(modelId);
      const model: ImageModelV1 = {
        specificationVersion: inner.specificationVersion,
        provider: spec.name,
        modelId,
        maxImagesPerCall: inner.maxImagesPerCall,
        async doGenerate(call) {
          try {
            return await inner.doGenerate(call);
          } catch (error) {
            throw refineError(spec, error, label, apiKey());
          }
        },
      };
      models.set(modelId, model);
      return model;
    },
  };
}

/** The bridge's typed error, made precise for the provider and scrubbed of the key. */
function refineError(
  spec: KeyedSDKProviderSpec,
  error: unknown,
  label: string,
  key: string | undefined,
): unknown {
  if (!(error instanceof AIConnectError)) return error;
  const scrub = (text: string) => scrubSecrets(text, key);
  if (error instanceof AuthenticationError) {
    return new AuthenticationError(
      `${label}: ${spec.title} refused the API key (${scrub(error.message)}). Check ${spec.keyEnv} on the server.`,
      { provider: spec.name, cause: error.cause },
    );
  }
  // A 4xx whose text names NSFW or safety is a safety refusal, not a malformed request.
  if (error instanceof InvalidRequestError && /nsfw|safety|content policy/i.test(error.message)) {
    return new ContentFilteredError(scrub(error.message), {
      provider: spec.name,
      cause: error.cause,
    });
  }
  error.message = scrub(error.message);
  return error;
}
