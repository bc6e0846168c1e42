// The fal provider through the real AI SDK fal package against a fake of fal's HTTP API (msw):
// the request that reaches fal.run, the image downloaded from fal's CDN and sniffed, errors,
// aborts, and the download held to fal's hosts and a size cap.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateImages } from '../../generate';
import { defaultRegistry } from '../../registry';
import {
  AuthenticationError,
  CanceledError,
  OutputNotImageError,
  ProviderError,
  RateLimitedError,
} from '../../spec/errors';
import { createFalImages, type FalImagesSettings } from './index';

const KEY = 'fal-test-FAL_SECRET_456';
const API = 'https://fal.run/fal-ai/flux/schnell';
const CDN = 'https://v3.fal.media/files/rabbit/out.png';
const server = setupServer();
const seen: Array<{ method: string; url: string; headers: Headers; body: string }> = [];
let png: Buffer;

beforeAll(async () => {
  const image = sharp({ create: { width: 24, height: 16, channels: 3, background: '#0a4' } });
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

const falAnswer = (url = CDN) => ({
  images: [{ url, content_type: 'image/png', width: 24, height: 16 }],
  seed: 42,
  has_nsfw_concepts: [false],
  timings: { inference: 0.4 },
  prompt: 'echoed',
});

const cdn = (body: BodyInit = new Uint8Array(png)) =>
  http.get(CDN, () => new HttpResponse(body, { headers: { 'content-type': 'image/png' } }));

function run(
  request: Parameters<typeof generateImages>[0],
  settings: FalImagesSettings = {},
  signal?: AbortSignal,
) {
  return generateImages(request, {
    providers: { fal: createFalImages({ apiKey: KEY, ...settings }) },
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

describe('createFalImages', () => {
  it('posts the documented request to fal.run and downloads the image from fal.media', async () => {
    server.use(
      http.post(API, () => HttpResponse.json(falAnswer(), { headers: { 'x-request-id': 'r1' } })),
      cdn(),
    );
    const result = await run({
      prompt: 'a green rabbit',
      model: 'fal/flux-schnell',
      width: 768,
      height: 512,
      seed: 7,
      steps: 3,
    });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([`POST ${API}`, `GET ${CDN}`]);
    const [post, get] = seen;
    expect(post?.headers.get('authorization')).toBe(`Key ${KEY}`);
    expect(post?.headers.get('content-type')).toMatch(/application\/json/);
    expect(JSON.parse(post?.body ?? '')).toEqual({
      prompt: 'a green rabbit',
      seed: 7,
      image_size: { width: 768, height: 512 },
      num_images: 1,
      num_inference_steps: 3,
    });
    // The key goes to the API only, never to the CDN.
    expect(get?.headers.get('authorization')).toBeNull();
    expect(result.images).toHaveLength(1);
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 24, height: 16 });
    expect(Buffer.from(result.images[0]?.bytes ?? []).equals(png)).toBe(true);
    expect(result.usage).toMatchObject({ provider: 'fal', costUsd: 0.003, requestIds: ['r1'] });
  });

  it('asks once per image, as the AI SDK fal model takes one image per call', async () => {
    server.use(
      http.post('https://fal.run/fal-ai/flux/dev', () => HttpResponse.json(falAnswer())),
      cdn(),
    );
    const result = await run({ prompt: 'p', model: 'fal/flux-dev', n: 2 });
    const posts = seen.filter((s) => s.method === 'POST');
    expect(posts.map((s) => JSON.parse(s.body).num_images)).toEqual([1, 1]);
    expect(posts.map((s) => JSON.parse(s.body).num_inference_steps)).toEqual([28, 28]);
    expect(result.images).toHaveLength(2);
    expect(result.usage?.costUsd).toBe(0.05);
  });

  it('uses an injected baseURL and fetch for both the call and the download', async () => {
    const base = 'https://fal-proxy.example.test';
    const fetched: string[] = [];
    server.use(
      http.post(`${base}/fal-ai/flux/schnell`, () => HttpResponse.json(falAnswer())),
      cdn(),
    );
    await run(
      { prompt: 'p', model: 'fal/flux-schnell' },
      {
        baseURL: `${base}/`,
        fetch: (input, init) => {
          fetched.push(input instanceof Request ? input.url : String(input));
          return globalThis.fetch(input, init);
        },
      },
    );
    expect(fetched).toEqual([`${base}/fal-ai/flux/schnell`, CDN]);
  });

  it('maps 401, 429 and 500 to typed errors', async () => {
    server.use(
      http.post(API, () => HttpResponse.json({ detail: 'Invalid key' }, { status: 401 }), {
        once: true,
      }),
      http.post(
        API,
        () =>
          HttpResponse.json(
            { detail: 'Too many requests' },
            { status: 429, headers: { 'retry-after': '7' } },
          ),
        { once: true },
      ),
      http.post(API, () => HttpResponse.json({ detail: 'boom' }, { status: 500 })),
    );
    const model = createFalImages({ apiKey: KEY }).imageModel('fal-ai/flux/schnell');
    const auth = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(auth).toBeInstanceOf(AuthenticationError);
    expect(auth.message).not.toContain(KEY);
    const limited = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(7000);
    const down = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(down).toBeInstanceOf(ProviderError);
    expect((down as ProviderError).retryable).toBe(true);
  });

  it('passes an abort on to the request fal is serving', async () => {
    const controller = new AbortController();
    let abortedAtFal = false;
    server.use(
      http.post(API, async ({ request }) => {
        controller.abort();
        await new Promise<void>((resolve) => {
          if (request.signal.aborted) resolve();
          request.signal.addEventListener('abort', () => resolve());
        });
        abortedAtFal = request.signal.aborted;
        return HttpResponse.json(falAnswer());
      }),
      cdn(),
    );
    const model = createFalImages({ apiKey: KEY }).imageModel('fal-ai/flux/schnell');
    const error = await failure(
      model.doGenerate({ prompt: 'p', n: 1, abortSignal: controller.signal }),
    );
    expect(error).toBeInstanceOf(CanceledError);
    expect(abortedAtFal).toBe(true);
    expect(seen.some((s) => s.method === 'GET')).toBe(false);
  });

  it('refuses an image URL outside the allowed hosts without fetching it', async () => {
    const elsewhere = 'https://files.example.test/out.png';
    server.use(http.post(API, () => HttpResponse.json(falAnswer(elsewhere))));
    const error = await failure(run({ prompt: 'p', model: 'fal/flux-schnell' }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toContain('files.example.test');
    expect(seen.map((s) => s.url)).toEqual([API]);
  });

  it('stops a download past the size cap and refuses bytes that are not an image', async () => {
    server.use(
      http.post(API, () => HttpResponse.json(falAnswer())),
      cdn(),
    );
    const big = await failure(
      run({ prompt: 'p', model: 'fal/flux-schnell' }, { maxOutputBytes: 64 }),
    );
    expect(big).toBeInstanceOf(ProviderError);
    expect(big.message).toMatch(/byte|large|size/i);

    server.use(cdn(new TextEncoder().encode('<html>not an image</html>')));
    const html = await failure(run({ prompt: 'p', model: 'fal/flux-schnell' }));
    expect(html).toBeInstanceOf(OutputNotImageError);
  });

  it('is live only with a key', () => {
    const saved = process.env.FAL_KEY;
    delete process.env.FAL_KEY;
    try {
      expect(createFalImages().isConfigured?.()).toBe(false);
      expect(createFalImages({ apiKey: '  ' }).isConfigured?.()).toBe(false);
      expect(createFalImages({ apiKey: KEY }).isConfigured?.()).toBe(true);
    } finally {
      if (saved !== undefined) process.env.FAL_KEY = saved;
    }
  });
});
