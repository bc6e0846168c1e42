// Hono's bodyLimit, answering with the JSON error shape (413) instead of plain text.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context';
import { HttpError } from '../errors';

/**
 * Refuses bodies larger than `maxBytes` with 413 `payload_too_large`, whether or not the
 * client sent a Content-Length (chunked bodies are counted as they stream).
 *
 * @example
 * route.post('/images/transform', limitBody(25 * 1024 * 1024), handler);
 */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HttpError(
        413,
        'payload_too_large',
        `The request body is larger than ${formatBytes(maxBytes)}; send a smaller one.`,
      );
    },
  });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
