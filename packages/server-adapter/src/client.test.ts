// The browser client against the real app in-process (fetch bound to app.fetch): files and
// metadata in each response mode, progress events, abort reaching the provider, typed errors.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderError, sniffImageType } from '@medialoft/ai-connect';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createImageServer } from './app';
import { createRemoteGenerator, createRemoteUrlFetcher, RemoteGeneratorError } from './client';
import { fileNameFromDisposition } from './client-file-names';
import { errorResponse } from './errors';
import type { ImageServerOptions } from './options';
import { fakeProviders, fakeRegistry, tinyPng } from './testing/fakes';

function setup(overrides: Partial<ImageServerOptions> = {}, fakeOptions = {}) {
  const { fake, providers } = fakeProviders(fakeOptions);
  const app = createImageServer({
    providers,
    registry: fakeRegistry(),
    logger: { info() {}, warn() {}, error() {} },
    rateLimit: false,
    now: () => 1_700_000_000_000,
    generateOptions: { maxRetries: 0 },
    ...overrides,
  });
  const seen: Request[] = [];
  const generator = createRemoteGenerator({
    baseUrl: 'https://images.example/api/ai/',
    headers: () => ({ authorization: 'Bearer session-1' }),
    fetch: (input, init) => {
      const request = new Request(input, init);
      seen.push(request.clone());
      return Promise.resolve(app.fetch(request));
    },
  });
  return { generator, fake, seen };
}

const request = { prompt: 'a quiet harbour', width: 32, height: 24 };

describe('createRemoteGenerator', () => {
  it('one image: raw bytes become a File named after model and seed, metadata from headers', async () => {
    const { generator, seen } = setup();
    const [image, ...rest] = await generator.generateImages({
      ...request,
      seed: 99,
      negativePrompt: 'fog',
      steps: 12,
    });
    expect(rest).toEqual([]);
    expect(seen[0]?.headers.get('accept')).toBe('image/*');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer session-1');
    expect(image?.file).toBeInstanceOf(File);
    expect(image?.file.type).toBe('image/png');
    expect(image?.file.name).toBe('ai-fake-model-99.png');
    expect(sniffImageType(new Uint8Array(await image!.file.arrayBuffer()))).toBe('image/png');
    expect(image?.metadata).toMatchObject({
      provider: 'fake',
      model: 'fake/model',
      prompt: 'a quiet harbour',
      negativePrompt: 'fog',
      seed: 99,
      steps: 12,
      width: 32,
      height: 24,
      createdAt: 1_700_000_000_000,
      costUsd: 0.01,
    });
    expect(image?.metadata?.requestId).toMatch(/\S/);
    expect(typeof image?.metadata?.generationMs).toBe('number');
  });

  it('several images: asks for JSON and decodes each with its metadata', async () => {
    const { generator, seen } = setup();
    const images = await generator.generateImages({ ...request, n: 3, seed: 1 });
    expect(seen[0]?.headers.get('accept')).toBe('application/json');
    expect(images).toHaveLength(3);
    expect(images.map((i) => i.file.type)).toEqual(['image/png', 'image/png', 'image/png']);
    expect(images[0]?.file.name).toBe('ai-fake-model-1.png');
    expect(images[2]?.metadata).toMatchObject({ model: 'fake/model', width: 32 });
  });

  it('with onProgress: reads the event stream, progress first, then the files', async () => {
    const { generator, seen } = setup({}, { delayMs: 40 });
    const progress: Array<{ stage: string; percent?: number }> = [];
    const images = await generator.generateImages(
      { ...request, n: 2 },
      { onProgress: (p) => progress.push(p) },
    );
    expect(seen[0]?.headers.get('accept')).toBe('text/event-stream');
    expect(images).toHaveLength(2);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.some((p) => p.stage === 'processing' && typeof p.percent === 'number')).toBe(
      true,
    );
    expect(progress.at(-1)).toEqual({ stage: 'done', percent: 100 });
    expect(progress.filter((p) => p.stage === 'done')).toHaveLength(1);
  });

  it('abort: rejects with code canceled and the provider call is aborted upstream', async () => {
    const { generator, fake } = setup({}, { delayMs: 5_000 });
    const controller = new AbortController();
    const pending = generator.generateImages(request, { signal: controller.signal });
    await vi.waitFor(() => expect(fake.state.calls).toHaveLength(1), { timeout: 5000 });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteGeneratorError);
    expect((error as RemoteGeneratorError).code).toBe('canceled');
    await vi.waitFor(() => expect(fake.state.aborted).toBe(1), { timeout: 5000 });
  });

  it('abort during the event stream also reaches the provider', async () => {
    const { generator, fake } = setup({}, { delayMs: 5_000 });
    const controller = new AbortController();
    const pending = generator.generateImages(request, {
      signal: controller.signal,
      onProgress: () => undefined,
    });
    await vi.waitFor(() => expect(fake.state.calls).toHaveLength(1), { timeout: 5000 });
    controller.abort();
    expect(((await pending.catch((e: unknown) => e)) as RemoteGeneratorError).code).toBe(
      'canceled',
    );
    await vi.waitFor(() => expect(fake.state.aborted).toBe(1), { timeout: 5000 });
  });

  it('typed errors carry code, status, retryable, field and request id from the body', async () => {
    const { generator } = setup({ rateLimit: { points: 1, durationSec: 60 } });
    const invalid = (await generator
      .generateImages({ ...request, width: 99_999 })
      .catch((e: unknown) => e)) as RemoteGeneratorError;
    expect(invalid).toBeInstanceOf(RemoteGeneratorError);
    expect(invalid).toMatchObject({ code: 'invalid_request', status: 400, field: 'width' });
    expect(invalid.retryable).toBe(false);
    expect(invalid.requestId).toMatch(/\S/);

    const limited = (await generator
      .generateImages(request)
      .catch((e: unknown) => e)) as RemoteGeneratorError;
    expect(limited).toMatchObject({ code: 'rate_limited', status: 429, retryable: true });
    expect(limited.retryAfterMs).toBeGreaterThan(0);
  });

  it('an error after the stream started arrives as a typed error too', async () => {
    const { generator } = setup(
      {},
      { delayMs: 20, fail: new ProviderError('Upstream broke.', { retryable: true }) },
    );
    const progress: string[] = [];
    const error = (await generator
      .generateImages(request, { onProgress: (p) => progress.push(p.stage) })
      .catch((e: unknown) => e)) as RemoteGeneratorError;
    expect(progress.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(RemoteGeneratorError);
    expect(error).toMatchObject({ code: 'provider_error', retryable: true, status: 200 });
    expect(error.requestId).toMatch(/\S/);
  });

  it('auth refusals are typed errors with the hook’s status', async () => {
    const { generator } = setup({ authorize: (c) => errorResponse(c, 403, 'No images for you.') });
    const error = (await generator
      .generateImages(request)
      .catch((e: unknown) => e)) as RemoteGeneratorError;
    expect(error).toMatchObject({ code: 'forbidden', status: 403, message: 'No images for you.' });
  });

  it('a server that cannot be reached is a retryable network_error', async () => {
    const generator = createRemoteGenerator({
      baseUrl: '/api/ai',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const error = (await generator
      .generateImages(request)
      .catch((e: unknown) => e)) as RemoteGeneratorError;
    expect(error).toMatchObject({ code: 'network_error', retryable: true, status: 0 });
  });

  it('lists models with liveness and limits, and estimates cost', async () => {
    const { generator } = setup();
    const models = await generator.listModels();
    expect(models.find((m) => m.id === 'fake/model')).toMatchObject({
      label: 'Fake model',
      provider: 'fake',
      live: true,
    });
    expect(models.find((m) => m.id === 'replicate/sdxl')?.live).toBe(false);
    expect(await generator.estimate({ ...request, n: 2 })).toMatchObject({
      model: 'fake/model',
      images: 2,
      estimatedUsd: 0.02,
    });
  });
});

describe('fetchUrl', () => {
  let site: Server;
  let port: number;
  let png: Uint8Array;

  beforeAll(async () => {
    png = await tinyPng();
    // A site that sends no CORS headers at all.
    site = createServer((req, res) => {
      if (req.url === '/pics/red%20fox.png') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(png);
      } else if (req.url === '/slow') {
        // Never answers; the test aborts.
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    port = (site.address() as AddressInfo).port;
  });

  afterAll(async () => {
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  });

  /** The app may reach the local site as `site.test`, and nothing else private. */
  const withSite = () =>
    setup({
      urlFetch: {
        allowLoopback: true,
        allowedPorts: 'any',
        lookup: async (host) => (host === 'site.test' ? [{ address: '127.0.0.1', family: 4 }] : []),
      },
    });

  it('resolves a File named from content-disposition, typed by the server, via POST /fetch', async () => {
    const { generator, seen } = withSite();
    const file = await generator.fetchUrl(`http://site.test:${port}/pics/red%20fox.png`);
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe('red fox.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
    expect(seen[0]?.method).toBe('POST');
    expect(new URL(seen[0]?.url ?? '').pathname).toBe('/api/ai/fetch');
    // The host app's session goes to the image server (its authorize hook), not further.
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer session-1');
    expect(await seen[0]?.json()).toEqual({ url: `http://site.test:${port}/pics/red%20fox.png` });
  });

  it('rejects with the typed server error: url_forbidden for a private address', async () => {
    const { generator } = withSite();
    const error = await generator
      .fetchUrl('http://169.254.169.254/latest/meta-data/')
      .catch((e) => e);
    expect(error).toBeInstanceOf(RemoteGeneratorError);
    expect(error).toMatchObject({ code: 'url_forbidden', status: 400, field: 'url' });
    expect(error.message).toMatch(/link-local/);
  });

  it('rejects with fetch_failed for a missing file, and canceled when aborted', async () => {
    const { generator } = withSite();
    await expect(generator.fetchUrl(`http://site.test:${port}/nothing.png`)).rejects.toMatchObject({
      code: 'fetch_failed',
      status: 502,
    });
    const controller = new AbortController();
    const pending = generator.fetchUrl(`http://site.test:${port}/slow`, {
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'canceled' });
  });

  it('works standalone, and reports an unreachable server as network_error', async () => {
    const app = createImageServer({
      providers: fakeProviders().providers,
      logger: { info() {}, warn() {}, error() {} },
      rateLimit: false,
      urlFetch: { allowLoopback: true, allowedPorts: 'any' },
    });
    const fetchUrl = createRemoteUrlFetcher({
      baseUrl: '/api/ai',
      fetch: (input, init) =>
        Promise.resolve(app.fetch(new Request(new URL(String(input), 'http://app.test'), init))),
    });
    const file = await fetchUrl(`http://127.0.0.1:${port}/pics/red%20fox.png`);
    expect(file.name).toBe('red fox.png');
    const offline = createRemoteUrlFetcher({
      baseUrl: '/api/ai',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(offline('https://example.com/a.png')).rejects.toMatchObject({
      code: 'network_error',
      retryable: true,
    });
  });

  it('reads file names from content-disposition safely', () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`)).toBe(
      'résumé.pdf',
    );
    expect(
      fileNameFromDisposition(`attachment; filename="plain.png"; filename*=UTF-8''fancy.png`),
    ).toBe('fancy.png');
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"')).toBe(
      '-..-etc-passwd',
    );
    expect(fileNameFromDisposition('attachment; filename=bare.gif')).toBe('bare.gif');
    expect(fileNameFromDisposition('attachment')).toBeUndefined();
    expect(fileNameFromDisposition(null)).toBeUndefined();
  });
});

describe('the client module is browser-safe', () => {
  it('imports nothing at runtime but its own modules (no node:, hono, zod or sharp)', async () => {
    const { readFile } = await import('node:fs/promises');
    const own = [
      './sse-reader',
      './client-file-names',
      './client-partials',
      './client-edit',
      './client-transform',
      './client',
    ];
    for (const file of [
      'client.ts',
      'sse-reader.ts',
      'client-file-names.ts',
      'client-partials.ts',
      'client-edit.ts',
      'client-transform.ts',
    ]) {
      const source = await readFile(new URL(`./${file}`, import.meta.url), 'utf8');
      const runtimeImports = [
        ...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms),
      ].map((m) => m[1] ?? '');
      expect(runtimeImports.filter((m) => !own.includes(m))).toEqual([]);
      expect(source).not.toMatch(/process\.|Buffer\.|require\(/);
    }
  });
});
