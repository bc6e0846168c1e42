// The pure part of the edit form: which models do which edit, the checks a request must pass
// before it is sent, and failures turned into words with the field they are about.
import type { MediaAIEditOperation, MediaAIModelInfo, MediaAIOperation } from '../core/ai-types';
import type { AssetAIEditRequest } from '../core/edit/edit-with-ai';

/** The edit operations, in the order a picker shows them. */
export const EDIT_OPERATIONS: readonly MediaAIEditOperation[] = [
  'edit',
  'inpaint',
  'outpaint',
  'variation',
  'upscale',
  'remove-background',
];

/** Form fields an edit error can point at. */
export type AssetEditField =
  | 'operation'
  | 'model'
  | 'prompt'
  | 'mask'
  | 'scale'
  | 'n'
  | 'seed'
  | 'strength'
  | 'outpaint';

/** Field → what to fix, for every field that needs fixing. */
export type AssetEditFieldErrors = Partial<Record<AssetEditField, string>>;

/** What the form holds besides the operation and the model. */
export interface AssetEditValues {
  prompt: string;
  scale: 2 | 4;
  n: number;
  seed?: number;
  strength?: number;
  outpaint: { top: number; right: number; bottom: number; left: number };
  /** For inpaint: a PNG of the image's size whose transparent pixels mark the area to change. */
  mask?: Blob;
}

/** The first values of a new form. */
export const INITIAL_EDIT_VALUES: AssetEditValues = {
  prompt: '',
  scale: 2,
  n: 1,
  outpaint: { top: 0, right: 0, bottom: 0, left: 0 },
};

/** The edit operations `model` takes (none for a generate-only or older model). */
export function editOperationsOf(model: MediaAIModelInfo): MediaAIEditOperation[] {
  const ops: readonly MediaAIOperation[] = model.capabilities?.operations ?? [];
  return EDIT_OPERATIONS.filter((op) => ops.includes(op));
}

/** Every edit operation at least one of `models` takes, in picker order. */
export function availableEditOperations(models: MediaAIModelInfo[]): MediaAIEditOperation[] {
  const found = new Set(models.flatMap(editOperationsOf));
  return EDIT_OPERATIONS.filter((op) => found.has(op));
}

/** Checks `values` for `operation` and `model`; an empty object when the edit can be sent. */
export function validateEdit(
  operation: MediaAIEditOperation | undefined,
  model: MediaAIModelInfo | undefined,
  values: AssetEditValues,
): AssetEditFieldErrors {
  const errors: AssetEditFieldErrors = {};
  if (!operation) return { operation: 'Choose what to do with the image.' };
  if (!model) errors.model = 'Choose a model that can do this edit.';
  const needsPrompt = operation === 'edit' || operation === 'inpaint';
  const prompt = values.prompt.trim();
  if (needsPrompt && !prompt) errors.prompt = 'Describe the change you want.';
  const maxPrompt = model?.limits?.maxPromptLength;
  if (maxPrompt && prompt.length > maxPrompt) {
    errors.prompt = `Shorten the prompt to ${maxPrompt} characters or fewer.`;
  }
  if (operation === 'inpaint' && !values.mask) {
    errors.mask = 'Paint over the area to change first.';
  }
  if (operation === 'upscale' && values.scale !== 2 && values.scale !== 4) {
    errors.scale = 'Choose 2× or 4×.';
  }
  const maxN = model?.limits?.maxN ?? 4;
  if (!Number.isInteger(values.n) || values.n < 1 || values.n > maxN) {
    errors.n = `Ask for 1 to ${maxN} results.`;
  }
  if (values.seed !== undefined && (!Number.isInteger(values.seed) || values.seed < 0)) {
    errors.seed = 'Use a whole number of 0 or more as the seed, or leave it empty.';
  }
  if (values.strength !== undefined && !(values.strength >= 0 && values.strength <= 1)) {
    errors.strength = 'Use a strength between 0 and 1.';
  }
  if (operation === 'outpaint') {
    const sides = Object.values(values.outpaint);
    if (sides.some((px) => !Number.isInteger(px) || px < 0 || px > 2048)) {
      errors.outpaint = 'Extend each side by 0 to 2048 pixels.';
    } else if (sides.every((px) => px === 0)) {
      errors.outpaint = 'Extend at least one side by some pixels.';
    }
  }
  return errors;
}

/** The request `values` make for `operation`, with only the fields the operation uses. */
export function editRequestOf(
  operation: MediaAIEditOperation,
  model: string | undefined,
  values: AssetEditValues,
): Omit<AssetAIEditRequest, 'mask'> {
  const request: Omit<AssetAIEditRequest, 'mask'> = { operation, n: values.n };
  if (model) request.model = model;
  const prompt = values.prompt.trim();
  if (prompt && operation !== 'upscale' && operation !== 'remove-background') {
    request.prompt = prompt;
  }
  if (operation === 'upscale') request.scale = values.scale;
  if (operation === 'outpaint') request.outpaint = { ...values.outpaint };
  if (values.seed !== undefined) request.seed = values.seed;
  if (values.strength !== undefined) request.strength = values.strength;
  return request;
}

const fieldNames = new Set<string>([
  'operation',
  'model',
  'prompt',
  'mask',
  'scale',
  'n',
  'seed',
  'strength',
  'outpaint',
]);

const byCode: Record<string, string> = {
  canceled: 'The edit was canceled; nothing was added.',
  edit_unsupported: 'This image cannot be edited here. Pick another image or model.',
  image_too_large: 'This image is too large to edit in the browser. Edit a smaller copy.',
  rate_limited: 'Too many edits were requested just now. Try again shortly.',
  provider_error: 'The image service failed to edit this image. Try again in a moment.',
  output_not_image: 'The image service sent back something that is not an image. Try again.',
  timeout: 'The edit took too long and was stopped. Try a smaller image or fewer results.',
  content_filtered: 'The image service refused this edit. Try wording the prompt differently.',
  network_error: 'Could not reach the image server. Check your connection and try again.',
  unauthorized: 'You need to sign in before editing images.',
  forbidden: 'You are not allowed to edit images here.',
  server_misconfigured: 'The image server is not set up for this model. Pick another model.',
  payload_too_large: 'The image is too large to send. Edit a smaller copy.',
  storage_full: 'There is no room left to store the result. Delete some assets and try again.',
  not_found: 'This asset is no longer in the library.',
};

/** A person-readable message for an edit failure, with the form field it blames when known. */
export function explainEditError(error: unknown): { message: string; field?: AssetEditField } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    field?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const raw = typeof e.message === 'string' && e.message ? e.message : 'Something went wrong.';
  const rawField = typeof e.field === 'string' ? e.field.split('.')[0] : undefined;
  const field = rawField && fieldNames.has(rawField) ? (rawField as AssetEditField) : undefined;
  const explained = code && code !== 'invalid_request' && code !== 'invalid_input';
  const message = explained && byCode[code] ? (byCode[code] as string) : raw;
  return field ? { message, field } : { message };
}
