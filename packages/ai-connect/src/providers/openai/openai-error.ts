// Maps OpenAI's documented error body, `{ error: { message, type, code, param } }`, and its
// status to ai-connect's typed errors, with the key scrubbed from every message.
import {
  type AIConnectError,
  AuthenticationError,
  ContentFilteredError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
} from '../../spec/errors';
import { parseDuration, parseRetryAfter, scrubSecrets } from '../provider-utils';

const provider = 'openai';

export interface OpenAIErrorBody {
  error?: { message?: string; type?: string; code?: string | null; param?: string | null };
}

/** Milliseconds to wait before retrying, from the headers OpenAI sends with a 429. */
export function openAIRetryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(ms)) return Math.max(0, ms);
  return (
    parseRetryAfter(headers.get('retry-after')) ??
    parseDuration(headers.get('x-ratelimit-reset-requests')) ??
    parseDuration(headers.get('x-ratelimit-reset-tokens'))
  );
}

export function mapOpenAIError(
  status: number,
  headers: Headers,
  bodyText: string,
  apiKey: string,
): AIConnectError {
  let body: OpenAIErrorBody = {};
  try {
    body = JSON.parse(bodyText) as OpenAIErrorBody;
  } catch {
    // a proxy's HTML page or empty body: use the status alone
  }
  const code = body.error?.code ?? undefined;
  const type = body.error?.type ?? undefined;
  const raw = body.error?.message ?? bodyText.slice(0, 200);
  const message = scrubSecrets(raw, apiKey).replace(/\s+/g, ' ').trim() || `HTTP ${status}`;

  if (status === 401) {
    return new AuthenticationError(
      `OpenAI rejected the API key (HTTP 401: ${message}). Set OPENAI_API_KEY to a valid key.`,
      { provider },
    );
  }
  if (status === 429) {
    if (code === 'insufficient_quota' || type === 'insufficient_quota') {
      return new ProviderError(
        `OpenAI quota exhausted: ${message} Add credit or raise the limit; retrying will not help.`,
        { provider, status, retryable: false },
      );
    }
    return new RateLimitedError(`OpenAI is rate limiting requests: ${message}`, {
      provider,
      retryAfterMs: openAIRetryAfterMs(headers),
    });
  }
  if (code === 'content_policy_violation' || code === 'moderation_blocked') {
    return new ContentFilteredError(
      `OpenAI's safety system refused the request: ${message} Try a different prompt.`,
      { provider },
    );
  }
  if (status === 400 || status === 404 || status === 422) {
    return new InvalidRequestError(`OpenAI refused the request: ${message}`, {
      provider,
      field: body.error?.param ?? (status === 404 ? 'model' : undefined),
    });
  }
  if (status === 403) {
    return new AuthenticationError(
      `OpenAI denied access (HTTP 403: ${message}). Check that the OPENAI_API_KEY's organization may use this model.`,
      { provider },
    );
  }
  if (status >= 500) {
    // The Images API is synchronous: a 5xx means no image was made, so trying again is safe.
    return new ProviderError(`OpenAI failed (HTTP ${status}): ${message}`, {
      provider,
      status,
      retryable: true,
    });
  }
  return new ProviderError(`OpenAI answered HTTP ${status}: ${message}`, {
    provider,
    status,
    retryable: false,
  });
}
