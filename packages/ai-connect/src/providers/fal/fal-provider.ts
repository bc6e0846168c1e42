// fal image models (FLUX and the rest of fal's catalogue) through the AI SDK fal provider,
// loaded on first call so hosts without FAL_KEY never load it, with its image downloads held
// to allowed hosts and a size cap.
import type { ImageModelV3 } from '@ai-sdk/provider';
import { downloadOutput } from '../../download-output';
import { isAIConnectError, ProviderError } from '../../spec/errors';
import type { ImageModelV1, ImageProvider } from '../../spec/image-model';
import { fromAISDKImageModel } from '../ai-sdk/index';
import { falModelCatalog } from './fal-catalog';
import { FAL_QUEUE_URL, falJobMethods } from './fal-jobs';

/** Hosts fal delivers generated files from. */
export const FAL_OUTPUT_HOSTS: readonly string[] = ['fal.media', '*.fal.media'];

const DEFAULT_BASE_URL = 'https://fal.run';

/** Settings of {@link createFalImages}. */
export interface FalImagesSettings {
  /** fal API key. Default: `process.env.FAL_KEY`, read when a call is made. */
  apiKey?: string;
  /** Where model endpoints live (`<baseURL>/<model id>`). Default `https://fal.run`. */
  baseURL?: string;
  /** Used for the API calls and the image downloads. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Hosts generated images may be downloaded from. Default {@link FAL_OUTPUT_HOSTS}. */
  outputHosts?: string[];
  /** Largest image accepted. Default 25 MB. */
  maxOutputBytes?: number;
}

/**
 * Makes the `fal` provider. Its model ids are fal endpoint ids (`fal-ai/flux/schnell`); the
 * built-in catalogue lists `fal/flux-schnell` and `fal/flux-dev`, and any other fal text-to-image
 * endpoint works through `imageModel(id)` with default limits.
 *
 * fal answers with image URLs, which the AI SDK fal provider downloads through the `fetch` it is
 * given; here that fetch sends every URL outside `baseURL` through `downloadOutput`, so an image
 * comes only from `outputHosts`, without the key, and no larger than `maxOutputBytes`.
 *
 * Its models also run as resumable jobs (`startImageJob`) through fal's queue
 * (`https://queue.fal.run`, or `baseURL` when one is set): the request id and the queue's status,
 * response and cancel URLs are the reference, and the key goes only to the queue's host.
 *
 * Without a key (neither `apiKey` nor `FAL_KEY`), `isConfigured()` is false and the provider is
 * never live.
 *
 * @example
 * const providers = { fal: createFalImages({ apiKey: process.env.FAL_KEY }) };
 * await generateImages({ prompt: 'a fox', model: 'fal/flux-schnell' }, { providers });
 */
export function createFalImages(settings: FalImagesSettings = {}): ImageProvider {
  const apiKey = () => (settings.apiKey ?? process.env.FAL_KEY)?.trim() || undefined;
  const baseURL = (settings.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const baseFetch = settings.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const allowedHosts = settings.outputHosts ?? [...FAL_OUTPUT_HOSTS];

  const guardedFetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(`${baseURL}/`) || url.startsWith('data:')) return baseFetch(input, init);
    const { bytes, mediaType } = await downloadOutput(url, {
      allowedHosts,
      fetch: baseFetch,
      signal: init?.signal ?? undefined,
      provider: 'fal',
      ...(settings.maxOutputBytes === undefined ? {} : { maxBytes: settings.maxOutputBytes }),
    });
    return new Response(bytes as BodyInit, { headers: { 'content-type': mediaType } });
  };

  let sdk: Promise<{ image(modelId: string): ImageModelV3 }> | undefined;
  const loadSDK = () => {
    sdk ??= import('@ai-sdk/fal').then(({ createFal }) =>
      createFal({ apiKey: apiKey() ?? '', baseURL, fetch: guardedFetch }),
    );
    return sdk;
  };

  const models = new Map<string, ImageModelV1>();
  const provider: ImageProvider = {
    name: 'fal',
    isConfigured: () => apiKey() !== undefined,
    imageModel(modelId: string): ImageModelV1 {
      const known = models.get(modelId);
      if (known) return known;
      const lazy: ImageModelV3 = {
        specificationVersion: 'v3',
        provider: 'fal.image',
        modelId,
        // fal's endpoints take num_images, but the AI SDK fal model declares one per call.
        maxImagesPerCall: 1,
        doGenerate: async (options) => (await loadSDK()).image(modelId).doGenerate(options),
      };
      const entry = falModelCatalog.find((e) => e.providerModelId === modelId);
      const { provider: bridged } = fromAISDKImageModel(lazy, {
        id: entry?.id ?? `fal/${modelId}`,
        label: entry?.label ?? `fal ${modelId}`,
        capabilities: entry?.capabilities ?? {},
        limits: entry?.limits ?? {},
        providerOptionsKey: 'fal',
        settingNames: { steps: 'numInferenceSteps' },
      });
      const inner = bridged.imageModel(modelId);
      const model: ImageModelV1 = {
        specificationVersion: inner.specificationVersion,
        provider: 'fal',
        modelId,
        maxImagesPerCall: inner.maxImagesPerCall,
        // Resumable jobs go through fal's queue directly: the SDK never hands out a request id.
        // A custom baseURL (a proxy) serves the queue's paths too.
        ...falJobMethods({
          modelId,
          label: entry?.label ?? `fal ${modelId}`,
          apiKey,
          queueURL: baseURL === DEFAULT_BASE_URL ? FAL_QUEUE_URL : baseURL,
          fetch: baseFetch,
          outputHosts: allowedHosts,
          pollIntervalMs: 500,
          ...(settings.maxOutputBytes === undefined
            ? {}
            : { maxOutputBytes: settings.maxOutputBytes }),
        }),
        async doGenerate(call) {
          try {
            return await inner.doGenerate(call);
          } catch (error) {
            // A refused download is already typed (disallowed host, too large, not an image).
            if (error instanceof ProviderError && isAIConnectError(error.cause)) throw error.cause;
            throw error;
          }
        },
      };
      models.set(modelId, model);
      return model;
    },
  };
  return provider;
}
