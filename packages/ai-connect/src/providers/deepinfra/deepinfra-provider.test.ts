// The DeepInfra provider through the real AI SDK DeepInfra package against a fake of DeepInfra's
// inference endpoint (msw): the request that reaches /v1/inference/<model>, the data-URI image
// decoded, n as one call per image, errors, aborts, and the key kept out of every message.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateImages } from '../../generate';
import { defaultRegistry } from '../../registry';
import {
  AuthenticationError,
  CanceledError,
  ContentFilteredError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
} from '../../spec/errors';
import { createDeepInfraImages, type DeepInfraImagesSettings } from './index';

const KEY = 'di_DEEPINFRA_SECRET_0123456789abcdef';
const SCHNELL = 'https://api.deepinfra.com/v1/inference/black-forest-labs/FLUX-1-schnell';
const server = setupServer();
const seen: Array<{ method: string; url: string; headers: Headers; body: string }> = [];
let png: Buffer;

beforeAll(async () => {
  const image = sharp({ create: { width: 12, height: 20, channels: 3, background: '#c3a' } });
  png = await image.png().toBuffer();
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    const copy = request.clone();
    seen.push({
      method: copy.method,
      url: copy.url,
      headers: copy.headers,
      body: await copy.text(),
    });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

/** DeepInfra's answer: the images as data URIs, with its usage figures. */
const inference = (url = SCHNELL) =>
  http.post(url, async ({ request }) => {
    const body = (await request.json()) as { num_images?: number };
    const images = Array.from(
      { length: body.num_images ?? 1 },
      () => `data:image/png;base64,${png.toString('base64')}`,
    );
    return HttpResponse.json({
      images,
      nsfw_content_detected: images.map(() => false),
      seed: 1,
      inference_status: { status: 'succeeded', runtime_ms: 300, cost: 0.0005 },
    });
  });

const deepInfraError = (status: number, error: string, headers: Record<string, string> = {}) =>
  HttpResponse.json({ detail: { error } }, { status, headers });

function run(
  request: Parameters<typeof generateImages>[0],
  settings: DeepInfraImagesSettings = {},
  signal?: AbortSignal,
) {
  return generateImages(request, {
    providers: { deepinfra: createDeepInfraImages({ apiKey: KEY, ...settings }) },
    registry: defaultRegistry,
    sleep: async () => {},
    ...(signal ? { signal } : {}),
  });
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as Error,
  );
}

const schnell = () =>
  createDeepInfraImages({ apiKey: KEY }).imageModel('black-forest-labs/FLUX-1-schnell');

describe('createDeepInfraImages', () => {
  it('posts the documented inference request with a bearer key and decodes the data URI', async () => {
    server.use(inference());
    const result = await run({
      prompt: 'a pink crane',
      model: 'deepinfra/flux-schnell',
      width: 768,
      height: 1280,
      seed: 9,
      steps: 3,
    });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([`POST ${SCHNELL}`]);
    const [post] = seen;
    expect(post?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    // The AI SDK sends width and height as it split them from the size: as strings.
    expect(JSON.parse(post?.body ?? '')).toEqual({
      prompt: 'a pink crane',
      num_images: 1,
      width: '768',
      height: '1280',
      seed: 9,
      num_inference_steps: 3,
    });
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 12, height: 20 });
    expect(Buffer.from(result.images[0]?.bytes ?? []).equals(png)).toBe(true);
    expect(result.usage).toMatchObject({ provider: 'deepinfra', costUsd: 0.0005 });
  });

  it('asks once per image with the default steps, and checks sizes before calling', async () => {
    const dev = 'https://api.deepinfra.com/v1/inference/black-forest-labs/FLUX-1-dev';
    server.use(inference(dev));
    const result = await run({ prompt: 'p', model: 'deepinfra/flux-dev', n: 2 });
    const bodies = seen.map((s) => JSON.parse(s.body));
    expect(bodies.map((b) => [b.num_images, b.num_inference_steps])).toEqual([
      [1, 28],
      [1, 28],
    ]);
    expect(result.images).toHaveLength(2);
    seen.length = 0;
    const error = await failure(run({ prompt: 'p', model: 'deepinfra/flux-dev', height: 1000 }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(seen).toEqual([]);
  });

  it('uses an injected baseURL and fetch', async () => {
    const base = 'https://deepinfra-proxy.example.test/v1';
    const fetched: string[] = [];
    server.use(inference(`${base}/inference/black-forest-labs/FLUX-1-schnell`));
    await run(
      { prompt: 'p', model: 'deepinfra/flux-schnell' },
      {
        baseURL: `${base}/`,
        fetch: (input, init) => {
          fetched.push(input instanceof Request ? input.url : String(input));
          return globalThis.fetch(input, init);
        },
      },
    );
    expect(fetched).toEqual([`${base}/inference/black-forest-labs/FLUX-1-schnell`]);
  });

  it('maps 401, 429, a safety refusal and 500 to typed errors, key never shown', async () => {
    server.use(
      http.post(SCHNELL, () => deepInfraError(401, `Invalid token ${KEY}`), { once: true }),
      http.post(SCHNELL, () => deepInfraError(429, 'Rate limited', { 'retry-after': '6' }), {
        once: true,
      }),
      http.post(SCHNELL, () => deepInfraError(422, 'Prompt rejected by the NSFW filter'), {
        once: true,
      }),
      http.post(SCHNELL, () => deepInfraError(500, 'Internal error')),
    );
    const model = schnell();
    const auth = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(auth).toBeInstanceOf(AuthenticationError);
    expect(auth.message).toContain('DEEPINFRA_API_KEY');
    const limited = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(6000);
    const filtered = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(filtered).toBeInstanceOf(ContentFilteredError);
    const down = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(down).toBeInstanceOf(ProviderError);
    expect((down as ProviderError).retryable).toBe(true);
    for (const error of [auth, limited, filtered, down]) expect(error.message).not.toContain(KEY);
  });

  it('passes an abort on to the request DeepInfra is serving', async () => {
    const controller = new AbortController();
    let abortedAtDeepInfra = false;
    server.use(
      http.post(SCHNELL, async ({ request }) => {
        controller.abort();
        await new Promise<void>((resolve) => {
          if (request.signal.aborted) resolve();
          request.signal.addEventListener('abort', () => resolve());
        });
        abortedAtDeepInfra = request.signal.aborted;
        return HttpResponse.json({ images: [] });
      }),
    );
    const error = await failure(
      run({ prompt: 'p', model: 'deepinfra/flux-schnell' }, {}, controller.signal),
    );
    expect(error).toBeInstanceOf(CanceledError);
    expect(abortedAtDeepInfra).toBe(true);
  });

  it('is live only with a key', () => {
    const saved = process.env.DEEPINFRA_API_KEY;
    delete process.env.DEEPINFRA_API_KEY;
    try {
      expect(createDeepInfraImages().isConfigured?.()).toBe(false);
      expect(createDeepInfraImages({ apiKey: ' ' }).isConfigured?.()).toBe(false);
      expect(createDeepInfraImages({ apiKey: KEY }).isConfigured?.()).toBe(true);
    } finally {
      if (saved !== undefined) process.env.DEEPINFRA_API_KEY = saved;
    }
  });
});
