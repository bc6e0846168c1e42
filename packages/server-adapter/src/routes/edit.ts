// POST {base}/images/edit: an uploaded image (and optional mask) edited by a model that does
// the operation, answered like generate (bytes, JSON or an event stream) with x-ai-operation.
import {
  CanceledError,
  type EditImagesRequest,
  type EditImagesResult,
  editImages,
  type ImageEditOperation,
  type ModelCatalogEntry,
  OutputNotImageError,
  type ResolvedEditRequest,
  resolveEditRequest,
  sniffImageType,
  supportsOperation,
  TimeoutError,
} from '@medialoft/ai-connect';
import { type Context, Hono } from 'hono';
import sharp from 'sharp';
import type { AppEnv } from '../context';
import { fromAIConnectError, HttpError } from '../errors';
import type { GenerationDeps, GenerationOutcome, ServedImage } from '../generation';
import type { ResolvedServerOptions } from '../options';
import { type EditFields, editFieldsSchema, type ImageMetadata } from '../protocol';
import { negotiate } from './generate';
import { type ImageRun, sendImages, streamImages } from './image-response';
import { checkOutputSize, readInputSize } from './transform-bounds';

/** The files and text fields of a multipart upload. */
export interface EditUpload {
  image: Uint8Array | undefined;
  mask: Uint8Array | undefined;
  fields: Record<string, string>;
}

/** A checked edit: the model that serves it and the request as ai-connect will run it. */
export interface PlannedEdit {
  entry: ModelCatalogEntry;
  request: EditImagesRequest & { model: string };
  resolved: ResolvedEditRequest;
}

const OUTPAINT_FIELDS = {
  top: 'outpaintTop',
  right: 'outpaintRight',
  bottom: 'outpaintBottom',
  left: 'outpaintLeft',
} as const;

/**
 * Reads a multipart body: `image` (or `image[]`, the first one) and `mask` files, the other
 * fields as text. A body that is no readable form is the caller's error (400).
 */
export async function readEditUpload(c: Context<AppEnv>): Promise<EditUpload> {
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new HttpError(400, 'invalid_request', 'The multipart body could not be read.');
  }
  const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
  const fileOf = async (value: unknown) => {
    const file = first(value);
    return file instanceof File ? new Uint8Array(await file.arrayBuffer()) : undefined;
  };
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    const text = first(value);
    // Empty fields are what a form sends for inputs left blank: treat them as absent.
    if (typeof text === 'string' && text !== '') fields[key] = text;
  }
  return {
    image: await fileOf(form.image ?? form['image[]']),
    mask: await fileOf(form.mask),
    fields,
  };
}

/** Parses the edit form's text fields, turning the first issue into a 400 naming the field. */
export function parseEditFields(fields: Record<string, string>): EditFields {
  const parsed = editFieldsSchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  throw new HttpError(
    400,
    'invalid_request',
    `The edit request is not valid (${field ? `${field}: ` : ''}${issue?.message}).`,
    { field },
  );
}

/**
 * Picks the model, checks the upload against the transform route's caps (415 for a non-image,
 * 413 for too many pixels) and the server's limits, then the request against the model, so
 * every refusal comes before any provider call and before an event stream starts.
 */
export async function planEdit(
  upload: EditUpload,
  fields: EditFields,
  options: ResolvedServerOptions,
): Promise<PlannedEdit> {
  const { registry, limits, liveProviders } = options;
  const operation: ImageEditOperation = fields.operation;
  const entry = fields.model === undefined ? undefined : registry.get(fields.model);
  if (fields.model !== undefined && !entry) {
    throw new HttpError(
      400,
      'invalid_request',
      `Unknown model "${fields.model}". GET the models list for the ids this server knows.`,
      { field: 'model' },
    );
  }
  const chosen =
    entry ??
    registry
      .list()
      .filter((e) => liveProviders.includes(e.provider) && supportsOperation(e, operation))
      .sort((a, b) => Number(!!a.placeholder) - Number(!!b.placeholder))[0];
  if (!chosen) {
    throw new HttpError(400, 'invalid_request', `No live model on this server can ${operation}.`, {
      field: 'operation',
    });
  }
  if (!liveProviders.includes(chosen.provider)) {
    throw new HttpError(
      400,
      'invalid_request',
      `Model "${chosen.id}" is not live on this server (its provider is not configured); choose a live model from the models list.`,
      { field: 'model' },
    );
  }
  if (!upload.image || upload.image.byteLength === 0) {
    throw new HttpError(400, 'invalid_request', 'Attach the image as the "image" form field.', {
      field: 'image',
    });
  }
  if (!sniffImageType(upload.image)) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'The image is not a PNG, JPEG, WebP, GIF or AVIF image.',
    );
  }
  await readInputSize(upload.image, limits.maxInputPixels);
  if (upload.mask) await readInputSize(upload.mask, limits.maxInputPixels);

  const over = (field: string, value: number | undefined, max: number) => {
    if (value !== undefined && value > max) {
      throw new HttpError(
        400,
        'invalid_request',
        `${field} is ${value}; this server allows at most ${max}.`,
        { field },
      );
    }
  };
  over('prompt', fields.prompt?.length, limits.maxPromptLength);
  over('negativePrompt', fields.negativePrompt?.length, limits.maxPromptLength);
  over('n', fields.n, limits.maxN);

  const request: EditImagesRequest & { model: string } = {
    operation,
    image: upload.image,
    model: chosen.id,
  };
  if (upload.mask) request.mask = upload.mask;
  if (fields.prompt !== undefined) request.prompt = fields.prompt;
  if (fields.negativePrompt !== undefined) request.negativePrompt = fields.negativePrompt;
  if (fields.scale !== undefined) request.scale = fields.scale;
  if (fields.n !== undefined) request.n = fields.n;
  if (fields.seed !== undefined) request.seed = fields.seed;
  if (fields.strength !== undefined) request.strength = fields.strength;
  const sides = Object.entries(OUTPAINT_FIELDS).filter(([, name]) => fields[name] !== undefined);
  if (sides.length > 0) {
    request.outpaint = Object.fromEntries(sides.map(([side, name]) => [side, fields[name]]));
  }

  let resolved: ResolvedEditRequest;
  try {
    resolved = await resolveEditRequest(request, chosen);
  } catch (error) {
    throw renameField(fromAIConnectError(error) ?? error);
  }
  try {
    checkOutputSize(resolved.output, limits);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const field =
      operation === 'upscale' ? 'scale' : operation === 'outpaint' ? 'outpaintTop' : 'image';
    throw new HttpError(error.status, error.code, error.message, { field });
  }
  return { entry: chosen, request, resolved };
}

/** ai-connect names outpaint sides `outpaint.top`; the form names them `outpaintTop`. */
function renameField(error: unknown): unknown {
  if (!(error instanceof HttpError) || !error.field?.startsWith('outpaint.')) return error;
  const side = error.field.slice('outpaint.'.length) as keyof typeof OUTPAINT_FIELDS;
  return new HttpError(error.status, error.code, error.message, {
    field: OUTPAINT_FIELDS[side] ?? 'outpaintTop',
    retryable: error.retryable,
  });
}

/**
 * Runs a planned edit for the request in `c`: waits for a provider slot, aborts on disconnect
 * (CanceledError) or after the server's `timeoutMs` (TimeoutError), reports usage.
 */
export async function runEdit(
  c: Context<AppEnv>,
  deps: GenerationDeps,
  planned: PlannedEdit,
  hooks: Parameters<ImageRun>[0] = {},
): Promise<GenerationOutcome> {
  const { options, gate } = deps;
  const requestId = c.get('requestId');
  const userId = c.get('userId');
  const controller = new AbortController();
  const cancel = () =>
    controller.abort(new CanceledError('The client disconnected; the edit was canceled.'));
  const signals = [c.req.raw.signal, hooks.signal].filter((s): s is AbortSignal => !!s);
  for (const s of signals) {
    if (s.aborted) cancel();
    else s.addEventListener('abort', cancel, { once: true });
  }
  const timer = setTimeout(
    () =>
      controller.abort(
        new TimeoutError(
          `The edit took longer than ${Math.round(options.timeoutMs / 1000)} s and was canceled; try a smaller image or a faster model.`,
        ),
      ),
    options.timeoutMs,
  );
  let release: (() => void) | undefined;
  try {
    release = await gate.acquire(planned.entry.provider, controller.signal, () =>
      hooks.onProgress?.({ stage: 'queued', message: 'Waiting for a free slot.' }),
    );
    const result = await editImages(planned.request, {
      ...options.generateOptions,
      providers: options.providers,
      registry: options.registry,
      signal: controller.signal,
      timeoutMs: options.timeoutMs,
      onProgress: hooks.onProgress,
      onUsage: (usage) => {
        // Billing hooks must not fail an edit that already happened (and was paid for).
        try {
          const pending = options.onUsage?.({ ...usage, userId, requestId });
          pending?.catch((error) =>
            options.logger.error('onUsage failed', { requestId, error: String(error) }),
          );
        } catch (error) {
          options.logger.error('onUsage failed', { requestId, error: String(error) });
        }
      },
    });
    await checkOutputsDecode(result, options.limits.maxInputPixels);
    return toOutcome(result, planned, requestId, options.now());
  } catch (error) {
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
    if (reason instanceof TimeoutError && !(error instanceof HttpError)) {
      throw fromAIConnectError(reason);
    }
    const mapped = fromAIConnectError(error);
    if (mapped?.detail !== undefined) {
      options.logger.warn('provider error', {
        requestId,
        provider: planned.entry.provider,
        code: mapped.code,
        status: mapped.status,
        detail: mapped.detail.slice(0, 2000),
      });
    }
    throw renameField(mapped ?? error);
  } finally {
    clearTimeout(timer);
    release?.();
    for (const s of signals) s.removeEventListener('abort', cancel);
  }
}

/**
 * Decodes every output once: a file that passes the signature sniff but stops mid-pixels would
 * otherwise reach the library as an asset that shows as broken. Refused as `output_not_image`,
 * so an event stream ends with an `error` event.
 */
async function checkOutputsDecode(result: EditImagesResult, maxPixels: number): Promise<void> {
  for (const image of result.images) {
    try {
      await sharp(image.bytes, { failOn: 'error', limitInputPixels: maxPixels }).raw().toBuffer();
    } catch {
      throw new OutputNotImageError(
        `${result.model.label} returned an image that does not decode (cut short or corrupt); try again.`,
        { provider: result.model.provider },
      );
    }
  }
}

function toOutcome(
  result: EditImagesResult,
  planned: PlannedEdit,
  requestId: string,
  createdAt: number,
): GenerationOutcome {
  const { usage, model } = result;
  const perImageCost =
    usage.costUsd === undefined || result.images.length === 0
      ? undefined
      : Math.round((usage.costUsd / result.images.length) * 1e6) / 1e6;
  const images = result.images.map((image, index): ServedImage => {
    const metadata: ImageMetadata = {
      provider: model.provider,
      model: model.id,
      prompt: planned.resolved.prompt ?? '',
      width: image.width,
      height: image.height,
      createdAt,
      generationMs: usage.durationMs,
      requestId,
      operation: result.operation,
    };
    if (planned.resolved.negativePrompt !== undefined) {
      metadata.negativePrompt = planned.resolved.negativePrompt;
    }
    if (image.seed !== undefined) metadata.seed = image.seed;
    if (perImageCost !== undefined) metadata.costUsd = perImageCost;
    return { index, bytes: image.bytes, mediaType: image.mediaType, metadata };
  });
  const warnings = result.warnings.map((w) =>
    w.type === 'other'
      ? { type: 'other', message: w.message }
      : { type: w.type, message: w.details ?? `${w.setting} is not supported by this model.` },
  );
  return { requestId, entry: model, images, warnings, usage };
}

/**
 * The edit route, relative to the base path. Auth, rate limit, content type (multipart) and
 * the upload limit run before it (see app.ts).
 *
 * @example
 * api.route('/', editRoutes({ options, gate }));
 * // POST /api/ai/images/edit  (multipart: image, mask?, operation, prompt?, scale?, ...)
 */
export function editRoutes(deps: GenerationDeps): Hono<AppEnv> {
  const { options } = deps;
  const route = new Hono<AppEnv>();
  route.post('/images/edit', async function edit(c) {
    const upload = await readEditUpload(c);
    const planned = await planEdit(upload, parseEditFields(upload.fields), options);
    const extra = { 'x-ai-operation': planned.resolved.operation };
    const mode = negotiate(c);
    const run: ImageRun = (hooks) => runEdit(c, deps, planned, hooks);
    if (mode === 'event-stream') {
      deps.gate.ensureCapacity(planned.entry.provider);
      return streamImages(c, options, run, extra);
    }
    return sendImages(c, mode, await run({}), extra);
  });
  return route;
}
