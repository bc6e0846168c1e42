// Google Imagen through the AI SDK Google provider, loaded on first call so hosts without
// GOOGLE_GENERATIVE_AI_API_KEY never load it. Imagen answers with the image bytes inline, so
// there is no download to guard; what is added here is the safety filter's verdict, the key
// errors Google sends as HTTP 400, and its retry delay, which it puts in the body.
import type { ImageModelV3, SharedV3Warning } from '@ai-sdk/provider';
import {
  AIConnectError,
  AuthenticationError,
  ContentFilteredError,
  InvalidRequestError,
  isAIConnectError,
  ProviderError,
  RateLimitedError,
} from '../../spec/errors';
import type { ImageModelV1, ImageProvider } from '../../spec/image-model';
import { fromAISDKImageModel } from '../ai-sdk/index';
import { parseDuration, scrubSecrets } from '../provider-utils';
import { googleModelCatalog, imagenCapabilities, imagenLimits } from './google-catalog';

/** Where the Gemini API lives (`<baseURL>/models/<model>:predict`). */
export const GOOGLE_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

const KEY_ENV = 'GOOGLE_GENERATIVE_AI_API_KEY';

/** Settings of {@link createGoogleImages}. */
export interface GoogleImagesSettings {
  /** Gemini API key. Default: `process.env.GOOGLE_GENERATIVE_AI_API_KEY`, read when a call is made. */
  apiKey?: string;
  /** Where the Gemini API lives. Default {@link GOOGLE_DEFAULT_BASE_URL}. */
  baseURL?: string;
  /** Used for the API calls. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/**
 * Makes the `google` provider: Imagen on the Gemini API. Its model ids are Google's
 * (`imagen-4.0-generate-001`); the built-in catalogue lists `google/imagen-4-fast`,
 * `google/imagen-4` and `google/imagen-4-ultra`, and any other Imagen id works through
 * `imageModel(id)` with Imagen's limits.
 *
 * Imagen takes one of five aspect ratios and up to 4 images per call; it has no seed. An image
 * its safety filter withholds becomes a warning, and a call where it withheld every image a
 * `content_filtered` error. A refused key (Google answers HTTP 400 `API_KEY_INVALID`, or 403) is
 * an `authentication` error, and a 429 keeps Google's retry delay.
 *
 * Without a key (neither `apiKey` nor `GOOGLE_GENERATIVE_AI_API_KEY`), `isConfigured()` is
 * false and the provider is never live.
 *
 * @example
 * const providers = { google: createGoogleImages({ apiKey: process.env.GOOGLE_GENERATIVE_AI_API_KEY }) };
 * await generateImages({ prompt: 'a fox', model: 'google/imagen-4-fast' }, { providers });
 */
export function createGoogleImages(settings: GoogleImagesSettings = {}): ImageProvider {
  const apiKey = () => (settings.apiKey ?? process.env[KEY_ENV])?.trim() || undefined;
  const baseURL = (settings.baseURL ?? GOOGLE_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const baseFetch = settings.fetch ?? ((input, init) => globalThis.fetch(input, init));

  let sdk: Promise<typeof import('@ai-sdk/google')> | undefined;
  const loadSDK = () => {
    sdk ??= import('@ai-sdk/google');
    return sdk;
  };

  const models = new Map<string, ImageModelV1>();
  const provider: ImageProvider = {
    name: 'google',
    isConfigured: () => apiKey() !== undefined,
    imageModel(modelId: string): ImageModelV1 {
      const known = models.get(modelId);
      if (known) return known;
      const entry = googleModelCatalog.find((e) => e.providerModelId === modelId);
      const label = entry?.label ?? `Google ${modelId}`;
      const lazy: ImageModelV3 = {
        specificationVersion: 'v3',
        provider: 'google.generative-ai',
        modelId,
        // Imagen makes up to 4 per call; Gemini image models refuse n > 1.
        maxImagesPerCall: modelId.startsWith('gemini-') ? 1 : 4,
        doGenerate: async (options) => {
          const { createGoogleGenerativeAI } = await loadSDK();
          // The AI SDK drops the reason Imagen gives for each image it withholds, so the answer
          // is read on its way past. One SDK instance per call keeps the reasons per call.
          const withheld: string[] = [];
          const google = createGoogleGenerativeAI({
            apiKey: apiKey() ?? '',
            baseURL,
            fetch: readFilterReasons(baseFetch, withheld),
          });
          const result = await google.image(modelId).doGenerate(options);
          if (withheld.length === 0) return result;
          const reasons = [...new Set(withheld)].join(' ');
          if (result.images.length === 0) {
            throw new ContentFilteredError(
              `${label} withheld the image: Google's safety filter said "${reasons}". Change the prompt and try again.`,
              { provider: 'google' },
            );
          }
          const warning: SharedV3Warning = {
            type: 'other',
            message: `Google's safety filter withheld ${withheld.length} of ${options.n} images: ${reasons}`,
          };
          return { ...result, warnings: [...result.warnings, warning] };
        },
      };
      const { provider: bridged } = fromAISDKImageModel(lazy, {
        id: entry?.id ?? `google/${modelId}`,
        label,
        capabilities: entry?.capabilities ?? imagenCapabilities(),
        limits: entry?.limits ?? imagenLimits(),
        providerOptionsKey: 'google',
      });
      const inner = bridged.imageModel(modelId);
      const model: ImageModelV1 = {
        specificationVersion: inner.specificationVersion,
        provider: 'google',
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

/** A fetch that notes each `raiFilteredReason` in a successful answer. */
function readFilterReasons(baseFetch: typeof fetch, into: string[]): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    if (!response.ok) return response;
    const text = await response.text();
    // Answers are mostly base64 image data: parse them only when a reason is in there.
    if (text.includes('raiFilteredReason')) {
      try {
        const predictions: unknown = JSON.parse(text)?.predictions;
        if (Array.isArray(predictions)) {
          for (const p of predictions) {
            const reason = (p as { raiFilteredReason?: unknown } | null)?.raiFilteredReason;
            if (typeof reason === 'string') into.push(reason);
          }
        }
      } catch {
        // Not JSON: the AI SDK reports that itself.
      }
    }
    return new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The body of the AI SDK's APICallError behind `error`, if any. */
function upstreamBody(error: AIConnectError): string {
  const body = (error.cause as { responseBody?: unknown } | undefined)?.responseBody;
  return typeof body === 'string' ? body : '';
}

/** Google's own retry delay (`RetryInfo.retryDelay`, e.g. `"7s"`) in an error body. */
function retryDelayMs(body: string): number | undefined {
  const match = /"retryDelay"\s*:\s*"([0-9.]+s)"/.exec(body);
  return match ? parseDuration(match[1]) : undefined;
}

/** The bridge's typed error, made precise for Google and scrubbed of the key. */
function refineError(error: unknown, label: string, key: string | undefined): unknown {
  // A content filter verdict raised above comes back wrapped by the bridge.
  if (error instanceof ProviderError && isAIConnectError(error.cause)) return error.cause;
  if (!(error instanceof AIConnectError)) return error;
  const body = upstreamBody(error);
  const scrub = (text: string) => scrubSecrets(text, key);
  if (
    error instanceof AuthenticationError ||
    (error instanceof InvalidRequestError && /API_KEY_INVALID|API key not valid/i.test(body))
  ) {
    return new AuthenticationError(
      `${label}: Google refused the API key (${scrub(error.message)}). Check ${KEY_ENV} on the server.`,
      { provider: 'google', cause: error.cause },
    );
  }
  if (error instanceof RateLimitedError && error.retryAfterMs === undefined) {
    const retryAfterMs = retryDelayMs(body);
    if (retryAfterMs !== undefined) {
      return new RateLimitedError(scrub(error.message), {
        provider: 'google',
        retryAfterMs,
        cause: error.cause,
      });
    }
  }
  error.message = scrub(error.message);
  return error;
}
