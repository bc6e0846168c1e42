// Small helpers the hosted providers share: abort handling, Retry-After parsing, secret
// scrubbing and telling a connection that never opened from one that failed mid-request.
import { createRedactor } from '../redact';
import { abortableSleep } from '../run-control';
import { AIConnectError, AuthenticationError, CanceledError, TimeoutError } from '../spec/errors';
import type { ImageModelWarning } from '../spec/image-model';

/**
 * A getter for a provider's key that throws a typed `AuthenticationError` saying how to set it
 * (`missing`) when there is none, so every request path of a provider checks it the same way.
 */
export function keyRequirer(
  key: () => string | undefined,
  provider: string,
  missing: string,
): () => string {
  return () => {
    const value = key();
    if (!value) throw new AuthenticationError(missing, { provider });
    return value;
  };
}

/** A sleep that ends early (rejecting) when `signal` aborts. Injectable for tests. */
export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The one abortable sleep, shared with generateImages' retry loop. */
export const defaultSleep: SleepFn = abortableSleep;

/**
 * The error to throw once `signal` has aborted: the reason itself when it is already one of
 * ours (generateImages aborts with its own TimeoutError), a TimeoutError for
 * `AbortSignal.timeout`, else a CanceledError.
 */
export function abortError(signal: AbortSignal | undefined, provider: string): AIConnectError {
  const reason: unknown = signal?.reason;
  if (reason instanceof AIConnectError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new TimeoutError('The generation timed out; the provider was asked to stop.', {
      provider,
    });
  }
  return new CanceledError(undefined, { provider });
}

/** True when `error` is the rejection of an aborted fetch or sleep. */
export function isAbortError(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && (error === signal.reason || isAbortLike(error))) return true;
  return isAbortLike(error);
}

function isAbortLike(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * Milliseconds to wait from a `Retry-After` header: delta-seconds or an HTTP date. Undefined
 * when absent or unparsable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()) {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Milliseconds from a duration such as `1s`, `6m0s`, `20ms` or `1h2m3.5s` (the format of
 * OpenAI's `x-ratelimit-reset-*` headers). Undefined when unparsable.
 */
export function parseDuration(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const pattern = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let matched = '';
  for (const match of value.trim().matchAll(pattern)) {
    total += Number(match[1]) * (units[match[2] as string] ?? 0);
    matched += match[0];
  }
  return matched.length > 0 && matched === value.trim() ? Math.round(total) : undefined;
}

/**
 * Removes secrets from text that may end up in an error message: the given tokens in any
 * disguise (see `createRedactor`), and anything shaped like a bearer credential or a
 * Replicate / OpenAI key.
 */
export function scrubSecrets(text: string, ...secrets: Array<string | undefined>): string {
  // Error text is short and rare, so it also gets the looser shapes the log redactor skips.
  return createRedactor(secrets)(text)
    .replace(/Bearer\s+[^\s"',]+/gi, 'Bearer [redacted]')
    .replace(/\br8_[A-Za-z0-9_-]{6,}/g, '[redacted]')
    .replace(/\bsk-[A-Za-z0-9_-]{6,}/g, '[redacted]');
}

/**
 * True when a fetch failed before the connection opened (refused, DNS), so the server cannot
 * have received the request and sending it again cannot bill twice.
 */
export function isConnectFailure(error: unknown): boolean {
  const codes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Combines signals; undefined entries are skipped. */
export function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return AbortSignal.any(present);
}

/** Re-exported so providers map sizes to ratios exactly as request validation does. */
export { closestAspectRatio } from '../validate';

/**
 * The first `asked` (at least 1) of a provider's outputs. A model, or a hostile proxy, listing
 * more than was asked for would otherwise cost a download or a decode for each; the surplus
 * becomes a warning naming `provider` and what was done (`'downloaded'`, `'kept'`).
 */
export function keepAsked<T>(
  items: readonly T[],
  asked: number,
  provider: string,
  done: string,
  warnings: ImageModelWarning[],
): T[] {
  const n = Math.max(1, asked);
  if (items.length > n) {
    warnings.push({
      type: 'other',
      message: `${provider} returned ${items.length} images for ${n} requested; only the first ${n} were ${done}.`,
    });
  }
  return items.slice(0, n);
}
