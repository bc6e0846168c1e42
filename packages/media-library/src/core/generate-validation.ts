// Size presets for common platforms and the checks a generate request must pass for a model,
// each naming the form field at fault so any generate form (headless or styled) can mark it.
import type { MediaAIGenerateRequest, MediaAIModelInfo } from './ai-types';

/** A fixed output size a generate form offers. */
export interface SizePreset {
  value: string;
  label: string;
  width: number;
  height: number;
}

// Width, height and use of each preset. Built through one call marked pure, so a bundle that
// never reads the presets (the first load of an app without a generate form) drops them.
const presetTable: [number, number, string][] = [
  [512, 512, 'square'],
  [768, 768, 'square'],
  [1024, 1024, 'square'],
  [1080, 1080, 'Instagram post'],
  [1080, 1350, 'Instagram portrait'],
  [1080, 1920, 'Story / Reel'],
  [1200, 630, 'Open Graph link'],
  [1200, 675, 'X post'],
  [1280, 720, 'YouTube thumbnail'],
  [1000, 1500, 'Pinterest pin'],
];

function presetsOf(table: [number, number, string][]): SizePreset[] {
  return table.map(([width, height, use]) => ({
    value: `${width}x${height}`,
    label: `${width} × ${height} · ${use}`,
    width,
    height,
  }));
}

/** Square sizes, then the usual social and web formats. */
export const sizePresets: SizePreset[] = /* @__PURE__ */ presetsOf(presetTable);

/** Form fields an error can point at (the request's own field names, plus the size select). */
export type GenerateField = keyof MediaAIGenerateRequest | 'size';

/** Field → message, for every field that needs fixing. */
export type FieldErrors = Partial<Record<GenerateField, string>>;

function sizeMultiple(model: MediaAIModelInfo | undefined): number | undefined {
  // Servers may add `sizeMultiple` to the limits; the library's type does not promise it.
  const value = (model?.limits as { sizeMultiple?: unknown } | undefined)?.sizeMultiple;
  return typeof value === 'number' && value > 1 ? value : undefined;
}

function checkRange(
  value: number | undefined,
  min: number | undefined,
  max: number | undefined,
  what: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value)) return `${what} must be a whole number.`;
  if (min !== undefined && max !== undefined && (value < min || value > max))
    return `${what} must be between ${min} and ${max}.`;
  if (min !== undefined && value < min) return `${what} must be at least ${min}.`;
  if (max !== undefined && value > max) return `${what} can be at most ${max}.`;
  return undefined;
}

/**
 * Checks a request against the model's limits. `sizeField` says where size errors go: the
 * preset select ('size') or the width/height inputs (custom size).
 */
export function validateRequest(
  request: MediaAIGenerateRequest,
  model: MediaAIModelInfo | undefined,
  sizeField: 'size' | 'custom',
): FieldErrors {
  const errors: FieldErrors = {};
  const limits = model?.limits ?? {};
  const name = model?.label ?? 'this model';
  if (!request.prompt.trim()) errors.prompt = 'Describe the image you want.';
  else if (limits.maxPromptLength && request.prompt.length > limits.maxPromptLength)
    errors.prompt = `The prompt is ${request.prompt.length} characters; ${name} takes at most ${limits.maxPromptLength}.`;

  const multiple = sizeMultiple(model);
  const width =
    checkRange(request.width, limits.minWidth ?? 64, limits.maxWidth, 'Width') ??
    (multiple && request.width % multiple ? `Width must be a multiple of ${multiple}.` : undefined);
  const height =
    checkRange(request.height, limits.minHeight ?? 64, limits.maxHeight, 'Height') ??
    (multiple && request.height % multiple
      ? `Height must be a multiple of ${multiple}.`
      : undefined);
  if (sizeField === 'custom') {
    if (width) errors.width = `${width} (${name})`;
    if (height) errors.height = `${height} (${name})`;
  } else if (width || height) {
    errors.size = `${request.width} × ${request.height} is outside what ${name} can make. ${width ?? height} Pick a smaller size or another model.`;
  }

  const steps = checkRange(request.steps, limits.minSteps ?? 1, limits.maxSteps, 'Steps');
  if (steps) errors.steps = steps;
  const n = checkRange(request.n, 1, limits.maxN, 'Number of images');
  if (n) errors.n = n;
  if (request.seed !== undefined && (!Number.isInteger(request.seed) || request.seed < 0))
    errors.seed = 'The seed must be a whole number of 0 or more.';
  return errors;
}
