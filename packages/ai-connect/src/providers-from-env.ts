// Builds the providers a server can use from its environment: the keyless local generator
// always, and each hosted provider whose credential variable is set.
import { liveProviderNames } from './live-providers';
import { providerCredentialEnv } from './provider-env';
import { createBlackForestLabsImages } from './providers/bfl/index';
import { createDeepInfraImages } from './providers/deepinfra/index';
import { createFalImages } from './providers/fal/index';
import { createGoogleImages } from './providers/google/index';
import { createLocalProvider } from './providers/local/index';
import { createOpenAIImages } from './providers/openai/index';
import { createReplicate } from './providers/replicate/index';
import { createTogetherImages } from './providers/together/index';
import type { ImageProvider } from './spec/image-model';

/** What {@link providersFromEnv} found: providers by name, and the names that are live. */
export interface ProvidersFromEnv {
  providers: Record<string, ImageProvider>;
  /** Provider names in `providers`, hosted ones first, for `registry.defaultModel(live)`. */
  live: string[];
}

/**
 * Reads provider configuration from `env` (default `process.env`):
 * - `local` is always present and needs nothing;
 * - `replicate` when `REPLICATE_API_TOKEN` is set, with `REPLICATE_BASE_URL` (a
 *   Replicate-compatible proxy) and `REPLICATE_OUTPUT_HOSTS` (comma-separated hosts outputs
 *   may be downloaded from) when given;
 * - `openai` when `OPENAI_API_KEY` is set, with `OPENAI_BASE_URL` when given;
 * - `fal` when `FAL_KEY` is set, with `FAL_BASE_URL` (a fal-compatible proxy) and
 *   `FAL_OUTPUT_HOSTS` (comma-separated hosts images may be downloaded from) when given;
 * - `google` (Imagen) when `GOOGLE_GENERATIVE_AI_API_KEY` is set, with
 *   `GOOGLE_GENERATIVE_AI_BASE_URL` (a Gemini API-compatible proxy) when given;
 * - `bfl` (Black Forest Labs) when `BFL_API_KEY` is set, with `BFL_BASE_URL` (a regional or
 *   compatible endpoint, e.g. `https://api.eu.bfl.ai/v1`) and `BFL_OUTPUT_HOSTS`
 *   (comma-separated hosts images may be downloaded from) when given;
 * - `together` (Together AI) when `TOGETHER_API_KEY` is set, with `TOGETHER_BASE_URL` when given;
 * - `deepinfra` when `DEEPINFRA_API_KEY` is set, with `DEEPINFRA_BASE_URL` when given;
 * - `LOCAL_GENERATOR_DELAY_MS` (optional) makes the local generator wait that long per call,
 *   like a slow hosted model, so demos and end-to-end tests can watch progress and cancel.
 *
 * Blank values count as unset, so `REPLICATE_API_TOKEN=` in a `.env` file does not switch a
 * provider on with an empty key.
 *
 * @example
 * const { providers, live } = providersFromEnv();
 * const model = defaultRegistry.defaultModel(live); // replicate/sdxl with a Replicate token
 */
export function providersFromEnv(
  env: Record<string, string | undefined> = process.env,
): ProvidersFromEnv {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const providers: Record<string, ImageProvider> = {};

  const replicateToken = value(providerCredentialEnv.replicate ?? 'REPLICATE_API_TOKEN');
  if (replicateToken) {
    const hosts = value('REPLICATE_OUTPUT_HOSTS')
      ?.split(',')
      .map((host) => host.trim())
      .filter(Boolean);
    providers.replicate = createReplicate({
      apiToken: replicateToken,
      baseUrl: value('REPLICATE_BASE_URL'),
      outputHosts: hosts && hosts.length > 0 ? hosts : undefined,
    });
  }

  const openaiKey = value(providerCredentialEnv.openai ?? 'OPENAI_API_KEY');
  if (openaiKey) {
    providers.openai = createOpenAIImages({ apiKey: openaiKey, baseUrl: value('OPENAI_BASE_URL') });
  }

  const falKey = value(providerCredentialEnv.fal ?? 'FAL_KEY');
  if (falKey) {
    const hosts = value('FAL_OUTPUT_HOSTS')
      ?.split(',')
      .map((host) => host.trim())
      .filter(Boolean);
    providers.fal = createFalImages({
      apiKey: falKey,
      ...(value('FAL_BASE_URL') ? { baseURL: value('FAL_BASE_URL') } : {}),
      ...(hosts && hosts.length > 0 ? { outputHosts: hosts } : {}),
    });
  }

  const googleKey = value(providerCredentialEnv.google ?? 'GOOGLE_GENERATIVE_AI_API_KEY');
  if (googleKey) {
    const baseURL = value('GOOGLE_GENERATIVE_AI_BASE_URL');
    providers.google = createGoogleImages({ apiKey: googleKey, ...(baseURL ? { baseURL } : {}) });
  }

  const bflKey = value(providerCredentialEnv.bfl ?? 'BFL_API_KEY');
  if (bflKey) {
    const hosts = value('BFL_OUTPUT_HOSTS')
      ?.split(',')
      .map((host) => host.trim())
      .filter(Boolean);
    providers.bfl = createBlackForestLabsImages({
      apiKey: bflKey,
      ...(value('BFL_BASE_URL') ? { baseURL: value('BFL_BASE_URL') } : {}),
      ...(hosts && hosts.length > 0 ? { outputHosts: hosts } : {}),
    });
  }

  const togetherKey = value(providerCredentialEnv.together ?? 'TOGETHER_API_KEY');
  if (togetherKey) {
    const baseURL = value('TOGETHER_BASE_URL');
    providers.together = createTogetherImages({
      apiKey: togetherKey,
      ...(baseURL ? { baseURL } : {}),
    });
  }

  const deepInfraKey = value(providerCredentialEnv.deepinfra ?? 'DEEPINFRA_API_KEY');
  if (deepInfraKey) {
    const baseURL = value('DEEPINFRA_BASE_URL');
    providers.deepinfra = createDeepInfraImages({
      apiKey: deepInfraKey,
      ...(baseURL ? { baseURL } : {}),
    });
  }

  const delay = value('LOCAL_GENERATOR_DELAY_MS');
  providers.local = createLocalProvider(
    delay === undefined ? {} : { delayMs: delayFromEnv(delay) },
  );
  return { providers, live: liveProviderNames(providers) };
}

/** Parses `LOCAL_GENERATOR_DELAY_MS`; a typo fails at start-up, not as a silent zero. */
function delayFromEnv(raw: string): number {
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(ms)) {
    throw new Error(
      `LOCAL_GENERATOR_DELAY_MS must be a whole number of milliseconds (e.g. 3000), not "${raw}".`,
    );
  }
  return ms;
}
