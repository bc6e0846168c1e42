import { describe, expect, it } from 'vitest';
import { createModelRegistry, defaultModelCatalog, defaultRegistry } from './registry';
import { InvalidRequestError } from './spec/errors';
import type { ModelCatalogEntry } from './types';

const entry = (id: string) => {
  const found = defaultRegistry.get(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};

describe('defaultModelCatalog', () => {
  it('lists every built-in model with a provider-prefixed id', () => {
    expect(defaultRegistry.list().map((e) => e.id)).toEqual([
      'replicate/sdxl',
      'replicate/flux-schnell',
      'replicate/flux-dev',
      'openai/gpt-image-1',
      'replicate/flux-kontext-pro',
      'replicate/flux-fill-pro',
      'replicate/real-esrgan',
      'replicate/background-remover',
      'fal/flux-schnell',
      'fal/flux-dev',
      'google/imagen-4-fast',
      'google/imagen-4',
      'google/imagen-4-ultra',
      'bfl/flux-pro-1.1',
      'bfl/flux-pro-1.1-ultra',
      'bfl/flux-kontext-pro',
      'bfl/flux-dev',
      'together/flux-schnell',
      'together/flux-dev',
      'deepinfra/flux-schnell',
      'deepinfra/flux-dev',
      'local/placeholder',
    ]);
    for (const e of defaultModelCatalog) expect(e.id.startsWith(`${e.provider}/`)).toBe(true);
  });

  it('pins the community Replicate edit models to a version and lists no generation for them', () => {
    for (const id of ['replicate/real-esrgan', 'replicate/background-remover']) {
      expect(entry(id).providerModelId).toMatch(/^[\w-]+\/[\w-]+:[0-9a-f]{64}$/);
      expect(entry(id).capabilities.operations).not.toContain('generate');
    }
  });

  it('pins SDXL to its Replicate version and gives it dimensions, steps and a negative prompt', () => {
    const sdxl = entry('replicate/sdxl');
    expect(sdxl.providerModelId).toBe(
      'stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc',
    );
    expect(sdxl.capabilities).toMatchObject({
      sizing: 'dimensions',
      negativePrompt: true,
      seed: true,
      steps: true,
    });
    expect(sdxl.limits).toMatchObject({ sizeMultiple: 8, minSteps: 1, maxSteps: 500 });
    expect(sdxl.defaults).toEqual({ width: 1024, height: 1024, steps: 50 });
  });

  it('gives FLUX aspect ratios, its own step ranges and no negative prompt', () => {
    const schnell = entry('replicate/flux-schnell');
    const dev = entry('replicate/flux-dev');
    expect(schnell.providerModelId).toBe('black-forest-labs/flux-schnell');
    expect(dev.providerModelId).toBe('black-forest-labs/flux-dev');
    for (const flux of [schnell, dev]) {
      expect(flux.capabilities.sizing).toBe('aspect-ratio');
      expect(flux.capabilities.negativePrompt).toBe(false);
      expect(flux.capabilities.aspectRatios).toContain('21:9');
      expect(flux.capabilities.aspectRatios).toHaveLength(11);
    }
    expect(schnell.limits.maxSteps).toBe(4);
    expect(dev.limits.maxSteps).toBe(50);
  });

  it('gives GPT Image 1 its three sizes and no seed, steps or negative prompt', () => {
    const gpt = entry('openai/gpt-image-1');
    expect(gpt.providerModelId).toBe('gpt-image-1');
    expect(gpt.capabilities.sizes).toEqual(['1024x1024', '1536x1024', '1024x1536']);
    expect(gpt.capabilities).toMatchObject({ seed: false, steps: false, negativePrompt: false });
    expect(gpt.limits.maxN).toBe(10);
  });

  it('marks the local model as a free placeholder', () => {
    const local = entry('local/placeholder');
    expect(local.placeholder).toBe(true);
    expect(local.costPerImageUsd).toBe(0);
    expect(local.label.toLowerCase()).toContain('placeholder');
    expect(local.limits).toMatchObject({ minWidth: 64, maxWidth: 2048, maxN: 8 });
  });
});

describe('defaultModel', () => {
  it('prefers SDXL when Replicate is live', () => {
    expect(defaultRegistry.defaultModel(['local', 'openai', 'replicate']).id).toBe(
      'replicate/sdxl',
    );
    expect(defaultRegistry.defaultModel().id).toBe('replicate/sdxl');
  });

  it('falls to the first live hosted model, then to the local placeholder', () => {
    expect(defaultRegistry.defaultModel(['local', 'openai']).id).toBe('openai/gpt-image-1');
    expect(defaultRegistry.defaultModel(['local']).id).toBe('local/placeholder');
    expect(defaultRegistry.defaultModel([]).id).toBe('local/placeholder');
  });

  it('follows the order of a custom catalogue', () => {
    const custom = createModelRegistry([entry('local/placeholder'), entry('replicate/flux-dev')]);
    expect(custom.defaultModel(['replicate', 'local']).id).toBe('replicate/flux-dev');
    expect(() => createModelRegistry([])).not.toThrow();
    expect(() => createModelRegistry([]).defaultModel()).toThrow(/empty/);
  });

  it('never picks an edit-only model, even first in the catalogue', () => {
    const sdxl = entry('replicate/sdxl');
    const upscaler = {
      ...sdxl,
      id: 'replicate/upscaler',
      capabilities: { ...sdxl.capabilities, operations: ['upscale' as const] },
    };
    const custom = createModelRegistry([upscaler, entry('replicate/flux-dev')]);
    expect(custom.defaultModel(['replicate']).id).toBe('replicate/flux-dev');
    expect(custom.defaultModel().id).toBe('replicate/flux-dev');
  });

  it('rejects duplicate ids', () => {
    const sdxl = entry('replicate/sdxl');
    expect(() => createModelRegistry([sdxl, { ...sdxl }])).toThrow(/Duplicate/);
  });
});

describe('estimateCost', () => {
  it('multiplies the per-image price by n', () => {
    expect(defaultRegistry.estimateCost({ prompt: 'x', model: 'replicate/sdxl', n: 3 })).toEqual({
      model: 'replicate/sdxl',
      images: 3,
      estimatedUsd: 0.0144,
    });
    expect(
      defaultRegistry.estimateCost({ prompt: 'x', model: 'replicate/flux-schnell', n: 4 })
        .estimatedUsd,
    ).toBe(0.012);
    expect(
      defaultRegistry.estimateCost({ prompt: 'x', model: 'local/placeholder', n: 8 }).estimatedUsd,
    ).toBe(0);
  });

  it('uses one image and the default model when not given', () => {
    expect(defaultRegistry.estimateCost({ prompt: 'x' })).toEqual({
      model: 'replicate/sdxl',
      images: 1,
      estimatedUsd: 0.0048,
    });
  });

  it('leaves the price undefined when the model has none, and rejects unknown models', () => {
    const priceless: ModelCatalogEntry = { ...entry('replicate/sdxl'), costPerImageUsd: undefined };
    const registry = createModelRegistry([priceless]);
    expect(registry.estimateCost({ prompt: 'x', n: 2 }).estimatedUsd).toBeUndefined();
    const error = (() => {
      try {
        defaultRegistry.estimateCost({ prompt: 'x', model: 'nope/model' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe('model');
  });
});
