// Every route and status of the app through app.request(), with a scriptable fake provider
// for generic server behaviour and the keyless local generator for the real happy path.
import {
  AuthenticationError,
  ContentFilteredError,
  OutputNotImageError,
  ProviderError,
  RateLimitedError,
  sniffImageType,
} from '@medialoft/ai-connect';
import { describe, expect, it, vi } from 'vitest';
import { createImageServer } from './app';
import { errorResponse } from './errors';
import type { ImageServerOptions } from './options';
import {
  errorBodySchema,
  estimateResponseSchema,
  generateResponseSchema,
  healthResponseSchema,
  modelsResponseSchema,
} from './protocol';
import { fakeProviders, fakeRegistry } from './testing/fakes';

const silent = { info() {}, warn() {}, error() {} };

function makeApp(overrides: Partial<ImageServerOptions> = {}, fakeOptions = {}) {
  const { fake, providers } = fakeProviders(fakeOptions);
  const app = createImageServer({
    providers,
    registry: fakeRegistry(),
    logger: silent,
    rateLimit: false,
    generateOptions: { maxRetries: 0 },
    ...overrides,
  });
  return { app, fake };
}

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = errorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  return body.error;
}

describe('GET /health and /models', () => {
  it('reports live providers and every model with limits, defaults, cost and liveness', async () => {
    const { app } = makeApp({ limits: { maxWidth: 1024 } });
    const health = healthResponseSchema.parse(await (await app.request('/api/ai/health')).json());
    expect(health.liveProviders.sort()).toEqual(['fake', 'local']);

    const res = await app.request('/api/ai/models');
    expect(res.status).toBe(200);
    const body = modelsResponseSchema.parse(await res.json());
    expect(body.defaultModel).toBe('fake/model');
    const byId = Object.fromEntries(body.models.map((m) => [m.id, m]));
    expect(byId['fake/model']).toMatchObject({
      live: true,
      provider: 'fake',
      costPerImageUsd: 0.01,
    });
    expect(byId['fake/model']?.limits.maxWidth).toBe(1024);
    expect(byId['local/placeholder']).toMatchObject({ live: true, placeholder: true });
    expect(byId['replicate/sdxl']).toMatchObject({ live: false, provider: 'replicate' });
    expect(byId['openai/gpt-image-1']?.live).toBe(false);
  });
});

describe('POST /images/generate', () => {
  it('answers the first image as raw bytes by default, with the x-ai-* headers', async () => {
    const { app, fake } = makeApp();
    const res = await app.request(
      '/api/ai/images/generate',
      post({ prompt: 'a fox', width: 32, height: 24, seed: 5, steps: 10, negativePrompt: 'x' }),
    );
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(sniffImageType(bytes)).toBe('image/png');
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-ai-provider')).toBe('fake');
    expect(res.headers.get('x-ai-model')).toBe('fake/model');
    expect(res.headers.get('x-ai-seed')).toBe('5');
    expect(res.headers.get('x-ai-steps')).toBe('10');
    expect(res.headers.get('x-ai-cost-usd')).toBe('0.01');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(fake.state.calls[0]).toMatchObject({ prompt: 'a fox', seed: 5, negativePrompt: 'x' });
  });

  it('serves the keyless local generator end to end', async () => {
    const { app } = makeApp();
    const res = await app.request(
      '/api/ai/images/generate',
      post({ prompt: 'a lighthouse', width: 128, height: 96, model: 'local/placeholder' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-provider')).toBe('local');
    expect(res.headers.get('x-ai-width')).toBe('128');
    expect(sniffImageType(new Uint8Array(await res.arrayBuffer()))).toBeDefined();
  });

  it('answers every image as base64 JSON with metadata for Accept: application/json', async () => {
    const { app } = makeApp({ now: () => 1_700_000_000_000 });
    const res = await app.request(
      '/api/ai/images/generate',
      post(
        { prompt: 'two foxes', width: 32, height: 24, n: 2, seed: 10 },
        { accept: 'application/json' },
      ),
    );
    expect(res.status).toBe(200);
    const body = generateResponseSchema.parse(await res.json());
    expect(body.images).toHaveLength(2);
    expect(body.images[0]?.metadata).toMatchObject({
      provider: 'fake',
      model: 'fake/model',
      prompt: 'two foxes',
      seed: 10,
      width: 32,
      height: 24,
      createdAt: 1_700_000_000_000,
      costUsd: 0.01,
      requestId: body.requestId,
    });
    expect(body.usage).toMatchObject({ images: 2, costUsd: 0.02 });
    const decoded = Uint8Array.from(Buffer.from(body.images[1]!.base64, 'base64'));
    expect(sniffImageType(decoded)).toBe('image/png');
  });

  it('streams progress, then images, then done for Accept: text/event-stream', async () => {
    const { app } = makeApp({}, { delayMs: 20 });
    const res = await app.request(
      '/api/ai/images/generate',
      post({ prompt: 'stream', width: 32, height: 24, n: 2 }, { accept: 'text/event-stream' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    const firstImage = events.indexOf('image');
    expect(events.slice(0, firstImage).every((e) => e === 'progress')).toBe(true);
    expect(firstImage).toBeGreaterThan(0);
    expect(events.filter((e) => e === 'image')).toHaveLength(2);
    expect(events.at(-1)).toBe('done');
    expect(text).toMatch(/"stage":"processing","percent":\d+/);
  });

  it('fills in the model defaults when width and height are left out', async () => {
    const { app, fake } = makeApp();
    const res = await app.request('/api/ai/images/generate', post({ prompt: 'defaults' }));
    expect(res.status).toBe(200);
    expect(fake.state.calls[0]?.size).toEqual({ width: 32, height: 24 });
  });
});

describe('POST /images/estimate', () => {
  it('prices a request without calling the provider', async () => {
    const { app, fake } = makeApp();
    const res = await app.request(
      '/api/ai/images/estimate',
      post({ prompt: 'p', width: 32, height: 24, n: 3 }),
    );
    expect(res.status).toBe(200);
    expect(estimateResponseSchema.parse(await res.json())).toEqual({
      model: 'fake/model',
      provider: 'fake',
      images: 3,
      width: 32,
      height: 24,
      estimatedUsd: 0.03,
    });
    expect(fake.state.calls).toHaveLength(0);
  });

  it('rejects an unknown model with 400 naming the field', async () => {
    const { app } = makeApp();
    const res = await app.request('/api/ai/images/estimate', post({ prompt: 'p', model: 'nope' }));
    expect((await expectError(res, 400, 'invalid_request')).field).toBe('model');
  });
});

describe('input errors are 4xx in the JSON error shape', () => {
  const { app } = makeApp({ limits: { maxBodyBytes: 1024, maxN: 2 } });
  const gen = (init: RequestInit) => app.request('/api/ai/images/generate', init);

  it.each([
    ['malformed JSON', post('{"prompt": '), undefined],
    ['an empty body', post(''), undefined],
    ['a JSON array', post([1, 2]), undefined],
    ['a missing prompt', post({ width: 32 }), 'prompt'],
    ['a string width', post({ prompt: 'p', width: '32' }), 'width'],
    ['a fractional height', post({ prompt: 'p', height: 12.5 }), 'height'],
    ['a huge width', post({ prompt: 'p', width: 1e300 }), 'width'],
    ['a negative seed', post({ prompt: 'p', seed: -1 }), 'seed'],
    ['an empty prompt', post({ prompt: '   ' }), 'prompt'],
    ['n over the server limit', post({ prompt: 'p', n: 3 }), 'n'],
    ['width below the model minimum', post({ prompt: 'p', width: 8, height: 24 }), 'width'],
    ['steps over the model maximum', post({ prompt: 'p', steps: 51 }), 'steps'],
    ['an unknown model', post({ prompt: 'p', model: 'acme/none' }), 'model'],
    ['a model whose provider has no key', post({ prompt: 'p', model: 'replicate/sdxl' }), 'model'],
  ])('400 for %s', async (_name, init, field) => {
    const error = await expectError(await gen(init), 400, 'invalid_request');
    expect(error.field).toBe(field);
    expect(error.retryable).toBe(false);
  });

  it('says in its own words which limit a request broke and what the model accepts', async () => {
    // The model's limits are the server's words, not a provider's: they reach the caller as
    // they are, unlike provider text, which is replaced by a typed message.
    const error = await expectError(
      await gen(post({ prompt: 'p', width: 8, height: 24 })),
      400,
      'invalid_request',
    );
    expect(error.message).toMatch(/width/);
    expect(error.message).toMatch(/\d+/);
    expect(error.message).not.toMatch(/refused the request as invalid|server log/);
  });

  it('413 for a body over the limit, with or without Content-Length', async () => {
    const big = JSON.stringify({ prompt: 'x'.repeat(2000) });
    await expectError(await gen(post(big)), 413, 'payload_too_large');
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const res = await gen({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    await expectError(res, 413, 'payload_too_large');
  });

  it('415 for a body that is not JSON', async () => {
    await expectError(
      await gen({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }),
      415,
      'unsupported_media_type',
    );
    await expectError(await gen({ method: 'POST', body: '{}' }), 415, 'unsupported_media_type');
  });

  it('404 for unknown routes and wrong methods', async () => {
    await expectError(await app.request('/api/ai/nope'), 404, 'not_found');
    await expectError(await app.request('/api/ai/images/generate'), 404, 'not_found');
  });
});

describe('auth hook', () => {
  it('passes the hook’s 401/403 through and the user id on to usage', async () => {
    const onUsage = vi.fn();
    const { app } = makeApp({
      onUsage,
      authorize: (c) => {
        const auth = c.req.header('authorization');
        if (!auth) return errorResponse(c, 401, 'Sign in to generate images.');
        if (auth === 'Bearer banned') return errorResponse(c, 403, 'Not allowed.');
        return auth.slice('Bearer '.length);
      },
    });
    const body = { prompt: 'p', width: 32, height: 24 };
    await expectError(
      await app.request('/api/ai/images/generate', post(body)),
      401,
      'unauthorized',
    );
    await expectError(
      await app.request('/api/ai/images/generate', post(body, { authorization: 'Bearer banned' })),
      403,
      'forbidden',
    );
    await expectError(await app.request('/api/ai/models'), 401, 'unauthorized');
    expect((await app.request('/api/ai/health')).status).toBe(200);

    const ok = await app.request(
      '/api/ai/images/generate',
      post(body, { authorization: 'Bearer ada' }),
    );
    expect(ok.status).toBe(200);
    expect(onUsage).toHaveBeenCalledWith(
      expect.objectContaining({
        userId: 'ada',
        provider: 'fake',
        model: 'fake/model',
        images: 1,
        costUsd: 0.01,
        requestId: ok.headers.get('x-request-id'),
      }),
    );
  });
});

describe('provider failures map by error code', () => {
  it.each([
    [
      new AuthenticationError('Replicate said: invalid token r8_abcdefghijklmnopqrstuvwxyz'),
      502,
      'server_misconfigured',
    ],
    [new ContentFilteredError('The prompt was flagged.'), 422, 'content_filtered'],
    [new ProviderError('Upstream 500', { retryable: true, status: 500 }), 502, 'provider_error'],
    [new OutputNotImageError('Not an image'), 502, 'output_not_image'],
    [new RateLimitedError('Slow down', { retryAfterMs: 7000 }), 429, 'rate_limited'],
  ])('%s → %i %s', async (failure, status, code) => {
    const { app } = makeApp({}, { fail: failure });
    const res = await app.request('/api/ai/images/generate', post({ prompt: 'p' }));
    const error = await expectError(res, status, code);
    if (status === 429) expect(res.headers.get('retry-after')).toBe('7');
    if (code === 'server_misconfigured') {
      expect(error.message).not.toContain('r8_');
      expect(error.message).not.toMatch(/token/i);
    }
  });

  it('times out with 504 and aborts the provider call', async () => {
    // The provider would take a minute: only the 30 ms deadline can answer within the test.
    const { app, fake } = makeApp({ timeoutMs: 30 }, { delayMs: 60_000 });
    const res = await app.request('/api/ai/images/generate', post({ prompt: 'slow' }));
    await expectError(res, 504, 'timeout');
    expect(fake.state.aborted).toBe(1);
  });

  it('a bug in a hook is a 500 internal_error without details', async () => {
    const { app } = makeApp({
      authorize: () => {
        throw new Error('database password hunter2 leaked');
      },
    });
    const res = await app.request('/api/ai/models');
    const error = await expectError(res, 500, 'internal_error');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('limits', () => {
  it('rate-limits per user with RateLimit-* headers and 429 + Retry-After', async () => {
    const { app } = makeApp({
      rateLimit: { points: 2, durationSec: 60 },
      authorize: (c) => c.req.header('x-user') ?? undefined,
    });
    const send = (user: string) =>
      app.request('/api/ai/images/generate', post({ prompt: 'p' }, { 'x-user': user }));
    const first = await send('a');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect(first.headers.get('ratelimit-policy')).toBe('2;w=60');
    expect((await send('a')).status).toBe(200);
    const third = await send('a');
    const error = await expectError(third, 429, 'rate_limited');
    expect(error.retryable).toBe(true);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(third.headers.get('ratelimit-remaining')).toBe('0');
    expect((await send('b')).status).toBe(200);
  });

  it('caps concurrent generations per provider: a short queue waits, beyond it 429 server_busy', async () => {
    const { app, fake } = makeApp({ concurrency: { perProvider: 1, queue: 1 } }, { delayMs: 80 });
    const send = () => app.request('/api/ai/images/generate', post({ prompt: 'p' }));
    const results = await Promise.all([send(), send(), send()]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const busy = results.find((r) => r.status === 429)!;
    await expectError(busy, 429, 'server_busy');
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(fake.state.calls).toHaveLength(2);
  });

  it('refuses an event stream with a 429 status (not a 200 stream) when the server is full', async () => {
    const { app } = makeApp({ concurrency: { perProvider: 1, queue: 0 } }, { delayMs: 200 });
    const first = app.request('/api/ai/images/generate', post({ prompt: 'p' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const streamed = await app.request(
      '/api/ai/images/generate',
      post({ prompt: 'p' }, { accept: 'text/event-stream' }),
    );
    await expectError(streamed, 429, 'server_busy');
    expect((await first).status).toBe(200);
  });
});

describe('HTTP hygiene', () => {
  it('answers CORS preflights for allowed origins only and exposes the x-ai-* headers', async () => {
    const { app } = makeApp({ allowedOrigins: ['https://app.example.com'] });
    const preflight = await app.request('/api/ai/images/generate', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');

    const res = await app.request(
      '/api/ai/images/generate',
      post({ prompt: 'p' }, { origin: 'https://app.example.com' }),
    );
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const exposed = res.headers.get('access-control-expose-headers')?.toLowerCase() ?? '';
    for (const h of ['x-ai-provider', 'x-ai-model', 'x-ai-seed', 'x-request-id']) {
      expect(exposed).toContain(h);
    }
    const foreign = await app.request('/api/ai/models', {
      headers: { origin: 'https://evil.test' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows loopback dev origins by default', async () => {
    const { app } = makeApp();
    const res = await app.request('/api/ai/models', {
      headers: { origin: 'http://localhost:5173' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('sets secure headers and keeps a well-formed incoming request id', async () => {
    const { app } = makeApp();
    const res = await app.request('/api/ai/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const odd = await app.request('/api/ai/health', { headers: { 'x-request-id': 'bad id!' } });
    expect(odd.headers.get('x-request-id')).not.toBe('bad id!');
  });

  it('honours a custom base path', async () => {
    const { app } = makeApp({ basePath: '/ai/' });
    expect((await app.request('/ai/health')).status).toBe(200);
    expect((await app.request('/api/ai/health')).status).toBe(404);
  });

  it('runs behind a plain fetch handler, as a Next.js route handler would mount it', async () => {
    const { app } = makeApp();
    // app/api/ai/[...path]/route.ts: export const POST = (req: Request) => app.fetch(req);
    const POST = (req: Request) => app.fetch(req);
    const res = await POST(
      new Request('https://host.example/api/ai/images/generate', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ prompt: 'from next', width: 32, height: 24 }),
      }),
    );
    expect(res.status).toBe(200);
    expect(generateResponseSchema.parse(await res.json()).images).toHaveLength(1);
    const GET = (req: Request) => app.fetch(req);
    expect((await GET(new Request('https://host.example/api/ai/models'))).status).toBe(200);
  });
});
