// A hosted provider made without its key is present but never live: never the default model,
// never called. The README's snippets build `createReplicate()` with no token this way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateImages } from './generate';
import { isProviderLive, liveProviderNames } from './live-providers';
import { createLocalProvider } from './providers/local/index';
import { createOpenAIImages } from './providers/openai/index';
import { createReplicate } from './providers/replicate/index';
import { defaultRegistry } from './registry';
import { InvalidRequestError, RateLimitedError } from './spec/errors';
import type { ImageProvider } from './spec/image-model';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A fetch that records calls and fails them: no test here may reach a provider. */
function refusingFetch() {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    throw new Error('no provider may be called in this test');
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('provider liveness', () => {
  it('createReplicate() with no token and no REPLICATE_API_TOKEN is not live', () => {
    vi.stubEnv('REPLICATE_API_TOKEN', undefined);
    const replicate = createReplicate();
    expect(replicate.isConfigured?.()).toBe(false);
    expect(isProviderLive(replicate)).toBe(false);
    const live = liveProviderNames({ replicate, local: createLocalProvider() });
    expect(live).toEqual(['local']);
    expect(defaultRegistry.defaultModel(live).id).toBe('local/placeholder');
  });

  it('a blank token counts as none, and a token in the environment makes it live', () => {
    vi.stubEnv('REPLICATE_API_TOKEN', '   ');
    expect(isProviderLive(createReplicate())).toBe(false);
    expect(isProviderLive(createReplicate({ apiToken: ' ' }))).toBe(false);
    vi.stubEnv('REPLICATE_API_TOKEN', 'r8_from_env');
    // Read when asked, so a token set after the provider was made still counts.
    const replicate = createReplicate();
    expect(isProviderLive(replicate)).toBe(true);
    expect(liveProviderNames({ replicate, local: createLocalProvider() })).toEqual([
      'replicate',
      'local',
    ]);
  });

  it('an explicit token makes Replicate live whatever the environment says', () => {
    vi.stubEnv('REPLICATE_API_TOKEN', undefined);
    expect(isProviderLive(createReplicate({ apiToken: 'r8_explicit' }))).toBe(true);
  });

  it('createOpenAIImages() follows OPENAI_API_KEY or its apiKey the same way', () => {
    vi.stubEnv('OPENAI_API_KEY', undefined);
    expect(isProviderLive(createOpenAIImages())).toBe(false);
    expect(isProviderLive(createOpenAIImages({ apiKey: 'sk-explicit' }))).toBe(true);
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env');
    expect(isProviderLive(createOpenAIImages())).toBe(true);
  });

  it('the local provider needs nothing and a missing provider is not live', () => {
    expect(isProviderLive(createLocalProvider())).toBe(true);
    expect(isProviderLive(undefined)).toBe(false);
  });
});

describe('generateImages with a keyless hosted provider', () => {
  it('generates with the local model when no model is named', async () => {
    vi.stubEnv('REPLICATE_API_TOKEN', undefined);
    vi.stubEnv('OPENAI_API_KEY', undefined);
    const { fetch, calls } = refusingFetch();
    const result = await generateImages(
      { prompt: 'a lighthouse', width: 64, height: 64 },
      {
        providers: {
          replicate: createReplicate({ fetch }),
          openai: createOpenAIImages({ fetch }),
          local: createLocalProvider(),
        },
      },
    );
    expect(result.model.id).toBe('local/placeholder');
    expect(result.images).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  it('refuses a model of the keyless provider as invalid input naming the variable', async () => {
    vi.stubEnv('REPLICATE_API_TOKEN', undefined);
    const { fetch, calls } = refusingFetch();
    const run = generateImages(
      { prompt: 'a lighthouse', model: 'replicate/flux-schnell' },
      { providers: { replicate: createReplicate({ fetch }), local: createLocalProvider() } },
    );
    await expect(run).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(run).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'model',
      message: expect.stringContaining('REPLICATE_API_TOKEN'),
    });
    expect(calls).toEqual([]);
  });

  it('skips a fallback model of the keyless provider', async () => {
    vi.stubEnv('REPLICATE_API_TOKEN', undefined);
    const { fetch, calls } = refusingFetch();
    const local = createLocalProvider();
    const busyLocal: ImageProvider = {
      name: 'local',
      imageModel(modelId) {
        const model = local.imageModel(modelId);
        return {
          ...model,
          specificationVersion: model.specificationVersion,
          provider: model.provider,
          modelId: model.modelId,
          maxImagesPerCall: model.maxImagesPerCall,
          doGenerate: async () => {
            throw new RateLimitedError('busy', { retryAfterMs: 10 });
          },
        };
      },
    };
    const run = generateImages(
      { prompt: 'a lighthouse', model: 'local/placeholder' },
      {
        providers: { local: busyLocal, replicate: createReplicate({ fetch }) },
        fallbackModels: ['replicate/flux-schnell'],
        maxRetries: 0,
      },
    );
    // The local model's own failure, not Replicate's missing-token refusal.
    await expect(run).rejects.toBeInstanceOf(RateLimitedError);
    expect(calls).toEqual([]);
  });
});
