// POST {prefix}/images/edits in OpenAI's Images API shape (multipart: image or image[], mask,
// prompt, model, n, size, response_format), served by the same edit path as
// POST {base}/images/edit: inpaint when a mask comes, else edit. Errors use OpenAI's shape.
import type { ModelCatalogEntry } from '@medialoft/ai-connect';
import { supportsOperation } from '@medialoft/ai-connect';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { fromAIConnectError, HttpError } from '../errors';
import { type GenerationDeps, toBase64 } from '../generation';
import type { ResolvedServerOptions } from '../options';
import { type ErrorBody, openAIEditFieldsSchema } from '../protocol';
import { planEdit, readEditUpload, runEdit } from './edit';
import { openAIError } from './openai-compatible';

/** A model by registry id, by the provider's own id (`gpt-image-1`), or by its last part. */
function findModel(model: string, options: ResolvedServerOptions): ModelCatalogEntry | undefined {
  return (
    options.registry.get(model) ??
    options.registry.list().find((e) => e.providerModelId === model || e.id.endsWith(`/${model}`))
  );
}

/**
 * The OpenAI-compatible edits route, relative to its prefix (default `/v1`); mount it before
 * `openAICompatibleRoutes`, whose catch-all answers unknown paths. `guard` (auth, rate limit,
 * content type, upload limit) runs inside, so its refusals are in OpenAI's shape too. Only
 * `b64_json` answers: this server keeps no images to link to.
 *
 * @example
 * app.route('/v1', openAIEditRoutes({ options, gate }, guard));
 * // new OpenAI({ baseURL: 'http://localhost:8787/v1', apiKey }).images.edit({ image, mask, prompt })
 */
export function openAIEditRoutes(
  deps: GenerationDeps,
  guard?: MiddlewareHandler<AppEnv>,
): Hono<AppEnv> {
  const { options } = deps;
  const route = new Hono<AppEnv>();
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
  // The host's auth hook answers in the /api/ai shape; OpenAI clients read `type` and `param`.
  route.use('/images/edits', async function reshapeRefusals(c, next) {
    await next();
    if (c.res.status < 400 || !c.res.headers.get('content-type')?.includes('json')) return;
    const body = (await c.res
      .clone()
      .json()
      .catch(() => undefined)) as ErrorBody | undefined;
    const error = body?.error;
    if (!error || typeof error.code !== 'string' || 'type' in error) return;
    c.res = openAIError(
      c,
      new HttpError(c.res.status, error.code as HttpError['code'], String(error.message ?? ''), {
        retryable: error.retryable === true,
        field: error.field,
        retryAfterMs: error.retryAfterMs,
      }),
      options.redact,
    );
  });
  if (guard) route.post('/images/edits', guard);
  route.post('/images/edits', async function edits(c) {
    const upload = await readEditUpload(c);
    const parsed = openAIEditFieldsSchema.safeParse(upload.fields);
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
    if (upload.fields.stream === 'true') {
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
    const operation = upload.mask ? 'inpaint' : 'edit';
    let model: string | undefined;
    if (body.model) {
      const entry = findModel(body.model, options);
      if (!entry) {
        throw new HttpError(
          400,
          'invalid_request',
          `The model "${body.model}" does not exist on this server.`,
          { field: 'model' },
        );
      }
      if (!supportsOperation(entry, operation)) {
        throw new HttpError(
          400,
          'invalid_request',
          `The model "${body.model}" cannot ${operation === 'inpaint' ? 'edit with a mask' : 'edit images'} on this server.`,
          { field: 'model' },
        );
      }
      model = entry.id;
    }
    const planned = await planEdit(
      upload,
      { operation, prompt: body.prompt, model, n: body.n },
      options,
    );
    const outcome = await runEdit(c, deps, planned);
    const first = outcome.images[0];
    const warnings = [...outcome.warnings];
    const out = planned.resolved.output;
    if (body.size && body.size !== 'auto' && body.size !== `${out.width}x${out.height}`) {
      warnings.unshift({
        type: 'size_ignored',
        message: `This server keeps the image's size (${out.width}x${out.height}); size ${body.size} was ignored.`,
      });
    }
    c.header('Cache-Control', 'no-store');
    c.header('x-ai-images', String(outcome.images.length));
    c.header('x-ai-operation', operation);
    return c.json({
      created: Math.floor(options.now() / 1000),
      data: outcome.images.map((image) => ({ b64_json: toBase64(image.bytes) })),
      output_format: first?.mediaType.replace('image/', ''),
      size: first ? `${first.metadata.width}x${first.metadata.height}` : undefined,
      // Not in OpenAI's shape; its clients pass unknown fields through.
      ...(warnings.length > 0 ? { warnings } : {}),
    });
  });
  return route;
}
