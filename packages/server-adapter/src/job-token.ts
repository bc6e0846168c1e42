// Signed, expiring tokens naming a resumable job: everything a server needs to find the
// upstream work, so no instance keeps a store and any instance with the same secret resumes
// it. HMAC-SHA256 through WebCrypto, so the same code runs on Node and on edge runtimes.
import type { JsonValue } from '@medialoft/ai-connect';
import { HttpError } from './errors';
import type { ServerLogger } from './log';

/** The request a job was started with, as the token carries it (for the images' metadata). */
export interface JobTokenRequest {
  prompt: string;
  width?: number;
  height?: number;
  n?: number;
  seed?: number;
  negativePrompt?: string;
  steps?: number;
}

/** What a token says, once its signature and expiry are checked. */
export interface JobTokenPayload {
  v: 1;
  /** Registry id of the job's model. */
  model: string;
  /** The model's reference to its upstream work (ai-connect's `ImageJob.ref`). */
  ref: JsonValue;
  request: JobTokenRequest;
  /** The user the `authorize` hook named when the job started; only they may use it. */
  sub?: string;
  /** Issued and expiry times, epoch milliseconds. */
  iat: number;
  exp: number;
}

export interface JobTokens {
  /** Signs a token for `job`, valid for the configured time from now. */
  sign(job: Pick<JobTokenPayload, 'model' | 'ref' | 'request' | 'sub'>): Promise<string>;
  /**
   * Checks a token and returns what it says. Throws an HttpError: 400 `job_token_invalid`
   * (not a token), 403 `job_token_foreign` (tampered, or signed with another secret), 410
   * `job_token_expired`.
   */
  verify(token: string): Promise<JobTokenPayload>;
}

export interface JobTokenOptions {
  /**
   * Shared by every instance that may resume a job (at least 16 characters). Default: a
   * random secret for this process, so tokens do not survive a restart or cross instances.
   */
  secret?: string;
  /** How long a token is valid. Default one hour. */
  ttlMs?: number;
  now?: () => number;
  /** Told once per process, at the first token signed, when no secret is set. */
  logger?: ServerLogger;
}

/** Longest token accepted; a real one is a few kilobytes at most (the prompt is in it). */
export const MAX_JOB_TOKEN_LENGTH = 32_768;
export const DEFAULT_JOB_TOKEN_TTL_MS = 60 * 60 * 1000;
const MIN_SECRET_LENGTH = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

let processSecret: Uint8Array<ArrayBuffer> | undefined;
let warnedAboutProcessSecret = false;

/**
 * Makes the signer and checker of job tokens. A token is
 * `base64url(JSON payload) + "." + base64url(HMAC-SHA256(secret, JSON payload))`.
 *
 * @example
 * const tokens = createJobTokens({ secret: process.env.MEDIALOFT_JOB_SECRET });
 * const token = await tokens.sign({ model: 'replicate/sdxl', ref, request: { prompt } });
 * const { ref } = await tokens.verify(token);
 */
export function createJobTokens(options: JobTokenOptions = {}): JobTokens {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? DEFAULT_JOB_TOKEN_TTL_MS;
  if (!(ttlMs > 0)) throw new Error('jobTokenTtlMs must be a positive number of milliseconds.');
  const key = importKey(secretBytes(options));

  return {
    async sign(job) {
      // Said on first use rather than at start: a server that never runs a job needs no secret.
      if (options.secret === undefined) warnAboutProcessSecret(options.logger);
      const iat = now();
      const payload: JobTokenPayload = {
        v: 1,
        model: job.model,
        ref: job.ref,
        request: job.request,
        ...(job.sub !== undefined ? { sub: job.sub } : {}),
        iat,
        exp: iat + ttlMs,
      };
      const bytes = new TextEncoder().encode(JSON.stringify(payload));
      const signature = await crypto.subtle.sign('HMAC', await key, bytes);
      return `${toBase64Url(bytes)}.${toBase64Url(new Uint8Array(signature))}`;
    },

    async verify(token) {
      const parts = typeof token === 'string' ? token.split('.') : [];
      const [body, mac] = parts;
      if (
        token.length > MAX_JOB_TOKEN_LENGTH ||
        parts.length !== 2 ||
        !body ||
        !mac ||
        !BASE64URL.test(body) ||
        !BASE64URL.test(mac)
      ) {
        throw invalid();
      }
      const bytes = fromBase64Url(body);
      const signature = fromBase64Url(mac);
      if (!bytes || !signature || signature.byteLength !== 32) throw invalid();
      // Constant-time comparison inside WebCrypto; checked before the payload is even parsed.
      if (!(await crypto.subtle.verify('HMAC', await key, signature, bytes))) {
        throw new HttpError(
          403,
          'job_token_foreign',
          'This job token was not issued by this server (it was changed, or another server with a different secret signed it); start the generation again.',
        );
      }
      const payload = parsePayload(bytes);
      if (!payload) throw invalid();
      if (payload.exp <= now()) {
        throw new HttpError(
          410,
          'job_token_expired',
          'This job token has expired; start the generation again.',
        );
      }
      return payload;
    },
  };
}

function invalid(): HttpError {
  return new HttpError(
    400,
    'job_token_invalid',
    'This is not a job token; use the token of the `job` event exactly as it was sent.',
  );
}

function secretBytes(options: JobTokenOptions): Uint8Array<ArrayBuffer> {
  if (options.secret !== undefined) {
    if (options.secret.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `The job secret (jobSecret, MEDIALOFT_JOB_SECRET) must be at least ${MIN_SECRET_LENGTH} characters; use a long random string.`,
      );
    }
    return new TextEncoder().encode(options.secret);
  }
  if (!processSecret) {
    processSecret = crypto.getRandomValues(new Uint8Array(32));
  }
  return processSecret;
}

function warnAboutProcessSecret(logger: ServerLogger | undefined): void {
  if (warnedAboutProcessSecret || !logger) return;
  warnedAboutProcessSecret = true;
  logger.warn(
    'no job secret set (MEDIALOFT_JOB_SECRET): resumable job tokens are signed with a random secret of this process, so they stop working after a restart and on other instances',
  );
}

function importKey(secret: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function parsePayload(bytes: Uint8Array): JobTokenPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  const p = value as Partial<JobTokenPayload> | null;
  const ok =
    typeof p === 'object' &&
    p !== null &&
    p.v === 1 &&
    typeof p.model === 'string' &&
    p.ref !== undefined &&
    typeof p.request === 'object' &&
    p.request !== null &&
    typeof p.request.prompt === 'string' &&
    (p.sub === undefined || typeof p.sub === 'string') &&
    Number.isFinite(p.iat) &&
    Number.isFinite(p.exp);
  return ok ? (p as JobTokenPayload) : undefined;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes canonical base64url only: a text that would not re-encode to itself is refused. */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return toBase64Url(bytes) === text ? bytes : undefined;
}
