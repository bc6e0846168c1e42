import { describe, expect, it } from 'vitest';
import { defaultRegistry } from './registry';
import { InvalidRequestError } from './spec/errors';
import type { GenerateImagesRequest, ModelCatalogEntry } from './types';
import { closestAspectRatio, resolveImageRequest } from './validate';

const model = (id: string): ModelCatalogEntry => {
  const found = defaultRegistry.get(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};
const sdxl = model('replicate/sdxl');
const schnell = model('replicate/flux-schnell');
const gpt = model('openai/gpt-image-1');

function rejection(request: GenerateImagesRequest, entry: ModelCatalogEntry) {
  try {
    resolveImageRequest(request, entry);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    const invalid = error as InvalidRequestError;
    expect(invalid.code).toBe('invalid_request');
    expect(invalid.retryable).toBe(false);
    return { field: invalid.field, message: invalid.message };
  }
  throw new Error('expected the request to be rejected');
}

describe('resolveImageRequest', () => {
  it("applies the model's defaults", () => {
    expect(resolveImageRequest({ prompt: 'a fox' }, sdxl)).toEqual({
      prompt: 'a fox',
      width: 1024,
      height: 1024,
      n: 1,
      steps: 50,
    });
  });

  it('keeps the settings a model takes', () => {
    expect(
      resolveImageRequest(
        {
          prompt: 'a fox',
          width: 768,
          height: 512,
          n: 3,
          seed: 7,
          negativePrompt: 'blur',
          steps: 30,
        },
        sdxl,
      ),
    ).toEqual({
      prompt: 'a fox',
      width: 768,
      height: 512,
      n: 3,
      seed: 7,
      negativePrompt: 'blur',
      steps: 30,
    });
  });

  it('drops, without failing, the settings a model does not take', () => {
    const resolved = resolveImageRequest(
      { prompt: 'a fox', negativePrompt: 'blur', seed: 3, steps: 20 },
      gpt,
    );
    expect(resolved).toEqual({ prompt: 'a fox', width: 1024, height: 1024, n: 1 });
    expect(
      resolveImageRequest({ prompt: 'a fox', negativePrompt: 'blur' }, schnell),
    ).not.toHaveProperty('negativePrompt');
  });

  it('picks the closest supported aspect ratio for FLUX', () => {
    expect(
      resolveImageRequest({ prompt: 'x', width: 1920, height: 1080 }, schnell).aspectRatio,
    ).toBe('16:9');
    expect(
      resolveImageRequest({ prompt: 'x', width: 1000, height: 1000 }, schnell).aspectRatio,
    ).toBe('1:1');
    expect(
      resolveImageRequest({ prompt: 'x', width: 800, height: 1200 }, schnell).aspectRatio,
    ).toBe('2:3');
    expect(resolveImageRequest({ prompt: 'x' }, sdxl).aspectRatio).toBeUndefined();
  });

  it.each<[string, GenerateImagesRequest, ModelCatalogEntry, string, RegExp]>([
    ['empty prompt', { prompt: '   ' }, sdxl, 'prompt', /prompt is empty/],
    ['long prompt', { prompt: 'a'.repeat(2001) }, sdxl, 'prompt', /2001 characters.*at most 2000/],
    [
      'narrow width',
      { prompt: 'x', width: 128 },
      sdxl,
      'width',
      /^width must be a whole number between 256 and 1536 for Stable Diffusion XL\.$/,
    ],
    ['tall height', { prompt: 'x', height: 4096 }, sdxl, 'height', /between 256 and 1536/],
    ['odd width', { prompt: 'x', width: 1001 }, sdxl, 'width', /multiple of 8.*try 1000 or 1008/],
    ['fractional height', { prompt: 'x', height: 512.5 }, sdxl, 'height', /whole number/],
    ['too many steps', { prompt: 'x', steps: 501 }, sdxl, 'steps', /between 1 and 500 for Stable/],
    ['FLUX schnell steps', { prompt: 'x', steps: 8 }, schnell, 'steps', /between 1 and 4 for FLUX/],
    ['zero steps', { prompt: 'x', steps: 0 }, sdxl, 'steps', /at least 1/],
    ['too many images', { prompt: 'x', n: 9 }, sdxl, 'n', /between 1 and 8 for Stable/],
    ['no images', { prompt: 'x', n: 0 }, sdxl, 'n', /between 1 and 8/],
    ['negative seed', { prompt: 'x', seed: -1 }, sdxl, 'seed', /between 0 and 4294967295/],
    ['huge seed', { prompt: 'x', seed: 2 ** 32 }, sdxl, 'seed', /between 0 and 4294967295/],
    ['fractional seed', { prompt: 'x', seed: 1.5 }, sdxl, 'seed', /whole number/],
    [
      'GPT size',
      { prompt: 'x', width: 1024, height: 1280 },
      gpt,
      'width',
      /1024x1280 is not a size GPT Image 1 makes; choose one of 1024x1024, 1536x1024 or 1024x1536/,
    ],
    ['GPT n', { prompt: 'x', n: 11 }, gpt, 'n', /between 1 and 10 for GPT Image 1/],
  ])('rejects %s', (_name, request, entry, field, message) => {
    const { field: actual, message: text } = rejection(request, entry);
    expect(actual).toBe(field);
    expect(text).toMatch(message);
  });

  it('rejects a bad seed even for a model that ignores seeds', () => {
    expect(rejection({ prompt: 'x', seed: -5 }, gpt).field).toBe('seed');
  });

  it('accepts the edges of every range', () => {
    expect(() =>
      resolveImageRequest(
        { prompt: 'x', width: 256, height: 1536, steps: 500, n: 8, seed: 2 ** 32 - 1 },
        sdxl,
      ),
    ).not.toThrow();
    expect(() =>
      resolveImageRequest({ prompt: 'x', width: 1536, height: 1024, n: 10 }, gpt),
    ).not.toThrow();
  });
});

describe('closestAspectRatio', () => {
  it('compares ratios on a log scale', () => {
    expect(closestAspectRatio(100, 300, ['1:1', '9:21', '2:3'])).toBe('9:21');
    expect(closestAspectRatio(3000, 1000, ['21:9', '16:9'])).toBe('21:9');
  });
});
