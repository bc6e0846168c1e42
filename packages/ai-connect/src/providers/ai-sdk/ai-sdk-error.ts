// Maps what an AI SDK image model throws (its APICallError, an abort, anything else) to
// ai-connect's typed errors. The AI SDK classes are recognised by shape, not `instanceof`, so
// the bridge needs no AI SDK code at runtime and works across duplicated installs.
import {
  type AIConnectError,
  AuthenticationError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
} from '../../spec/errors';
import {
  abortError,
  isAbortError,
  isConnectFailure,
  parseDuration,
  parseRetryAfter,
  scrubSecrets,
} from '../provider-utils';

/** The fields of the AI SDK's `APICallError` the mapping reads. */
interface APICallErrorShape {
  message: string;
  statusCode?: number;
  responseHeaders?: Record<string, string>;
  isRetryable?: boolean;
}

/** True for the AI SDK's `APICallError` (its name, or the marker symbol it carries). */
export function isAPICallError(error: unknown): error is APICallErrorShape & Error {
  if (!(error instanceof Error)) return false;
  const marker = Symbol.for('vercel.ai.error.AI_APICallError');
  return error.name === 'AI_APICallError' || marker in error;
}

/** Milliseconds from `retry-after-ms`, `retry-after` or an `x-ratelimit-reset-*` header. */
export function retryAfterMs(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const get = (name: string) =>
    Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const ms = get('retry-after-ms');
  if (ms !== undefined && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  return (
    parseRetryAfter(get('retry-after')) ??
    parseDuration(get('x-ratelimit-reset-requests')) ??
    parseDuration(get('x-ratelimit-reset-tokens'))
  );
}

/**
 * The typed error for a failed AI SDK call. `provider` is the bridge's provider name and
 * `label` the model's label, both used in the messages; the upstream text is kept, scrubbed of
 * anything shaped like a key, and stays marked as upstream text (`ownMessage` false).
 */
export function mapAISDKError(
  error: unknown,
  provider: string,
  label: string,
  signal: AbortSignal | undefined,
): AIConnectError {
  if (signal?.aborted || isAbortError(error, signal)) return abortError(signal, provider);
  const text = scrubSecrets(error instanceof Error ? error.message : String(error))
    .replace(/\s+/g, ' ')
    .trim();
  if (!isAPICallError(error)) {
    if (isConnectFailure(error)) {
      // Nothing reached the provider, so nothing was billed: safe to send again.
      return new ProviderError(`${label} could not be reached: ${text}`, {
        provider,
        retryable: true,
        cause: error,
      });
    }
    return new ProviderError(`${label} failed: ${text}`, { provider, cause: error });
  }
  const status = error.statusCode;
  if (status === 401 || status === 403) {
    return new AuthenticationError(
      `${label} refused the credentials (HTTP ${status}: ${text}). Check the API key the AI SDK provider was given or reads from its environment variable.`,
      { provider, cause: error },
    );
  }
  if (status === 429) {
    return new RateLimitedError(`${label} is rate limiting requests: ${text}`, {
      provider,
      retryAfterMs: retryAfterMs(error.responseHeaders),
      cause: error,
    });
  }
  if (status === 400 || status === 404 || status === 422) {
    return new InvalidRequestError(`${label} refused the request: ${text}`, {
      provider,
      cause: error,
    });
  }
  if (status !== undefined && status >= 500) {
    // An image call either returns images or fails whole: a 5xx made none, so retrying is safe.
    return new ProviderError(`${label} failed (HTTP ${status}): ${text}`, {
      provider,
      status,
      retryable: true,
      cause: error,
    });
  }
  return new ProviderError(
    status === undefined ? `${label} failed: ${text}` : `${label} answered HTTP ${status}: ${text}`,
    { provider, status, retryable: status === undefined && isConnectFailure(error), cause: error },
  );
}
