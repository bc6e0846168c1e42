// Builds the image server from environment variables, the way `pnpm run server` runs it. Kept
// apart from node.ts (which listens: serveFromEnv) so tests can build the same app without a port.
import { getConnInfo } from '@hono/node-server/conninfo';
import { providersFromEnv } from '@medialoft/ai-connect';
import type { Context, Hono } from 'hono';
import { Redis } from 'ioredis';
import { createImageServer } from './app';
import type { AppEnv } from './context';
import { createJsonLogger, type ServerLogger } from './log';
import type { ImageServerOptions } from './options';

export interface ServerFromEnvOptions {
  /** Where log lines go. Default: stdout/stderr as JSON lines, redacted. */
  logger?: ServerLogger;
  /** Anything else to set on the app (auth hook, usage hook...); wins over the environment. */
  overrides?: Partial<ImageServerOptions>;
}

export interface ServerFromEnv {
  app: Hono<AppEnv>;
  port: number;
  /** The address to listen on: `HOST`, else loopback only (`127.0.0.1`). */
  hostname: string;
  basePath: string;
  liveProviders: string[];
  logger: ServerLogger;
  /** Whether rate limits are shared through Redis. */
  redis: boolean;
  /** Releases what the app holds (the Redis connection). */
  close(): Promise<void>;
}

/** Where the server listens when `HOST` is not set: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

const SECRET_NAME = /(TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL)/i;

const int = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`${name} must be a whole number of 0 or more, not "${value}".`);
  }
  return n;
};

/**
 * Makes the app from the environment:
 *
 * | variable | meaning | default |
 * | --- | --- | --- |
 * | `PORT`, `HOST` | where serveFromEnv listens; `HOST=0.0.0.0` for every interface (a container) | `8787`, `127.0.0.1` |
 * | `REPLICATE_API_TOKEN`, `REPLICATE_BASE_URL`, `REPLICATE_OUTPUT_HOSTS` | Replicate | off |
 * | `OPENAI_API_KEY` (and ai-connect's other OpenAI variables) | OpenAI Images | off |
 * | `ALLOWED_ORIGINS` | comma-separated browser origins, or `*` | loopback dev origins |
 * | `RATE_LIMIT_REQUESTS`, `RATE_LIMIT_WINDOW_SECONDS` | per user/IP; `0` requests turns it off | `60` per `60` |
 * | `REDIS_URL` | share rate limits between instances | in-memory |
 * | `REQUEST_TIMEOUT_MS` | one generation, end to end | `120000` |
 * | `MAX_CONCURRENT_PER_PROVIDER`, `MAX_QUEUED_PER_PROVIDER` | concurrency cap and queue | `8`, `32` |
 * | `TRUST_PROXY` | `1`: take the client IP from the last `X-Forwarded-For` hop | off |
 * | `BASE_PATH` | API base path | `/api/ai` |
 * | `TRANSFORM_MAX_SIDE`, `TRANSFORM_MAX_PIXELS` | largest transform output: a side, the area | `4096`, `16777216` |
 * | `TRANSFORM_MAX_INPUT_PIXELS` | largest image the transform route decodes | `100000000` |
 * | `MAX_CONCURRENT_TRANSFORMS` | sharp jobs at once in the process | `2` |
 * | `URL_FETCH` | `0` turns off `POST {base}/fetch` (public URLs fetched for the URL import) | on |
 * | `URL_FETCH_MAX_BYTES`, `URL_FETCH_TIMEOUT_MS` | largest file it fetches, time for one fetch | `26214400`, `15000` |
 * | `MEDIALOFT_JOB_SECRET` | signs resumable job tokens; the same on every instance (16+ characters) | random per process |
 * | `MEDIALOFT_JOB_TOKEN_TTL_MS` | how long a resumable job's token is valid | `3600000` |
 * | `MEDIALOFT_LOCAL_DELAY_MS` | simulated duration of a local generation (also `LOCAL_GENERATOR_DELAY_MS`) | `0` |
 *
 * With no provider key the keyless local generator serves and `/models` shows the hosted
 * models as not live.
 *
 * @example
 * const server = createServerFromEnv(process.env);
 * serve({ fetch: server.app.fetch, port: server.port });
 */
export function createServerFromEnv(
  env: Record<string, string | undefined> = process.env,
  options: ServerFromEnvOptions = {},
): ServerFromEnv {
  const secrets = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value)
    .map(([, value]) => value as string);
  const logger = options.logger ?? createJsonLogger({ secrets });
  // MEDIALOFT_LOCAL_DELAY_MS is the server's name for the local generator's simulated duration.
  const localDelay = env.MEDIALOFT_LOCAL_DELAY_MS?.trim();
  const { providers, live } = providersFromEnv(
    localDelay && !env.LOCAL_GENERATOR_DELAY_MS?.trim()
      ? { ...env, LOCAL_GENERATOR_DELAY_MS: localDelay }
      : env,
  );

  const points = int(env.RATE_LIMIT_REQUESTS, 60, 'RATE_LIMIT_REQUESTS');
  const durationSec = int(env.RATE_LIMIT_WINDOW_SECONDS, 60, 'RATE_LIMIT_WINDOW_SECONDS') || 60;
  let redis: Redis | undefined;
  if (env.REDIS_URL && points > 0) {
    // No offline queue: while Redis is down, the limiter's in-memory insurance answers at once.
    redis = new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', (error: Error) =>
      logger.warn('redis connection problem; rate limits fall back to memory', {
        error: error.message,
      }),
    );
  }

  const origins = env.ALLOWED_ORIGINS?.trim();
  const allowedOrigins: ImageServerOptions['allowedOrigins'] = !origins
    ? undefined
    : origins === '*'
      ? '*'
      : origins
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean);

  const trustProxy = env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true';
  const clientIp = (c: Context) => {
    if (trustProxy) {
      const hops = c.req.header('x-forwarded-for')?.split(',');
      const last = hops?.at(-1)?.trim();
      if (last) return last;
    }
    try {
      return getConnInfo(c).remote.address;
    } catch {
      // Not behind @hono/node-server (app.request in tests): no socket to ask.
      return undefined;
    }
  };

  const basePath = env.BASE_PATH?.trim() || '/api/ai';
  const app = createImageServer({
    providers,
    allowedOrigins,
    rateLimit: points > 0 ? { points, durationSec, redis } : false,
    timeoutMs: int(env.REQUEST_TIMEOUT_MS, 120_000, 'REQUEST_TIMEOUT_MS') || 120_000,
    concurrency: {
      perProvider: int(env.MAX_CONCURRENT_PER_PROVIDER, 8, 'MAX_CONCURRENT_PER_PROVIDER') || 8,
      queue: int(env.MAX_QUEUED_PER_PROVIDER, 32, 'MAX_QUEUED_PER_PROVIDER'),
    },
    limits: {
      maxOutputSide: int(env.TRANSFORM_MAX_SIDE, 4096, 'TRANSFORM_MAX_SIDE') || 4096,
      maxOutputPixels:
        int(env.TRANSFORM_MAX_PIXELS, 16_777_216, 'TRANSFORM_MAX_PIXELS') || 16_777_216,
      maxInputPixels:
        int(env.TRANSFORM_MAX_INPUT_PIXELS, 100_000_000, 'TRANSFORM_MAX_INPUT_PIXELS') ||
        100_000_000,
      maxConcurrentTransforms:
        int(env.MAX_CONCURRENT_TRANSFORMS, 2, 'MAX_CONCURRENT_TRANSFORMS') || 2,
    },
    urlFetch: {
      enabled: !['0', 'false', 'off'].includes(env.URL_FETCH?.trim().toLowerCase() ?? ''),
      maxBytes:
        int(env.URL_FETCH_MAX_BYTES, 25 * 1024 * 1024, 'URL_FETCH_MAX_BYTES') || 25 * 1024 * 1024,
      timeoutMs: int(env.URL_FETCH_TIMEOUT_MS, 15_000, 'URL_FETCH_TIMEOUT_MS') || 15_000,
    },
    basePath,
    clientIp,
    jobSecret: env.MEDIALOFT_JOB_SECRET?.trim() || undefined,
    jobTokenTtlMs:
      int(env.MEDIALOFT_JOB_TOKEN_TTL_MS, 3_600_000, 'MEDIALOFT_JOB_TOKEN_TTL_MS') || 3_600_000,
    secrets,
    logger,
    ...options.overrides,
  });

  return {
    app,
    port: int(env.PORT, 8787, 'PORT'),
    // Loopback unless asked: the server spends the provider's credit, so it is not offered to
    // the whole network by default.
    hostname: env.HOST?.trim() || DEFAULT_HOST,
    basePath,
    liveProviders: [...live],
    logger,
    redis: redis !== undefined,
    async close() {
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
