// Turns a request into what one model will run: defaults filled in, limits checked, and a
// clear InvalidRequestError naming the field when the request cannot be served as asked.
import { InvalidRequestError } from './spec/errors';
import type { GenerateImagesRequest, ModelCatalogEntry } from './types';

/** A request checked against one model, with that model's defaults applied. */
export interface ResolvedImageRequest {
  prompt: string;
  width: number;
  height: number;
  /** Images wanted in all (split into calls by `generateImages`). */
  n: number;
  /** Only when the model takes a seed. */
  seed?: number;
  /** Only when the model takes a negative prompt and one was given. */
  negativePrompt?: string;
  /** Only when the model takes steps: the request's or the model's default. */
  steps?: number;
  /** For aspect-ratio models: the supported ratio closest to width:height. */
  aspectRatio?: `${number}:${number}`;
}

const MAX_SEED = 2 ** 32 - 1;

/**
 * Checks `request` against `entry`'s limits and fills in its defaults.
 *
 * Settings the model does not take (a negative prompt for FLUX, steps for GPT Image) are left
 * out of the result rather than rejected; `generateImages` reports them as warnings.
 *
 * @throws InvalidRequestError with `field` set to the input at fault, e.g. `width` with
 * "width must be between 256 and 1536 for Stable Diffusion XL".
 */
export function resolveImageRequest(
  request: GenerateImagesRequest,
  entry: ModelCatalogEntry,
): ResolvedImageRequest {
  const { capabilities: caps, limits, label } = entry;
  const fail = (field: string, message: string): never => {
    throw new InvalidRequestError(message, { field, provider: entry.provider, ownMessage: true });
  };

  // Edit-only models (an upscaler, a background remover) would take a prompt as nonsense input.
  if (caps.operations && !caps.operations.includes('generate')) {
    fail(
      'model',
      `${label} does not generate from a prompt; it does ${caps.operations.join(', ')}. Use editImages, or choose another model.`,
    );
  }

  const prompt = request.prompt;
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    fail('prompt', 'prompt is empty: describe the image to generate.');
  }
  if (prompt.length > limits.maxPromptLength) {
    fail(
      'prompt',
      `prompt is ${prompt.length} characters; ${label} takes at most ${limits.maxPromptLength}.`,
    );
  }

  const width = request.width ?? entry.defaults.width;
  const height = request.height ?? entry.defaults.height;
  checkDimension('width', width, limits.minWidth, limits.maxWidth, entry, fail);
  checkDimension('height', height, limits.minHeight, limits.maxHeight, entry, fail);
  if (caps.sizes && caps.sizing === 'dimensions' && !caps.sizes.includes(`${width}x${height}`)) {
    fail(
      'width',
      `${width}x${height} is not a size ${label} makes; choose one of ${listOf(caps.sizes)}.`,
    );
  }

  const n = request.n ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > limits.maxN) {
    fail('n', `n must be a whole number between 1 and ${limits.maxN} for ${label}.`);
  }

  const seed = request.seed;
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)) {
    fail('seed', `seed must be a whole number between 0 and ${MAX_SEED}.`);
  }

  const resolved: ResolvedImageRequest = { prompt, width, height, n };
  if (caps.seed && seed !== undefined) resolved.seed = seed;

  const negativePrompt = request.negativePrompt;
  if (negativePrompt !== undefined) {
    if (typeof negativePrompt !== 'string') fail('negativePrompt', 'negativePrompt must be text.');
    if (negativePrompt.length > limits.maxPromptLength) {
      fail(
        'negativePrompt',
        `negativePrompt is ${negativePrompt.length} characters; ${label} takes at most ${limits.maxPromptLength}.`,
      );
    }
    if (caps.negativePrompt && negativePrompt.trim() !== '') {
      resolved.negativePrompt = negativePrompt;
    }
  }

  if (request.steps !== undefined && (!Number.isInteger(request.steps) || request.steps < 1)) {
    fail('steps', 'steps must be a whole number of at least 1.');
  }
  if (caps.steps) {
    const steps = request.steps ?? entry.defaults.steps;
    const min = limits.minSteps ?? 1;
    const max = limits.maxSteps;
    if (steps !== undefined && (steps < min || (max !== undefined && steps > max))) {
      fail(
        'steps',
        max === undefined
          ? `steps must be at least ${min} for ${label}.`
          : `steps must be between ${min} and ${max} for ${label}.`,
      );
    }
    if (steps !== undefined) resolved.steps = steps;
  }

  if (caps.sizing === 'aspect-ratio') {
    resolved.aspectRatio = closestAspectRatio(width, height, caps.aspectRatios ?? ['1:1']);
  }
  return resolved;
}

/**
 * The ratio in `ratios` closest to `width:height`, compared on a log scale so that 2:1 and
 * 1:2 are equally far from 1:1.
 */
export function closestAspectRatio(
  width: number,
  height: number,
  ratios: readonly string[],
): `${number}:${number}` {
  const target = Math.log(width / height);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const ratio of ratios) {
    const [w, h] = ratio.split(':').map(Number);
    if (!w || !h) continue;
    const distance = Math.abs(Math.log(w / h) - target);
    if (distance < bestDistance) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return (best ?? '1:1') as `${number}:${number}`;
}

function checkDimension(
  field: 'width' | 'height',
  value: number,
  min: number,
  max: number,
  entry: ModelCatalogEntry,
  fail: (field: string, message: string) => never,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(field, `${field} must be a whole number between ${min} and ${max} for ${entry.label}.`);
  }
  const multiple = entry.limits.sizeMultiple;
  if (multiple && value % multiple !== 0) {
    const lower = value - (value % multiple);
    const nearby = [lower, lower + multiple].filter((v) => v >= min && v <= max);
    fail(
      field,
      `${field} must be a multiple of ${multiple} for ${entry.label}; try ${listOf(nearby.map(String))}.`,
    );
  }
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
