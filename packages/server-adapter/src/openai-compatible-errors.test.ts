// The OpenAI-compatible endpoint's failure paths as the official `openai` client sees them:
// every error in OpenAI's shape (wrong method, unknown route, 413, 502...), `stream: true`
// refused, `x-should-retry` obeyed (one upstream create for a non-retryable 502), and an `n`
// shortfall reported.
import {
  createReplicate,
  type ImageModelCallOptions,
  type ImageProvider,
} from '@medialoft/ai-connect';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import { errorResponse } from './errors';
import type { ImageServerOptions } from './options';
import { fakeProviders, fakeRegistry, tinyPng } from './testing/fakes';

const API = 'https://replicate.test/v1';
const upstream = setupServer();
let creates = 0;
beforeAll(() => upstream.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  upstream.resetHandlers();
  creates = 0;
});
afterAll(() => upstream.close());

const quiet = { info() {}, warn() {}, error() {} };

function gateway(options: Partial<ImageServerOptions> = {}, maxRetries = 0) {
  const app = createImageServer({
    providers: fakeProviders().providers,
    registry: fakeRegistry(),
    logger: quiet,
    rateLimit: false,
    ...options,
  });
  const openai = new OpenAI({
    apiKey: 'unused',
    baseURL: 'http://gateway.test/v1',
    maxRetries,
    fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))),
  });
  return { app, openai };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as InstanceType<typeof OpenAI.APIError>,
  );

/** Replicate answering every create with `status` (counted). */
function replicateFailing(status: number) {
  upstream.use(
    http.post(`${API}/predictions`, () => {
      creates++;
      return HttpResponse.json({ title: 'Upstream trouble', status }, { status });
    }),
  );
  return {
    replicate: createReplicate({ apiToken: 'r8_gatewaytesttoken000000000', baseUrl: API }),
  };
}

describe('OpenAI-compatible errors', () => {
  it('answers a wrong method with 405 in OpenAI’s shape, with Allow', async () => {
    const { app } = gateway();
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await app.request('/v1/images/generations', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(res.headers.get('x-should-retry')).toBe('false');
      expect(await res.json()).toEqual({
        error: {
          message: expect.stringContaining('POST'),
          type: 'invalid_request_error',
          code: 'method_not_allowed',
          param: null,
        },
      });
    }
  });

  it('answers an unknown route under /v1 with 404 in OpenAI’s shape (NotFoundError)', async () => {
    const { app, openai } = gateway();
    const error = await rejection(openai.models.list());
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.type).toBe('not_found_error');
    const res = await app.request('/v1/images/variations', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    // The rest of the server keeps its own shape.
    const api = await app.request('/api/ai/nothing');
    expect(((await api.json()) as { error: { requestId?: string } }).error.requestId).toBeTypeOf(
      'string',
    );
  });

  it('answers a body over the limit with 413 in OpenAI’s shape', async () => {
    const { openai } = gateway({ limits: { maxBodyBytes: 1024 } });
    const error = await rejection(openai.images.generate({ prompt: 'x'.repeat(5000) }));
    expect(error.status).toBe(413);
    expect(error.type).toBe('invalid_request_error');
    expect(error.code).toBe('payload_too_large');
  });

  it('re-shapes the auth hook’s refusal (built with errorResponse) into OpenAI’s shape', async () => {
    const { app } = gateway({
      authorize: (c) => errorResponse(c, 403, 'This key may not generate images.'),
    });
    const res = await app.request('/v1/images/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'p' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-should-retry')).toBe('false');
    expect(await res.json()).toEqual({
      error: {
        message: 'This key may not generate images.',
        type: 'permission_error',
        code: 'forbidden',
        param: null,
      },
    });
  });

  it('answers a generation past timeoutMs with 504 in OpenAI’s shape, retryable', async () => {
    const { openai } = gateway({
      providers: fakeProviders({ delayMs: 5_000 }).providers,
      timeoutMs: 30,
    });
    const error = await rejection(openai.images.generate({ model: 'fake/model', prompt: 'p' }));
    expect(error.status).toBe(504);
    expect(error.type).toBe('server_error');
    expect(error.code).toBe('timeout');
    expect(error.headers?.get('x-should-retry')).toBe('true');
  });

  it('refuses stream: true with 400 and param "stream"', async () => {
    const { openai } = gateway();
    const error = await rejection(
      openai.images.generate({
        prompt: 'p',
        model: 'gpt-image-1',
        stream: true,
      }) as Promise<unknown>,
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe('stream');
  });

  it('sends one create for a non-retryable 502, the client obeying x-should-retry: false', async () => {
    const { openai } = gateway(
      { providers: replicateFailing(500), generateOptions: { maxRetries: 0 } },
      2,
    );
    const error = await rejection(openai.images.generate({ model: 'replicate/sdxl', prompt: 'p' }));
    expect(error.status).toBe(502);
    expect(error.type).toBe('server_error');
    expect(error.code).toBe('provider_error');
    expect(error.headers?.get('x-should-retry')).toBe('false');
    expect(creates).toBe(1);
  });

  it('says x-should-retry: true for a retryable failure, and the client retries it', async () => {
    const { openai } = gateway(
      { providers: replicateFailing(503), generateOptions: { maxRetries: 0 } },
      1,
    );
    const error = await rejection(openai.images.generate({ model: 'replicate/sdxl', prompt: 'p' }));
    expect(error.status).toBe(502);
    expect(error.headers?.get('x-should-retry')).toBe('true');
    expect(creates).toBe(2);
  });

  it('reports an n shortfall in headers and a warnings field', async () => {
    const png = await tinyPng();
    const stingy: ImageProvider = {
      name: 'fake',
      imageModel: (modelId) => ({
        specificationVersion: 'v1',
        provider: 'fake',
        modelId,
        maxImagesPerCall: 4,
        doGenerate: async (_call: ImageModelCallOptions) => ({
          images: [{ bytes: png, mediaType: 'image/png', width: 32, height: 24 }],
          warnings: [],
          response: { timestamp: new Date(0), modelId },
        }),
      }),
    };
    const { openai } = gateway({ providers: { fake: stingy } });
    const { data, response } = await openai.images
      .generate({ model: 'fake/model', prompt: 'p', n: 3 })
      .withResponse();
    expect(data.data).toHaveLength(1);
    expect(response.headers.get('x-ai-images')).toBe('1');
    expect(response.headers.get('x-ai-images-requested')).toBe('3');
    const warnings = (data as unknown as { warnings?: Array<{ type: string; message: string }> })
      .warnings;
    expect(warnings?.[0]).toEqual({
      type: 'fewer_images',
      message: '1 of the 3 images asked for were made.',
    });

    const full = await openai.images
      .generate({ model: 'fake/model', prompt: 'p', n: 1 })
      .withResponse();
    expect(full.response.headers.get('x-ai-images-requested')).toBe('1');
    expect((full.data as unknown as { warnings?: unknown }).warnings).toBeUndefined();
  });
});
