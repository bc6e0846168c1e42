// Typed errors shared by every provider and by generateImages. Each has a stable `code` (also
// used on the wire by the server) and says whether trying again could succeed.

export type AIErrorCode =
  | 'invalid_request'
  | 'authentication'
  | 'content_filtered'
  | 'rate_limited'
  | 'provider_error'
  | 'timeout'
  | 'canceled'
  | 'output_not_image'
  | 'job_not_found';

export interface AIErrorOptions {
  provider?: string;
  cause?: unknown;
  /**
   * The message is ai-connect's own words (a checked limit, an unknown model), with no text a
   * provider sent. Only such messages may be shown to callers as they are; an error that names
   * a provider without this flag is treated as carrying upstream text. Default false.
   */
  ownMessage?: boolean;
}

/** Base class of every error ai-connect throws on purpose. */
export class AIConnectError extends Error {
  readonly code: AIErrorCode;
  readonly retryable: boolean;
  readonly provider: string | undefined;
  /** See {@link AIErrorOptions.ownMessage}. */
  readonly ownMessage: boolean;
  constructor(
    code: AIErrorCode,
    message: string,
    retryable: boolean,
    options: AIErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AIConnectError';
    this.code = code;
    this.retryable = retryable;
    this.provider = options.provider;
    this.ownMessage = options.ownMessage ?? false;
  }
}

/** The request breaks a model limit or is malformed. `field` names the input at fault. */
export class InvalidRequestError extends AIConnectError {
  readonly field: string | undefined;
  constructor(message: string, options: AIErrorOptions & { field?: string } = {}) {
    super('invalid_request', message, false, options);
    this.name = 'InvalidRequestError';
    this.field = options.field;
  }
}

/** The provider refused the credentials. The message names the variable to set. */
export class AuthenticationError extends AIConnectError {
  constructor(message: string, options: AIErrorOptions = {}) {
    super('authentication', message, false, options);
    this.name = 'AuthenticationError';
  }
}

/** The provider's safety filter blocked the prompt or the output. */
export class ContentFilteredError extends AIConnectError {
  constructor(message: string, options: AIErrorOptions = {}) {
    super('content_filtered', message, false, options);
    this.name = 'ContentFilteredError';
  }
}

/** Too many requests. `retryAfterMs` is the provider's Retry-After when it sent one. */
export class RateLimitedError extends AIConnectError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: AIErrorOptions & { retryAfterMs?: number } = {}) {
    super('rate_limited', message, true, options);
    this.name = 'RateLimitedError';
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The provider failed. `retryable` is true for 5xx and network faults before any billing. */
export class ProviderError extends AIConnectError {
  readonly status: number | undefined;
  constructor(
    message: string,
    options: AIErrorOptions & { status?: number; retryable?: boolean } = {},
  ) {
    super('provider_error', message, options.retryable ?? false, options);
    this.name = 'ProviderError';
    this.status = options.status;
  }
}

export class TimeoutError extends AIConnectError {
  constructor(message: string, options: AIErrorOptions = {}) {
    super('timeout', message, true, options);
    this.name = 'TimeoutError';
  }
}

/** The caller aborted; upstream work was canceled. */
export class CanceledError extends AIConnectError {
  constructor(message = 'The generation was canceled.', options: AIErrorOptions = {}) {
    super('canceled', message, false, options);
    this.name = 'CanceledError';
  }
}

/** The provider returned bytes that are not an image (or an unsupported image type). */
export class OutputNotImageError extends AIConnectError {
  constructor(message: string, options: AIErrorOptions = {}) {
    super('output_not_image', message, false, options);
    this.name = 'OutputNotImageError';
  }
}

/** The provider no longer knows a started job (expired, deleted, or never existed there). */
export class JobNotFoundError extends AIConnectError {
  constructor(message: string, options: AIErrorOptions = {}) {
    super('job_not_found', message, false, options);
    this.name = 'JobNotFoundError';
  }
}

export function isAIConnectError(error: unknown): error is AIConnectError {
  return error instanceof AIConnectError;
}
