// Maps what Replicate answered (an HTTP failure, a network fault or a failed prediction) to
// ai-connect's typed errors, with the token scrubbed from every message.
import {
  type AIConnectError,
  AuthenticationError,
  ContentFilteredError,
  InvalidRequestError,
  isAIConnectError,
  ProviderError,
  RateLimitedError,
} from '../../spec/errors';
import { isConnectFailure, parseRetryAfter, scrubSecrets } from '../provider-utils';
import type { FailedExchange } from './replicate-client';

const provider = 'replicate';

/** Which call failed: only a create can bill, so only a create needs care when retried. */
export type ReplicatePhase = 'create' | 'poll';

/** Replicate's problem-details body: `{ title, detail, status }`. */
function problemText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { detail?: unknown; title?: unknown };
    const text = [parsed.title, parsed.detail]
      .filter((part): part is string => typeof part === 'string' && part.length > 0)
      .join(': ');
    if (text) return text;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.replace(/\s+/g, ' ').trim();
}

function clip(text: string, max = 300) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Maps an error from an SDK call whose one exchange is `failure` (if it got a response). */
export function mapReplicateError(
  error: unknown,
  context: { phase: ReplicatePhase; failure: FailedExchange | undefined; token: string },
): AIConnectError {
  if (isAIConnectError(error)) return error;
  const { failure, phase, token } = context;
  const scrub = (text: string) => clip(scrubSecrets(text, token));

  if (!failure) {
    const reason = scrub(error instanceof Error ? error.message : String(error));
    // A create that failed after the connection opened may have created a prediction.
    const retryable = phase === 'poll' || isConnectFailure(error);
    return new ProviderError(
      phase === 'create' && !retryable
        ? `The request to create a Replicate prediction failed (${reason}); it may have been created, so it is not retried.`
        : `Could not reach Replicate (${reason}).`,
      { provider, retryable },
    );
  }

  const { status } = failure;
  const detail = scrub(problemText(failure.body));
  if (status === 401 || status === 403) {
    return new AuthenticationError(
      `Replicate rejected the API token (HTTP ${status}). Set REPLICATE_API_TOKEN to a valid token from https://replicate.com/account/api-tokens.`,
      { provider },
    );
  }
  if (status === 429) {
    return new RateLimitedError(`Replicate is rate limiting requests: ${detail || 'HTTP 429'}.`, {
      provider,
      retryAfterMs: parseRetryAfter(failure.headers.get('retry-after')),
    });
  }
  if (status === 402) {
    return new ProviderError(
      `Replicate requires payment (HTTP 402): ${detail}. Add credit to the Replicate account.`,
      { provider, status, retryable: false },
    );
  }
  if (phase === 'create' && (status === 404 || status === 400 || status === 422)) {
    return new InvalidRequestError(`Replicate refused the request (HTTP ${status}): ${detail}`, {
      provider,
      field: status === 404 ? 'model' : undefined,
    });
  }
  if (status >= 500) {
    // 502/503 come from the gateway before the API ran; any other 5xx on create may have
    // created a prediction, and a second create would be billed again.
    const retryable = phase === 'poll' || status === 502 || status === 503;
    return new ProviderError(`Replicate failed (HTTP ${status}): ${detail || 'server error'}.`, {
      provider,
      status,
      retryable,
    });
  }
  return new ProviderError(`Replicate answered HTTP ${status}: ${detail}`, {
    provider,
    status,
    retryable: false,
  });
}

/** Maps a prediction that ended as `failed`. It ran, so it is never retryable. */
export function mapFailedPrediction(predictionError: unknown, token: string): AIConnectError {
  const text = clip(
    scrubSecrets(
      typeof predictionError === 'string' ? predictionError : JSON.stringify(predictionError ?? ''),
      token,
    ),
  );
  if (/nsfw|safety checker|flagged as sensitive/i.test(text)) {
    return new ContentFilteredError(
      `Replicate's safety filter blocked the output (${text}). Try a different prompt.`,
      { provider },
    );
  }
  return new ProviderError(`The Replicate prediction failed: ${text || 'no reason given'}.`, {
    provider,
    retryable: false,
  });
}
