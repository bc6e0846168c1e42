// createServerFromEnv (what `pnpm server` runs) and the no-key-leaks rule: with fake provider
// keys in the environment, no response body, header or log line ever contains one.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLogger, createRedactor, REDACTED } from './log';
import { modelsResponseSchema } from './protocol';
import { createServerFromEnv } from './server-from-env';

const REPLICATE_TOKEN = 'r8_LEAKCHECK_0123456789abcdefXYZ';
const OPENAI_KEY = 'sk-proj-LEAKCHECK-abcdefghijklmnop0123';
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

describe('createRedactor', () => {
  it('removes configured secrets and well-known token shapes', () => {
    const redact = createRedactor(['my-own-secret-value', undefined, 'abc']);
    expect(redact('x my-own-secret-value y')).toBe(`x ${REDACTED} y`);
    expect(redact('abc is too short to be a key')).toBe('abc is too short to be a key');
    expect(redact('token r8_abcdefghijklmnopqrstu here')).toBe(`token ${REDACTED} here`);
    expect(redact('key sk-abcdefghijklmnopqrstuvwx')).toBe(`key ${REDACTED}`);
    expect(redact('Authorization: Bearer abc.def-ghi_jkl')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(redact('redis://user:pa55word@cache:6379/0')).toBe(`redis://${REDACTED}@cache:6379/0`);
  });

  it('the JSON logger redacts messages and nested fields', () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ secrets: ['hunter2hunter2'], write: (l) => lines.push(l) });
    logger.error('failed with hunter2hunter2', { nested: { why: ['hunter2hunter2'] }, n: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('hunter2hunter2');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', n: 1 });
  });
});

describe('createServerFromEnv', () => {
  it('with no keys, serves the local generator and says which providers are live', async () => {
    const server = createServerFromEnv({}, { logger: { info() {}, warn() {}, error() {} } });
    expect(server.port).toBe(8787);
    // Loopback only unless HOST says otherwise: the server spends provider credit.
    expect(server.hostname).toBe('127.0.0.1');
    expect(server.liveProviders).toEqual(['local']);
    const models = modelsResponseSchema.parse(
      await (await server.app.request('/api/ai/models')).json(),
    );
    expect(models.defaultModel).toBe('local/placeholder');
    expect(models.models.filter((m) => m.live).map((m) => m.id)).toEqual(['local/placeholder']);
    const res = await server.app.request('/api/ai/images/generate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a kite', width: 64, height: 64 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-model')).toBe('local/placeholder');
    expect(res.headers.get('ratelimit-limit')).toBe('60');
    await server.close();
  });

  it('reads PORT, HOST, origins, rate limits and base path; rejects nonsense numbers', async () => {
    const server = createServerFromEnv(
      {
        PORT: '9999',
        HOST: '0.0.0.0',
        ALLOWED_ORIGINS: 'https://a.example, https://b.example',
        RATE_LIMIT_REQUESTS: '0',
        BASE_PATH: '/ai',
      },
      { logger: { info() {}, warn() {}, error() {} } },
    );
    expect(server.port).toBe(9999);
    expect(server.hostname).toBe('0.0.0.0');
    const res = await server.app.request('/ai/health', {
      headers: { origin: 'https://b.example' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://b.example');
    const gen = await server.app.request('/ai/images/estimate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prompt":"p"}',
    });
    expect(gen.headers.get('ratelimit-limit')).toBeNull();
    expect(() => createServerFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('never lets a provider key reach a response, a header or a log line', async () => {
    // The worst case: a provider that echoes the key back in its error bodies.
    msw.use(
      http.post('https://api.replicate.com/v1/predictions', ({ request }) =>
        HttpResponse.json(
          { detail: `Invalid token: ${request.headers.get('authorization')}`, status: 401 },
          { status: 401 },
        ),
      ),
      http.post('https://api.replicate.com/v1/models/:owner/:name/predictions', ({ request }) =>
        HttpResponse.json(
          { detail: `Server error for ${request.headers.get('authorization')}` },
          { status: 500 },
        ),
      ),
      http.post('https://api.openai.com/v1/images/generations', ({ request }) =>
        HttpResponse.json(
          {
            error: {
              message: `Incorrect API key provided: ${request.headers.get('authorization')}`,
              type: 'invalid_request_error',
              code: 'invalid_api_key',
            },
          },
          { status: 401 },
        ),
      ),
    );
    const lines: string[] = [];
    const env = { REPLICATE_API_TOKEN: REPLICATE_TOKEN, OPENAI_API_KEY: OPENAI_KEY };
    // The default logger (JSON lines, redacted), captured instead of printed.
    const captured = createJsonLogger({ write: (l) => lines.push(l) });
    const server = createServerFromEnv(env, { logger: captured });
    expect(server.liveProviders.sort()).toEqual(['local', 'openai', 'replicate']);

    const json = (body: unknown, accept = 'application/json') => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify(body),
    });
    const responses = await Promise.all([
      server.app.request('/api/ai/health'),
      server.app.request('/api/ai/models'),
      server.app.request('/api/ai/images/generate', json({ prompt: 'p', model: 'replicate/sdxl' })),
      server.app.request(
        '/api/ai/images/generate',
        json({ prompt: 'p', model: 'replicate/flux-schnell' }),
      ),
      server.app.request(
        '/api/ai/images/generate',
        json({ prompt: 'p', model: 'replicate/sdxl' }, 'text/event-stream'),
      ),
      server.app.request(
        '/api/ai/images/generate',
        json({ prompt: 'p', model: 'openai/gpt-image-1' }),
      ),
      server.app.request('/v1/images/generations', json({ prompt: 'p', model: 'gpt-image-1' })),
      server.app.request('/api/ai/images/generate', json({ prompt: 'p', model: 'nope' })),
    ]);
    const statuses = responses.map((r) => r.status);
    expect(statuses).toEqual([200, 200, 502, 502, 200, 502, 502, 400]);

    let everything = lines.join('\n');
    for (const res of responses) {
      everything += `\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
      everything += `\n${await res.text()}`;
    }
    expect(everything).toContain('server_misconfigured');
    for (const secret of [REPLICATE_TOKEN, OPENAI_KEY, 'LEAKCHECK']) {
      expect(everything).not.toContain(secret);
    }
    expect(lines.length).toBeGreaterThan(5);
    await server.close();
  });
});
