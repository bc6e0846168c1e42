// HTTP errors of the server: one typed class with a stable wire `code`, the mapping from
// ai-connect's errors (by their `code`) to statuses, and the one JSON error shape.
import { isAIConnectError, type RateLimitedError } from '@medialoft/ai-connect';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from './protocol';

export interface HttpErrorOptions {
  retryable?: boolean;
  /** The request field at fault. */
  field?: string;
  /** Sent as `Retry-After` (rounded up to seconds) and as `retryAfterMs` in the body. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * An error the server answers with on purpose. Anything else reaching the error handler is
 * a bug and becomes a 500 `internal_error`.
 *
 * @example
 * throw new HttpError(415, 'unsupported_media_type', 'Send the request body as application/json.');
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly field: string | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(status: number, code: ErrorCode, message: string, options: HttpErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.field = options.field;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Status 499: the client went away before the answer (nobody reads it, but logs do). */
export const CLIENT_CLOSED_REQUEST = 499;

/**
 * Maps an ai-connect error to the HTTP error the browser sees, by its `code` only: the server
 * never branches on a provider. Returns undefined for anything that is not an ai-connect error.
 */
export function fromAIConnectError(error: unknown): HttpError | undefined {
  if (!isAIConnectError(error)) return undefined;
  const base = { retryable: error.retryable, cause: error };
  switch (error.code) {
    case 'invalid_request':
      return new HttpError(400, 'invalid_request', error.message, {
        ...base,
        field: (error as { field?: string }).field,
      });
    case 'authentication':
      // The server's own key was refused. Telling the browser 401 would send the user to a
      // login screen for an operator problem, and the provider's text may echo the key.
      return new HttpError(
        502,
        'server_misconfigured',
        'The image provider refused this server’s credentials. The server operator needs to check its provider API key; trying again will not help.',
        { retryable: false, cause: error },
      );
    case 'content_filtered':
      return new HttpError(422, 'content_filtered', error.message, base);
    case 'rate_limited': {
      const retryAfterMs = (error as RateLimitedError).retryAfterMs ?? 10_000;
      return new HttpError(429, 'rate_limited', error.message, { ...base, retryAfterMs });
    }
    case 'provider_error':
      return new HttpError(502, 'provider_error', error.message, base);
    case 'timeout':
      return new HttpError(504, 'timeout', error.message, base);
    case 'canceled':
      return new HttpError(CLIENT_CLOSED_REQUEST, 'canceled', error.message, base);
    case 'output_not_image':
      return new HttpError(502, 'output_not_image', error.message, base);
    default:
      return new HttpError(502, 'provider_error', error.message, base);
  }
}

/** The error body for `error`, with the request id the response also carries in a header. */
export function errorBody(error: HttpError, requestId: string): ErrorBody {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, retryable: error.retryable, requestId },
  };
  if (error.field !== undefined) body.error.field = error.field;
  if (error.retryAfterMs !== undefined) body.error.retryAfterMs = error.retryAfterMs;
  return body;
}

/** Seconds for a `Retry-After` header: whole, at least 1. */
export function retryAfterSeconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}

/**
 * Sends `error` as the JSON error shape, with `Retry-After` when it has one. `redact` scrubs
 * the message of secrets (provider messages can echo what was sent to them).
 */
export function sendError(
  c: Context,
  error: HttpError,
  redact: (text: string) => string = (t) => t,
): Response {
  const requestId = (c.get('requestId' as never) as string | undefined) ?? '';
  const safe = new HttpError(error.status, error.code, redact(error.message), {
    retryable: error.retryable,
    field: error.field,
    retryAfterMs: error.retryAfterMs,
  });
  if (error.retryAfterMs !== undefined) {
    c.header('Retry-After', retryAfterSeconds(error.retryAfterMs));
  }
  c.header('Cache-Control', 'no-store');
  return c.json(errorBody(safe, requestId), error.status as ContentfulStatusCode);
}

/**
 * A refusal in the JSON error shape, for the `authorize` hook to return.
 *
 * @example
 * authorize: (c) => c.req.header('authorization') === `Bearer ${token}` ? 'me' : errorResponse(c, 401, 'Sign in first.'),
 */
export function errorResponse(
  c: Context,
  status: 401 | 403 | 429,
  message: string,
  options: HttpErrorOptions = {},
): Response {
  const code: ErrorCode =
    status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'rate_limited';
  return sendError(c, new HttpError(status, code, message, options));
}
