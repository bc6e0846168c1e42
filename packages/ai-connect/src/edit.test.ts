import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { editImages } from './edit';
import { createLocalProvider } from './providers/local/index';
import { createModelRegistry, defaultModelCatalog } from './registry';
import {
  InvalidRequestError,
  OutputNotImageError,
  ProviderError,
  RateLimitedError,
} from './spec/errors';
import type { ImageEditCallOptions, ImageModelResult, ImageProvider } from './spec/image-model';
import type { EditImagesRequest, ModelCatalogEntry } from './types';

const png = async (width: number, height: number, alpha = false) =>
  new Uint8Array(
    await sharp({
      create: {
        width,
        height,
        channels: alpha ? 4 : 3,
        background: alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 40, g: 90, b: 200 },
      },
    })
      .png()
      .toBuffer(),
  );

const local = () => ({ local: createLocalProvider() });

async function failure(request: EditImagesRequest, providers = local()) {
  try {
    await editImages(request, { providers });
  } catch (error) {
    return error as InvalidRequestError;
  }
  throw new Error('editImages resolved');
}

/** A fake "acme/edit" model whose doEdit the test controls. */
function fake(doEdit: (call: ImageEditCallOptions) => Promise<ImageModelResult>, perCall = 1) {
  const entry: ModelCatalogEntry = {
    id: 'acme/edit',
    provider: 'acme',
    providerModelId: 'edit-1',
    label: 'Acme Edit',
    capabilities: {
      negativePrompt: false,
      seed: true,
      steps: false,
      sizing: 'dimensions',
      imageInput: true,
      operations: ['edit', 'upscale'],
    },
    limits: {
      minWidth: 8,
      maxWidth: 512,
      minHeight: 8,
      maxHeight: 512,
      maxN: 4,
      maxPromptLength: 100,
    },
    defaults: { width: 64, height: 64 },
    costPerImageUsd: 0.01,
  };
  const spy = vi.fn(doEdit);
  const provider: ImageProvider = {
    name: 'acme',
    imageModel: (modelId) => ({
      specificationVersion: 'v1',
      provider: 'acme',
      modelId,
      maxImagesPerCall: perCall,
      doGenerate: () => Promise.reject(new Error('not used')),
      doEdit: spy,
    }),
  };
  return { registry: createModelRegistry([...defaultModelCatalog, entry]), provider, spy };
}

const result = (bytes: Uint8Array, count = 1): ImageModelResult => ({
  images: Array.from({ length: count }, () => ({ bytes, mediaType: 'image/png' })),
  warnings: [],
  response: { timestamp: new Date(0), modelId: 'edit-1', id: 'call' },
});

describe('editImages with the local provider', () => {
  it('upscales through local/edit by default, reporting usage and progress', async () => {
    const onUsage = vi.fn();
    const onProgress = vi.fn();
    const out = await editImages(
      { operation: 'upscale', image: await png(20, 10), scale: 4 },
      { providers: local(), onUsage, onProgress },
    );
    expect(out.model.id).toBe('local/placeholder');
    expect(out.operation).toBe('upscale');
    expect(out.images).toHaveLength(1);
    expect(out.images[0]).toMatchObject({ mediaType: 'image/png', width: 80, height: 40 });
    expect(onUsage).toHaveBeenCalledWith(
      expect.objectContaining({ provider: 'local', model: 'local/placeholder', images: 1 }),
    );
    expect(onProgress).toHaveBeenLastCalledWith(expect.objectContaining({ stage: 'done' }));
  });

  it('makes n results with consecutive seeds', async () => {
    const out = await editImages(
      { operation: 'variation', image: await png(16, 16), n: 3, seed: 5 },
      { providers: local() },
    );
    expect(out.images.map((i) => i.seed)).toEqual([5, 6, 7]);
  });

  it.each([
    [{ operation: 'edit' }, 'prompt'],
    [{ operation: 'inpaint', prompt: 'x' }, 'mask'],
    [{ operation: 'upscale', scale: 3 }, 'scale'],
    [{ operation: 'variation', scale: 2 }, 'scale'],
    [{ operation: 'outpaint' }, 'outpaint.top'],
    [{ operation: 'outpaint', outpaint: { left: -1 } }, 'outpaint.left'],
    [{ operation: 'outpaint', outpaint: { right: 5000 } }, 'outpaint.right'],
    [{ operation: 'variation', n: 9 }, 'n'],
    [{ operation: 'variation', seed: -1 }, 'seed'],
    [{ operation: 'variation', strength: 2 }, 'strength'],
    [{ operation: 'sharpen' }, 'operation'],
    [{ operation: 'upscale', model: 'replicate/sdxl' }, 'model'],
    [{ operation: 'upscale', model: 'nope/nope' }, 'model'],
  ] as Array<[Partial<EditImagesRequest>, string]>)(
    'refuses %j with field %s',
    async (request, field) => {
      const error = await failure({ image: await png(16, 16), ...request } as EditImagesRequest);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.field).toBe(field);
    },
  );

  it('refuses an image that is no image, one too large to upscale, and bad masks', async () => {
    const notImage = await failure({
      operation: 'variation',
      image: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    expect(notImage.field).toBe('image');
    const truncated = (await png(16, 16)).slice(0, 40);
    expect((await failure({ operation: 'variation', image: truncated })).field).toBe('image');
    const big = await failure({ operation: 'upscale', image: await png(3000, 10), scale: 2 });
    expect(big.field).toBe('scale');

    const image = await png(16, 16);
    const wrongSize = await failure({
      operation: 'inpaint',
      prompt: 'x',
      image,
      mask: await png(16, 8, true),
    });
    expect(wrongSize).toMatchObject({ field: 'mask' });
    expect(wrongSize.message).toContain('16 × 16');
    const jpegMask = new Uint8Array(
      await sharp(await png(16, 16))
        .jpeg()
        .toBuffer(),
    );
    const notPng = await failure({ operation: 'inpaint', prompt: 'x', image, mask: jpegMask });
    expect(notPng.field).toBe('mask');
    const opaque = await failure({ operation: 'inpaint', prompt: 'x', image, mask: image });
    expect(opaque.message).toContain('transparen');
  });
});

describe('editImages guarantees', () => {
  it('splits n into calls of maxImagesPerCall and sends the checked image', async () => {
    const bytes = await png(32, 32);
    const { registry, provider, spy } = fake(async (call) => result(bytes, call.n), 2);
    const out = await editImages(
      { operation: 'edit', prompt: 'warmer', image: bytes, n: 3, seed: 10, model: 'acme/edit' },
      { providers: { acme: provider }, registry },
    );
    expect(out.images).toHaveLength(3);
    expect(spy.mock.calls.map(([call]) => [call.n, call.seed])).toEqual([
      [2, 10],
      [1, 12],
    ]);
    expect(spy.mock.calls[0]?.[0].image).toMatchObject({
      mediaType: 'image/png',
      width: 32,
      height: 32,
    });
    expect(out.usage.costUsd).toBe(0.03);
  });

  it('retries a rate limit and a retryable provider error, not a plain failure', async () => {
    const bytes = await png(16, 16);
    let calls = 0;
    const { registry, provider } = fake(async () => {
      calls++;
      if (calls === 1) throw new RateLimitedError('slow down', { retryAfterMs: 5 });
      if (calls === 2) throw new ProviderError('flaky', { retryable: true });
      return result(bytes);
    });
    const sleep = vi.fn(async () => {});
    const out = await editImages(
      { operation: 'upscale', image: bytes, model: 'acme/edit' },
      { providers: { acme: provider }, registry, sleep },
    );
    expect(out.images).toHaveLength(1);
    expect(calls).toBe(3);
    expect(sleep).toHaveBeenCalledTimes(2);

    const failing = fake(async () => {
      throw new ProviderError('refused', { retryable: false });
    });
    await expect(
      editImages(
        { operation: 'upscale', image: bytes, model: 'acme/edit' },
        { providers: { acme: failing.provider }, registry: failing.registry, sleep },
      ),
    ).rejects.toBeInstanceOf(ProviderError);
    expect(failing.spy).toHaveBeenCalledTimes(1);
  });

  it('aborts the upstream call on cancel and on timeout', async () => {
    const bytes = await png(16, 16);
    const seen: AbortSignal[] = [];
    const hang = (call: ImageEditCallOptions) =>
      new Promise<ImageModelResult>((_, reject) => {
        if (call.abortSignal) seen.push(call.abortSignal);
        call.abortSignal?.addEventListener('abort', () => reject(new Error('aborted upstream')));
      });
    const { registry, provider } = fake(hang);
    const controller = new AbortController();
    const pending = editImages(
      { operation: 'upscale', image: bytes, model: 'acme/edit' },
      { providers: { acme: provider }, registry, signal: controller.signal },
    );
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'canceled' });
    expect(seen[0]?.aborted).toBe(true);

    await expect(
      editImages(
        { operation: 'upscale', image: bytes, model: 'acme/edit' },
        { providers: { acme: provider }, registry, timeoutMs: 20 },
      ),
    ).rejects.toMatchObject({ code: 'timeout' });
    expect(seen[1]?.aborted).toBe(true);
  });

  it('refuses an operation the chosen model does not do, before calling it', async () => {
    const { registry, provider, spy } = fake(async () => result(new Uint8Array()));
    const error = await editImages(
      { operation: 'inpaint', prompt: 'x', image: await png(16, 16), model: 'acme/edit' },
      { providers: { acme: provider }, registry },
    ).catch((e: InvalidRequestError) => e);
    expect(error).toMatchObject({ code: 'invalid_request', field: 'operation' });
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses an output that is not an image', async () => {
    const { registry, provider } = fake(async () =>
      result(new TextEncoder().encode('<html>not an image</html>')),
    );
    await expect(
      editImages(
        { operation: 'upscale', image: await png(16, 16), model: 'acme/edit' },
        { providers: { acme: provider }, registry },
      ),
    ).rejects.toBeInstanceOf(OutputNotImageError);
  });

  it('asks once more after an empty result, then fails', async () => {
    const { registry, provider, spy } = fake(async () => ({
      ...result(new Uint8Array()),
      images: [],
    }));
    await expect(
      editImages(
        { operation: 'upscale', image: await png(16, 16), model: 'acme/edit' },
        { providers: { acme: provider }, registry },
      ),
    ).rejects.toMatchObject({ code: 'provider_error' });
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
