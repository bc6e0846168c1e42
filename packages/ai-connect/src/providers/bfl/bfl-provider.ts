// Black Forest Labs' FLUX models through the AI SDK Black Forest Labs provider, loaded on first
// call so hosts without BFL_API_KEY never load it. BFL answers a task with a polling URL and,
// once ready, a signed image URL; the SDK fetches both itself with the key, so its injected
// fetch keeps the key to BFL's API hosts, reads the moderation verdicts the SDK does not know,
// and sends the image download through downloadOutput (allowed hosts, no key, a size cap).
import type { ImageModelV3, ImageModelV3CallOptions } from '@ai-sdk/provider';
import { downloadOutput } from '../../download-output';
import {
  AIConnectError,
  AuthenticationError,
  ContentFilteredError,
  isAIConnectError,
  ProviderError,
} from '../../spec/errors';
import type { ImageModelV1, ImageProvider } from '../../spec/image-model';
import { fromAISDKImageModel } from '../ai-sdk/index';
import { scrubSecrets } from '../provider-utils';
import { bflDefaults, bflModelCatalog } from './bfl-catalog';
import { bflJobMethods, isBflKeyHost } from './bfl-jobs';

/**
 * Hosts BFL delivers generated images from: its `delivery-*.bfl.ai` hosts and the storage
 * account older results were signed on.
 */
export const BFL_OUTPUT_HOSTS: readonly string[] = [
  '*.bfl.ai',
  'bfldeliverysc.blob.core.windows.net',
];

/** BFL's API (`<baseURL>/<model id>`); regional ones are `https://api.eu.bfl.ai/v1` and `…us…`. */
export const BFL_DEFAULT_BASE_URL = 'https://api.bfl.ai/v1';

const KEY_ENV = 'BFL_API_KEY';

/** Settings of {@link createBlackForestLabsImages}. */
export interface BlackForestLabsImagesSettings {
  /** BFL API key, sent as `x-key`. Default: `process.env.BFL_API_KEY`, read when a call is made. */
  apiKey?: string;
  /** Where the API lives. Default {@link BFL_DEFAULT_BASE_URL}. */
  baseURL?: string;
  /** Used for the API calls and the image download. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Hosts generated images may be downloaded from. Default {@link BFL_OUTPUT_HOSTS}. */
  outputHosts?: string[];
  /** Largest image accepted. Default 25 MB. */
  maxOutputBytes?: number;
  /** Wait between status checks. Default 500 ms. */
  pollIntervalMs?: number;
  /** How long a task may stay pending before the call fails. Default 120 000 ms. */
  pollTimeoutMs?: number;
}

/**
 * Makes the `bfl` provider: FLUX on Black Forest Labs' own API. Its model ids are BFL endpoint
 * names (`flux-pro-1.1`); the built-in catalogue lists `bfl/flux-pro-1.1`,
 * `bfl/flux-pro-1.1-ultra`, `bfl/flux-kontext-pro` and `bfl/flux-dev`, and any other BFL
 * endpoint works through `imageModel(id)`.
 *
 * Each image is one BFL task: submitted, polled until ready, then downloaded. The key goes only
 * to `baseURL`'s host and BFL's `api.*.bfl.ai` hosts; the image comes only from `outputHosts`,
 * without the key, and no larger than `maxOutputBytes`. A task BFL moderates ("Request
 * Moderated", "Content Moderated") is a `content_filtered` error, a failed one a
 * `provider_error` with BFL's details.
 *
 * Its models also run as resumable jobs (`startImageJob`): the task's id and polling URL are the
 * reference, checked against the same API hosts on every resume. BFL documents no cancel, so
 * canceling a job stops nothing upstream; BFL's own retention bounds the task.
 *
 * Without a key (neither `apiKey` nor `BFL_API_KEY`), `isConfigured()` is false and the
 * provider is never live.
 *
 * @example
 * const providers = { bfl: createBlackForestLabsImages({ apiKey: process.env.BFL_API_KEY }) };
 * await generateImages({ prompt: 'a fox', model: 'bfl/flux-pro-1.1' }, { providers });
 */
export function createBlackForestLabsImages(
  settings: BlackForestLabsImagesSettings = {},
): ImageProvider {
  const apiKey = () => (settings.apiKey ?? process.env[KEY_ENV])?.trim() || undefined;
  const baseURL = (settings.baseURL ?? BFL_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const baseFetch = settings.fetch ?? ((input, init) => globalThis.fetch(input, init));

  let sdk: Promise<typeof import('@ai-sdk/black-forest-labs')> | undefined;
  const loadSDK = () => {
    sdk ??= import('@ai-sdk/black-forest-labs');
    return sdk;
  };

  const models = new Map<string, ImageModelV1>();
  const provider: ImageProvider = {
    name: 'bfl',
    isConfigured: () => apiKey() !== undefined,
    imageModel(modelId: string): ImageModelV1 {
      const known = models.get(modelId);
      if (known) return known;
      const entry = bflModelCatalog.find((e) => e.providerModelId === modelId);
      const label = entry?.label ?? `Black Forest Labs ${modelId}`;
      const lazy: ImageModelV3 = {
        specificationVersion: 'v3',
        provider: 'black-forest-labs.image',
        modelId,
        maxImagesPerCall: 1,
        doGenerate: async (options) => {
          const { createBlackForestLabs } = await loadSDK();
          // One SDK instance per call, so the polling URLs its fetch trusts are this call's.
          const bfl = createBlackForestLabs({
            apiKey: apiKey() ?? '',
            baseURL,
            fetch: taskFetch({ ...settings, baseURL, baseFetch, label }),
            pollIntervalMillis: settings.pollIntervalMs ?? 500,
            pollTimeoutMillis: settings.pollTimeoutMs ?? 120_000,
          });
          return bfl.image(modelId).doGenerate(withExactSize(options));
        },
      };
      const defaults = bflDefaults(modelId);
      const { provider: bridged } = fromAISDKImageModel(lazy, {
        id: entry?.id ?? `bfl/${modelId}`,
        label,
        capabilities: entry?.capabilities ?? defaults.capabilities,
        limits: entry?.limits ?? defaults.limits,
        providerOptionsKey: 'blackForestLabs',
      });
      const inner = bridged.imageModel(modelId);
      const model: ImageModelV1 = {
        specificationVersion: inner.specificationVersion,
        provider: 'bfl',
        modelId,
        maxImagesPerCall: inner.maxImagesPerCall,
        // Resumable jobs talk to BFL's API directly: the SDK never hands out the task.
        ...bflJobMethods({
          modelId,
          label,
          capabilities: entry?.capabilities ?? defaults.capabilities,
          apiKey,
          baseURL,
          fetch: baseFetch,
          outputHosts: settings.outputHosts ?? [...BFL_OUTPUT_HOSTS],
          pollIntervalMs: settings.pollIntervalMs ?? 500,
          ...(settings.maxOutputBytes === undefined
            ? {}
            : { maxOutputBytes: settings.maxOutputBytes }),
        }),
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

/**
 * BFL's sized endpoints take `width` and `height`. Given a `size`, the SDK would also send a
 * reduced ratio and warn that it derived one; as provider options they go alone.
 */
function withExactSize(options: ImageModelV3CallOptions): ImageModelV3CallOptions {
  if (!options.size) return options;
  const [width, height] = options.size.split('x').map(Number);
  const own = options.providerOptions?.blackForestLabs ?? {};
  return {
    ...options,
    size: undefined,
    providerOptions: { ...options.providerOptions, blackForestLabs: { ...own, width, height } },
  } as ImageModelV3CallOptions;
}

interface TaskFetchOptions extends BlackForestLabsImagesSettings {
  baseURL: string;
  baseFetch: typeof fetch;
  label: string;
}

/**
 * The fetch one task runs on: the submit goes to `baseURL`; the polling URL it answers with is
 * trusted only on an API host, and its answers are read for BFL's verdicts; every other URL is
 * the image, downloaded through downloadOutput.
 */
function taskFetch(options: TaskFetchOptions): typeof fetch {
  const { baseURL, baseFetch, label } = options;
  const polls = new Set<string>();
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (
      init?.method ?? (input instanceof Request ? input.method : 'GET')
    ).toUpperCase();
    if (method === 'POST' && url.href.startsWith(`${baseURL}/`)) {
      const response = await baseFetch(input, init);
      if (!response.ok) return response;
      const text = await response.text();
      const pollingURL = jsonField(text, 'polling_url');
      if (typeof pollingURL === 'string' && URL.canParse(pollingURL)) {
        const poll = new URL(pollingURL);
        if (!isBflKeyHost(poll, baseURL)) {
          throw new ProviderError(
            `${label}: Black Forest Labs answered with a polling URL on ${poll.host}, which is not one of its API hosts, so the key was not sent there. Check BFL_BASE_URL.`,
            { provider: 'bfl', ownMessage: true },
          );
        }
        polls.add(poll.origin + poll.pathname);
      }
      return new Response(text, { status: response.status, headers: response.headers });
    }
    if (polls.has(url.origin + url.pathname)) {
      const response = await baseFetch(input, init);
      if (!response.ok) return response;
      const text = await response.text();
      checkVerdict(text, label);
      return new Response(text, { status: response.status, headers: response.headers });
    }
    const { bytes, mediaType } = await downloadOutput(url.href, {
      allowedHosts: options.outputHosts ?? [...BFL_OUTPUT_HOSTS],
      fetch: baseFetch,
      signal: init?.signal ?? undefined,
      provider: 'bfl',
      ...(options.maxOutputBytes === undefined ? {} : { maxBytes: options.maxOutputBytes }),
    });
    return new Response(bytes as BodyInit, { headers: { 'content-type': mediaType } });
  };
}

function jsonField(text: string, field: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object'
      ? (value as Record<string, unknown>)[field]
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Throws for a poll answer that ends the task without an image. The SDK knows only Ready,
 * Error and Failed: it would poll a moderated task until its timeout, and it drops the details.
 */
function checkVerdict(text: string, label: string): void {
  let answer: { status?: unknown; state?: unknown; details?: unknown };
  try {
    answer = JSON.parse(text);
  } catch {
    return;
  }
  const status = answer?.status ?? answer?.state;
  if (typeof status !== 'string') return;
  const details =
    answer.details === undefined || answer.details === null
      ? ''
      : `: ${JSON.stringify(answer.details)}`;
  if (status === 'Request Moderated' || status === 'Content Moderated') {
    const what = status === 'Request Moderated' ? 'the prompt' : 'the image';
    throw new ContentFilteredError(
      `${label}: Black Forest Labs' moderation blocked ${what} (${status}${details}). Change the prompt and try again.`,
      { provider: 'bfl' },
    );
  }
  if (status === 'Error' || status === 'Failed' || status === 'Task not found') {
    throw new ProviderError(
      `${label}: the Black Forest Labs task ended as "${status}"${details}.`,
      {
        provider: 'bfl',
      },
    );
  }
}

/** The bridge's typed error, made precise for BFL and scrubbed of the key. */
function refineError(error: unknown, label: string, key: string | undefined): unknown {
  // A verdict or a refused download raised in the fetch comes back wrapped by the bridge.
  if (error instanceof ProviderError && isAIConnectError(error.cause)) return error.cause;
  if (!(error instanceof AIConnectError)) return error;
  const scrub = (text: string) => scrubSecrets(text, key);
  if (error instanceof AuthenticationError) {
    return new AuthenticationError(
      `${label}: Black Forest Labs refused the API key (${scrub(error.message)}). Check ${KEY_ENV} on the server.`,
      { provider: 'bfl', cause: error.cause },
    );
  }
  if (error instanceof ProviderError && error.status === 402) {
    return new ProviderError(
      `${label}: the Black Forest Labs account is out of credits (HTTP 402). Add credits, then try again.`,
      { provider: 'bfl', status: 402, cause: error.cause },
    );
  }
  error.message = scrub(error.message);
  return error;
}
