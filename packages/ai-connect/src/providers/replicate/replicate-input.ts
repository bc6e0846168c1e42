// Turns one provider-neutral call into a Replicate model's `input`, per model family, and
// says which settings the model could not honour.
import { InvalidRequestError } from '../../spec/errors';
import type { ImageModelCallOptions, ImageModelWarning } from '../../spec/image-model';
import { closestAspectRatio } from '../provider-utils';

export type ReplicateModelFamily = 'sdxl' | 'flux-schnell' | 'flux-dev' | 'flux' | 'generic';

export interface ReplicateModelRef {
  owner: string;
  name: string;
  /** The pinned version id for `owner/name:version`, else undefined (an official model). */
  version: string | undefined;
  family: ReplicateModelFamily;
}

/** Aspect ratios FLUX schnell and dev accept. */
export const FLUX_ASPECT_RATIOS = [
  '1:1',
  '16:9',
  '21:9',
  '3:2',
  '2:3',
  '4:5',
  '5:4',
  '3:4',
  '4:3',
  '9:16',
  '9:21',
] as const;

/** Input keys this adapter never sends, even when passed in `providerOptions.replicate`. */
const FORBIDDEN_INPUT_KEYS = new Set(['disable_safety_checker']);

/** Parses `owner/name` or `owner/name:version`; throws InvalidRequestError otherwise. */
export function parseReplicateModelId(modelId: string): ReplicateModelRef {
  const match = /^([\w.-]+)\/([\w.-]+)(?::([0-9a-f]{6,64}))?$/i.exec(modelId.trim());
  if (!match) {
    throw new InvalidRequestError(
      `"${modelId}" is not a Replicate model id; use "owner/name" or "owner/name:version".`,
      { provider: 'replicate', field: 'model', ownMessage: true },
    );
  }
  const [, owner, name, version] = match as unknown as [string, string, string, string | undefined];
  return { owner, name, version, family: familyOf(name) };
}

function familyOf(name: string): ReplicateModelFamily {
  const lower = name.toLowerCase();
  if (lower.includes('flux')) {
    if (lower.includes('schnell')) return 'flux-schnell';
    if (lower.endsWith('flux-dev') || lower === 'flux-dev') return 'flux-dev';
    return 'flux';
  }
  if (lower.includes('sdxl')) return 'sdxl';
  return 'generic';
}

/** Images one call may ask of a model family (SDXL and FLUX schnell/dev take num_outputs ≤ 4). */
export function maxImagesPerCallFor(family: ReplicateModelFamily): number {
  return family === 'sdxl' || family === 'flux-schnell' || family === 'flux-dev' ? 4 : 1;
}

export interface ReplicateInput {
  input: Record<string, unknown>;
  warnings: ImageModelWarning[];
}

/** Builds the prediction input for `family` from the call; `providerOptions.replicate` wins. */
export function buildReplicateInput(
  family: ReplicateModelFamily,
  call: ImageModelCallOptions,
): ReplicateInput {
  const warnings: ImageModelWarning[] = [];
  const input: Record<string, unknown> =
    family === 'sdxl'
      ? sdxlInput(call)
      : family === 'generic'
        ? genericInput(call)
        : fluxInput(family, call, warnings);

  mergeProviderOptions(input, call.providerOptions, warnings);
  return { input, warnings };
}

/** Copies `providerOptions.replicate` over `input` (it wins), never a forbidden key. */
export function mergeProviderOptions(
  input: Record<string, unknown>,
  providerOptions: ImageModelCallOptions['providerOptions'],
  warnings: ImageModelWarning[],
): void {
  const extra = providerOptions?.replicate;
  if (!extra || typeof extra !== 'object') return;
  for (const [key, value] of Object.entries(extra)) {
    if (FORBIDDEN_INPUT_KEYS.has(key)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.replicate.${key}`,
        details: 'The safety checker is never disabled.',
      });
      continue;
    }
    input[key] = value;
  }
}

function sdxlInput(call: ImageModelCallOptions) {
  const input: Record<string, unknown> = { prompt: call.prompt, num_outputs: call.n };
  const size = call.size ?? (call.aspectRatio ? sizeForRatio(call.aspectRatio) : undefined);
  if (size) {
    input.width = size.width;
    input.height = size.height;
  }
  if (call.negativePrompt) input.negative_prompt = call.negativePrompt;
  if (call.steps !== undefined) input.num_inference_steps = call.steps;
  if (call.seed !== undefined) input.seed = call.seed;
  input.apply_watermark = false;
  return input;
}

function fluxInput(
  family: Exclude<ReplicateModelFamily, 'sdxl' | 'generic'>,
  call: ImageModelCallOptions,
  warnings: ImageModelWarning[],
) {
  const input: Record<string, unknown> = { prompt: call.prompt };
  if (family !== 'flux') input.num_outputs = call.n;

  const supported: readonly string[] = FLUX_ASPECT_RATIOS;
  if (call.aspectRatio) {
    const [w, h] = call.aspectRatio.split(':').map(Number) as [number, number];
    const ratio = supported.includes(call.aspectRatio)
      ? call.aspectRatio
      : closestAspectRatio(w, h, supported);
    if (ratio !== call.aspectRatio) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'aspectRatio',
        details: `FLUX does not take ${call.aspectRatio}; used the closest, ${ratio}.`,
      });
    }
    input.aspect_ratio = ratio;
  } else if (call.size) {
    const ratio = closestAspectRatio(call.size.width, call.size.height, supported);
    input.aspect_ratio = ratio;
    warnings.push({
      type: 'unsupported-setting',
      setting: 'size',
      details: `FLUX takes an aspect ratio, not an exact size; ${call.size.width}x${call.size.height} became ${ratio}.`,
    });
  }

  if (call.negativePrompt) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'negativePrompt',
      details: 'FLUX has no negative prompt; it was ignored.',
    });
  }

  if (call.steps !== undefined) {
    const max = family === 'flux-schnell' ? 4 : family === 'flux-dev' ? 50 : undefined;
    if (max === undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'steps',
        details: 'This FLUX model does not take a step count; it was ignored.',
      });
    } else {
      const steps = Math.min(Math.max(1, Math.round(call.steps)), max);
      if (steps !== call.steps) {
        warnings.push({
          type: 'unsupported-setting',
          setting: 'steps',
          details: `This FLUX model takes 1 to ${max} steps; used ${steps}.`,
        });
      }
      input.num_inference_steps = steps;
    }
  }
  if (call.seed !== undefined) input.seed = call.seed;
  input.output_format = 'png';
  return input;
}

/** Unknown models: only the names most image models on Replicate share. */
function genericInput(call: ImageModelCallOptions) {
  const input: Record<string, unknown> = { prompt: call.prompt };
  if (call.size) {
    input.width = call.size.width;
    input.height = call.size.height;
  } else if (call.aspectRatio) {
    input.aspect_ratio = call.aspectRatio;
  }
  if (call.n > 1) input.num_outputs = call.n;
  if (call.negativePrompt) input.negative_prompt = call.negativePrompt;
  if (call.steps !== undefined) input.num_inference_steps = call.steps;
  if (call.seed !== undefined) input.seed = call.seed;
  return input;
}

/** About one megapixel at `ratio`, in multiples of 64 as SDXL prefers. */
function sizeForRatio(ratio: string) {
  const [w, h] = ratio.split(':').map(Number) as [number, number];
  const scale = Math.sqrt((1024 * 1024) / (w * h));
  const round = (value: number) => Math.max(64, Math.round((value * scale) / 64) * 64);
  return { width: round(w), height: round(h) };
}
