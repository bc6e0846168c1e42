// Builds the providers a server can use from its environment: the keyless local generator
// always, and each hosted provider whose credential variable is set.
import { providerCredentialEnv } from './provider-env';
import { createLocalProvider } from './providers/local/index';
import { createOpenAIImages } from './providers/openai/index';
import { createReplicate } from './providers/replicate/index';
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
 * - `openai` when `OPENAI_API_KEY` is set, with `OPENAI_BASE_URL` when given.
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

  providers.local = createLocalProvider();
  return { providers, live: Object.keys(providers) };
}
