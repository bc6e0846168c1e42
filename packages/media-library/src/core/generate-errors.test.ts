// The generate form's wording for failures and its size checks, without React: each wire code
// becomes a sentence that says what to do, and a blamed field survives only when it is a form's.
import { describe, expect, it } from 'vitest';
import { explainGenerateError } from './generate-errors';
import { sizePresets, validateRequest } from './generate-validation';

describe('explainGenerateError', () => {
  it("keeps the server's own words for bad input, with the field it names", () => {
    const error = {
      code: 'invalid_input',
      field: 'steps.max',
      message: 'Steps can be at most 50.',
    };
    expect(explainGenerateError(error)).toEqual({
      message: 'Steps can be at most 50.',
      field: 'steps',
    });
  });

  it('drops a field that is not one of the form', () => {
    const error = { code: 'invalid_request', field: 'headers', message: 'Bad header.' };
    expect(explainGenerateError(error)).toEqual({ message: 'Bad header.', field: undefined });
  });

  it('words known codes, and a rate limit with its wait', () => {
    expect(explainGenerateError({ code: 'content_filtered', message: 'x' }).message).toBe(
      'The image service refused this prompt. Try wording it differently.',
    );
    expect(explainGenerateError({ code: 'rate_limited', retryAfterMs: 1200 }).message).toBe(
      'Too many images were requested just now. Try again in 2 s.',
    );
    expect(explainGenerateError({ code: 'rate_limited' }).message).toMatch(/Try again shortly\.$/);
    expect(explainGenerateError(null).message).toBe('Something went wrong.');
  });
});

describe('validateRequest', () => {
  const model = {
    id: 'm',
    label: 'Model M',
    provider: 'local',
    limits: { maxWidth: 1024, maxHeight: 1024, sizeMultiple: 64 },
  };

  it('puts size errors on the preset select or on width and height', () => {
    const request = { prompt: 'p', width: 1080, height: 1080 };
    expect(validateRequest(request, model, 'size').size).toMatch(
      /^1080 × 1080 is outside what Model M can make\. Width must be between 64 and 1024\./,
    );
    expect(validateRequest(request, model, 'custom')).toEqual({
      width: 'Width must be between 64 and 1024. (Model M)',
      height: 'Height must be between 64 and 1024. (Model M)',
    });
    expect(validateRequest({ prompt: 'p', width: 1000, height: 960 }, model, 'custom')).toEqual({
      width: 'Width must be a multiple of 64. (Model M)',
    });
  });

  it('offers presets whose value names their size', () => {
    for (const p of sizePresets) expect(p.value).toBe(`${p.width}x${p.height}`);
    expect(sizePresets.map((p) => p.label)).toContain('1200 × 630 · Open Graph link');
  });
});
