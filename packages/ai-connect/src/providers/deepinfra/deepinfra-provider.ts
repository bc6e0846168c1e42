// DeepInfra image models through the AI SDK DeepInfra provider, loaded on first call so
// hosts without DEEPINFRA_API_KEY never load it. DeepInfra answers with the image inline (a data
// URI), so there is no download to guard; what is added here is the key kept out of messages.
import type { ImageProvider } from '../../spec/image-model';
import { createKeyedSDKImages, type KeyedSDKProviderSpec } from '../ai-sdk/keyed-sdk-provider';
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

const spec: KeyedSDKProviderSpec = {
  name: 'deepinfra',
  title: 'DeepInfra',
  keyEnv: KEY_ENV,
  sdkProvider: 'deepinfra.image',
  providerOptionsKey: 'deepinfra',
  load: (settings) =>
    import('@ai-sdk/deepinfra').then(({ createDeepInfra }) => createDeepInfra(settings)),
  catalog: deepInfraModelCatalog,
  capabilities: deepInfraCapabilities,
  limits: deepInfraLimits,
  settingNames: { steps: 'num_inference_steps' },
};

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
  return createKeyedSDKImages(spec, {
    ...settings,
    baseURL: settings.baseURL ?? DEEPINFRA_DEFAULT_BASE_URL,
  });
}
