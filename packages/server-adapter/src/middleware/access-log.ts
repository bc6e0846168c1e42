// One log line per request: enough to trace a request id, never a header or body.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import type { ServerLogger } from '../log';

/**
 * Logs method, path, status, duration, request id and user id after each request.
 *
 * @example
 * app.use(accessLog(logger));
 */
export function accessLog(
  logger: ServerLogger,
  now: () => number = Date.now,
): MiddlewareHandler<AppEnv> {
  return async function logRequest(c, next) {
    const started = now();
    await next();
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: now() - started,
      requestId: c.get('requestId'),
      userId: c.get('userId'),
    });
  };
}
