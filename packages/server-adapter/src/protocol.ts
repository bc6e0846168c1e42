// The wire protocol between the browser client and the server, as zod schemas: one source of
// truth for what the server accepts and sends, and for the types the client exposes.
import { z } from 'zod';

/** Largest seed a model takes (ai-connect checks the same bound per model). */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * Body of `POST {base}/images/generate` and `POST {base}/images/estimate`: the media
 * library's `MediaAIGenerateRequest`. Width and height may be left out (the model's defaults
 * apply). Bounds here are wire sanity; the server's limits and each model's limits are
 * checked after parsing and name the field at fault.
 */
export const generateRequestSchema = z.object({
  prompt: z.string().max(100_000),
  width: z.number().int().positive().max(100_000).optional(),
  height: z.number().int().positive().max(100_000).optional(),
  model: z.string().min(1).max(200).optional(),
  negativePrompt: z.string().max(100_000).optional(),
  steps: z.number().int().positive().max(100_000).optional(),
  seed: z.number().int().min(0).max(MAX_SEED).optional(),
  n: z.number().int().positive().max(1_000).optional(),
  /**
   * Event streams only: run the generation as a resumable job when the model can. The stream
   * then opens with a `job` event, and a dropped connection leaves the job running upstream,
   * to be continued or canceled at `{base}/images/jobs/{token}`.
   */
  resumable: z.boolean().optional(),
});
export type GenerateRequest = z.infer<typeof generateRequestSchema>;

/**
 * Body of `POST {base}/fetch`: the public http(s) address of one file to fetch for the
 * browser's URL import. Whether the server may fetch it is checked after parsing.
 */
export const fetchRequestSchema = z.object({
  url: z.string().trim().min(1, 'give the address of a file').max(8192),
});
export type FetchRequest = z.infer<typeof fetchRequestSchema>;

/** Error codes on the wire: ai-connect's codes plus the server's own. */
export const errorCodeSchema = z.enum([
  // from ai-connect
  'invalid_request',
  'content_filtered',
  'rate_limited',
  'provider_error',
  'timeout',
  'canceled',
  'output_not_image',
  // the server's provider credentials were refused: an operator problem, never the caller's
  'server_misconfigured',
  // the server's own
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_image',
  'server_busy',
  'internal_error',
  // POST {base}/fetch: an address the server will not fetch from (private, loopback, ...)
  'url_forbidden',
  // POST {base}/fetch: the site failed, or answered with an error status
  'fetch_failed',
  // {base}/images/jobs/{token}: not a job token (400)
  'job_token_invalid',
  // {base}/images/jobs/{token}: changed, or signed by a server with another secret (403)
  'job_token_foreign',
  // {base}/images/jobs/{token}: past its expiry (410)
  'job_token_expired',
  // {base}/images/jobs/{token}: the provider no longer knows the job (404)
  'job_not_found',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Every error response: `{ error: { code, message, retryable, requestId } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retryable: z.boolean(),
    requestId: z.string(),
    /** The request field at fault, for `invalid_request`. */
    field: z.string().optional(),
    /** How long to wait before trying again, for 429 and 503 (also in `Retry-After`). */
    retryAfterMs: z.number().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** What is known about one generated image; the media library keeps it on the asset. */
export const imageMetadataSchema = z.object({
  provider: z.string(),
  model: z.string(),
  prompt: z.string(),
  negativePrompt: z.string().optional(),
  seed: z.number().optional(),
  steps: z.number().optional(),
  width: z.number(),
  height: z.number(),
  /** Epoch milliseconds. */
  createdAt: z.number(),
  costUsd: z.number().optional(),
  generationMs: z.number(),
  requestId: z.string(),
  /** For results of `POST {base}/images/edit`: the edit operation that made the image. */
  operation: z.string().optional(),
});
export type ImageMetadata = z.infer<typeof imageMetadataSchema>;

/** One image inside a JSON response or an `image` event. */
export const encodedImageSchema = z.object({
  index: z.number().int().min(0),
  mediaType: z.string(),
  /** The image bytes, base64 (standard alphabet, padded). */
  base64: z.string(),
  metadata: imageMetadataSchema,
});
export type EncodedImage = z.infer<typeof encodedImageSchema>;

export const warningSchema = z.object({ type: z.string(), message: z.string() });

/** `Accept: application/json` response of `POST {base}/images/generate`. */
export const generateResponseSchema = z.object({
  requestId: z.string(),
  model: z.string(),
  provider: z.string(),
  images: z.array(encodedImageSchema),
  warnings: z.array(warningSchema),
  usage: z.object({ images: z.number(), durationMs: z.number(), costUsd: z.number().optional() }),
});
export type GenerateResponse = z.infer<typeof generateResponseSchema>;

/** `event: progress`: stage and percent of the whole request. */
export const progressEventSchema = z.object({
  stage: z.string(),
  percent: z.number().optional(),
  message: z.string().optional(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;

/** `event: image`: one finished image. */
export const imageEventSchema = encodedImageSchema;
export type ImageEvent = EncodedImage;

/**
 * `event: partial`: a preview of image `index` while it renders, where the model streams
 * them; the `image` event with the same index replaces it. Event streams only.
 */
export const partialEventSchema = z.object({
  index: z.number().int().min(0),
  /** Counts up from 0 per image: a later preview is closer to the final image. */
  partialIndex: z.number().int().min(0),
  mediaType: z.string(),
  /** The preview's bytes, base64 (standard alphabet, padded). */
  data: z.string(),
});
export type PartialEvent = z.infer<typeof partialEventSchema>;

/** `event: done`: the last event of a successful stream. */
export const doneEventSchema = generateResponseSchema.omit({ images: true }).extend({
  images: z.number().int(),
});
export type DoneEvent = z.infer<typeof doneEventSchema>;

/** `event: error`: the stream failed after it started; the body is the usual error body. */
export const errorEventSchema = errorBodySchema;

/**
 * `event: job`: the first event of a stream asked for with `resumable: true`. With
 * `resumable: true` it carries the token that continues (`GET`) or cancels (`DELETE`) the job
 * at `{base}/images/jobs/{token}`; `resumable: false` means the model cannot resume, and a
 * dropped connection cancels the generation as without the flag.
 */
export const jobEventSchema = z.union([
  z.object({ token: z.string(), resumable: z.literal(true) }),
  z.object({ resumable: z.literal(false) }),
]);
export type JobEvent = z.infer<typeof jobEventSchema>;

/** `GET {base}/images/jobs/{token}` with `Accept: application/json`: where the job is. */
export const jobStatusResponseSchema = z.object({
  status: z.enum(['running', 'succeeded', 'failed', 'canceled']),
  model: z.string(),
  progress: progressEventSchema.optional(),
});
export type JobStatusResponse = z.infer<typeof jobStatusResponseSchema>;

/** `DELETE {base}/images/jobs/{token}`: the job was canceled upstream. */
export const jobCancelResponseSchema = z.object({ canceled: z.literal(true) });
export type JobCancelResponse = z.infer<typeof jobCancelResponseSchema>;

/** The names of the events `text/event-stream` responses carry, in order. */
export const SSE_EVENTS = ['job', 'progress', 'partial', 'image', 'done', 'error'] as const;
export type SseEventName = (typeof SSE_EVENTS)[number];

/** One model in `GET {base}/models`, with the server's limits already applied. */
export const modelInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  provider: z.string(),
  description: z.string().optional(),
  /** False when the server has no key for this provider: requests for it are refused. */
  live: z.boolean(),
  /** True for the keyless local placeholder (not AI). */
  placeholder: z.boolean().optional(),
  limits: z.object({
    minWidth: z.number(),
    maxWidth: z.number(),
    minHeight: z.number(),
    maxHeight: z.number(),
    sizeMultiple: z.number().optional(),
    maxN: z.number(),
    minSteps: z.number().optional(),
    maxSteps: z.number().optional(),
    maxPromptLength: z.number(),
  }),
  defaults: z.object({
    width: z.number(),
    height: z.number(),
    steps: z.number().optional(),
  }),
  capabilities: z.object({
    negativePrompt: z.boolean(),
    seed: z.boolean(),
    steps: z.boolean(),
    sizes: z.array(z.string()).optional(),
    /** `generate` and the edit operations the model serves; absent: generate only. */
    operations: z
      .array(
        z.enum([
          'generate',
          'edit',
          'inpaint',
          'outpaint',
          'variation',
          'upscale',
          'remove-background',
        ]),
      )
      .optional(),
  }),
  costPerImageUsd: z.number().optional(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/** `GET {base}/models`. */
export const modelsResponseSchema = z.object({
  /** The model a request without `model` gets. */
  defaultModel: z.string(),
  models: z.array(modelInfoSchema),
});
export type ModelsResponse = z.infer<typeof modelsResponseSchema>;

/** `POST {base}/images/estimate`: what the request would cost, before running it. */
export const estimateResponseSchema = z.object({
  model: z.string(),
  provider: z.string(),
  images: z.number().int(),
  width: z.number(),
  height: z.number(),
  /** Absent when the model's price is unknown. */
  estimatedUsd: z.number().optional(),
});
export type EstimateResponse = z.infer<typeof estimateResponseSchema>;

/** `GET {base}/health`. */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  liveProviders: z.array(z.string()),
  time: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** Named output sizes of `POST {base}/images/transform`. */
export const PLATFORM_FORMATS = {
  'instagram-square': { width: 1080, height: 1080 },
  'instagram-portrait': { width: 1080, height: 1350 },
  'instagram-story': { width: 1080, height: 1920 },
  'facebook-feed': { width: 1200, height: 630 },
  'facebook-cover': { width: 820, height: 312 },
  'x-post': { width: 1200, height: 675 },
  'x-header': { width: 1500, height: 500 },
  'linkedin-feed': { width: 1200, height: 628 },
  'youtube-thumbnail': { width: 1280, height: 720 },
  'pinterest-pin': { width: 1000, height: 1500 },
} as const satisfies Record<string, { width: number; height: number }>;
export type PlatformFormat = keyof typeof PLATFORM_FORMATS;

const platformNames = Object.keys(PLATFORM_FORMATS) as [PlatformFormat, ...PlatformFormat[]];

// Query and form values arrive as strings, so numbers are coerced, but only from digits.
const dimension = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1).max(16_384));

/**
 * Options of `POST {base}/images/transform`, as query parameters (raw image body) or form
 * fields (multipart). Either `preset` or `width`/`height` (one is enough with `crop=fit`).
 */
export const transformOptionsSchema = z
  .object({
    preset: z.enum(platformNames).optional(),
    width: dimension.optional(),
    height: dimension.optional(),
    /** smart: keep the most interesting region; centre: crop around the middle; fit: no crop. */
    crop: z.enum(['smart', 'centre', 'center', 'fit']).default('smart'),
    format: z.enum(['png', 'jpeg', 'jpg', 'webp', 'avif']).optional(),
    quality: z
      .string()
      .regex(/^\d{1,3}$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(100))
      .optional(),
  })
  .refine((o) => o.preset !== undefined || o.width !== undefined || o.height !== undefined, {
    message: 'give a preset (e.g. instagram-square) or a width and height',
    path: ['preset'],
  });
export type TransformOptions = z.infer<typeof transformOptionsSchema>;

/** `POST /v1/images/generations`: the subset of OpenAI's request this server honours. */
export const openAIImageRequestSchema = z.object({
  prompt: z.string(),
  model: z.string().max(200).optional(),
  n: z.number().int().positive().max(1_000).nullish(),
  size: z
    .string()
    .regex(/^(auto|\d{1,5}x\d{1,5})$/, 'size must be "WIDTHxHEIGHT", e.g. "1024x1024"')
    .nullish(),
  response_format: z.enum(['b64_json', 'url']).nullish(),
  /** Refused when true: this server answers with the finished images only. */
  stream: z.boolean().nullish(),
  user: z.string().optional(),
});
export type OpenAIImageRequest = z.infer<typeof openAIImageRequestSchema>;

/** Errors on the OpenAI-compatible route, in OpenAI's own shape. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string | null; param: string | null };
}

/** The operations of `POST {base}/images/edit`. */
export const EDIT_OPERATION_NAMES = [
  'edit',
  'inpaint',
  'outpaint',
  'variation',
  'upscale',
  'remove-background',
] as const;

// Form values arrive as strings: numbers are taken from digits only, never coerced from text.
const formWhole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/**
 * Form fields of `POST {base}/images/edit` (multipart, beside the `image` and optional `mask`
 * files). Empty fields count as absent. Bounds here are wire sanity; the server's limits and
 * the model's are checked after parsing and name the field at fault.
 */
export const editFieldsSchema = z.object({
  operation: z.enum(EDIT_OPERATION_NAMES, {
    message: `must be one of ${EDIT_OPERATION_NAMES.join(', ')}`,
  }),
  prompt: z.string().max(100_000).optional(),
  model: z.string().min(1).max(200).optional(),
  scale: z
    .enum(['2', '4'], { message: 'must be 2 or 4' })
    .transform((v) => Number(v) as 2 | 4)
    .optional(),
  n: formWhole(1, 1_000).optional(),
  seed: formWhole(0, MAX_SEED).optional(),
  strength: z
    .string()
    .regex(/^(0|1|0?\.\d{1,6}|1\.0{1,6})$/, 'must be a number from 0 to 1')
    .transform(Number)
    .optional(),
  negativePrompt: z.string().max(100_000).optional(),
  outpaintTop: formWhole(0, 16_384).optional(),
  outpaintRight: formWhole(0, 16_384).optional(),
  outpaintBottom: formWhole(0, 16_384).optional(),
  outpaintLeft: formWhole(0, 16_384).optional(),
});
export type EditFields = z.infer<typeof editFieldsSchema>;

/** Form fields of `POST /v1/images/edits` this server honours (OpenAI's multipart shape). */
export const openAIEditFieldsSchema = z.object({
  prompt: z.string().max(100_000),
  model: z.string().max(200).optional(),
  n: formWhole(1, 1_000).optional(),
  size: z
    .string()
    .regex(/^(auto|\d{1,5}x\d{1,5})$/, 'size must be "WIDTHxHEIGHT", e.g. "1024x1024"')
    .optional(),
  response_format: z.enum(['b64_json', 'url']).optional(),
  user: z.string().optional(),
});
export type OpenAIEditFields = z.infer<typeof openAIEditFieldsSchema>;
