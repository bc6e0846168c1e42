// Options of createImageServer and their defaults, resolved once per app so the routes read
// plain values.
import {
  defaultRegistry,
  type GenerateImagesOptions,
  type ImageProvider,
  liveProviderNames,
  type ModelRegistry,
  type UsageReport,
} from '@medialoft/ai-connect';
import type { Context } from 'hono';
import { createJsonLogger, createRedactor, redactingLogger, type ServerLogger } from './log';
import type { RateLimitOptions } from './middleware/rate-limit';
import type { UrlFetchOptions } from './url-fetch';

/** Server-wide limits, applied on top of each model's own. */
export interface ServerLimits {
  maxWidth: number;
  maxHeight: number;
  maxSteps: number;
  /** Images per request. */
  maxN: number;
  maxPromptLength: number;
  /** Largest JSON body, in bytes. */
  maxBodyBytes: number;
  /** Largest upload to the transform route, in bytes. */
  maxUploadBytes: number;
  /** Largest decoded image the transform route accepts, in pixels (decompression bombs). */
  maxInputPixels: number;
  /**
   * Longest side of a transform's output, in pixels. An upscale past it is refused (400, with
   * `field` naming the side) before any pixel is decoded: a 90-byte PNG must not become a
   * 16k × 16k encode.
   */
  maxOutputSide: number;
  /** Largest transform output, in pixels (width × height). */
  maxOutputPixels: number;
  /**
   * Transforms running at once in this process (sharp's work is memory-heavy); further ones
   * wait in a queue of `4 ×` this size, beyond which they are answered 429 `server_busy`.
   */
  maxConcurrentTransforms: number;
}

export const defaultLimits: ServerLimits = {
  maxWidth: 2048,
  maxHeight: 2048,
  maxSteps: 100,
  maxN: 4,
  maxPromptLength: 4000,
  maxBodyBytes: 64 * 1024,
  maxUploadBytes: 25 * 1024 * 1024,
  maxInputPixels: 100_000_000,
  maxOutputSide: 4096,
  maxOutputPixels: 16_777_216,
  maxConcurrentTransforms: 2,
};

/** What `onUsage` receives: ai-connect's report plus who asked and the request id. */
export interface ServerUsageReport extends UsageReport {
  /** From `authorize`; undefined when there is no auth hook. */
  userId: string | undefined;
  requestId: string;
}

/**
 * The auth hook: return the user id (used for rate limits and usage), or a Response to refuse
 * (401/403; build it with `errorResponse` to keep the JSON error shape). Returning undefined
 * lets the request through anonymously (rate-limited per IP).
 */
export type AuthorizeHook = (
  c: Context,
) => string | undefined | Response | Promise<string | undefined | Response>;

export interface ConcurrencyOptions {
  /** Generations running at once per provider. Default 8. */
  perProvider: number;
  /**
   * Requests allowed to wait for a slot per provider. Beyond it the server answers 429
   * `server_busy` at once rather than holding connections open. Default 32.
   */
  queue: number;
}

export interface ImageServerOptions {
  /**
   * Providers by name, e.g. from ai-connect's `providersFromEnv`. Their models are "live" when
   * the provider holds its key (`isConfigured()`); `createReplicate()` without a token is not.
   */
  providers: Record<string, ImageProvider>;
  /** The model catalogue. Default: ai-connect's built-in one. */
  registry?: ModelRegistry;
  limits?: Partial<ServerLimits>;
  authorize?: AuthorizeHook;
  /**
   * Origins allowed to call from a browser: a list of exact origins, `'*'`, or a predicate.
   * Default: loopback development origins (`http://localhost:*`, `http://127.0.0.1:*`).
   * Only http(s) origins are ever allowed (`null`, `file://`, extension origins never are).
   * A listed or predicate-approved origin is echoed with `Access-Control-Allow-Credentials`;
   * `'*'` answers `Access-Control-Allow-Origin: *` without credentials, so a browser sends no
   * cookies cross-origin: pair it with token auth (an `Authorization` header), not cookies.
   */
  allowedOrigins?: string[] | '*' | ((origin: string) => boolean);
  /** Per-user (or per-IP) limits. Default: 60 requests a minute in memory. `false` disables. */
  rateLimit?: RateLimitOptions | false;
  /** Called after every successful generation (billing, quotas). Errors thrown are logged. */
  onUsage?: (usage: ServerUsageReport) => void | Promise<void>;
  /** Where the API lives. Default `/api/ai`. */
  basePath?: string;
  /**
   * Path prefix of the OpenAI-compatible endpoint (`{prefix}/images/generations`). Default
   * `/v1`; `false` turns it off.
   */
  openAICompatiblePath?: string | false;
  /** Time for one generation before it is canceled upstream and answered 504. Default 120 s. */
  timeoutMs?: number;
  concurrency?: Partial<ConcurrencyOptions>;
  /** The caller's IP for rate limits, when the runtime knows it (the Node entry does). */
  clientIp?: (c: Context) => string | undefined;
  /** Values that must never appear in a response or a log line (the provider keys). */
  secrets?: Iterable<string | undefined>;
  logger?: ServerLogger;
  /** Clock seam (epoch ms) for `createdAt`. */
  now?: () => number;
  /** Passed to ai-connect's `generateImages` (retries, fallbacks, sleep seam...). */
  generateOptions?: Omit<
    GenerateImagesOptions,
    'providers' | 'registry' | 'signal' | 'onProgress' | 'onUsage' | 'timeoutMs'
  >;
  /**
   * `POST {base}/fetch`: the server fetches a public URL for the browser's URL import, so
   * sites that send no CORS headers can be imported from. Refuses private, loopback and other
   * non-public addresses (after DNS and every redirect), caps size (25 MB) and time (15 s),
   * passes only media the library imports. On by default; `{ enabled: false }` turns it off.
   *
   * @example
   * createImageServer({ providers, urlFetch: { maxBytes: 10 * 1024 * 1024, timeoutMs: 10_000 } });
   */
  urlFetch?: UrlFetchOptions;
  /**
   * Secret that signs resumable job tokens (HMAC-SHA256), at least 16 characters; every
   * instance that may resume a job needs the same one. Default: a random secret per process
   * (logged once), so tokens stop working after a restart and on other instances.
   */
  jobSecret?: string;
  /** How long a resumable job's token is valid. Default one hour. */
  jobTokenTtlMs?: number;
}

/** Options with every default filled in. */
export interface ResolvedServerOptions {
  providers: Record<string, ImageProvider>;
  registry: ModelRegistry;
  liveProviders: string[];
  limits: ServerLimits;
  authorize: AuthorizeHook | undefined;
  allowedOrigins: (origin: string) => boolean;
  /** `allowedOrigins: '*'`: answered with the wildcard and no credentials. */
  anyOrigin: boolean;
  rateLimit: RateLimitOptions | false;
  onUsage: ImageServerOptions['onUsage'];
  basePath: string;
  openAICompatiblePath: string | false;
  timeoutMs: number;
  concurrency: ConcurrencyOptions;
  clientIp: (c: Context) => string | undefined;
  redact: (text: string) => string;
  logger: ServerLogger;
  now: () => number;
  generateOptions: NonNullable<ImageServerOptions['generateOptions']>;
}

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** True for `http://localhost:5173` and other loopback origins: the default CORS policy. */
export const isLoopbackOrigin = (origin: string): boolean => LOOPBACK_ORIGIN.test(origin);

function originPolicy(allowed: ImageServerOptions['allowedOrigins']): (origin: string) => boolean {
  if (allowed === undefined) return isLoopbackOrigin;
  if (allowed === '*') return () => true;
  if (typeof allowed === 'function') return allowed;
  const set = new Set(allowed.map((o) => o.replace(/\/+$/, '')));
  return (origin) => set.has(origin);
}

function normaliseBasePath(path: string): string {
  const trimmed = `/${path}`.replace(/\/+/g, '/').replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export function resolveOptions(options: ImageServerOptions): ResolvedServerOptions {
  const secrets = [...(options.secrets ?? [])];
  const redact = createRedactor(secrets);
  return {
    providers: options.providers,
    registry: options.registry ?? defaultRegistry,
    // A provider without its key (createReplicate() with no token) is present but not live.
    liveProviders: liveProviderNames(options.providers),
    limits: { ...defaultLimits, ...options.limits },
    authorize: options.authorize,
    allowedOrigins: originPolicy(options.allowedOrigins),
    anyOrigin: options.allowedOrigins === '*',
    rateLimit: options.rateLimit ?? { points: 60, durationSec: 60 },
    onUsage: options.onUsage,
    basePath: normaliseBasePath(options.basePath ?? '/api/ai'),
    openAICompatiblePath:
      options.openAICompatiblePath === false
        ? false
        : normaliseBasePath(options.openAICompatiblePath ?? '/v1'),
    timeoutMs: options.timeoutMs ?? 120_000,
    concurrency: { perProvider: 8, queue: 32, ...options.concurrency },
    clientIp: options.clientIp ?? (() => undefined),
    redact,
    logger: redactingLogger(options.logger ?? createJsonLogger({ secrets }), redact),
    now: options.now ?? Date.now,
    generateOptions: options.generateOptions ?? {},
  };
}
