// CORS for the image server. Only http(s) origins are ever answered: `null` (sandboxed frames,
// file:// pages, some redirects) and extension or file origins are shared by whatever runs
// there, so no policy can trust them. With every origin allowed the answer is the `*` wildcard
// without credentials; a listed origin is echoed back with credentials (cookie sessions).
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export interface CorsPolicyOptions {
  /** Whether an http(s) origin may call; never asked about `null` or other schemes. */
  allowed: (origin: string) => boolean;
  /** `*` mode: any http(s) origin, answered with the wildcard and no credentials. */
  anyOrigin: boolean;
  exposeHeaders: string[];
}

const WEB_ORIGIN = /^https?:\/\/[^\s/?#@]+$/i;

/** True for a serialized http(s) origin such as `https://app.example.com:8443`. */
export function isWebOrigin(origin: string): boolean {
  if (!WEB_ORIGIN.test(origin)) return false;
  try {
    return new URL(origin).origin === origin.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The CORS middleware: `Access-Control-Allow-Origin` only for allowed http(s) origins (`*` in
 * any-origin mode, else the origin itself, with `Access-Control-Allow-Credentials: true`).
 *
 * @example
 * app.use(corsPolicy({ allowed: (o) => o === 'https://app.example.com', anyOrigin: false, exposeHeaders: [] }));
 */
export function corsPolicy(options: CorsPolicyOptions): MiddlewareHandler {
  const handler = cors({
    origin: (origin) => {
      if (!origin || !isWebOrigin(origin) || !options.allowed(origin)) return null;
      return options.anyOrigin ? '*' : origin;
    },
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Accept', 'X-Request-Id'],
    exposeHeaders: options.exposeHeaders,
    // Set below, only next to an echoed origin: never with `*`, never for a refused origin.
    credentials: false,
    maxAge: 600,
  });
  return async function corsWithCredentials(c, next) {
    const preflight = await handler(c, next);
    const headers = (preflight ?? c.res).headers;
    const granted = headers.get('access-control-allow-origin');
    if (granted && granted !== '*') headers.set('Access-Control-Allow-Credentials', 'true');
    return preflight ?? undefined;
  };
}
