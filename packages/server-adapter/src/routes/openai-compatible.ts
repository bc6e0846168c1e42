// POST {prefix}/images/generations in OpenAI's Images API shape, over the same models, so
// OpenAI clients and tools can use this server as an image gateway. Errors use OpenAI's shape.
import type { ModelCatalogEntry } from '@medialoft/ai-connect';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../context';
import { fromAIConnectError, HttpError, retryAfterSeconds } from '../errors';
import {
  type GenerationDeps,
  planGeneration,
  readJson,
  runGeneration,
  toBase64,
} from '../generation';
import type { ResolvedServerOptions } from '../options';
import { type ErrorBody, type OpenAIErrorBody, openAIImageRequestSchema } from '../protocol';

const OPENAI_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
};

/**
 * An HttpError in OpenAI's error shape `{ error: { message, type, code, param } }`, with
 * `x-should-retry` (which OpenAI's clients obey before their own status rules) saying whether
 * the same request could succeed: `false` keeps a client from sending a create again that
 * would fail the same way, or bill twice.
 */
export function openAIError(c: Context, error: HttpError, redact: (t: string) => string) {
  const body: OpenAIErrorBody = {
    error: {
      message: redact(error.message),
      type: OPENAI_ERROR_TYPES[error.status] ?? 'server_error',
      code: error.code,
      param: error.field === undefined ? null : redact(error.field),
    },
  };
  if (error.retryAfterMs !== undefined) {
    c.header('Retry-After', retryAfterSeconds(error.retryAfterMs));
  }
  c.header('x-should-retry', error.retryable ? 'true' : 'false');
  c.header('Cache-Control', 'no-store');
  return c.json(body, error.status as ContentfulStatusCode);
}

/** A model by registry id, or by the provider's own id (`gpt-image-1`), or the default. */
function findModel(
  model: string | undefined,
  options: ResolvedServerOptions,
): ModelCatalogEntry | undefined {
  if (model === undefined) return undefined;
  return (
    options.registry.get(model) ??
    options.registry.list().find((e) => e.providerModelId === model || e.id.endsWith(`/${model}`))
  );
}

/**
 * The OpenAI-compatible route, relative to its prefix (default `/v1`). Only
 * `response_format: "b64_json"` is served: this server keeps no images to link to.
 *
 * @example
 * app.route('/v1', openAICompatibleRoutes({ options, gate }));
 * // new OpenAI({ baseURL: 'http://localhost:8787/v1', apiKey: 'unused' }).images.generate(...)
 */
export function openAICompatibleRoutes(
  deps: GenerationDeps,
  guard?: MiddlewareHandler<AppEnv>,
): Hono<AppEnv> {
  const { options } = deps;
  const route = new Hono<AppEnv>();

  // Guards run inside this sub-app so that their errors (401, 413, 429...) are also answered
  // in OpenAI's shape, which is what OpenAI clients parse.
  route.onError((error, c) => {
    const known = error instanceof HttpError ? error : fromAIConnectError(error);
    if (known) return openAIError(c, known, options.redact);
    options.logger.error('unexpected error', {
      requestId: c.get('requestId'),
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return openAIError(
      c,
      new HttpError(500, 'internal_error', 'The server failed unexpectedly; try again later.'),
      options.redact,
    );
  });

  // A refusal the host's auth hook built with errorResponse (the /api/ai shape) is re-shaped,
  // so an OpenAI client reads its message and type like any other error here.
  route.use('*', async function reshapeRefusals(c, next) {
    await next();
    if (c.res.status < 400 || !c.res.headers.get('content-type')?.includes('json')) return;
    const body = (await c.res
      .clone()
      .json()
      .catch(() => undefined)) as ErrorBody | undefined;
    const error = body?.error;
    if (!error || typeof error.code !== 'string' || 'type' in error) return;
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    const reshaped: OpenAIErrorBody = {
      error: {
        message: options.redact(String(error.message ?? '')),
        type: OPENAI_ERROR_TYPES[c.res.status] ?? 'server_error',
        code: error.code,
        param: error.field ?? null,
      },
    };
    headers.set('x-should-retry', error.retryable ? 'true' : 'false');
    c.res = new Response(JSON.stringify(reshaped), { status: c.res.status, headers });
  });

  // Everything under the prefix answers in OpenAI's shape, the wrong method and unknown paths
  // included, since only OpenAI clients call here.
  route.on(['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD'], '/images/generations', (c) => {
    c.header('Allow', 'POST');
    return openAIError(
      c,
      new HttpError(405, 'method_not_allowed', `Use POST for ${c.req.path}, not ${c.req.method}.`),
      options.redact,
    );
  });
  if (guard) route.post('/images/generations', guard);
  route.post('/images/generations', async function generations(c) {
    const parsed = openAIImageRequestSchema.safeParse(await readJson(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      throw new HttpError(
        400,
        'invalid_request',
        `Invalid request${field ? ` (${field})` : ''}: ${issue?.message}.`,
        { field },
      );
    }
    const body = parsed.data;
    if (body.stream) {
      throw new HttpError(
        400,
        'invalid_request',
        'stream: true is not supported by this server; leave it out to get the images in one JSON answer.',
        { field: 'stream' },
      );
    }
    if (body.response_format === 'url') {
      throw new HttpError(
        400,
        'invalid_request',
        'response_format "url" is not supported by this server; use "b64_json".',
        { field: 'response_format' },
      );
    }
    const entry = findModel(body.model ?? undefined, options);
    if (body.model && !entry) {
      throw new HttpError(
        400,
        'invalid_request',
        `The model "${body.model}" does not exist on this server.`,
        { field: 'model' },
      );
    }
    let width: number | undefined;
    let height: number | undefined;
    if (body.size && body.size !== 'auto') {
      [width, height] = body.size.split('x').map(Number) as [number, number];
    }
    const planned = planGeneration(
      {
        prompt: body.prompt,
        model: entry?.id,
        n: body.n ?? undefined,
        width,
        height,
      },
      options,
    );
    const outcome = await runGeneration(c, deps, planned);
    const first = outcome.images[0];
    const requested = planned.resolved.n;
    const warnings = [...outcome.warnings];
    if (outcome.images.length < requested) {
      warnings.unshift({
        type: 'fewer_images',
        message: `${outcome.images.length} of the ${requested} images asked for were made.`,
      });
    }
    c.header('Cache-Control', 'no-store');
    c.header('x-ai-images', String(outcome.images.length));
    c.header('x-ai-images-requested', String(requested));
    return c.json({
      created: Math.floor(options.now() / 1000),
      data: outcome.images.map((image) => ({ b64_json: toBase64(image.bytes) })),
      output_format: first?.mediaType.replace('image/', ''),
      size: first ? `${first.metadata.width}x${first.metadata.height}` : undefined,
      // Not in OpenAI's shape; its clients pass unknown fields through.
      ...(warnings.length > 0 ? { warnings } : {}),
    });
  });

  route.all('*', (c) =>
    openAIError(
      c,
      new HttpError(
        404,
        'not_found',
        `No route for ${c.req.method} ${c.req.path}; this server serves POST ${options.openAICompatiblePath || ''}/images/generations.`,
      ),
      options.redact,
    ),
  );

  return route;
}
