// The Together AI provider through the real AI SDK Together AI package against a fake of
// Together's image endpoint (msw): the request that reaches /v1/images/generations, n as one
// call per image, errors, the safety checker, aborts, and the key kept out of every message.
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
import { createTogetherImages, type TogetherImagesSettings } from './index';

const KEY = 'tgp_v1_TOGETHER_SECRET_abcdef123456';
const API = 'https://api.together.xyz/v1/images/generations';
const server = setupServer();
const seen: Array<{ method: string; url: string; headers: Headers; body: string }> = [];
let png: Buffer;

beforeAll(async () => {
  const image = sharp({ create: { width: 16, height: 16, channels: 3, background: '#5a5' } });
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

/** Together's answer to an image request asking for base64. */
const generated = (url = API) =>
  http.post(url, async ({ request }) => {
    const body = (await request.json()) as { model: string; n?: number };
    const data = Array.from({ length: body.n ?? 1 }, (_, index) => ({
      index,
      b64_json: png.toString('base64'),
      type: 'b64_json',
    }));
    return HttpResponse.json({ id: 'gen-1', model: body.model, object: 'list', data });
  });

const togetherError = (status: number, message: string, headers: Record<string, string> = {}) =>
  HttpResponse.json(
    { error: { message, type: 'invalid_request_error', code: null } },
    { status, headers },
  );

function run(
  request: Parameters<typeof generateImages>[0],
  settings: TogetherImagesSettings = {},
  signal?: AbortSignal,
) {
  return generateImages(request, {
    providers: { together: createTogetherImages({ apiKey: KEY, ...settings }) },
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
  createTogetherImages({ apiKey: KEY }).imageModel('black-forest-labs/FLUX.1-schnell');

describe('createTogetherImages', () => {
  it('posts the documented request with a bearer key and decodes the base64 image', async () => {
    server.use(generated());
    const result = await run({
      prompt: 'a green heron',
      model: 'together/flux-schnell',
      width: 768,
      height: 512,
      seed: 3,
      steps: 2,
    });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([`POST ${API}`]);
    const [post] = seen;
    expect(post?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(post?.body ?? '')).toEqual({
      model: 'black-forest-labs/FLUX.1-schnell',
      prompt: 'a green heron',
      seed: 3,
      width: 768,
      height: 512,
      response_format: 'base64',
      steps: 2,
    });
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 16, height: 16 });
    expect(Buffer.from(result.images[0]?.bytes ?? []).equals(png)).toBe(true);
    expect(result.usage).toMatchObject({ provider: 'together', costUsd: 0.0027 });
  });

  it('asks once per image with the default steps, and checks sizes before calling', async () => {
    server.use(generated());
    const result = await run({ prompt: 'p', model: 'together/flux-dev', n: 3 });
    const bodies = seen.map((s) => JSON.parse(s.body));
    expect(bodies).toHaveLength(3);
    for (const body of bodies) expect(body).toMatchObject({ steps: 28, width: 1024 });
    expect(bodies.some((body) => 'n' in body)).toBe(false);
    expect(result.images).toHaveLength(3);
    seen.length = 0;
    const error = await failure(run({ prompt: 'p', model: 'together/flux-dev', width: 1000 }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(seen).toEqual([]);
  });

  it('uses an injected baseURL and fetch', async () => {
    const base = 'https://together-proxy.example.test/v1';
    const fetched: string[] = [];
    server.use(generated(`${base}/images/generations`));
    await run(
      { prompt: 'p', model: 'together/flux-schnell' },
      {
        baseURL: `${base}/`,
        fetch: (input, init) => {
          fetched.push(input instanceof Request ? input.url : String(input));
          return globalThis.fetch(input, init);
        },
      },
    );
    expect(fetched).toEqual([`${base}/images/generations`]);
  });

  it('maps 401, 429, a safety refusal and 503 to typed errors, key never shown', async () => {
    server.use(
      http.post(API, () => togetherError(401, `Invalid API key provided: ${KEY}`), { once: true }),
      http.post(API, () => togetherError(429, 'Rate limit exceeded', { 'retry-after': '5' }), {
        once: true,
      }),
      http.post(
        API,
        () => togetherError(422, 'The prompt was flagged as NSFW content by the safety checker'),
        { once: true },
      ),
      http.post(API, () => togetherError(503, 'Service unavailable')),
    );
    const model = schnell();
    const auth = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(auth).toBeInstanceOf(AuthenticationError);
    expect(auth.message).toContain('TOGETHER_API_KEY');
    const limited = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(5000);
    const filtered = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(filtered).toBeInstanceOf(ContentFilteredError);
    const down = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(down).toBeInstanceOf(ProviderError);
    expect((down as ProviderError).retryable).toBe(true);
    for (const error of [auth, limited, filtered, down]) expect(error.message).not.toContain(KEY);
  });

  it('passes an abort on to the request Together is serving', async () => {
    const controller = new AbortController();
    let abortedAtTogether = false;
    server.use(
      http.post(API, async ({ request }) => {
        controller.abort();
        await new Promise<void>((resolve) => {
          if (request.signal.aborted) resolve();
          request.signal.addEventListener('abort', () => resolve());
        });
        abortedAtTogether = request.signal.aborted;
        return HttpResponse.json({ data: [] });
      }),
    );
    const error = await failure(
      run({ prompt: 'p', model: 'together/flux-schnell' }, {}, controller.signal),
    );
    expect(error).toBeInstanceOf(CanceledError);
    expect(abortedAtTogether).toBe(true);
  });

  it('is live only with a key', () => {
    const saved = process.env.TOGETHER_API_KEY;
    delete process.env.TOGETHER_API_KEY;
    try {
      expect(createTogetherImages().isConfigured?.()).toBe(false);
      expect(createTogetherImages({ apiKey: ' ' }).isConfigured?.()).toBe(false);
      expect(createTogetherImages({ apiKey: KEY }).isConfigured?.()).toBe(true);
    } finally {
      if (saved !== undefined) process.env.TOGETHER_API_KEY = saved;
    }
  });
});
