// Turns a generation failure into words a person understands, and finds the form field it is
// about. The remote client's errors carry a wire `code` and, for bad input, the `field`.
import type { GenerateField } from './generate-validation';

/** What a generate form shows for a failure. */
export interface ExplainedError {
  message: string;
  field?: GenerateField;
}

const requestFields = new Set([
  'prompt',
  'width',
  'height',
  'model',
  'negativePrompt',
  'steps',
  'seed',
  'n',
]);

const byCode: Record<string, string> = {
  rate_limited: 'Too many images were requested just now.',
  provider_error: 'The image service failed to make this image. Try again in a moment.',
  output_not_image: 'The image service sent back something that is not an image. Try again.',
  timeout: 'The image took too long to make and was stopped. Try a smaller size or fewer steps.',
  content_filtered: 'The image service refused this prompt. Try wording it differently.',
  network_error: 'Could not reach the image server. Check your connection and try again.',
  unauthorized: 'You need to sign in before generating images.',
  forbidden: 'You are not allowed to generate images here.',
  server_misconfigured: 'The image server is not set up for this model. Pick another model.',
  payload_too_large: 'The request is too large. Shorten the prompt.',
  storage_full: 'There is no room left to store the new image. Delete some assets and try again.',
};

/** A person-readable message for `error`, with the request field it blames when known. */
export function explainGenerateError(error: unknown): ExplainedError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    field?: unknown;
    message?: unknown;
    retryAfterMs?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const raw = typeof e.message === 'string' && e.message ? e.message : 'Something went wrong.';
  const rawField = typeof e.field === 'string' ? e.field.split('.')[0] : undefined;
  const field = rawField && requestFields.has(rawField) ? (rawField as GenerateField) : undefined;

  if (code === 'invalid_request' || code === 'invalid_input') return { message: raw, field };
  if (code === 'rate_limited') {
    const wait = typeof e.retryAfterMs === 'number' ? Math.ceil(e.retryAfterMs / 1000) : undefined;
    return { message: `${byCode.rate_limited} Try again${wait ? ` in ${wait} s` : ' shortly'}.` };
  }
  if (code && byCode[code]) return { message: byCode[code] as string, field };
  return { message: raw, field };
}
