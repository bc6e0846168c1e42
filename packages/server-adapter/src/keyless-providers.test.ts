// The README's server snippets with no key anywhere: `createReplicate()` without a token is
// passed in, yet only the keyless local model is live, the default, and what generates.
import { createLocalProvider, createReplicate, sniffImageType } from '@medialoft/ai-connect';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createImageServer } from './app';
import { errorBodySchema, healthResponseSchema, modelsResponseSchema } from './protocol';

const silent = { info() {}, warn() {}, error() {} };

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The snippet's providers, with a fetch that records any attempt to reach Replicate. */
function keylessApp() {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    throw new Error('Replicate must not be called without a token');
  }) as typeof globalThis.fetch;
  const app = createImageServer({
    providers: { replicate: createReplicate({ fetch }), local: createLocalProvider() },
    logger: silent,
    rateLimit: false,
  });
  return { app, calls };
}

const generate = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'image/*' },
  body: JSON.stringify(body),
});

describe('createReplicate() with no token and no REPLICATE_API_TOKEN', () => {
  it('lists Replicate as not live and the local model as the default', async () => {
    vi.stubEnv('REPLICATE_API_TOKEN', undefined);
    const { app } = keylessApp();
    const models = modelsResponseSchema.parse(await (await app.request('/api/ai/models')).json());
    expect(models.defaultModel).toBe('local/placeholder');
    const live = Object.fromEntries(models.models.map((m) => [m.id, m.live]));
    expect(live).toMatchObject({
      'replicate/sdxl': false,
      'replicate/flux-schnell': false,
      'local/placeholder': true,
    });
    const health = healthResponseSchema.parse(await (await app.request('/api/ai/health')).json());
    expect(health.liveProviders).toEqual(['local']);
  });

  it('generates with the local model when none is named, never calling Replicate', async () => {
    vi.stubEnv('REPLICATE_API_TOKEN', undefined);
    const { app, calls } = keylessApp();
    const res = await app.request('/api/ai/images/generate', generate({ prompt: 'a lighthouse' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-model')).toBe('local/placeholder');
    expect(sniffImageType(new Uint8Array(await res.arrayBuffer()))).toBe('image/png');
    expect(calls).toEqual([]);
  });

  it('answers a Replicate model with 400 invalid_request, not 502 server_misconfigured', async () => {
    vi.stubEnv('REPLICATE_API_TOKEN', undefined);
    const { app, calls } = keylessApp();
    const res = await app.request(
      '/api/ai/images/generate',
      generate({ prompt: 'a lighthouse', model: 'replicate/sdxl' }),
    );
    expect(res.status).toBe(400);
    const { error } = errorBodySchema.parse(await res.json());
    expect(error).toMatchObject({ code: 'invalid_request', field: 'model' });
    expect(calls).toEqual([]);
  });

  it('turns Replicate live once REPLICATE_API_TOKEN is in the environment', async () => {
    vi.stubEnv('REPLICATE_API_TOKEN', 'r8_from_env_for_this_test');
    const { app } = keylessApp();
    const models = modelsResponseSchema.parse(await (await app.request('/api/ai/models')).json());
    expect(models.defaultModel).toBe('replicate/sdxl');
  });
});
