// createImageServer: the Hono app holding the provider keys. Web-standard Request/Response
// only (the sharp transform aside), so it runs under Node, in a Next.js route handler, or any
// runtime Hono supports.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './context';
import { fromAIConnectError, HttpError, sendError } from './errors';
import type { GenerationDeps } from './generation';
import { createJobTokens } from './job-token';
import { accessLog } from './middleware/access-log';
import { authorizeMiddleware } from './middleware/authorize';
import { limitBody } from './middleware/body-limit';
import { chain } from './middleware/chain';
import { createConcurrencyGate } from './middleware/concurrency';
import { isJson, requireContentType } from './middleware/content-type';
import { corsPolicy } from './middleware/cors-policy';
import { rateLimit } from './middleware/rate-limit';
import { type ImageServerOptions, resolveOptions } from './options';
import { editRoutes } from './routes/edit';
import { fetchRoutes } from './routes/fetch';
import { generateRoutes } from './routes/generate';
import { jobRoutes } from './routes/jobs';
import { healthRoute, modelRoutes } from './routes/models';
import { openAICompatibleRoutes } from './routes/openai-compatible';
import { openAIEditRoutes } from './routes/openai-edits';
import { transformRoutes } from './routes/transform';
import { resolveUrlFetchOptions } from './url-fetch';

/** Response headers a browser script may read across origins. */
export const EXPOSED_HEADERS = [
  'x-request-id',
  'x-ai-provider',
  'x-ai-model',
  'x-ai-seed',
  'x-ai-steps',
  'x-ai-width',
  'x-ai-height',
  'x-ai-created-at',
  'x-ai-generation-ms',
  'x-ai-cost-usd',
  'x-ai-images',
  'x-ai-images-requested',
  'x-ai-operation',
  'x-should-retry',
  'x-image-width',
  'x-image-height',
  'x-source-url',
  'content-disposition',
  'retry-after',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
];

const STATUS_CODES: Record<number, HttpError['code']> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * Makes the image server. Routes (base path default `/api/ai`):
 * `POST {base}/images/generate`, `POST {base}/images/estimate`, `POST {base}/images/transform`,
 * `POST {base}/images/edit` (multipart: image, mask, operation, prompt, …; answered as generate),
 * `POST {base}/fetch` (a public URL fetched for the URL import, SSRF-guarded; see `urlFetch`),
 * `GET {base}/models`, `GET {base}/health`, and `POST /v1/images/generations` and
 * `POST /v1/images/edits` (OpenAI shape).
 * A generate event stream with `resumable: true` runs as a job where the model can resume, and
 * `GET|DELETE {base}/images/jobs/{token}` continue or cancel it on any instance sharing
 * `jobSecret`.
 *
 * @example
 * import { createLocalProvider } from '@medialoft/ai-connect';
 * const app = createImageServer({
 *   providers: { local: createLocalProvider() },
 *   authorize: async (c) => (await getSession(c))?.userId ?? errorResponse(c, 401, 'Sign in first.'),
 *   allowedOrigins: ['https://app.example.com'],
 * });
 * serve({ fetch: app.fetch, port: 8787 }); // or: export const POST = (req: Request) => app.fetch(req);
 */
export function createImageServer(options: ImageServerOptions): Hono<AppEnv> {
  const resolved = resolveOptions(options);
  const { limits, logger, redact } = resolved;
  const deps: GenerationDeps = {
    options: resolved,
    gate: createConcurrencyGate(resolved.concurrency),
    jobTokens: createJobTokens({
      secret: options.jobSecret,
      ttlMs: options.jobTokenTtlMs,
      now: resolved.now,
      logger,
    }),
  };

  const app = new Hono<AppEnv>();
  app.use(requestId({ headerName: 'x-request-id', limitLength: 128 }));
  app.use(accessLog(logger));
  app.use(
    secureHeaders({
      // Generated images are meant to be shown by other origins (the host app).
      crossOriginResourcePolicy: 'cross-origin',
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    }),
  );
  app.use(
    corsPolicy({
      allowed: resolved.allowedOrigins,
      anyOrigin: resolved.anyOrigin,
      exposeHeaders: EXPOSED_HEADERS,
    }),
  );

  app.onError((error, c) => {
    const known =
      error instanceof HttpError ? error : (fromAIConnectError(error) ?? fromHttpException(error));
    if (known) return sendError(c, known, redact);
    // Only bugs get here; bad input is answered above as 4xx.
    logger.error('unexpected error', {
      requestId: c.get('requestId'),
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return sendError(
      c,
      new HttpError(500, 'internal_error', 'The server failed unexpectedly; try again later.'),
      redact,
    );
  });
  app.notFound((c) =>
    sendError(
      c,
      new HttpError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`),
      redact,
    ),
  );

  const authorize = authorizeMiddleware(resolved.authorize);
  const limit = resolved.rateLimit
    ? rateLimit(resolved.rateLimit, { clientIp: resolved.clientIp, logger })
    : undefined;
  const limited = limit ? chain(authorize, limit) : authorize;
  const json = requireContentType(isJson, 'Send the request body as application/json.');
  const image = requireContentType(
    (t) =>
      t.startsWith('image/') || t === 'application/octet-stream' || t === 'multipart/form-data',
    'Send the image as the body (Content-Type: image/*) or as a multipart form field "file".',
  );

  const multipart = requireContentType(
    (t) => t === 'multipart/form-data',
    'Send the edit as multipart/form-data with the image in an "image" file field.',
  );

  const api = new Hono<AppEnv>();
  api.route('/', healthRoute(resolved));
  api.get('/models', authorize);
  api.route('/', modelRoutes(resolved));
  api.post('/images/generate', chain(limited, json, limitBody(limits.maxBodyBytes)));
  api.post('/images/estimate', chain(authorize, json, limitBody(limits.maxBodyBytes)));
  api.route('/', generateRoutes(deps));
  api.get('/images/jobs/:token', limited);
  api.delete('/images/jobs/:token', limited);
  api.route('/', jobRoutes(deps));
  api.post('/images/edit', chain(limited, multipart, limitBody(limits.maxUploadBytes)));
  api.route('/', editRoutes(deps));
  api.post('/images/transform', chain(limited, image, limitBody(limits.maxUploadBytes)));
  api.route('/', transformRoutes(resolved));
  const urlFetch = resolveUrlFetchOptions(options.urlFetch);
  if (urlFetch.enabled) {
    api.post('/fetch', chain(limited, json, limitBody(limits.maxBodyBytes)));
    api.route('/', fetchRoutes(urlFetch, logger));
  }
  app.route(resolved.basePath, api);

  if (resolved.openAICompatiblePath !== false) {
    // Before the generations routes, whose catch-all answers every other path under the prefix.
    app.route(
      resolved.openAICompatiblePath,
      openAIEditRoutes(deps, chain(limited, multipart, limitBody(limits.maxUploadBytes))),
    );
    app.route(
      resolved.openAICompatiblePath,
      openAICompatibleRoutes(deps, chain(limited, json, limitBody(limits.maxBodyBytes))),
    );
  }
  return app;
}

/** Hono's own HTTPExceptions (4xx from its helpers) in our error shape. */
function fromHttpException(error: unknown): HttpError | undefined {
  if (!(error instanceof HTTPException)) return undefined;
  const status = error.status;
  const code = STATUS_CODES[status] ?? (status < 500 ? 'invalid_request' : 'internal_error');
  return new HttpError(status, code, error.message || 'The request could not be handled.');
}
