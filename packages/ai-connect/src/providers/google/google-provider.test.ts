// The Google provider through the real AI SDK Google package against a fake of the Gemini API's
// Imagen endpoint (msw): the request that reaches `:predict`, n split into calls of 4, the
// safety filter, errors, aborts, and the key kept out of every message.
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
import { createGoogleImages, type GoogleImagesSettings } from './index';

const KEY = 'AIzaSyTEST_GOOGLE_SECRET_0123456789abcd';
const BASE = 'https://generativelanguage.googleapis.com/v1beta';
const FAST = `${BASE}/models/imagen-4.0-fast-generate-001:predict`;
const server = setupServer();
const seen: Array<{ method: string; url: string; headers: Headers; body: string }> = [];
let png: Buffer;

beforeAll(async () => {
  const image = sharp({ create: { width: 20, height: 12, channels: 3, background: '#36c' } });
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

/** Imagen's answer: one prediction per image asked for (`parameters.sampleCount`). */
const predict = (url = FAST) =>
  http.post(url, async ({ request }) => {
    const body = (await request.json()) as { parameters: { sampleCount: number } };
    const predictions = Array.from({ length: body.parameters.sampleCount }, () => ({
      bytesBase64Encoded: png.toString('base64'),
      mimeType: 'image/png',
    }));
    return HttpResponse.json({ predictions });
  });

/** The Gemini API's error body. */
const googleError = (code: number, status: string, message: string, details: unknown[] = []) =>
  HttpResponse.json({ error: { code, message, status, details } }, { status: code });

function run(
  request: Parameters<typeof generateImages>[0],
  settings: GoogleImagesSettings = {},
  signal?: AbortSignal,
) {
  return generateImages(request, {
    providers: { google: createGoogleImages({ apiKey: KEY, ...settings }) },
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

const fast = () => createGoogleImages({ apiKey: KEY }).imageModel('imagen-4.0-fast-generate-001');

describe('createGoogleImages', () => {
  it('posts the documented :predict request with the key in x-goog-api-key', async () => {
    server.use(predict());
    const result = await run({
      prompt: 'a blue heron',
      model: 'google/imagen-4-fast',
      width: 1600,
      height: 900,
      seed: 5,
    });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([`POST ${FAST}`]);
    const [post] = seen;
    expect(post?.headers.get('x-goog-api-key')).toBe(KEY);
    expect(post?.headers.get('authorization')).toBeNull();
    expect(post?.url).not.toContain(KEY);
    // 1600 × 900 is closest to 16:9; Imagen takes no seed, so none is sent.
    expect(JSON.parse(post?.body ?? '')).toEqual({
      instances: [{ prompt: 'a blue heron' }],
      parameters: { sampleCount: 1, aspectRatio: '16:9' },
    });
    expect(result.images).toHaveLength(1);
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 20, height: 12 });
    expect(Buffer.from(result.images[0]?.bytes ?? []).equals(png)).toBe(true);
    expect(result.usage).toMatchObject({ provider: 'google', costUsd: 0.02 });
  });

  it('asks for at most 4 images per call, so 6 become calls of 4 and 2', async () => {
    const ultra = `${BASE}/models/imagen-4.0-ultra-generate-001:predict`;
    server.use(predict(ultra));
    const result = await run({
      prompt: 'p',
      model: 'google/imagen-4-ultra',
      n: 6,
      width: 768,
      height: 1024,
    });
    const bodies = seen.map((s) => JSON.parse(s.body).parameters);
    expect(bodies).toEqual([
      { sampleCount: 4, aspectRatio: '3:4' },
      { sampleCount: 2, aspectRatio: '3:4' },
    ]);
    expect(result.images).toHaveLength(6);
    expect(result.usage?.costUsd).toBeCloseTo(0.36, 10);
  });

  it('refuses more images than the catalogue allows before calling Google', async () => {
    const error = await failure(run({ prompt: 'p', model: 'google/imagen-4', n: 9 }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(seen).toEqual([]);
  });

  it('uses an injected baseURL and fetch', async () => {
    const base = 'https://gemini-proxy.example.test/v1beta';
    const fetched: string[] = [];
    server.use(predict(`${base}/models/imagen-4.0-generate-001:predict`));
    await run(
      { prompt: 'p', model: 'google/imagen-4' },
      {
        baseURL: `${base}/`,
        fetch: (input, init) => {
          fetched.push(input instanceof Request ? input.url : String(input));
          return globalThis.fetch(input, init);
        },
      },
    );
    expect(fetched).toEqual([`${base}/models/imagen-4.0-generate-001:predict`]);
  });

  it('turns a call whose every image the safety filter withheld into content_filtered', async () => {
    const reason =
      'Your current safety filter threshold filtered out the generated image. Try rephrasing the prompt. Support codes: 58061214';
    server.use(
      http.post(FAST, () => HttpResponse.json({ predictions: [{ raiFilteredReason: reason }] })),
    );
    const error = await failure(run({ prompt: 'p', model: 'google/imagen-4-fast' }));
    expect(error).toBeInstanceOf(ContentFilteredError);
    expect((error as ContentFilteredError).code).toBe('content_filtered');
    expect(error.message).toContain('58061214');
    // A verdict is final: asked once, not retried.
    expect(seen).toHaveLength(1);
  });

  it('keeps the images the filter let through and says how many it withheld', async () => {
    server.use(
      http.post(FAST, () =>
        HttpResponse.json({
          predictions: [
            { bytesBase64Encoded: png.toString('base64'), mimeType: 'image/png' },
            { raiFilteredReason: 'Filtered for safety. Support codes: 17301594' },
          ],
        }),
      ),
    );
    const result = await fast().doGenerate({ prompt: 'p', n: 2, aspectRatio: '1:1' });
    expect(result.images).toHaveLength(1);
    expect(result.warnings).toContainEqual({
      type: 'other',
      message: expect.stringMatching(/withheld 1 of 2 images: .*17301594/),
    });
  });

  it('maps a refused key (400 API_KEY_INVALID and 403) to authentication, key never shown', async () => {
    server.use(
      http.post(
        FAST,
        () =>
          googleError(
            400,
            'INVALID_ARGUMENT',
            `API key not valid. Please pass a valid API key. (${KEY})`,
            [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
          ),
        { once: true },
      ),
      http.post(FAST, () =>
        googleError(403, 'PERMISSION_DENIED', `Method doesn't allow unregistered callers: ${KEY}`),
      ),
    );
    for (const _ of [400, 403]) {
      const error = await failure(fast().doGenerate({ prompt: 'p', n: 1 }));
      expect(error).toBeInstanceOf(AuthenticationError);
      // The server answers an authentication error as server_misconfigured.
      expect((error as AuthenticationError).code).toBe('authentication');
      expect(error.message).toContain('GOOGLE_GENERATIVE_AI_API_KEY');
      expect(error.message).not.toContain(KEY);
    }
  });

  it('keeps a 400 that is not about the key as invalid_request, key scrubbed', async () => {
    server.use(
      http.post(FAST, () =>
        googleError(400, 'INVALID_ARGUMENT', `Invalid sampleCount for key ${KEY}`),
      ),
    );
    const error = await failure(fast().doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain('sampleCount');
    expect(error.message).not.toContain(KEY);
  });

  it('maps 429 to rate_limited with Retry-After, or with the retryDelay Google puts in the body', async () => {
    server.use(
      http.post(
        FAST,
        () =>
          HttpResponse.json(
            { error: { code: 429, message: 'Resource exhausted', status: 'RESOURCE_EXHAUSTED' } },
            { status: 429, headers: { 'retry-after': '9' } },
          ),
        { once: true },
      ),
      http.post(
        FAST,
        () =>
          googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', [
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '31s' },
          ]),
        { once: true },
      ),
      http.post(FAST, () => googleError(503, 'UNAVAILABLE', 'The model is overloaded.')),
    );
    const header = await failure(fast().doGenerate({ prompt: 'p', n: 1 }));
    expect(header).toBeInstanceOf(RateLimitedError);
    expect((header as RateLimitedError).retryAfterMs).toBe(9000);
    const body = await failure(fast().doGenerate({ prompt: 'p', n: 1 }));
    expect(body).toBeInstanceOf(RateLimitedError);
    expect((body as RateLimitedError).retryAfterMs).toBe(31_000);
    const down = await failure(fast().doGenerate({ prompt: 'p', n: 1 }));
    expect(down).toBeInstanceOf(ProviderError);
    expect((down as ProviderError).retryable).toBe(true);
  });

  it('passes an abort on to the request Google is serving', async () => {
    const controller = new AbortController();
    let abortedAtGoogle = false;
    server.use(
      http.post(FAST, async ({ request }) => {
        controller.abort();
        await new Promise<void>((resolve) => {
          if (request.signal.aborted) resolve();
          request.signal.addEventListener('abort', () => resolve());
        });
        abortedAtGoogle = request.signal.aborted;
        return HttpResponse.json({ predictions: [] });
      }),
    );
    const error = await failure(
      run({ prompt: 'p', model: 'google/imagen-4-fast' }, {}, controller.signal),
    );
    expect(error).toBeInstanceOf(CanceledError);
    expect(abortedAtGoogle).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('serves an Imagen id outside the catalogue with Imagen limits', async () => {
    const preview = `${BASE}/models/imagen-4.0-generate-preview-06-06:predict`;
    server.use(predict(preview));
    const model = createGoogleImages({ apiKey: KEY }).imageModel(
      'imagen-4.0-generate-preview-06-06',
    );
    expect(model.maxImagesPerCall).toBe(4);
    const result = await model.doGenerate({ prompt: 'p', n: 3, aspectRatio: '9:16' });
    expect(result.images).toHaveLength(3);
    expect(JSON.parse(seen[0]?.body ?? '').parameters).toEqual({
      sampleCount: 3,
      aspectRatio: '9:16',
    });
  });

  it('is live only with a key', () => {
    const saved = process.env.GOOGLE_GENERATIVE_AI_API_KEY;
    delete process.env.GOOGLE_GENERATIVE_AI_API_KEY;
    try {
      expect(createGoogleImages().isConfigured?.()).toBe(false);
      expect(createGoogleImages({ apiKey: '  ' }).isConfigured?.()).toBe(false);
      expect(createGoogleImages({ apiKey: KEY }).isConfigured?.()).toBe(true);
    } finally {
      if (saved !== undefined) process.env.GOOGLE_GENERATIVE_AI_API_KEY = saved;
    }
  });
});
