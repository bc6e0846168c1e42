// The server against a fake of Replicate's HTTP API (msw): the hosted happy path, and that a
// client disconnect or the server's timeout reaches the provider's cancel endpoint.
import { serve } from '@hono/node-server';
import { createReplicate } from '@medialoft/ai-connect';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createImageServer } from './app';
import type { ImageServerOptions } from './options';
import { errorBodySchema } from './protocol';
import { replicateFake } from './testing/fakes';

const TOKEN = 'r8_FAKE_TOKEN_abcdefghijklmnop';
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

const logs: string[] = [];
const logger = {
  info: (m: string, f?: object) => logs.push(JSON.stringify({ m, ...f })),
  warn: (m: string, f?: object) => logs.push(JSON.stringify({ m, ...f })),
  error: (m: string, f?: object) => logs.push(JSON.stringify({ m, ...f })),
};

function makeApp(pollsBeforeSuccess: number, overrides: Partial<ImageServerOptions> = {}) {
  const fake = replicateFake({ pollsBeforeSuccess });
  msw.use(...fake.handlers);
  const app = createImageServer({
    providers: {
      replicate: createReplicate({ apiToken: TOKEN, pollIntervalMs: 5, waitSeconds: 0 }),
    },
    rateLimit: false,
    secrets: [TOKEN],
    logger,
    generateOptions: { maxRetries: 0 },
    ...overrides,
  });
  return { app, fake };
}

const generate = (accept = 'image/*', signal?: AbortSignal) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept },
  body: JSON.stringify({ prompt: 'a harbour', width: 512, height: 512, model: 'replicate/sdxl' }),
  signal,
});

describe('a hosted provider behind the server', { timeout: 20_000 }, () => {
  it('creates, polls and downloads a Replicate prediction, answering the image', async () => {
    const { app, fake } = makeApp(2);
    const res = await app.request('/api/ai/images/generate', generate());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-ai-provider')).toBe('replicate');
    expect(res.headers.get('x-ai-seed')).toBe('4242');
    expect(fake.state.creates).toBe(1);
    expect(fake.state.authHeaders[0]).toBe(`Bearer ${TOKEN}`);
    expect(fake.state.cancels).toBe(0);
  });

  it('cancels the prediction upstream when the client disconnects mid-generation', async () => {
    const { app, fake } = makeApp(Number.POSITIVE_INFINITY);
    const controller = new AbortController();
    const pending = app.request('/api/ai/images/generate', generate('image/*', controller.signal));
    await vi.waitFor(() => expect(fake.state.polls).toBeGreaterThan(1), { timeout: 5000 });
    controller.abort();
    const res = await pending;
    expect(res.status).toBe(499);
    await vi.waitFor(() => expect(fake.state.cancels).toBe(1), { timeout: 5000 });
  });

  it('cancels the prediction upstream when an event-stream reader goes away', async () => {
    const { app, fake } = makeApp(Number.POSITIVE_INFINITY);
    const res = await app.request('/api/ai/images/generate', generate('text/event-stream'));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: progress');
    await reader.cancel();
    await vi.waitFor(() => expect(fake.state.cancels).toBe(1), { timeout: 5000 });
  });

  it('cancels the prediction upstream and answers 504 when the server timeout passes', async () => {
    const { app, fake } = makeApp(Number.POSITIVE_INFINITY, { timeoutMs: 150 });
    const res = await app.request('/api/ai/images/generate', generate('application/json'));
    expect(res.status).toBe(504);
    const body = errorBodySchema.parse(await res.json());
    expect(body.error).toMatchObject({ code: 'timeout', retryable: true });
    await vi.waitFor(() => expect(fake.state.cancels).toBe(1), { timeout: 5000 });
  });

  it('over a real socket: closing the connection cancels upstream (Node entry behaviour)', async () => {
    const { app, fake } = makeApp(Number.POSITIVE_INFINITY);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const controller = new AbortController();
      const pending = fetch(
        `http://127.0.0.1:${port}/api/ai/images/generate`,
        generate('image/*', controller.signal),
      ).catch((e: unknown) => e);
      await vi.waitFor(() => expect(fake.state.polls).toBeGreaterThan(1), { timeout: 5000 });
      controller.abort();
      expect(await pending).toBeInstanceOf(Error);
      await vi.waitFor(() => expect(fake.state.cancels).toBe(1), { timeout: 5000 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('never writes the token into a log line', () => {
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) expect(line).not.toContain(TOKEN);
  });
});
