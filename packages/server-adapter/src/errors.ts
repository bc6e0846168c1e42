// HTTP errors of the server: one typed class with a stable wire `code`, the mapping from
// ai-connect's errors (by their `code`) to statuses, and the one JSON error shape.
import {
  type AIConnectError,
  isAIConnectError,
  type RateLimitedError,
} from '@medialoft/ai-connect';
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
  /** Upstream text behind the error: logged (redacted), never sent. */
  detail?: string;
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
  readonly detail: string | undefined;
  constructor(status: number, code: ErrorCode, message: string, options: HttpErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.field = options.field;
    this.retryAfterMs = options.retryAfterMs;
    this.detail = options.detail;
  }
}

/** Status 499: the client went away before the answer (nobody reads it, but logs do). */
export const CLIENT_CLOSED_REQUEST = 499;

/** Request fields a provider's refusal may name; anything else it says is not passed on. */
const REQUEST_FIELDS = new Set([
  'prompt',
  'negativePrompt',
  'negative_prompt',
  'width',
  'height',
  'size',
  'n',
  'steps',
  'seed',
  'model',
]);

/**
 * What the caller is told when a provider failed. Provider text can echo what was sent to it
 * (a key in any disguise), so it never reaches the caller; it goes to the log as `detail`.
 */
function typedProviderMessage(
  error: AIConnectError,
  field: string | undefined,
): string | undefined {
  const who = `The image provider (${error.provider})`;
  const status = (error as { status?: unknown }).status;
  switch (error.code) {
    case 'provider_error':
      return `${who} failed${typeof status === 'number' ? ` (HTTP ${status})` : ''}; ${
        error.retryable
          ? 'try again in a moment.'
          : 'trying again will not help: change the request or choose another model.'
      } The server log has the provider’s reason under this request id.`;
    case 'rate_limited':
      return `${who} is rate limiting this server; try again after the Retry-After delay.`;
    case 'content_filtered':
      return `The safety filter of the image provider (${error.provider}) refused the prompt or its output; try a different prompt.`;
    case 'invalid_request':
      return `${who} refused the request as invalid${field ? ` (${field})` : ''}; change it or choose another model. The server log has the provider’s reason under this request id.`;
    case 'output_not_image':
      return `${who} sent an output that is not a PNG, JPEG, WebP, GIF or AVIF image; try again or choose another model.`;
    default:
      return undefined;
  }
}

/**
 * Maps an ai-connect error to the HTTP error the browser sees, by its `code` only: the server
 * never branches on a provider. An error a provider adapter raised gets a typed message, its
 * own text kept as `detail` for the log. Returns undefined for anything that is not an
 * ai-connect error.
 */
export function fromAIConnectError(error: unknown): HttpError | undefined {
  if (!isAIConnectError(error)) return undefined;
  const rawField = (error as { field?: unknown }).field;
  // Only ai-connect's own words (a checked limit) pass as they are; anything a provider
  // adapter raised may carry upstream text.
  const fromProvider = error.provider !== undefined && !error.ownMessage;
  const field =
    typeof rawField === 'string' && (!fromProvider || REQUEST_FIELDS.has(rawField))
      ? rawField
      : undefined;
  const typed = fromProvider ? typedProviderMessage(error, field) : undefined;
  const message = typed ?? error.message;
  const base = {
    retryable: error.retryable,
    cause: error,
    ...(typed ? { detail: error.message } : {}),
  };
  switch (error.code) {
    case 'invalid_request':
      return new HttpError(400, 'invalid_request', message, { ...base, field });
    case 'authentication':
      // The server's own key was refused. Telling the browser 401 would send the user to a
      // login screen for an operator problem, and the provider's text may echo the key.
      return new HttpError(
        502,
        'server_misconfigured',
        'The image provider refused this server’s credentials. The server operator needs to check its provider API key; trying again will not help.',
        { retryable: false, cause: error, detail: error.message },
      );
    case 'content_filtered':
      return new HttpError(422, 'content_filtered', message, base);
    case 'rate_limited': {
      const retryAfterMs = (error as RateLimitedError).retryAfterMs ?? 10_000;
      return new HttpError(429, 'rate_limited', message, { ...base, retryAfterMs });
    }
    case 'provider_error':
      return new HttpError(502, 'provider_error', message, base);
    case 'timeout':
      return new HttpError(504, 'timeout', message, base);
    case 'canceled':
      return new HttpError(CLIENT_CLOSED_REQUEST, 'canceled', message, base);
    case 'output_not_image':
      return new HttpError(502, 'output_not_image', message, base);
    case 'job_not_found':
      return new HttpError(404, 'job_not_found', message, base);
    default:
      return new HttpError(502, 'provider_error', message, base);
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
    field: error.field === undefined ? undefined : redact(error.field),
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
