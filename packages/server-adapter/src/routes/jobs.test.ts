// Resumable generations across server instances (app.request; Replicate as an msw fake of its
// predictions API): a dropped stream leaves the job running, another instance with the same
// secret continues it, answers its status or cancels it, and refuses tokens it did not sign.
import {
  createLocalProvider,
  createReplicate,
  type ImageProvider,
  startImageJob,
} from '@medialoft/ai-connect';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createImageServer } from '../app';
import { createJobTokens } from '../job-token';
import type { ImageServerOptions } from '../options';
import { errorBodySchema, jobStatusResponseSchema } from '../protocol';
import { createServerFromEnv } from '../server-from-env';
import { readServerSentEvents, type SseMessage } from '../sse-reader';
import { fakeProviders, fakeRegistry, replicateFake } from '../testing/fakes';

const TOKEN = 'r8_FAKE_TOKEN_jobs_abcdefghijkl';
const SECRET = 'secret-shared-by-instances-a-and-b';
const API = 'https://api.replicate.com/v1';
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

const quiet = { info() {}, warn() {}, error() {} };
const replicate = () => createReplicate({ apiToken: TOKEN, pollIntervalMs: 5, waitSeconds: 0 });

function server(providers: Record<string, ImageProvider>, more: Partial<ImageServerOptions> = {}) {
  return createImageServer({
    providers,
    rateLimit: false,
    secrets: [TOKEN, SECRET],
    logger: quiet,
    generateOptions: { maxRetries: 0 },
    jobSecret: SECRET,
    ...more,
  });
}

const generate = (body: Record<string, unknown>, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
  body: JSON.stringify({ prompt: 'a harbour', width: 512, height: 512, ...body }),
  ...(signal ? { signal } : {}),
});
const jobPath = (token: string) => `/api/ai/images/jobs/${encodeURIComponent(token)}`;

async function allEvents(response: Response): Promise<SseMessage[]> {
  const events: SseMessage[] = [];
  for await (const message of readServerSentEvents(response.body as ReadableStream<Uint8Array>)) {
    events.push(message);
  }
  return events;
}

/**
 * Reads up to the `job` event (or up to `until`, when the job is being waited on), then drops
 * the connection as a closed tab would.
 */
async function startAndDrop(
  app: ReturnType<typeof server>,
  body: Record<string, unknown>,
  until = 'event: job',
) {
  const controller = new AbortController();
  const response = await app.request('/api/ai/images/generate', generate(body, controller.signal));
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  while (!text.includes(until) || !text.endsWith('\n\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  const first = /^event: (\w+)\ndata: (.*)$/m.exec(text);
  controller.abort();
  await reader.cancel();
  return { event: first?.[1], data: JSON.parse(first?.[2] ?? 'null') };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

async function errorOf(response: Response) {
  const body = errorBodySchema.parse(await response.json());
  return { status: response.status, code: body.error.code };
}

describe('resumable generations', { timeout: 20_000 }, () => {
  it('survive a dropped stream on one instance and finish once on another', async () => {
    const fake = replicateFake({ pollsBeforeSuccess: 3 });
    msw.use(...fake.handlers);
    const a = server({ replicate: replicate() });
    const b = server({ replicate: replicate() });

    // Dropped while this instance polls the prediction, which is when a waiter could cancel it.
    const first = await startAndDrop(
      a,
      { model: 'replicate/sdxl', resumable: true },
      'event: progress',
    );
    expect(first.event).toBe('job');
    expect(first.data).toEqual({ token: expect.any(String), resumable: true });
    await settle();
    // The tab is gone, the prediction is not.
    expect(fake.state.creates).toBe(1);
    expect(fake.state.cancels).toBe(0);

    const resumed = await b.request(jobPath(first.data.token), {
      headers: { accept: 'text/event-stream' },
    });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await allEvents(resumed);
    const names = events.map((e) => e.event);
    expect(names.filter((n) => n === 'image')).toHaveLength(1);
    expect(names.at(-1)).toBe('done');
    expect(names.slice(0, -2).every((n) => n === 'progress')).toBe(true);
    const image = JSON.parse(events.find((e) => e.event === 'image')?.data ?? '{}');
    expect(image).toMatchObject({
      index: 0,
      mediaType: 'image/png',
      metadata: { provider: 'replicate', model: 'replicate/sdxl', prompt: 'a harbour', seed: 4242 },
    });
    expect(JSON.parse(events.at(-1)?.data ?? '{}')).toMatchObject({
      model: 'replicate/sdxl',
      images: 1,
    });
    // Created once, never canceled, never created again by the resume.
    expect(fake.state.creates).toBe(1);
    expect(fake.state.cancels).toBe(0);
  });

  it('answer the status as JSON without waiting, and cancel upstream on DELETE', async () => {
    const fake = replicateFake({ pollsBeforeSuccess: Number.POSITIVE_INFINITY });
    msw.use(...fake.handlers);
    const a = server({ replicate: replicate() });
    const b = server({ replicate: replicate() });
    const { data } = await startAndDrop(a, { model: 'replicate/sdxl', resumable: true });

    const status = await b.request(jobPath(data.token), {
      headers: { accept: 'application/json' },
    });
    expect(status.status).toBe(200);
    expect(status.headers.get('cache-control')).toBe('no-store');
    const body = jobStatusResponseSchema.parse(await status.json());
    expect(body).toMatchObject({ status: 'running', model: 'replicate/sdxl' });
    expect(body.progress?.stage).toBe('processing');

    const canceled = await b.request(jobPath(data.token), { method: 'DELETE' });
    expect(canceled.status).toBe(200);
    expect(await canceled.json()).toEqual({ canceled: true });
    expect(fake.state.cancels).toBe(1);
    const after = await b.request(jobPath(data.token), {
      headers: { accept: 'application/json' },
    });
    expect(((await after.json()) as { status: string }).status).toBe('canceled');
  });

  it('refuse changed, foreign, expired and malformed tokens with their own codes', async () => {
    let now = 1_000_000;
    const slow = createLocalProvider({ delayMs: 60_000 });
    const a = server({ local: slow }, { now: () => now, jobTokenTtlMs: 10_000 });
    const { data } = await startAndDrop(a, { model: 'local/placeholder', resumable: true });
    const token: string = data.token;
    const [body, mac] = token.split('.') as [string, string];
    const swap = (text: string) => {
      const i = Math.floor(text.length / 2);
      return text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
    };
    const json = { headers: { accept: 'application/json' } };

    expect(await errorOf(await a.request(jobPath(`${swap(body)}.${mac}`), json))).toEqual({
      status: 403,
      code: 'job_token_foreign',
    });
    expect(await errorOf(await a.request(jobPath(`${body}.${swap(mac)}`), json))).toEqual({
      status: 403,
      code: 'job_token_foreign',
    });
    const other = server({ local: slow }, { jobSecret: 'a-different-secret-of-length' });
    for (const init of [json, { method: 'DELETE' }, {}]) {
      expect(await errorOf(await other.request(jobPath(token), init))).toEqual({
        status: 403,
        code: 'job_token_foreign',
      });
    }
    expect(await errorOf(await a.request(jobPath('not-a-token'), json))).toEqual({
      status: 400,
      code: 'job_token_invalid',
    });
    expect(await errorOf(await a.request(jobPath('a'.repeat(40_000)), json))).toEqual({
      status: 400,
      code: 'job_token_invalid',
    });

    expect((await a.request(jobPath(token), json)).status).toBe(200);
    now += 10_000;
    for (const init of [json, { method: 'DELETE' }, {}]) {
      expect(await errorOf(await a.request(jobPath(token), init))).toEqual({
        status: 410,
        code: 'job_token_expired',
      });
    }
  });

  it('say 404 job_not_found when the provider no longer knows the job', async () => {
    msw.use(
      http.get(`${API}/predictions/:id`, () =>
        HttpResponse.json({ detail: 'Not found.' }, { status: 404 }),
      ),
      http.post(`${API}/predictions/:id/cancel`, () =>
        HttpResponse.json({ detail: 'Not found.' }, { status: 404 }),
      ),
    );
    const app = server({ replicate: replicate() });
    const token = await createJobTokens({ secret: SECRET }).sign({
      model: 'replicate/sdxl',
      ref: { calls: [{ n: 1, ref: { id: 'pred_gone', n: 1 } }], width: 512, height: 512 },
      request: { prompt: 'a harbour', width: 512, height: 512, n: 1 },
    });
    for (const init of [{ headers: { accept: 'application/json' } }, { method: 'DELETE' }, {}]) {
      expect(await errorOf(await app.request(jobPath(token), init))).toEqual({
        status: 404,
        code: 'job_not_found',
      });
    }
  });

  it('keep a job to the user who started it', async () => {
    const user = { current: 'ada' };
    const app = server(
      { local: createLocalProvider({ delayMs: 60_000 }) },
      { authorize: () => user.current },
    );
    const { data } = await startAndDrop(app, { model: 'local/placeholder', resumable: true });
    const json = { headers: { accept: 'application/json' } };
    expect((await app.request(jobPath(data.token), json)).status).toBe(200);
    user.current = 'grace';
    expect(await errorOf(await app.request(jobPath(data.token), json))).toEqual({
      status: 403,
      code: 'job_token_foreign',
    });
  });

  it('resume a slow local generation with the bytes a direct one gives', async () => {
    const a = server({ local: createLocalProvider({ delayMs: 400 }) });
    const b = server({ local: createLocalProvider({ delayMs: 400 }) });
    const request = { model: 'local/placeholder', seed: 9, n: 2, resumable: true };
    const { data } = await startAndDrop(a, request);
    const events = await allEvents(await b.request(jobPath(data.token)));
    const images = events.filter((e) => e.event === 'image').map((e) => JSON.parse(e.data));
    // Previews stream through a resumed job as through a direct one, numbered per image.
    const previews = events.filter((e) => e.event === 'partial').map((e) => JSON.parse(e.data));
    expect(previews.map((p) => [p.index, p.partialIndex])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(images.map((i) => [i.index, i.metadata.seed])).toEqual([
      [0, 9],
      [1, 10],
    ]);
    const direct = await b.request('/api/ai/images/generate', {
      ...generate({ model: 'local/placeholder', seed: 9, n: 2 }),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    const json = (await direct.json()) as { images: Array<{ base64: string }> };
    expect(images.map((i) => i.base64)).toEqual(json.images.map((i) => i.base64));
  });

  it('take the secret and the local delay from the environment', async () => {
    const env = createServerFromEnv(
      {
        MEDIALOFT_JOB_SECRET: SECRET,
        MEDIALOFT_LOCAL_DELAY_MS: '600000',
        RATE_LIMIT_REQUESTS: '0',
        URL_FETCH: '0',
      },
      { logger: quiet },
    );
    const { data } = await startAndDrop(env.app, { model: 'local/placeholder', resumable: true });
    const json = { headers: { accept: 'application/json' } };
    const there = (await (await env.app.request(jobPath(data.token), json)).json()) as {
      status: string;
    };
    expect(there.status).toBe('running');
    // Another instance with the same secret and no delay: the job's time is already up there.
    const other = server({ local: createLocalProvider() });
    const here = (await (await other.request(jobPath(data.token), json)).json()) as {
      status: string;
    };
    expect(here.status).toBe('succeeded');
    await env.close();
  });

  it('tell a model that cannot resume with resumable: false, then stream as before', async () => {
    const { providers, fake } = fakeProviders();
    const app = server(providers, { registry: fakeRegistry() });
    const response = await app.request(
      '/api/ai/images/generate',
      generate({ model: 'fake/model', width: 32, height: 24, resumable: true }),
    );
    const events = await allEvents(response);
    expect(events[0]).toEqual({ event: 'job', data: JSON.stringify({ resumable: false }) });
    expect(events.map((e) => e.event).slice(-2)).toEqual(['image', 'done']);
    expect(fake.state.calls).toHaveLength(1);
    // Without the flag, no job event at all.
    const plain = await allEvents(
      await app.request(
        '/api/ai/images/generate',
        generate({ model: 'fake/model', width: 32, height: 24 }),
      ),
    );
    expect(plain.some((e) => e.event === 'job')).toBe(false);
  });

  it('start jobs only for streams, and allow DELETE across origins', async () => {
    const app = server({ local: createLocalProvider() });
    const json = await app.request('/api/ai/images/generate', {
      ...generate({ model: 'local/placeholder', resumable: true }),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    expect(json.status).toBe(200);
    expect(((await json.json()) as { images: unknown[] }).images).toHaveLength(1);
    const preflight = await app.request(jobPath('x.y'), {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'DELETE',
      },
    });
    expect(preflight.headers.get('access-control-allow-methods')).toContain('DELETE');
    // ai-connect's own jobs and the server's tokens agree on what a job is.
    const job = await startImageJob(
      { prompt: 'x', n: 1 },
      { providers: { local: createLocalProvider() } },
    );
    const token = await createJobTokens({ secret: SECRET }).sign({
      ...job,
      request: { prompt: 'x' },
    });
    const done = await allEvents(await app.request(jobPath(token)));
    expect(done.map((e) => e.event)).toContain('image');
  });
});
