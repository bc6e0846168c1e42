import sharp from 'sharp';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateImages } from './generate';
import { createModelRegistry, defaultRegistry } from './registry';
import {
  AuthenticationError,
  CanceledError,
  ContentFilteredError,
  InvalidRequestError,
  OutputNotImageError,
  ProviderError,
  RateLimitedError,
  TimeoutError,
} from './spec/errors';
import type {
  ImageModelCallOptions,
  ImageModelResult,
  ImageModelV1,
  ImageProvider,
} from './spec/image-model';
import type { GenerateImagesOptions, ModelCatalogEntry, UsageReport } from './types';

// Provider-neutral fakes: the names 'alpha', 'beta' and 'gamma' are deliberately not real ones.
const entry = (id: string, overrides: Partial<ModelCatalogEntry> = {}): ModelCatalogEntry => {
  const [provider = id, name = id] = id.split('/');
  return {
    id,
    provider,
    providerModelId: `${name}-v1`,
    label: `Model ${name}`,
    capabilities: {
      negativePrompt: true,
      seed: true,
      steps: true,
      sizing: 'dimensions',
      imageInput: false,
    },
    limits: {
      minWidth: 64,
      maxWidth: 2048,
      minHeight: 64,
      maxHeight: 2048,
      minSteps: 1,
      maxSteps: 50,
      maxN: 8,
      maxPromptLength: 500,
    },
    defaults: { width: 512, height: 512, steps: 20 },
    costPerImageUsd: 0.01,
    ...overrides,
  };
};

const registry = createModelRegistry([
  entry('alpha/one'),
  entry('beta/two', { costPerImageUsd: 0.02 }),
  entry('gamma/three'),
  entry('beta/bare', {
    capabilities: {
      negativePrompt: false,
      seed: false,
      steps: false,
      sizing: 'dimensions',
      imageInput: false,
    },
    limits: {
      minWidth: 64,
      maxWidth: 2048,
      minHeight: 64,
      maxHeight: 2048,
      maxN: 2,
      maxPromptLength: 500,
    },
  }),
  entry('beta/ratio', {
    capabilities: {
      negativePrompt: false,
      seed: true,
      steps: false,
      sizing: 'aspect-ratio',
      aspectRatios: ['1:1', '16:9', '9:16'],
      imageInput: false,
    },
  }),
]);

let png: Uint8Array;
let jpeg: Uint8Array;
beforeAll(async () => {
  const base = sharp({ create: { width: 6, height: 4, channels: 3, background: '#0a0' } });
  png = new Uint8Array(await base.clone().png().toBuffer());
  jpeg = new Uint8Array(await base.clone().jpeg().toBuffer());
});

type Handler = (
  call: ImageModelCallOptions,
  index: number,
) => Promise<ImageModelResult> | ImageModelResult;

/** A fake provider recording every call; `handler` decides what each call does. */
function fakeProvider(name: string, handler?: Handler, maxImagesPerCall = 4) {
  const calls: ImageModelCallOptions[] = [];
  const models: string[] = [];
  const succeed: Handler = (call) => ok(call);
  const provider: ImageProvider = {
    name,
    imageModel(modelId): ImageModelV1 {
      models.push(modelId);
      return {
        specificationVersion: 'v1',
        provider: name,
        modelId,
        maxImagesPerCall,
        doGenerate: async (call) => {
          calls.push(call);
          return (handler ?? succeed)(call, calls.length - 1);
        },
      };
    },
  };
  return { provider, calls, models };
}

function ok(call: ImageModelCallOptions, extra: Partial<ImageModelResult> = {}): ImageModelResult {
  return {
    images: Array.from({ length: call.n }, () => ({ bytes: png, mediaType: 'image/png' })),
    warnings: [],
    response: { timestamp: new Date(0), modelId: 'fake' },
    ...(call.seed === undefined ? {} : { seed: call.seed }),
    ...extra,
  };
}

/** Fails each call in `failures` order, then succeeds. */
function failThen(...failures: Error[]): Handler {
  return (call, index) => {
    const failure = failures[index];
    if (failure) throw failure;
    return ok(call);
  };
}

/** Never settles on its own; records whether the call's signal was aborted. */
function hangUntilAborted(seen: { aborted: boolean }, honour = true): Handler {
  return (call) =>
    new Promise((_resolve, reject) => {
      call.abortSignal?.addEventListener('abort', () => {
        seen.aborted = true;
        if (honour) reject(new Error('upstream canceled'));
      });
    });
}

function recordingSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return { waits, sleep };
}

const base = (
  providers: Record<string, ImageProvider>,
  more: Partial<GenerateImagesOptions> = {},
) => ({ providers, registry, sleep: async () => {}, ...more }) satisfies GenerateImagesOptions;

async function rejectionOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('generateImages: model choice and validation', () => {
  it('rejects an unknown model before calling anything', async () => {
    const alpha = fakeProvider('alpha');
    const error = await rejectionOf(
      generateImages({ prompt: 'x', model: 'alpha/missing' }, base({ alpha: alpha.provider })),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe('model');
    expect((error as Error).message).toMatch(/Unknown model "alpha\/missing"/);
    expect(alpha.calls).toHaveLength(0);
  });

  it('names the variable to set for a model whose provider is not configured', async () => {
    const local = fakeProvider('local');
    const error = await rejectionOf(
      generateImages(
        { prompt: 'x', model: 'replicate/sdxl' },
        { providers: { local: local.provider }, registry: defaultRegistry },
      ),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe('model');
    expect((error as Error).message).toMatch(/not configured.*REPLICATE_API_TOKEN/);
  });

  it("uses the registry's default among the configured providers", async () => {
    const local = fakeProvider('local');
    const result = await generateImages(
      { prompt: 'x' },
      { providers: { local: local.provider }, registry: defaultRegistry },
    );
    expect(result.model.id).toBe('local/placeholder');
    expect(local.models).toEqual(['placeholder']);
  });

  it('rejects a request that breaks the limits before calling the provider', async () => {
    const alpha = fakeProvider('alpha');
    const error = await rejectionOf(
      generateImages(
        { prompt: 'x', model: 'alpha/one', width: 4000 },
        base({ alpha: alpha.provider }),
      ),
    );
    expect((error as InvalidRequestError).field).toBe('width');
    expect(alpha.calls).toHaveLength(0);
  });
});

describe('generateImages: splitting n', () => {
  it('splits n by maxImagesPerCall and gives each call its own seed', async () => {
    const alpha = fakeProvider('alpha', undefined, 2);
    const result = await generateImages(
      { prompt: 'a fox', model: 'alpha/one', n: 5, seed: 10, width: 640, height: 384 },
      base({ alpha: alpha.provider }),
    );
    expect(alpha.calls.map((c) => c.n)).toEqual([2, 2, 1]);
    expect(alpha.calls.map((c) => c.seed)).toEqual([10, 12, 14]);
    expect(alpha.calls[0]).toMatchObject({
      prompt: 'a fox',
      size: { width: 640, height: 384 },
      steps: 20,
    });
    expect(result.images).toHaveLength(5);
    expect(result.images.map((i) => i.seed)).toEqual([10, undefined, 12, undefined, 14]);
  });

  it('keeps only the images asked for when a model returns more, with a warning', async () => {
    const alpha = fakeProvider('alpha', (call) => ok({ ...call, n: 100 } as ImageModelCallOptions));
    const result = await generateImages(
      { prompt: 'x', model: 'alpha/one', n: 1 },
      base({ alpha: alpha.provider }),
    );
    expect(result.images).toHaveLength(1);
    expect(result.usage.images).toBe(1);
    expect(result.warnings).toContainEqual({
      type: 'other',
      message: expect.stringMatching(/returned 100 images for 1 requested/),
    });
  });

  it('sends no seed when none is asked for, and wraps seeds past 2^32', async () => {
    const alpha = fakeProvider('alpha', undefined, 1);
    await generateImages(
      { prompt: 'x', model: 'alpha/one', n: 2 },
      base({ alpha: alpha.provider }),
    );
    expect(alpha.calls.map((c) => c.seed)).toEqual([undefined, undefined]);

    const wrapped = fakeProvider('alpha', undefined, 1);
    await generateImages(
      { prompt: 'x', model: 'alpha/one', n: 2, seed: 2 ** 32 - 1 },
      base({ alpha: wrapped.provider }),
    );
    expect(wrapped.calls.map((c) => c.seed)).toEqual([2 ** 32 - 1, 0]);
  });

  it('keeps per-image seeds the provider reports', async () => {
    const alpha = fakeProvider('alpha', (call) =>
      ok(call, {
        images: Array.from({ length: call.n }, (_, i) => ({
          bytes: png,
          mediaType: 'image/png',
          seed: (call.seed ?? 0) + i,
        })),
      }),
    );
    const result = await generateImages(
      { prompt: 'x', model: 'alpha/one', n: 3, seed: 100 },
      base({ alpha: alpha.provider }),
    );
    expect(result.images.map((i) => i.seed)).toEqual([100, 101, 102]);
  });

  it('sends the closest aspect ratio to an aspect-ratio model', async () => {
    const beta = fakeProvider('beta');
    const result = await generateImages(
      { prompt: 'x', model: 'beta/ratio', width: 1200, height: 700 },
      base({ beta: beta.provider }),
    );
    expect(beta.calls[0]?.aspectRatio).toBe('16:9');
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ type: 'unsupported-setting', setting: 'size' }),
    );
  });
});

describe('generateImages: retries', () => {
  it('retries a 429 after the Retry-After the provider sent', async () => {
    const alpha = fakeProvider(
      'alpha',
      failThen(new RateLimitedError('slow down', { retryAfterMs: 1500 })),
    );
    const { waits, sleep } = recordingSleep();
    const result = await generateImages(
      { prompt: 'x', model: 'alpha/one' },
      base({ alpha: alpha.provider }, { sleep }),
    );
    expect(result.images).toHaveLength(1);
    expect(alpha.calls).toHaveLength(2);
    expect(waits).toEqual([1500]);
  });

  it('fails at once when Retry-After is longer than the cap', async () => {
    const alpha = fakeProvider(
      'alpha',
      failThen(new RateLimitedError('slow down', { retryAfterMs: 60_000 })),
    );
    const { waits, sleep } = recordingSleep();
    const error = await rejectionOf(
      generateImages(
        { prompt: 'x', model: 'alpha/one' },
        base({ alpha: alpha.provider }, { sleep, maxRetryAfterMs: 10_000 }),
      ),
    );
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(alpha.calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('fails at once when Retry-After outlasts the total timeout', async () => {
    const alpha = fakeProvider(
      'alpha',
      failThen(new RateLimitedError('slow down', { retryAfterMs: 5_000 })),
    );
    const error = await rejectionOf(
      generateImages(
        { prompt: 'x', model: 'alpha/one' },
        base({ alpha: alpha.provider }, { timeoutMs: 3_000 }),
      ),
    );
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(alpha.calls).toHaveLength(1);
  });

  it('retries retryable provider errors with backoff, up to maxRetries', async () => {
    const down = () => new ProviderError('upstream 503', { status: 503, retryable: true });
    const alpha = fakeProvider('alpha', failThen(down(), down(), down(), down()));
    const { waits, sleep } = recordingSleep();
    const error = await rejectionOf(
      generateImages(
        { prompt: 'x', model: 'alpha/one' },
        base({ alpha: alpha.provider }, { sleep }),
      ),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(alpha.calls).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);

    const again = fakeProvider('alpha', failThen(down(), down()));
    const result = await generateImages(
      { prompt: 'x', model: 'alpha/one' },
      base({ alpha: again.provider }, { maxRetries: 2 }),
    );
    expect(result.images).toHaveLength(1);
    expect(again.calls).toHaveLength(3);

    const none = fakeProvider('alpha', failThen(down()));
    await expect(
      generateImages(
        { prompt: 'x', model: 'alpha/one' },
        base({ alpha: none.provider }, { maxRetries: 0 }),
      ),
    ).rejects.toBeInstanceOf(ProviderError);
    expect(none.calls).toHaveLength(1);
  });

  it.each([
    ['a non-retryable provider error', new ProviderError('bad output', { retryable: false })],
    ['an authentication error', new AuthenticationError('set ALPHA_KEY')],
    ['a content filter', new ContentFilteredError('nsfw')],
    ['a timeout mid-call', new TimeoutError('prediction timed out')],
    ['an unknown error', new TypeError('boom')],
  ])('never retries %s', async (_name, failure) => {
    const alpha = fakeProvider('alpha', failThen(failure, failure));
    const error = await rejectionOf(
      generateImages({ prompt: 'x', model: 'alpha/one' }, base({ alpha: alpha.provider })),
    );
    expect(alpha.calls).toHaveLength(1);
    if (failure instanceof TypeError) {
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).cause).toBe(failure);
    } else {
      expect(error).toBe(failure);
    }
  });
});

describe('generateImages: timeout and cancel', () => {
  it('times out, aborting the in-flight call so the provider can cancel upstream', async () => {
    const seen = { aborted: false };
    const alpha = fakeProvider('alpha', hangUntilAborted(seen));
    const error = await rejectionOf(
      generateImages(
        { prompt: 'x', model: 'alpha/one' },
        base({ alpha: alpha.provider }, { timeoutMs: 30 }),
      ),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('timeout');
    expect(seen.aborted).toBe(true);
  });

  it('times out even when the provider ignores the abort', async () => {
    const seen = { aborted: false };
    const alpha = fakeProvider('alpha', hangUntilAborted(seen, false));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const outcome = generateImages(
        { prompt: 'x', model: 'alpha/one' },
        base({ alpha: alpha.provider }, { timeoutMs: 30 }),
      ).catch((error: unknown) => error);
      // The provider's call never settles: only the 30 ms deadline can end the generation.
      await vi.advanceTimersByTimeAsync(30);
      expect(await outcome).toBeInstanceOf(TimeoutError);
      expect(seen.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("turns the caller's abort into CanceledError and aborts upstream", async () => {
    const seen = { aborted: false };
    const alpha = fakeProvider('alpha', hangUntilAborted(seen));
    const controller = new AbortController();
    const pending = generateImages(
      { prompt: 'x', model: 'alpha/one' },
      base({ alpha: alpha.provider }, { signal: controller.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(CanceledError);
    expect(seen.aborted).toBe(true);
  });

  it('does not call the provider when already aborted', async () => {
    const alpha = fakeProvider('alpha');
    await expect(
      generateImages(
        { prompt: 'x', model: 'alpha/one' },
        base({ alpha: alpha.provider }, { signal: AbortSignal.abort() }),
      ),
    ).rejects.toBeInstanceOf(CanceledError);
    expect(alpha.calls).toHaveLength(0);
  });

  it('stops waiting for a retry when the caller aborts', async () => {
    const alpha = fakeProvider(
      'alpha',
      failThen(new RateLimitedError('wait', { retryAfterMs: 20_000 })),
    );
    const controller = new AbortController();
    const pending = generateImages(
      { prompt: 'x', model: 'alpha/one' },
      { providers: { alpha: alpha.provider }, registry, signal: controller.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CanceledError);
    expect(alpha.calls).toHaveLength(1);
  });
});

describe('generateImages: fallback', () => {
  const limited = () => new RateLimitedError('busy', { retryAfterMs: 100 });

  it('moves down the chain after a retryable failure, skipping unconfigured models', async () => {
    const alpha = fakeProvider('alpha', () => {
      throw limited();
    });
    const beta = fakeProvider('beta');
    const result = await generateImages(
      { prompt: 'x', model: 'alpha/one', n: 2 },
      base(
        { alpha: alpha.provider, beta: beta.provider },
        { fallbackModels: ['gamma/three', 'beta/two'], maxRetries: 1 },
      ),
    );
    expect(alpha.calls).toHaveLength(2);
    expect(result.model.id).toBe('beta/two');
    expect(beta.models).toEqual(['two-v1']);
    expect(result.images).toHaveLength(2);
    expect(result.usage).toMatchObject({ provider: 'beta', model: 'beta/two', images: 2 });
    expect(result.warnings).toContainEqual({
      type: 'other',
      message: 'Model one failed (rate_limited); Model two made the images instead.',
    });
  });

  it('skips a fallback whose limits the request breaks', async () => {
    const alpha = fakeProvider('alpha', () => {
      throw new ProviderError('503', { retryable: true });
    });
    const beta = fakeProvider('beta');
    const error = await rejectionOf(
      generateImages(
        { prompt: 'x', model: 'alpha/one', n: 4 },
        base({ alpha: alpha.provider, beta: beta.provider }, { fallbackModels: ['beta/bare'] }),
      ),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(beta.calls).toHaveLength(0);
  });

  it('does not fall back after a non-retryable failure', async () => {
    const alpha = fakeProvider('alpha', () => {
      throw new ContentFilteredError('blocked');
    });
    const beta = fakeProvider('beta');
    await expect(
      generateImages(
        { prompt: 'x', model: 'alpha/one' },
        base({ alpha: alpha.provider, beta: beta.provider }, { fallbackModels: ['beta/two'] }),
      ),
    ).rejects.toBeInstanceOf(ContentFilteredError);
    expect(beta.calls).toHaveLength(0);
  });

  it('throws the last failure when the whole chain fails', async () => {
    const alpha = fakeProvider('alpha', () => {
      throw limited();
    });
    const betaError = new ProviderError('beta down', { retryable: true });
    const beta = fakeProvider('beta', () => {
      throw betaError;
    });
    const error = await rejectionOf(
      generateImages(
        { prompt: 'x', model: 'alpha/one' },
        base(
          { alpha: alpha.provider, beta: beta.provider },
          { fallbackModels: ['beta/two'], maxRetries: 0 },
        ),
      ),
    );
    expect(error).toBe(betaError);
  });

  it('rejects an unknown fallback id as a configuration error', async () => {
    const alpha = fakeProvider('alpha');
    await expect(
      generateImages(
        { prompt: 'x', model: 'alpha/one' },
        base({ alpha: alpha.provider }, { fallbackModels: ['nope/none'] }),
      ),
    ).rejects.toThrow(/unknown model "nope\/none"/);
  });
});

describe('generateImages: empty results', () => {
  const empty = (call: ImageModelCallOptions) => ok({ ...call, n: 0 });

  it('asks once more after a call that returned no images', async () => {
    const alpha = fakeProvider('alpha', (call, index) => (index === 0 ? empty(call) : ok(call)));
    const result = await generateImages(
      { prompt: 'p', model: 'alpha/one', n: 2, seed: 7 },
      base({ alpha: alpha.provider }),
    );
    expect(alpha.calls).toHaveLength(2);
    // The same call again: same count and seed, so the result stays reproducible.
    expect(alpha.calls.map((c) => [c.n, c.seed])).toEqual([
      [2, 7],
      [2, 7],
    ]);
    expect(result.images).toHaveLength(2);
    expect(result.usage.images).toBe(2);
  });

  it('reports a second empty result as a non-retryable ProviderError after exactly two calls', async () => {
    const alpha = fakeProvider('alpha', empty);
    const beta = fakeProvider('beta');
    const error = await rejectionOf(
      generateImages(
        { prompt: 'p', model: 'alpha/one' },
        base({ alpha: alpha.provider, beta: beta.provider }, { fallbackModels: ['beta/two'] }),
      ),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      code: 'provider_error',
      retryable: false,
      provider: 'alpha',
      ownMessage: true,
    });
    expect((error as Error).message).toMatch(/Model one returned no images, twice in a row\./);
    expect(alpha.calls).toHaveLength(2);
    // Not retryable, so no fallback model is asked either.
    expect(beta.calls).toHaveLength(0);
  });

  it('asks again only for the split call that came back empty', async () => {
    const alpha = fakeProvider('alpha', (call, index) => (index === 1 ? empty(call) : ok(call)), 2);
    const result = await generateImages(
      { prompt: 'p', model: 'alpha/one', n: 4 },
      base({ alpha: alpha.provider }),
    );
    expect(alpha.calls.map((c) => c.n)).toEqual([2, 2, 2]);
    expect(result.images).toHaveLength(4);
  });
});

describe('generateImages: outputs, warnings, progress and usage', () => {
  it('rejects an output that is not an image, without retrying', async () => {
    const alpha = fakeProvider('alpha', (call) =>
      ok(call, {
        images: [
          { bytes: new TextEncoder().encode('<html>expired</html>'), mediaType: 'image/png' },
        ],
      }),
    );
    const error = await rejectionOf(
      generateImages({ prompt: 'x', model: 'alpha/one' }, base({ alpha: alpha.provider })),
    );
    expect(error).toBeInstanceOf(OutputNotImageError);
    expect((error as OutputNotImageError).code).toBe('output_not_image');
    expect(alpha.calls).toHaveLength(1);
  });

  it('labels outputs by their bytes and reads their size', async () => {
    const alpha = fakeProvider('alpha', (call) =>
      ok(call, { images: [{ bytes: jpeg, mediaType: 'image/png' }] }),
    );
    const result = await generateImages(
      { prompt: 'x', model: 'alpha/one', width: 512, height: 512 },
      base({ alpha: alpha.provider }),
    );
    expect(result.images[0]).toMatchObject({ mediaType: 'image/jpeg', width: 6, height: 4 });
  });

  it('warns about settings the model does not take, merged with provider warnings', async () => {
    const beta = fakeProvider('beta', (call) =>
      ok(call, {
        warnings: [
          { type: 'unsupported-setting', setting: 'seed', details: 'provider says no seed' },
          { type: 'other', message: 'prompt was rewritten' },
        ],
      }),
    );
    const result = await generateImages(
      { prompt: 'x', model: 'beta/bare', negativePrompt: 'blur', seed: 4, steps: 9 },
      base({ beta: beta.provider }),
    );
    expect(beta.calls[0]).not.toHaveProperty('negativePrompt');
    expect(beta.calls[0]).not.toHaveProperty('seed');
    expect(beta.calls[0]).not.toHaveProperty('steps');
    expect(result.warnings.map((w) => (w.type === 'other' ? w.message : w.setting))).toEqual([
      'negativePrompt',
      'seed',
      'steps',
      'prompt was rewritten',
    ]);
  });

  it('reports no warnings when every setting is taken', async () => {
    const alpha = fakeProvider('alpha');
    const result = await generateImages(
      { prompt: 'x', model: 'alpha/one', negativePrompt: 'blur', seed: 4, steps: 9 },
      base({ alpha: alpha.provider }),
    );
    expect(result.warnings).toEqual([]);
    expect(alpha.calls[0]).toMatchObject({ negativePrompt: 'blur', seed: 4, steps: 9 });
  });

  it('aggregates progress across calls as image i of n', async () => {
    const alpha = fakeProvider(
      'alpha',
      (call) => {
        call.onProgress?.({ stage: 'starting' });
        call.onProgress?.({ stage: 'processing', percent: 50 });
        call.onProgress?.({ stage: 'done', percent: 100 });
        return ok(call);
      },
      2,
    );
    const events: unknown[] = [];
    await generateImages(
      { prompt: 'x', model: 'alpha/one', n: 4 },
      base({ alpha: alpha.provider }, { onProgress: (p) => events.push(p) }),
    );
    expect(events).toEqual([
      { stage: 'starting', image: 1, images: 4 },
      { stage: 'processing', percent: 25, image: 1, images: 4 },
      { stage: 'starting', image: 3, images: 4 },
      { stage: 'processing', percent: 75, image: 3, images: 4 },
      { stage: 'done', percent: 100, image: 4, images: 4 },
    ]);
  });

  it('reports usage with timings, request ids and reported or estimated cost', async () => {
    let clock = 1_000;
    const alpha = fakeProvider(
      'alpha',
      (call, index) => {
        clock += 400;
        return ok(call, {
          response: { timestamp: new Date(0), modelId: 'one-v1', id: `pred-${index}` },
          timings: { predictMs: 300, totalMs: 400 },
          // The first call reports its cost; the second is priced from the catalogue.
          ...(index === 0 ? { costUsd: 0.05 } : {}),
        });
      },
      2,
    );
    const reports: UsageReport[] = [];
    const result = await generateImages(
      { prompt: 'x', model: 'alpha/one', n: 3 },
      base({ alpha: alpha.provider }, { now: () => clock, onUsage: (u) => reports.push(u) }),
    );
    expect(reports).toEqual([
      {
        provider: 'alpha',
        model: 'alpha/one',
        images: 3,
        durationMs: 800,
        predictMs: 600,
        costUsd: 0.06,
        requestIds: ['pred-0', 'pred-1'],
      },
    ]);
    expect(result.usage).toEqual(reports[0]);
  });

  it('estimates the whole cost from the catalogue when nothing is reported', async () => {
    const beta = fakeProvider('beta');
    const result = await generateImages(
      { prompt: 'x', model: 'beta/two', n: 3 },
      base({ beta: beta.provider }, { now: () => 0 }),
    );
    expect(result.usage).toEqual({
      provider: 'beta',
      model: 'beta/two',
      images: 3,
      durationMs: 0,
      costUsd: 0.06,
      requestIds: [],
    });
  });
});
