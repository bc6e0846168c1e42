// Refuses bodies of the wrong media type with 415 before anything tries to parse them.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { HttpError } from '../errors';

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Middleware accepting only bodies whose media type passes `accepts`; others get 415
 * `unsupported_media_type` with `hint` as the message.
 *
 * @example
 * route.post('/images/generate', requireContentType((t) => t === 'application/json', 'Send JSON.'));
 */
export function requireContentType(
  accepts: (mediaType: string) => boolean,
  hint: string,
): MiddlewareHandler<AppEnv> {
  return async function contentType(c, next) {
    if (!accepts(mediaTypeOf(c.req.header('content-type')))) {
      throw new HttpError(415, 'unsupported_media_type', hint);
    }
    await next();
  };
}

/** application/json and any `+json` type. */
export const isJson = (type: string): boolean =>
  type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type);
