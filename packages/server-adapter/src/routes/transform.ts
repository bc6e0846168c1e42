// POST {base}/images/transform: an uploaded image resized or cropped with sharp to a size or a
// named platform format, re-encoded, its metadata (EXIF, GPS, ICC text) stripped.
import { sniffImageType } from '@medialoft/ai-connect';
import { Hono } from 'hono';
import sharp from 'sharp';
import type { AppEnv } from '../context';
import { HttpError } from '../errors';
import { mediaTypeOf } from '../middleware/content-type';
import type { ResolvedServerOptions } from '../options';
import { PLATFORM_FORMATS, type TransformOptions, transformOptionsSchema } from '../protocol';
import {
  checkCropScale,
  checkOutputSize,
  configureTransforms,
  defaultTransformBounds,
  readInputSize,
  type TransformBounds,
  withTransformSlot,
} from './transform-bounds';

export type OutputFormat = 'png' | 'jpeg' | 'webp' | 'avif';

export interface TransformResult {
  bytes: Uint8Array;
  mediaType: string;
  width: number;
  height: number;
}

const OUTPUT_FROM_INPUT: Record<string, OutputFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/**
 * Resizes/crops `input` as `options` say. Exported so the benchmark and other hosts can call
 * it without HTTP. The output size is checked against `bounds` from the options and the image
 * header before sharp decodes anything, and the work waits for one of the process's transform
 * slots (see {@link configureTransforms}).
 *
 * @throws HttpError 415 when the bytes are not a PNG, JPEG, WebP, GIF or AVIF image, 400
 * `invalid_image` when they claim to be one but do not decode, 400 `invalid_request` (with
 * `field` `width` or `height`) for an output beyond the bounds, 413 for an input beyond them.
 *
 * @example
 * const out = await transformImage(bytes, { preset: 'instagram-square', crop: 'smart' });
 */
export async function transformImage(
  input: Uint8Array,
  options: TransformOptions,
  bounds: Partial<TransformBounds> | number = {},
  signal?: AbortSignal,
): Promise<TransformResult> {
  const limits: TransformBounds = {
    ...defaultTransformBounds,
    ...(typeof bounds === 'number' ? { maxInputPixels: bounds } : bounds),
  };
  const { maxInputPixels } = limits;
  const inputType = sniffImageType(input);
  if (!inputType) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'The upload is not a PNG, JPEG, WebP, GIF or AVIF image.',
    );
  }
  const format: OutputFormat =
    options.format === 'jpg' ? 'jpeg' : (options.format ?? OUTPUT_FROM_INPUT[inputType] ?? 'png');
  const preset = options.preset ? PLATFORM_FORMATS[options.preset] : undefined;
  const width = preset?.width ?? options.width;
  const height = preset?.height ?? options.height;

  // What was asked is refused at once; a side that follows from the aspect ratio needs the
  // header, which is read without decoding a pixel.
  checkOutputSize({ width, height }, limits);
  const source = await readInputSize(input, maxInputPixels);
  const output = {
    width: width ?? Math.max(1, Math.round(((height ?? 0) * source.width) / source.height)),
    height: height ?? Math.max(1, Math.round(((width ?? 0) * source.height) / source.width)),
  };
  if (width === undefined || height === undefined) {
    checkOutputSize(output, limits, {
      width: width !== undefined,
      height: height !== undefined,
    });
  } else if (options.crop !== 'fit') {
    checkCropScale(source, output, limits);
  }
  // AVIF at sharp's default effort takes some 18 s for 4096²: past a few megapixels a lower
  // effort (larger file, same quality setting) keeps one request from holding a slot that long.
  const avifEffort = output.width * output.height > LARGE_AVIF_PIXELS ? 2 : undefined;
  return withTransformSlot(
    () => encode(input, inputType, format, width, height, options, maxInputPixels, avifEffort),
    signal,
  );
}

const LARGE_AVIF_PIXELS = 4_000_000;

async function encode(
  input: Uint8Array,
  inputType: string,
  format: OutputFormat,
  width: number | undefined,
  height: number | undefined,
  options: TransformOptions,
  maxInputPixels: number,
  avifEffort: number | undefined,
): Promise<TransformResult> {
  // rotate() applies the EXIF orientation before the metadata is dropped (sharp drops it
  // unless told to keep it), so a phone photo keeps its upright look.
  let pipeline = sharp(input, { limitInputPixels: maxInputPixels, failOn: 'error' }).rotate();
  if (options.crop === 'fit') {
    const opaque = format === 'jpeg';
    pipeline = pipeline.resize(width ?? null, height ?? null, {
      fit: width !== undefined && height !== undefined ? 'contain' : 'inside',
      background: opaque ? { r: 255, g: 255, b: 255, alpha: 1 } : { r: 0, g: 0, b: 0, alpha: 0 },
    });
  } else {
    pipeline = pipeline.resize(width ?? null, height ?? null, {
      fit: 'cover',
      position: options.crop === 'smart' ? sharp.strategy.attention : 'centre',
    });
  }
  const quality = options.quality;
  if (format === 'jpeg') {
    // JPEG has no alpha: put transparent pixels on white (not libvips' black). A JPEG input has
    // none, and flattening costs a full extra pass, so only other inputs get it.
    if (inputType !== 'image/jpeg') pipeline = pipeline.flatten({ background: '#ffffff' });
    pipeline = pipeline.jpeg({ quality });
  } else if (format === 'webp') pipeline = pipeline.webp({ quality });
  else if (format === 'avif') {
    pipeline = pipeline.avif(
      avifEffort === undefined ? { quality } : { quality, effort: avifEffort },
    );
  } else pipeline = pipeline.png(quality === undefined ? {} : { quality, palette: quality < 100 });

  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return {
      bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      mediaType: `image/${format}`,
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const tooBig = /pixel limit/i.test(reason);
    throw new HttpError(
      tooBig ? 413 : 400,
      tooBig ? 'payload_too_large' : 'invalid_image',
      tooBig
        ? `The image has more than ${maxInputPixels} pixels; send a smaller one.`
        : 'The image could not be decoded; it may be truncated or corrupt.',
    );
  }
}

/** Reads the image and the options from a multipart form (`file` or `image`) or a raw body. */
async function readUpload(c: import('hono').Context<AppEnv>) {
  const type = mediaTypeOf(c.req.header('content-type'));
  const query = c.req.query();
  if (type === 'multipart/form-data') {
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody({ all: false });
    } catch {
      throw new HttpError(400, 'invalid_request', 'The multipart body could not be read.');
    }
    const file = form.file ?? form.image;
    if (!(file instanceof File)) {
      throw new HttpError(400, 'invalid_request', 'Attach the image as the "file" form field.', {
        field: 'file',
      });
    }
    const fields: Record<string, string> = { ...query };
    for (const [key, value] of Object.entries(form)) {
      if (typeof value === 'string') fields[key] = value;
    }
    return { bytes: new Uint8Array(await file.arrayBuffer()), fields };
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), fields: query };
}

/**
 * The transform route. The body is the image itself (`Content-Type: image/*`, options in the
 * query string) or a multipart form with a `file` field (options as fields or query).
 *
 * @example
 * api.route('/', transformRoutes(options));
 * // POST /api/ai/images/transform?preset=instagram-story&crop=smart&format=webp&quality=80
 */
export function transformRoutes(options: ResolvedServerOptions): Hono<AppEnv> {
  const { limits } = options;
  configureTransforms({ maxConcurrent: limits.maxConcurrentTransforms });
  const route = new Hono<AppEnv>();
  route.post('/images/transform', async function transform(c) {
    const { bytes, fields } = await readUpload(c);
    const parsed = transformOptionsSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      throw new HttpError(
        400,
        'invalid_request',
        `Invalid transform options (${field ? `${field}: ` : ''}${issue?.message}).`,
        { field },
      );
    }
    if (bytes.byteLength === 0) {
      throw new HttpError(400, 'invalid_request', 'The request has no image; send one.', {
        field: 'file',
      });
    }
    const out = await transformImage(bytes, parsed.data, limits, c.req.raw.signal);
    return c.body(out.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': out.mediaType,
      'Content-Length': String(out.bytes.byteLength),
      'Cache-Control': 'no-store',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'x-image-width': String(out.width),
      'x-image-height': String(out.height),
    });
  });
  return route;
}
