// The Replicate provider: a factory taking settings (token, base URL, fetch, output hosts,
// timing) and a default instance that reads REPLICATE_API_TOKEN only when first used.
import type { ImageModelV1, ImageProvider } from '../../spec/image-model';
import { defaultSleep, type SleepFn } from '../provider-utils';
import { ReplicateImageModel } from './replicate-image-model';

/** Hosts Replicate serves prediction outputs from. */
export const REPLICATE_OUTPUT_HOSTS = [
  'replicate.delivery',
  '*.replicate.delivery',
  'pbxt.replicate.delivery',
];

export interface ReplicateProviderSettings {
  /** API token. Default: `process.env.REPLICATE_API_TOKEN`, read when a call is made. */
  apiToken?: string;
  /**
   * API base URL, e.g. a Replicate-compatible proxy. Default `https://api.replicate.com/v1`.
   */
  baseUrl?: string;
  /** Fetch used for the API and the output downloads, e.g. for testing. Default global fetch. */
  fetch?: typeof fetch;
  /**
   * Hosts outputs may be downloaded from: exact names or `*.domain` wildcards; plain http only
   * for hosts listed exactly (local fakes). Default {@link REPLICATE_OUTPUT_HOSTS}.
   */
  outputHosts?: string[];
  /**
   * Seconds the create request waits for the result (`Prefer: wait=<n>`), 1–60; 0 turns sync
   * mode off. Longer predictions are polled, never failed. Default 60.
   */
  waitSeconds?: number;
  /** Pause between polls once the wait window has passed. Default 1000 ms. */
  pollIntervalMs?: number;
  /**
   * Deadline after which Replicate cancels the prediction itself (`Cancel-After` header), as
   * seconds or a duration string such as `"90s"` or `"5m"`; `false` sends none. Default 300 s.
   */
  cancelAfter?: number | string | false;
  /** Largest output file accepted. Default 25 MB. */
  maxOutputBytes?: number;
  /** Time allowed for downloading each output. Default 30 000 ms. */
  downloadTimeoutMs?: number;
  /** Consecutive failed polls (5xx, network) tolerated before giving up. Default 10. */
  maxPollFailures?: number;
  /** Clock seam for deterministic timings in tests. Default `Date.now`. */
  now?: () => number;
  /** Sleep seam for polling and retry pauses in tests. */
  sleep?: SleepFn;
}

function cancelAfterHeader(value: ReplicateProviderSettings['cancelAfter']): string | undefined {
  if (value === false) return undefined;
  if (value === undefined) return '300s';
  if (typeof value === 'number') return `${Math.max(5, Math.ceil(value))}s`;
  return value;
}

/**
 * Creates a Replicate provider. Model ids are official models (`black-forest-labs/flux-schnell`)
 * or pinned versions (`stability-ai/sdxl:7762fd07…`).
 *
 * Without a token (neither `apiToken` nor `REPLICATE_API_TOKEN`), `isConfigured()` is false:
 * a server given this provider lists its models as not live and keeps the keyless local model
 * as the default.
 *
 * `imageModel()` throws InvalidRequestError for an id of neither form.
 *
 * @example
 * const provider = createReplicate({ apiToken: process.env.MY_TOKEN });
 * const model = provider.imageModel('black-forest-labs/flux-schnell');
 * const { images } = await model.doGenerate({ prompt: 'a lighthouse', n: 1 });
 */
export function createReplicate(settings: ReplicateProviderSettings = {}): ImageProvider {
  const config = {
    apiToken: () => settings.apiToken ?? process.env.REPLICATE_API_TOKEN,
    baseUrl: (settings.baseUrl ?? 'https://api.replicate.com/v1').replace(/\/+$/, ''),
    // Resolved per call so a fetch patched after import (msw, instrumentation) is seen.
    fetch: settings.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    outputHosts: settings.outputHosts ?? REPLICATE_OUTPUT_HOSTS,
    waitSeconds: Math.min(60, Math.max(0, Math.round(settings.waitSeconds ?? 60))),
    pollIntervalMs: settings.pollIntervalMs ?? 1000,
    cancelAfter: cancelAfterHeader(settings.cancelAfter),
    maxOutputBytes: settings.maxOutputBytes ?? 25 * 1024 * 1024,
    downloadTimeoutMs: settings.downloadTimeoutMs ?? 30_000,
    maxPollFailures: settings.maxPollFailures ?? 10,
    now: settings.now ?? Date.now,
    sleep: settings.sleep ?? defaultSleep,
  } satisfies ConstructorParameters<typeof ReplicateImageModel>[1];

  return {
    name: 'replicate',
    imageModel(modelId: string): ImageModelV1 {
      return new ReplicateImageModel(modelId, config);
    },
    // A blank token counts as none, as it does in providersFromEnv.
    isConfigured: () => Boolean(config.apiToken()?.trim()),
  };
}

/** The default Replicate provider; reads `REPLICATE_API_TOKEN` when a model is first called. */
export const replicate: ImageProvider = createReplicate();
