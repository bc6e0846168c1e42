// POST {base}/fetch: one public file fetched for the browser's URL import, so a site that
// sends no CORS headers can still be imported from. The guard (url-guard.ts, url-fetch.ts)
// decides what may be fetched; this route parses the request and shapes the answer.
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { HttpError } from '../errors';
import { readJson } from '../generation';
import type { ServerLogger } from '../log';
import { type FetchRequest, fetchRequestSchema } from '../protocol';
import { fetchPublicUrl, type ResolvedUrlFetchOptions } from '../url-fetch';

/** Parses the body, turning the first zod issue into a 400 naming the field. */
export function parseFetchRequest(body: unknown): FetchRequest {
  const parsed = fetchRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'url';
  throw new HttpError(
    400,
    'invalid_request',
    `The request is not a valid fetch request (${field}: ${issue?.message ?? 'invalid'}). Send { "url": "https://…" }.`,
    { field },
  );
}

/**
 * A file name for `url`'s last path segment, safe in a header and on any disk: letters,
 * digits, `.`, `-`, `_` and spaces, at most 100 characters, ending in `extension`.
 *
 * @example
 * safeFileName(new URL('https://x.test/a/red%20fox.jpeg?s=1'), 'jpg'); // 'red fox.jpg'
 */
export function safeFileName(url: URL, extension: string): string {
  const segment = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    decoded = segment;
  }
  const stem = decoded
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
    .slice(0, 100);
  return `${stem || url.hostname.replace(/[^A-Za-z0-9.-]+/g, '-') || 'download'}.${extension}`;
}

/**
 * The fetch route, relative to the base path. Auth, rate limit, content type and body limit
 * run before it (see app.ts).
 *
 * @example
 * api.route('/', fetchRoutes(resolveUrlFetchOptions(options.urlFetch), logger));
 */
export function fetchRoutes(options: ResolvedUrlFetchOptions, logger: ServerLogger): Hono<AppEnv> {
  const route = new Hono<AppEnv>();
  let running = 0;
  route.post('/fetch', async function fetchUrl(c) {
    const { url } = parseFetchRequest(await readJson(c));
    if (running >= options.maxConcurrent) {
      throw new HttpError(
        429,
        'server_busy',
        'The server is fetching as many files as it allows at once; try again in a few seconds.',
        { retryable: true, retryAfterMs: 5000 },
      );
    }
    const requestId = c.get('requestId');
    running++;
    let file: Awaited<ReturnType<typeof fetchPublicUrl>>;
    try {
      file = await fetchPublicUrl(url, options, c.req.raw.signal, {
        onRefused: (detail) => logger.warn('url fetch refused', { requestId, ...detail }),
      });
    } finally {
      running--;
    }
    const name = safeFileName(file.finalUrl, file.extension);
    return c.body(file.bytes, 200, {
      'content-type': file.mediaType,
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
      'x-source-url': file.finalUrl.href,
      'x-content-type-options': 'nosniff',
    });
  });
  return route;
}
