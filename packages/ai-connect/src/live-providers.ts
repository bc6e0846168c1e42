// Which providers are live: present and holding their credentials. A provider made without a
// key (`createReplicate()` with no token) must never be offered or picked as the default.
import type { ImageProvider } from './spec/image-model';

/**
 * True when `provider` can be called: it has no `isConfigured` (it needs nothing, like the
 * local provider) or `isConfigured()` says its key is there.
 */
export function isProviderLive(provider: ImageProvider | undefined): provider is ImageProvider {
  if (!provider) return false;
  return provider.isConfigured?.() ?? true;
}

/**
 * The names of the live providers in `providers`, in their order: what
 * `registry.defaultModel(live)` and a server's models list go by.
 *
 * @example
 * liveProviderNames({ replicate: createReplicate(), local: createLocalProvider() });
 * // ['local'] while REPLICATE_API_TOKEN is unset
 */
export function liveProviderNames(providers: Readonly<Record<string, ImageProvider>>): string[] {
  return Object.entries(providers)
    .filter(([, provider]) => isProviderLive(provider))
    .map(([name]) => name);
}
