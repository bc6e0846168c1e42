import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../spec/errors';
import { buildReplicateInput, maxImagesPerCallFor, parseReplicateModelId } from './replicate-input';

describe('parseReplicateModelId', () => {
  it('tells official models from pinned versions and finds the family', () => {
    expect(parseReplicateModelId('black-forest-labs/flux-schnell')).toEqual({
      owner: 'black-forest-labs',
      name: 'flux-schnell',
      version: undefined,
      family: 'flux-schnell',
    });
    expect(parseReplicateModelId('black-forest-labs/flux-dev').family).toBe('flux-dev');
    expect(parseReplicateModelId('black-forest-labs/flux-1.1-pro').family).toBe('flux');
    const sdxl = parseReplicateModelId(
      'stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc',
    );
    expect(sdxl.version).toHaveLength(64);
    expect(sdxl.family).toBe('sdxl');
    expect(parseReplicateModelId('someone/thing').family).toBe('generic');
  });

  it('rejects malformed ids', () => {
    for (const id of ['sdxl', 'a/b/c', 'a/b:not-hex!', '']) {
      expect(() => parseReplicateModelId(id)).toThrow(InvalidRequestError);
    }
  });

  it('allows 4 images per call for SDXL and FLUX schnell/dev, 1 otherwise', () => {
    expect(maxImagesPerCallFor('sdxl')).toBe(4);
    expect(maxImagesPerCallFor('flux-dev')).toBe(4);
    expect(maxImagesPerCallFor('flux')).toBe(1);
    expect(maxImagesPerCallFor('generic')).toBe(1);
  });
});

describe('buildReplicateInput', () => {
  it('maps an aspect ratio to about one megapixel for SDXL', () => {
    const { input } = buildReplicateInput('sdxl', { prompt: 'p', n: 1, aspectRatio: '16:9' });
    expect(input).toMatchObject({ width: 1344, height: 768, apply_watermark: false });
  });

  it('picks the closest FLUX aspect ratio and warns', () => {
    const { input, warnings } = buildReplicateInput('flux-dev', {
      prompt: 'p',
      n: 2,
      aspectRatio: '17:9',
      steps: 28,
    });
    expect(input).toEqual({
      prompt: 'p',
      num_outputs: 2,
      aspect_ratio: '16:9',
      num_inference_steps: 28,
      output_format: 'png',
    });
    expect(warnings).toEqual([expect.objectContaining({ setting: 'aspectRatio' })]);
  });

  it('keeps a square size square on FLUX and lets providerOptions choose webp', () => {
    const { input } = buildReplicateInput('flux-schnell', {
      prompt: 'p',
      n: 1,
      size: { width: 512, height: 512 },
      providerOptions: { replicate: { output_format: 'webp' } },
    });
    expect(input).toMatchObject({ aspect_ratio: '1:1', output_format: 'webp' });
    expect(input).not.toHaveProperty('width');
  });

  it('never sends disable_safety_checker', () => {
    const { input, warnings } = buildReplicateInput('sdxl', {
      prompt: 'p',
      n: 1,
      providerOptions: { replicate: { disable_safety_checker: true } },
    });
    expect(input).not.toHaveProperty('disable_safety_checker');
    expect(warnings).toHaveLength(1);
  });
});
