// The AI SDK bridge through a real AI SDK provider (@ai-sdk/openai 3.x, specification v3)
// against a fake of the OpenAI Images HTTP API (msw): the request that reaches it, the images
// and warnings that come back, n split by the model's limit, errors and aborts.
import { createOpenAI } from '@ai-sdk/openai';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateImages } from '../../generate';
import { liveProviderNames } from '../../live-providers';
import { createModelRegistry, defaultModelCatalog } from '../../registry';
import {
  AuthenticationError,
  CanceledError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
} from '../../spec/errors';
import { createReplicate } from '../replicate/index';
import { fromAISDKImageModel } from './index';

const KEY = 'sk-test-AISDK_SECRET_789';
const BASE = 'https://images.example.test/v1';
const URL = `${BASE}/images/generations`;
const server = setupServer();
const seen: Array<{ url: string; headers: Headers; body: Record<string, unknown> }> = [];
let pngBase64: string;

beforeAll(async () => {
  const image = sharp({ create: { width: 24, height: 16, channels: 3, background: '#08f' } });
  pngBase64 = (await image.png().toBuffer()).toString('base64');
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    const copy = request.clone();
    seen.push({ url: copy.url, headers: copy.headers, body: await copy.json() });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

/** The AI SDK's own settings carry the base URL and fetch, as they would in a host's code. */
function bridge(fetched: string[] = [], seed = false) {
  const openai = createOpenAI({
    apiKey: KEY,
    baseURL: BASE,
    fetch: (input, init) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return globalThis.fetch(input, init);
    },
  });
  return fromAISDKImageModel(openai.image('gpt-image-1'), {
    id: 'ai-sdk-openai/gpt-image-1',
    label: 'GPT Image 1 (AI SDK)',
    costPerImageUsd: 0.04,
    limits: { maxN: 12 },
    capabilities: { seed },
  });
}

function run(
  b: ReturnType<typeof bridge>,
  request: Parameters<typeof generateImages>[0],
  more: Partial<Parameters<typeof generateImages>[1]> = {},
) {
  return generateImages(request, {
    providers: { [b.provider.name]: b.provider },
    registry: createModelRegistry([b.entry]),
    sleep: async () => {},
    ...more,
  });
}

const images = (n: number) => ({
  created: 1,
  data: Array.from({ length: n }, () => ({ b64_json: pngBase64 })),
});

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as Error,
  );
}

describe('fromAISDKImageModel', () => {
  it('makes a catalogue entry from the options and the model', () => {
    const { entry, provider } = bridge();
    expect(provider.name).toBe('ai-sdk-openai');
    expect(entry).toMatchObject({
      id: 'ai-sdk-openai/gpt-image-1',
      provider: 'ai-sdk-openai',
      providerModelId: 'gpt-image-1',
      label: 'GPT Image 1 (AI SDK)',
      costPerImageUsd: 0.04,
      capabilities: { seed: false, sizing: 'dimensions' },
      limits: { maxN: 12, maxWidth: 2048 },
    });
    expect(provider.imageModel('gpt-image-1').maxImagesPerCall).toBe(10);
    expect(() => provider.imageModel('dall-e-3')).toThrow(/only the AI SDK model "gpt-image-1"/);
    expect(() => fromAISDKImageModel(createOpenAI().image('x'), { id: 'x', label: 'X' })).toThrow(
      /<provider>\/<name>/,
    );
  });

  it('prices the model and stays out of the default while its provider has no key', () => {
    const openai = createOpenAI({ apiKey: '', baseURL: BASE });
    const b = fromAISDKImageModel(openai.image('gpt-image-1'), {
      id: 'ai-sdk-openai/gpt-image-1',
      label: 'GPT Image 1 (AI SDK)',
      costPerImageUsd: 0.04,
      isConfigured: () => false,
    });
    const registry = createModelRegistry([b.entry, ...defaultModelCatalog]);
    expect(registry.estimateCost({ prompt: 'p', model: b.entry.id, n: 3 }).estimatedUsd).toBe(0.12);
    const providers = {
      [b.provider.name]: b.provider,
      replicate: createReplicate({ apiToken: 'r8_x' }),
    };
    expect(liveProviderNames(providers)).toEqual(['replicate']);
    expect(registry.defaultModel(liveProviderNames(providers)).provider).toBe('replicate');
  });

  it('sends the documented request and returns the decoded images with their cost', async () => {
    server.use(
      http.post(URL, () => HttpResponse.json(images(1), { headers: { 'x-request-id': 'req_1' } })),
    );
    const fetched: string[] = [];
    const result = await run(
      bridge(fetched),
      { prompt: 'a red fox', width: 1536, height: 1024, model: 'ai-sdk-openai/gpt-image-1' },
      { providerOptions: { openai: { quality: 'low' } } },
    );
    expect(fetched).toEqual([URL]);
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.url).toBe(URL);
    expect(request?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(request?.headers.get('content-type')).toMatch(/application\/json/);
    expect(request?.body).toEqual({
      model: 'gpt-image-1',
      prompt: 'a red fox',
      n: 1,
      size: '1536x1024',
      quality: 'low',
    });
    expect(result.images).toHaveLength(1);
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 24, height: 16 });
    expect(Buffer.from(result.images[0]?.bytes ?? []).toString('base64')).toBe(pngBase64);
    expect(result.usage).toMatchObject({
      provider: 'ai-sdk-openai',
      costUsd: 0.04,
      requestIds: ['req_1'],
    });
  });

  it("splits n by the AI SDK model's maxImagesPerCall", async () => {
    server.use(
      http.post(URL, async ({ request }) => {
        const body = (await request.json()) as { n: number };
        return HttpResponse.json(images(body.n));
      }),
    );
    const result = await run(bridge(), { prompt: 'p', width: 1024, height: 1024, n: 12 });
    expect(seen.map((s) => s.body.n)).toEqual([10, 2]);
    expect(result.images).toHaveLength(12);
  });

  it('decodes no more images than were asked for, and warns about the surplus', async () => {
    server.use(http.post(URL, () => HttpResponse.json(images(50))));
    const result = await bridge()
      .provider.imageModel('gpt-image-1')
      .doGenerate({ prompt: 'p', n: 2 });
    expect(result.images).toHaveLength(2);
    expect(result.warnings).toContainEqual({
      type: 'other',
      message:
        'GPT Image 1 (AI SDK) returned 50 images for 2 requested; only the first 2 were decoded.',
    });
  });

  it("passes the AI SDK model's warnings through", async () => {
    server.use(http.post(URL, () => HttpResponse.json(images(1))));
    // Declared as taking a seed, so the seed reaches the AI SDK model, which says it cannot.
    const model = bridge([], true).provider.imageModel('gpt-image-1');
    const result = await model.doGenerate({ prompt: 'p', n: 1, seed: 3 });
    expect(seen[0]?.body).not.toHaveProperty('seed');
    expect(result.warnings).toContainEqual({ type: 'unsupported-setting', setting: 'seed' });
    expect(result.images[0]?.mediaType).toBe('image/png');
  });

  it('sends an aspect ratio, a negative prompt and steps where the capabilities say so', async () => {
    const calls: unknown[] = [];
    const fake = {
      specificationVersion: 'v3' as const,
      provider: 'fake.image',
      modelId: 'fake-1',
      maxImagesPerCall: undefined,
      async doGenerate(options: unknown) {
        calls.push(options);
        return {
          images: [new Uint8Array(Buffer.from(pngBase64, 'base64'))],
          warnings: [{ type: 'other' as const, message: 'slow today' }],
          response: { timestamp: new Date(0), modelId: 'fake-1', headers: undefined },
        };
      },
    };
    const b = fromAISDKImageModel(fake, {
      id: 'fake/one',
      label: 'Fake One',
      capabilities: {
        sizing: 'aspect-ratio',
        aspectRatios: ['1:1', '16:9'],
        negativePrompt: true,
        steps: true,
      },
      limits: { maxSteps: 50 },
      settingNames: { negativePrompt: 'negative_prompt', steps: 'num_inference_steps' },
      maxImagesPerCall: 2,
    });
    expect(b.provider.imageModel('fake-1').maxImagesPerCall).toBe(2);
    const result = await run(b, {
      prompt: 'p',
      width: 1920,
      height: 1080,
      negativePrompt: 'blur',
      steps: 20,
      seed: 5,
    });
    expect(calls[0]).toMatchObject({
      prompt: 'p',
      n: 1,
      size: undefined,
      aspectRatio: '16:9',
      seed: 5,
      providerOptions: { fake: { negative_prompt: 'blur', num_inference_steps: 20 } },
    });
    expect(result.warnings).toContainEqual({ type: 'other', message: 'slow today' });
    expect(result.images[0]?.seed).toBe(5);
  });
});

describe('fromAISDKImageModel: errors', () => {
  const apiError = (status: number, message: string, headers: Record<string, string> = {}) =>
    http.post(URL, () =>
      HttpResponse.json({ error: { message, type: 'invalid_request_error' } }, { status, headers }),
    );

  it('maps 401 to an authentication error', async () => {
    server.use(apiError(401, 'Incorrect API key provided'));
    const error = await failure(run(bridge(), { prompt: 'p' }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      code: 'authentication',
      provider: 'ai-sdk-openai',
      ownMessage: false,
    });
    expect(seen).toHaveLength(1);
  });

  it('maps 429 to rate_limited with its Retry-After, and retries after it', async () => {
    const waits: number[] = [];
    server.use(apiError(429, 'Slow down', { 'retry-after': '3' }));
    const error = await failure(
      run(bridge(), { prompt: 'p' }, { maxRetries: 1, sleep: async (ms) => void waits.push(ms) }),
    );
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 3000 });
    expect(waits).toEqual([3000]);
    expect(seen).toHaveLength(2);
  });

  it('maps 400 to invalid_request, keeping the upstream text marked as upstream', async () => {
    server.use(apiError(400, `Invalid size; key ${KEY} used`));
    const error = await failure(run(bridge(), { prompt: 'p' }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ code: 'invalid_request', ownMessage: false });
    expect(error.message).toContain('Invalid size');
    expect(error.message).not.toContain(KEY);
    expect(seen).toHaveLength(1);
  });

  it('maps 500 to a retryable provider error, retried up to maxRetries', async () => {
    server.use(apiError(500, 'The server had an error'));
    const error = await failure(run(bridge(), { prompt: 'p' }, { maxRetries: 2 }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'provider_error', retryable: true, status: 500 });
    expect(seen).toHaveLength(3);
  });

  it('a 500 then a success gives the images', async () => {
    let calls = 0;
    server.use(
      http.post(URL, () =>
        ++calls === 1
          ? HttpResponse.json({ error: { message: 'busy' } }, { status: 503 })
          : HttpResponse.json(images(1)),
      ),
    );
    const result = await run(bridge(), { prompt: 'p' });
    expect(result.images).toHaveLength(1);
    expect(seen).toHaveLength(2);
  });

  it('aborts the upstream request when the caller aborts, ending in canceled', async () => {
    const controller = new AbortController();
    let upstreamAborted = false;
    server.use(
      http.post(
        URL,
        ({ request }) =>
          new Promise<Response>((_resolve, reject) => {
            request.signal.addEventListener('abort', () => {
              upstreamAborted = true;
              reject(new Error('aborted'));
            });
            controller.abort();
          }),
      ),
    );
    const error = await failure(run(bridge(), { prompt: 'p' }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(CanceledError);
    expect(upstreamAborted).toBe(true);
    expect(seen).toHaveLength(1);
  });
});
