// Runs several middleware as one, so a route's guards can be listed as a value and reused.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';

/**
 * Composes `handlers` in order into one middleware. A handler answering with a Response
 * (without calling next) ends the chain with that Response.
 *
 * @example
 * api.post('/images/generate', chain(authorize, rateLimit, json), handler);
 */
export function chain(...handlers: MiddlewareHandler<AppEnv>[]): MiddlewareHandler<AppEnv> {
  return function chained(c, next) {
    const run = async (index: number): Promise<Response | undefined> => {
      const handler = handlers[index];
      if (!handler) {
        await next();
        return undefined;
      }
      const answer = await handler(c, async () => {
        const inner = await run(index + 1);
        if (inner) c.res = inner;
      });
      return answer ?? undefined;
    };
    return run(0);
  };
}
