// Turns an edit request into what one model will run: the operation checked against the model,
// the image and mask sniffed and measured from their headers, every setting within its bounds,
// and an InvalidRequestError naming the field at fault otherwise.
import sharp, { type Metadata } from 'sharp';
import { sniffImageType } from './sniff-image';
import { InvalidRequestError } from './spec/errors';
import type { ImageEditOperation, ImageInput } from './spec/image-model';
import type { EditImagesRequest, ModelCatalogEntry } from './types';

/** Every edit operation, in the order a UI lists them. */
export const EDIT_OPERATIONS: readonly ImageEditOperation[] = [
  'edit',
  'inpaint',
  'outpaint',
  'variation',
  'upscale',
  'remove-background',
];

/** An edit request checked against one model. */
export interface ResolvedEditRequest {
  operation: ImageEditOperation;
  image: ImageInput;
  mask?: ImageInput;
  prompt?: string;
  n: number;
  scale?: 2 | 4;
  seed?: number;
  outpaint?: { top: number; right: number; bottom: number; left: number };
  strength?: number;
  negativePrompt?: string;
  /** Size of each result. */
  output: { width: number; height: number };
}

const MAX_SEED = 2 ** 32 - 1;
/** Decoding caps for reading headers: far above any model's sides, so only a bomb trips it. */
const HEADER_PIXEL_CAP = 268_402_689;
const SIDES = ['top', 'right', 'bottom', 'left'] as const;

/** Whether `entry` serves `operation` (`generate` when the entry lists no operations). */
export function supportsOperation(entry: ModelCatalogEntry, operation: string): boolean {
  const operations = entry.capabilities.operations ?? ['generate'];
  return (operations as readonly string[]).includes(operation);
}

/**
 * Checks `request` against `entry` and reads the image's (and mask's) type and size.
 *
 * @throws InvalidRequestError with `field`: `operation` (unknown, or not one this model does),
 * `prompt` (missing for edit or inpaint, or too long), `image` (not an image, undecodable, or
 * outside the model's sides), `mask` (missing for inpaint, not a PNG, no transparency, or not
 * the image's size), `scale` (not 2 or 4, or given for another operation), `outpaint.<side>`,
 * `n`, `seed`, `strength`, `negativePrompt`.
 */
export async function resolveEditRequest(
  request: EditImagesRequest,
  entry: ModelCatalogEntry,
): Promise<ResolvedEditRequest> {
  const { limits, label } = entry;
  const caps = editCaps(entry);
  const fail = (field: string, message: string): never => {
    throw new InvalidRequestError(message, { field, provider: entry.provider, ownMessage: true });
  };
  const operation = request.operation;
  if (!EDIT_OPERATIONS.includes(operation)) {
    fail('operation', `operation must be one of ${EDIT_OPERATIONS.join(', ')}.`);
  }
  if (!supportsOperation(entry, operation)) {
    const served = (entry.capabilities.operations ?? ['generate']).join(', ');
    fail('operation', `${label} cannot ${operation}; it does ${served}. Choose another model.`);
  }

  const prompt = request.prompt;
  if (prompt !== undefined && typeof prompt !== 'string') fail('prompt', 'prompt must be text.');
  const needsPrompt = operation === 'edit' || operation === 'inpaint';
  if (needsPrompt && (prompt === undefined || prompt.trim() === '')) {
    fail('prompt', `prompt is empty: describe the change to make (${operation} needs one).`);
  }
  if (prompt !== undefined && prompt.length > limits.maxPromptLength) {
    fail(
      'prompt',
      `prompt is ${prompt.length} characters; ${label} takes at most ${limits.maxPromptLength}.`,
    );
  }
  const negativePrompt = request.negativePrompt;
  if (negativePrompt !== undefined) {
    if (typeof negativePrompt !== 'string') fail('negativePrompt', 'negativePrompt must be text.');
    if (negativePrompt.length > limits.maxPromptLength) {
      fail(
        'negativePrompt',
        `negativePrompt is ${negativePrompt.length} characters; ${label} takes at most ${limits.maxPromptLength}.`,
      );
    }
  }

  const n = request.n ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > limits.maxN) {
    fail('n', `n must be a whole number between 1 and ${limits.maxN} for ${label}.`);
  }
  const seed = request.seed;
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)) {
    fail('seed', `seed must be a whole number between 0 and ${MAX_SEED}.`);
  }
  const strength = request.strength;
  if (strength !== undefined && !(Number.isFinite(strength) && strength >= 0 && strength <= 1)) {
    fail('strength', 'strength must be a number between 0 and 1.');
  }

  let scale: 2 | 4 | undefined;
  if (operation === 'upscale') {
    scale = request.scale ?? 2;
    if (scale !== 2 && scale !== 4) fail('scale', 'scale must be 2 or 4.');
  } else if (request.scale !== undefined) {
    fail('scale', `scale is only for upscale; leave it out for ${operation}.`);
  }

  let outpaint: ResolvedEditRequest['outpaint'];
  if (operation === 'outpaint') {
    const asked = request.outpaint ?? {};
    outpaint = { top: 0, right: 0, bottom: 0, left: 0 };
    for (const side of SIDES) {
      const value = asked[side] ?? 0;
      const max = side === 'top' || side === 'bottom' ? caps.maxHeight : caps.maxWidth;
      if (!Number.isInteger(value) || value < 0 || value > max) {
        fail(`outpaint.${side}`, `outpaint ${side} must be a whole number of pixels, 0 to ${max}.`);
      }
      outpaint[side] = value;
    }
    if (SIDES.every((side) => outpaint?.[side] === 0)) {
      fail('outpaint.top', 'outpaint adds nothing: give at least one side more than 0 pixels.');
    }
  } else if (request.outpaint !== undefined) {
    fail('outpaint.top', `outpaint sides are only for outpaint; leave them out for ${operation}.`);
  }

  const image = await readImage(request.image, 'image', fail);
  if (!fits(image, caps)) {
    fail(
      'image',
      `image is ${image.width} × ${image.height}; ${label} edits images of at most ${describeCaps(caps)}. Resize it first.`,
    );
  }

  let mask: ImageInput | undefined;
  if (request.mask !== undefined) {
    if (operation !== 'inpaint' && operation !== 'edit') {
      fail('mask', `a mask is only for inpaint and edit; leave it out for ${operation}.`);
    }
    mask = await readImage(request.mask, 'mask', fail);
    if (mask.mediaType !== 'image/png') fail('mask', 'mask must be a PNG with transparency.');
    if (mask.width !== image.width || mask.height !== image.height) {
      fail(
        'mask',
        `mask is ${mask.width} × ${mask.height}; it must be the image's size, ${image.width} × ${image.height}.`,
      );
    }
    const { hasAlpha } = await sharp(mask.bytes, { limitInputPixels: HEADER_PIXEL_CAP }).metadata();
    if (!hasAlpha) {
      fail('mask', 'mask has no transparency: make the area to change transparent.');
    }
  } else if (operation === 'inpaint') {
    fail('mask', 'inpaint needs a mask: a PNG of the image’s size, transparent where to change.');
  }

  const output = outputSize(image, operation, scale, outpaint);
  if (!fits(output, caps)) {
    fail(
      operation === 'upscale' ? 'scale' : operation === 'outpaint' ? 'outpaint.top' : 'image',
      `The result would be ${output.width} × ${output.height}; ${label} makes images of at most ${describeCaps(caps)}. Use a smaller image or setting.`,
    );
  }

  const resolved: ResolvedEditRequest = { operation, image, n, output };
  if (mask) resolved.mask = mask;
  if (prompt !== undefined && prompt.trim() !== '') resolved.prompt = prompt;
  if (scale !== undefined) resolved.scale = scale;
  if (outpaint) resolved.outpaint = outpaint;
  if (seed !== undefined && entry.capabilities.seed) resolved.seed = seed;
  if (strength !== undefined) resolved.strength = strength;
  if (negativePrompt && negativePrompt.trim() !== '' && entry.capabilities.negativePrompt) {
    resolved.negativePrompt = negativePrompt;
  }
  return resolved;
}

/** The size each result of `operation` has, from the input's. */
export function outputSize(
  image: { width: number; height: number },
  operation: ImageEditOperation,
  scale: number | undefined,
  outpaint: ResolvedEditRequest['outpaint'],
): { width: number; height: number } {
  if (operation === 'upscale') {
    return { width: image.width * (scale ?? 2), height: image.height * (scale ?? 2) };
  }
  if (operation === 'outpaint' && outpaint) {
    return {
      width: image.width + outpaint.left + outpaint.right,
      height: image.height + outpaint.top + outpaint.bottom,
    };
  }
  return { width: image.width, height: image.height };
}

/** Sniffs and measures an input from its header, upright (EXIF orientation applied). */
async function readImage(
  bytes: Uint8Array | undefined,
  field: 'image' | 'mask',
  fail: (field: string, message: string) => never,
): Promise<ImageInput> {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0) {
    return fail(field, `${field} is missing: attach a PNG, JPEG, WebP, GIF or AVIF image.`);
  }
  const mediaType = sniffImageType(bytes);
  if (!mediaType) return fail(field, `${field} is not a PNG, JPEG, WebP, GIF or AVIF image.`);
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: HEADER_PIXEL_CAP }).metadata();
  } catch {
    return fail(field, `${field} could not be decoded; it may be truncated or corrupt.`);
  }
  const { width, height } = meta;
  if (!width || !height) return fail(field, `${field} gives no size in its header; send another.`);
  const turned = (meta.orientation ?? 1) >= 5;
  return {
    bytes,
    mediaType,
    width: turned ? height : width,
    height: turned ? width : height,
  };
}

/** The sides and pixels an edit's input and result may have on this model. */
function editCaps(entry: ModelCatalogEntry) {
  const { maxEditSide, maxEditPixels, maxWidth, maxHeight } = entry.limits;
  return {
    maxWidth: maxEditSide ?? maxWidth,
    maxHeight: maxEditSide ?? maxHeight,
    maxPixels: maxEditPixels ?? Number.POSITIVE_INFINITY,
  };
}

type EditCaps = ReturnType<typeof editCaps>;

function fits(size: { width: number; height: number }, caps: EditCaps): boolean {
  return (
    size.width <= caps.maxWidth &&
    size.height <= caps.maxHeight &&
    size.width * size.height <= caps.maxPixels
  );
}

function describeCaps(caps: EditCaps): string {
  const sides = `${caps.maxWidth} × ${caps.maxHeight}`;
  return Number.isFinite(caps.maxPixels) ? `${sides} and ${caps.maxPixels} pixels` : sides;
}
