// Runs the host's auth hook: a user id lets the request through (and keys its rate limit and
// usage), a Response refuses it as it is.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import type { AuthorizeHook } from '../options';

/**
 * Middleware calling `authorize(c)`: sets `userId`, or answers with the hook's Response.
 *
 * @example
 * app.use('/api/ai/*', authorizeMiddleware(async (c) => (await session(c))?.userId ?? unauthorized(c)));
 */
export function authorizeMiddleware(
  authorize: AuthorizeHook | undefined,
): MiddlewareHandler<AppEnv> {
  return async function authorizeRequest(c, next) {
    const verdict = authorize ? await authorize(c) : undefined;
    if (verdict instanceof Response) return verdict;
    c.set('userId', verdict);
    await next();
  };
}
