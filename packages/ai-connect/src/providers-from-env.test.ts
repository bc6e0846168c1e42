import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateImages } from './generate';
import { providersFromEnv } from './providers-from-env';
import { defaultRegistry } from './registry';
import { ProviderError } from './spec/errors';

// A loopback stand-in for both hosted APIs, so the test shows the variables reach the wire.
let server: Server;
let origin: string;
let png: Buffer;
const seen: Array<{
  method?: string;
  url?: string;
  authorization?: string;
  googleKey?: string;
  bflKey?: string;
  body: string;
}> = [];

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

beforeAll(async () => {
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#00f' } })
    .png()
    .toBuffer();
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const { authorization, 'x-goog-api-key': googleKey, 'x-key': bflKey } = req.headers;
    seen.push({
      method: req.method,
      url: req.url,
      authorization,
      body,
      googleKey: String(googleKey),
      bflKey: String(bflKey),
    });
    if (req.url === '/out.png') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    } else if (req.url?.startsWith('/replicate/v1/predictions')) {
      const prediction = {
        id: 'pred-1',
        status: 'succeeded',
        output: [`${origin}/out.png`],
        logs: '',
        metrics: { predict_time: 1.5 },
        urls: {
          get: `${origin}/replicate/v1/predictions/pred-1`,
          cancel: `${origin}/replicate/v1/predictions/pred-1/cancel`,
        },
      };
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(prediction));
    } else if (req.url === '/fal/fal-ai/flux/schnell') {
      const answer = { images: [{ url: `${origin}/out.png`, content_type: 'image/png' }], seed: 1 };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } else if (req.url === '/google/models/imagen-4.0-fast-generate-001:predict') {
      const predictions = [{ bytesBase64Encoded: png.toString('base64'), mimeType: 'image/png' }];
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ predictions }));
    } else if (req.url === '/bfl/v1/flux-pro-1.1') {
      const task = { id: 't1', polling_url: `${origin}/bfl/v1/get_result?id=t1` };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(task));
    } else if (req.url === '/bfl/v1/get_result?id=t1') {
      const status = { id: 't1', status: 'Ready', result: { sample: `${origin}/out.png` } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(status));
    } else if (req.url === '/together/v1/images/generations') {
      const data = [{ index: 0, b64_json: png.toString('base64'), type: 'b64_json' }];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
    } else if (req.url === '/deepinfra/v1/inference/black-forest-labs/FLUX-1-schnell') {
      const images = [`data:image/png;base64,${png.toString('base64')}`];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ images }));
    } else if (req.url === '/openai/v1/images/generations') {
      const data = [{ b64_json: png.toString('base64') }];
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ created: 1, data }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  vi.useRealTimers();
});

describe('providersFromEnv', () => {
  it('serves only the local generator with no keys', () => {
    const { providers, live } = providersFromEnv({});
    expect(live).toEqual(['local']);
    expect(providers.local?.name).toBe('local');
    expect(defaultRegistry.defaultModel(live).id).toBe('local/placeholder');
  });

  it('adds Replicate when REPLICATE_API_TOKEN is set, making SDXL the default', () => {
    const { providers, live } = providersFromEnv({ REPLICATE_API_TOKEN: 'r8_test' });
    expect(live).toEqual(['replicate', 'local']);
    expect(providers.replicate?.name).toBe('replicate');
    expect(providers.replicate?.imageModel('black-forest-labs/flux-schnell').provider).toBe(
      'replicate',
    );
    expect(defaultRegistry.defaultModel(live).id).toBe('replicate/sdxl');
  });

  it('adds OpenAI when OPENAI_API_KEY is set', () => {
    const { providers, live } = providersFromEnv({ OPENAI_API_KEY: 'sk-test' });
    expect(live).toEqual(['openai', 'local']);
    expect(providers.openai?.name).toBe('openai');
    expect(providers.openai?.imageModel('gpt-image-1').provider).toBe('openai');
    expect(defaultRegistry.defaultModel(live).id).toBe('openai/gpt-image-1');
  });

  it('adds fal when FAL_KEY is set, listing its models as live; without it fal is never the default', () => {
    const { providers, live } = providersFromEnv({ FAL_KEY: 'fal_test' });
    expect(live).toEqual(['fal', 'local']);
    expect(providers.fal?.imageModel('fal-ai/flux/schnell').provider).toBe('fal');
    // What the image server's model list marks live: entries whose provider is live.
    const listed = defaultRegistry.list().filter((entry) => live.includes(entry.provider));
    expect(listed.map((entry) => entry.id)).toEqual([
      'fal/flux-schnell',
      'fal/flux-dev',
      'local/placeholder',
    ]);
    expect(defaultRegistry.defaultModel(live).id).toBe('fal/flux-schnell');

    const without = providersFromEnv({ OPENAI_API_KEY: 'sk-test' });
    expect(without.providers.fal).toBeUndefined();
    expect(without.live).not.toContain('fal');
    expect(defaultRegistry.defaultModel(without.live).provider).toBe('openai');
    expect(defaultRegistry.defaultModel(providersFromEnv({}).live).provider).toBe('local');
  });

  it('sends fal calls to FAL_BASE_URL with FAL_KEY and downloads from FAL_OUTPUT_HOSTS', async () => {
    seen.length = 0;
    const env = { FAL_KEY: 'fal_test', FAL_BASE_URL: `${origin}/fal` };
    const request = { prompt: 'a fox', model: 'fal/flux-schnell', width: 512, height: 512 };
    // Loopback is not one of fal's delivery hosts until FAL_OUTPUT_HOSTS names it.
    await expect(
      generateImages(request, { providers: providersFromEnv(env).providers, maxRetries: 0 }),
    ).rejects.toThrow(/not an allowed output host/);
    seen.length = 0;
    const { providers } = providersFromEnv({
      ...env,
      FAL_OUTPUT_HOSTS: `fal.media, ${new URL(origin).host}`,
    });
    const result = await generateImages(request, { providers });
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 8, height: 8 });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/fal/fal-ai/flux/schnell',
      authorization: 'Key fal_test',
    });
    expect(JSON.parse(seen[0]?.body ?? '{}')).toMatchObject({
      prompt: 'a fox',
      image_size: { width: 512, height: 512 },
    });
    expect(seen[1]).toMatchObject({ method: 'GET', url: '/out.png', authorization: undefined });
  });

  it('adds Google Imagen when GOOGLE_GENERATIVE_AI_API_KEY is set, sent to its base URL', async () => {
    const { providers, live } = providersFromEnv({
      GOOGLE_GENERATIVE_AI_API_KEY: 'AIza-google-test',
      GOOGLE_GENERATIVE_AI_BASE_URL: `${origin}/google`,
    });
    expect(live).toEqual(['google', 'local']);
    const listed = defaultRegistry.list().filter((entry) => live.includes(entry.provider));
    expect(listed.map((entry) => entry.id)).toEqual([
      'google/imagen-4-fast',
      'google/imagen-4',
      'google/imagen-4-ultra',
      'local/placeholder',
    ]);
    expect(defaultRegistry.defaultModel(live).id).toBe('google/imagen-4-fast');
    seen.length = 0;
    const result = await generateImages(
      { prompt: 'a heron', model: 'google/imagen-4-fast', width: 512, height: 512 },
      { providers },
    );
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 8, height: 8 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/google/models/imagen-4.0-fast-generate-001:predict',
      googleKey: 'AIza-google-test',
    });
    expect(
      providersFromEnv({ GOOGLE_GENERATIVE_AI_API_KEY: ' ' }).providers.google,
    ).toBeUndefined();
  });

  it('adds Black Forest Labs when BFL_API_KEY is set, with BFL_BASE_URL and BFL_OUTPUT_HOSTS', async () => {
    const env = { BFL_API_KEY: 'bfl_test_key', BFL_BASE_URL: `${origin}/bfl/v1` };
    const { providers, live } = providersFromEnv(env);
    expect(live).toEqual(['bfl', 'local']);
    const listed = defaultRegistry.list().filter((entry) => live.includes(entry.provider));
    expect(listed.map((entry) => entry.id)).toEqual([
      'bfl/flux-pro-1.1',
      'bfl/flux-pro-1.1-ultra',
      'bfl/flux-kontext-pro',
      'bfl/flux-dev',
      'local/placeholder',
    ]);
    expect(defaultRegistry.defaultModel(live).id).toBe('bfl/flux-pro-1.1');
    const request = { prompt: 'a fox', model: 'bfl/flux-pro-1.1', width: 512, height: 512 };
    // Loopback is not one of BFL's delivery hosts until BFL_OUTPUT_HOSTS names it.
    await expect(generateImages(request, { providers, maxRetries: 0 })).rejects.toThrow(
      /not an allowed output host/,
    );
    seen.length = 0;
    const allowed = providersFromEnv({ ...env, BFL_OUTPUT_HOSTS: new URL(origin).host });
    const result = await generateImages(request, { providers: allowed.providers });
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 8, height: 8 });
    expect(seen.map((s) => [s.method, s.url?.split('?')[0], s.bflKey])).toEqual([
      ['POST', '/bfl/v1/flux-pro-1.1', 'bfl_test_key'],
      ['GET', '/bfl/v1/get_result', 'bfl_test_key'],
      ['GET', '/out.png', 'undefined'],
    ]);
    expect(providersFromEnv({ BFL_API_KEY: ' ' }).providers.bfl).toBeUndefined();
  });

  it('adds Together AI when TOGETHER_API_KEY is set, sent to TOGETHER_BASE_URL', async () => {
    const { providers, live } = providersFromEnv({
      TOGETHER_API_KEY: 'together_test_key',
      TOGETHER_BASE_URL: `${origin}/together/v1`,
    });
    expect(live).toEqual(['together', 'local']);
    const listed = defaultRegistry.list().filter((entry) => live.includes(entry.provider));
    expect(listed.map((entry) => entry.id)).toEqual([
      'together/flux-schnell',
      'together/flux-dev',
      'local/placeholder',
    ]);
    seen.length = 0;
    const result = await generateImages(
      { prompt: 'a fox', model: 'together/flux-schnell', width: 512, height: 512 },
      { providers },
    );
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 8, height: 8 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/together/v1/images/generations',
      authorization: 'Bearer together_test_key',
    });
    expect(providersFromEnv({ TOGETHER_API_KEY: ' ' }).providers.together).toBeUndefined();
  });

  it('adds DeepInfra when DEEPINFRA_API_KEY is set, sent to DEEPINFRA_BASE_URL', async () => {
    const { providers, live } = providersFromEnv({
      DEEPINFRA_API_KEY: 'deepinfra_test_key',
      DEEPINFRA_BASE_URL: `${origin}/deepinfra/v1`,
    });
    expect(live).toEqual(['deepinfra', 'local']);
    const listed = defaultRegistry.list().filter((entry) => live.includes(entry.provider));
    expect(listed.map((entry) => entry.id)).toEqual([
      'deepinfra/flux-schnell',
      'deepinfra/flux-dev',
      'local/placeholder',
    ]);
    seen.length = 0;
    const result = await generateImages(
      { prompt: 'a fox', model: 'deepinfra/flux-schnell', width: 512, height: 512 },
      { providers },
    );
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 8, height: 8 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/deepinfra/v1/inference/black-forest-labs/FLUX-1-schnell',
      authorization: 'Bearer deepinfra_test_key',
    });
    expect(providersFromEnv({ DEEPINFRA_API_KEY: ' ' }).providers.deepinfra).toBeUndefined();
  });

  it('treats blank variables as unset', () => {
    expect(
      providersFromEnv({ REPLICATE_API_TOKEN: '  ', OPENAI_API_KEY: '', FAL_KEY: ' ' }).live,
    ).toEqual(['local']);
  });

  it('slows the local generator by LOCAL_GENERATOR_DELAY_MS, still cancelable', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const slow = providersFromEnv({ LOCAL_GENERATOR_DELAY_MS: '300' }).providers;
    const events: Array<{ percent?: number; message?: string }> = [];
    const call = { prompt: 'a fox', n: 1, size: { width: 64, height: 64 } };
    const running = slow.local?.imageModel('placeholder').doGenerate({
      ...call,
      onProgress: (progress) => events.push(progress),
    });
    // 299 ms into a 300 ms wait: ticks at 100 and 200 ms (90% of the bar spread over the
    // wait), and nothing rendered yet. Another delay would tick other percents.
    await vi.advanceTimersByTimeAsync(299);
    expect(
      events.filter((e) => e.message === 'rendering image 1 of 1').map((e) => e.percent),
    ).toEqual([30, 60]);
    expect(events.some((e) => e.message?.startsWith('rendered'))).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await running)?.images).toHaveLength(1);

    // Canceled a third of the way into the wait: the clock stops there, so only the abort
    // can end the call.
    const request = { prompt: 'a fox', model: 'local/placeholder', width: 64, height: 64 };
    const controller = new AbortController();
    const canceled = generateImages(request, { providers: slow, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await expect(canceled).rejects.toMatchObject({ name: 'CanceledError' });
  });

  it('refuses a LOCAL_GENERATOR_DELAY_MS that is not a whole number of milliseconds', () => {
    for (const bad of ['3s', '-5', '1.5', 'soon']) {
      expect(() => providersFromEnv({ LOCAL_GENERATOR_DELAY_MS: bad })).toThrow(
        /LOCAL_GENERATOR_DELAY_MS must be a whole number/,
      );
    }
    expect(providersFromEnv({ LOCAL_GENERATOR_DELAY_MS: ' ' }).live).toEqual(['local']);
  });

  it('sends Replicate calls to REPLICATE_BASE_URL and downloads from REPLICATE_OUTPUT_HOSTS', async () => {
    seen.length = 0;
    const { providers, live } = providersFromEnv({
      REPLICATE_API_TOKEN: 'r8_test',
      REPLICATE_BASE_URL: `${origin}/replicate/v1`,
      REPLICATE_OUTPUT_HOSTS: `cdn.example.com, ${new URL(origin).host}`,
      OPENAI_API_KEY: 'sk-test',
    });
    expect(live).toEqual(['replicate', 'openai', 'local']);
    const result = await generateImages(
      { prompt: 'a fox', model: 'replicate/sdxl', width: 512, height: 512 },
      { providers },
    );
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 8, height: 8 });
    const create = seen.find((r) => r.method === 'POST');
    expect(create?.url).toMatch(/^\/replicate\/v1\//);
    expect(create?.authorization).toBe('Bearer r8_test');
    expect(create?.body).toContain(
      '7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc',
    );
    const download = seen.find((r) => r.url === '/out.png');
    expect(download?.authorization).toBeUndefined();
  });

  it('refuses Replicate outputs from hosts not in REPLICATE_OUTPUT_HOSTS', async () => {
    const { providers } = providersFromEnv({
      REPLICATE_API_TOKEN: 'r8_test',
      REPLICATE_BASE_URL: `${origin}/replicate/v1`,
    });
    await expect(
      generateImages({ prompt: 'a fox', model: 'replicate/sdxl' }, { providers, maxRetries: 0 }),
    ).rejects.toThrow(ProviderError);
    await expect(
      generateImages({ prompt: 'a fox', model: 'replicate/sdxl' }, { providers, maxRetries: 0 }),
    ).rejects.toThrow(/not an allowed output host/);
  });

  it('sends OpenAI calls to OPENAI_BASE_URL with OPENAI_API_KEY', async () => {
    seen.length = 0;
    const { providers } = providersFromEnv({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${origin}/openai/v1`,
    });
    const result = await generateImages(
      { prompt: 'a fox', model: 'openai/gpt-image-1', width: 1024, height: 1024 },
      { providers },
    );
    expect(result.images[0]?.mediaType).toBe('image/png');
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/openai/v1/images/generations',
      authorization: 'Bearer sk-test',
    });
    expect(JSON.parse(seen[0]?.body ?? '{}')).toMatchObject({
      model: 'gpt-image-1',
      prompt: 'a fox',
    });
  });
});
