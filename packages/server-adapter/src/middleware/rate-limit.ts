// Per-user (or per-IP) rate limits with the standard RateLimit-* and Retry-After headers, on
// rate-limiter-flexible: memory by default, Redis when several instances share the limit.
import type { Context, MiddlewareHandler } from 'hono';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { AppEnv } from '../context';
import { HttpError, retryAfterSeconds } from '../errors';
import type { ServerLogger } from '../log';

/** The part of a Redis client rate-limiter-flexible needs: an ioredis or node-redis client. */
export type RedisClientLike = object;

export interface RateLimitOptions {
  /** Requests allowed per key in each window. */
  points: number;
  /** Window length in seconds. */
  durationSec: number;
  /**
   * A connected Redis client (ioredis, or node-redis v4+) shared by every instance. Without
   * it, counts live in this process. With it, a Redis outage falls back to per-process
   * memory counts rather than refusing or waving through every request.
   */
  redis?: RedisClientLike;
  /** Prefix of the keys in the store. Default `medialoft-rl`. */
  keyPrefix?: string;
  /** Any rate-limiter-flexible limiter, overriding `redis` (Memcached, Postgres, ...). */
  limiter?: RateLimiterAbstract;
}

/** Builds the limiter `options` describe. */
export function createRateLimiter(options: RateLimitOptions): RateLimiterAbstract {
  if (options.limiter) return options.limiter;
  const base = {
    points: options.points,
    duration: options.durationSec,
    keyPrefix: options.keyPrefix ?? 'medialoft-rl',
  };
  if (!options.redis) return new RateLimiterMemory(base);
  return new RateLimiterRedis({
    ...base,
    storeClient: options.redis,
    // Don't wait on a dead connection: fail over to the in-memory insurance at once.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(base),
  });
}

/**
 * Middleware consuming one point per request for the caller: the auth hook's user id, else
 * the client IP, else one shared `anonymous` key. Sets `RateLimit-Policy`, `RateLimit-Limit`,
 * `RateLimit-Remaining` and `RateLimit-Reset` (IETF draft, seconds); over the limit it
 * answers 429 `rate_limited` with `Retry-After`.
 *
 * @example
 * route.post('/images/generate', rateLimit({ points: 10, durationSec: 60 }, { clientIp }), handler);
 */
export function rateLimit(
  options: RateLimitOptions,
  deps: { clientIp: (c: Context) => string | undefined; logger?: ServerLogger },
): MiddlewareHandler<AppEnv> {
  const limiter = createRateLimiter(options);
  const limit = limiter.points;
  return async function rateLimitRequest(c, next) {
    const userId = c.get('userId');
    const key = userId !== undefined ? `user:${userId}` : `ip:${deps.clientIp(c) ?? 'anonymous'}`;
    let result: RateLimiterRes;
    try {
      result = await limiter.consume(key, 1);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        setHeaders(c, limit, options.durationSec, rejection);
        throw new HttpError(
          429,
          'rate_limited',
          `Too many requests: the limit is ${limit} per ${options.durationSec} s. Try again after the Retry-After delay.`,
          { retryable: true, retryAfterMs: Math.max(1000, rejection.msBeforeNext) },
        );
      }
      // A broken store must not take the API down: let the request through and say so.
      deps.logger?.warn('rate limit store failed; request allowed', {
        error: rejection instanceof Error ? rejection.message : String(rejection),
      });
      return next();
    }
    setHeaders(c, limit, options.durationSec, result);
    await next();
  };
}

function setHeaders(c: Context, limit: number, windowSec: number, res: RateLimiterRes) {
  c.header('RateLimit-Policy', `${limit};w=${windowSec}`);
  c.header('RateLimit-Limit', String(limit));
  c.header('RateLimit-Remaining', String(Math.max(0, res.remainingPoints)));
  c.header('RateLimit-Reset', retryAfterSeconds(res.msBeforeNext));
}
