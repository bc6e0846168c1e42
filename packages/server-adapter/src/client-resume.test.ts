// Resumable jobs in the browser client, against a fake of the server's wire (msw): the `job`
// event reaches onJob, a dropped stream is continued through GET /images/jobs/{token} a
// bounded number of times, the caller's abort cancels upstream with DELETE.
import { createLocalProvider, sniffImageType } from '@medialoft/ai-connect';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import { createRemoteGenerator, RemoteGeneratorError } from './client';

const BASE = 'https://images.example/api/ai';
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

const request = { prompt: 'a lighthouse at dusk', width: 32, height: 24 };
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function sse(events: Array<[string, unknown]>): string {
  return events
    .map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    .join('');
}

/** An event stream that sends `text` and then stays open until the request is aborted. */
function openStream(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
    },
  });
}

const streamHeaders = { 'content-type': 'text/event-stream' };
const image = (index: number) => ({
  index,
  mediaType: 'image/png',
  base64: PNG_BASE64,
  metadata: { provider: 'fake', model: 'fake/model', seed: 7 + index, prompt: request.prompt },
});
const done = (images: number) => ({ requestId: 'req-1', model: 'fake/model', images });

/** Records what reached the fake server. */
function recorder() {
  const calls: Array<{ method: string; path: string; accept: string | null; body?: unknown }> = [];
  const record = async (req: Request) => {
    const url = new URL(req.url);
    const body = req.method === 'POST' ? await req.clone().json() : undefined;
    calls.push({ method: req.method, path: url.pathname, accept: req.headers.get('accept'), body });
  };
  return { calls, record };
}

describe('resumable generations', () => {
  it('asks for a resumable job, reports its token, and continues it after the stream drops', async () => {
    const { calls, record } = recorder();
    msw.use(
      http.post(`${BASE}/images/generate`, async ({ request: req }) => {
        await record(req);
        // The connection breaks after the first image, before `done`.
        return new HttpResponse(
          sse([
            ['job', { token: 'tok.1', resumable: true }],
            ['progress', { stage: 'running', percent: 40 }],
            ['image', image(0)],
          ]),
          { headers: streamHeaders },
        );
      }),
      http.get(`${BASE}/images/jobs/:token`, async ({ request: req }) => {
        await record(req);
        // The continued stream sends every image again, then done.
        return new HttpResponse(
          sse([
            ['progress', { stage: 'running', percent: 90 }],
            ['image', image(0)],
            ['image', image(1)],
            ['done', done(2)],
          ]),
          { headers: streamHeaders },
        );
      }),
    );
    const generator = createRemoteGenerator({ baseUrl: BASE, resumeBackoffMs: 1 });
    const jobs: string[] = [];
    const percents: Array<number | undefined> = [];
    const images = await generator.generateImages(
      { ...request, n: 2 },
      { onJob: (job) => jobs.push(job.token), onProgress: (p) => percents.push(p.percent) },
    );
    expect(jobs).toEqual(['tok.1']);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      accept: 'text/event-stream',
      body: { ...request, n: 2, resumable: true },
    });
    expect(calls[1]).toMatchObject({
      method: 'GET',
      path: '/api/ai/images/jobs/tok.1',
      accept: 'text/event-stream',
    });
    expect(calls).toHaveLength(2);
    expect(percents).toEqual([40, 90, 100]);
    expect(images.map((i) => i.metadata?.seed)).toEqual([7, 8]);
    expect(images[0]?.file.type).toBe('image/png');
  });

  it('with resumable: false, asks for no job and a dropped stream is a network_error', async () => {
    const { calls, record } = recorder();
    msw.use(
      http.post(`${BASE}/images/generate`, async ({ request: req }) => {
        await record(req);
        return new HttpResponse(sse([['progress', { stage: 'running', percent: 10 }]]), {
          headers: streamHeaders,
        });
      }),
    );
    const generator = createRemoteGenerator({ baseUrl: BASE, resumable: false });
    const error = await generator
      .generateImages(request, { onProgress: () => undefined })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteGeneratorError);
    expect((error as RemoteGeneratorError).code).toBe('network_error');
    expect(calls.map((c) => c.method)).toEqual(['POST']);
    expect(calls[0]?.body).not.toHaveProperty('resumable');
  });

  it('a job the server cannot resume is not reported, and its drop is a network_error', async () => {
    const { calls, record } = recorder();
    msw.use(
      http.post(`${BASE}/images/generate`, async ({ request: req }) => {
        await record(req);
        return new HttpResponse(sse([['job', { resumable: false }]]), { headers: streamHeaders });
      }),
    );
    const generator = createRemoteGenerator({ baseUrl: BASE, resumeBackoffMs: 1 });
    const jobs: string[] = [];
    const error = await generator
      .generateImages(request, { onJob: (job) => jobs.push(job.token) })
      .catch((e: unknown) => e);
    expect((error as RemoteGeneratorError).code).toBe('network_error');
    expect(jobs).toEqual([]);
    expect(calls.map((c) => c.method)).toEqual(['POST']);
  });

  it('gives up after resumeAttempts reconnections fail, with a retryable network_error', async () => {
    const { calls, record } = recorder();
    msw.use(
      http.post(`${BASE}/images/generate`, async ({ request: req }) => {
        await record(req);
        return new HttpResponse(sse([['job', { token: 'tok.2', resumable: true }]]), {
          headers: streamHeaders,
        });
      }),
      http.get(`${BASE}/images/jobs/:token`, async ({ request: req }) => {
        await record(req);
        return HttpResponse.error();
      }),
    );
    const generator = createRemoteGenerator({
      baseUrl: BASE,
      resumeAttempts: 3,
      resumeBackoffMs: 1,
    });
    const error = await generator
      .generateImages(request, { onJob: () => undefined })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteGeneratorError);
    expect((error as RemoteGeneratorError).code).toBe('network_error');
    expect((error as RemoteGeneratorError).retryable).toBe(true);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET', 'GET', 'GET']);
  });

  it("a refused token while continuing is the server's typed error, not retried", async () => {
    const { calls, record } = recorder();
    msw.use(
      http.post(`${BASE}/images/generate`, async ({ request: req }) => {
        await record(req);
        return new HttpResponse(sse([['job', { token: 'tok.3', resumable: true }]]), {
          headers: streamHeaders,
        });
      }),
      http.get(`${BASE}/images/jobs/:token`, async ({ request: req }) => {
        await record(req);
        return HttpResponse.json(
          {
            error: {
              code: 'job_token_expired',
              message: 'The job expired.',
              retryable: false,
              requestId: 'r',
            },
          },
          { status: 410 },
        );
      }),
    );
    const generator = createRemoteGenerator({ baseUrl: BASE, resumeBackoffMs: 1 });
    const error = await generator
      .generateImages(request, { onJob: () => undefined })
      .catch((e: unknown) => e);
    expect((error as RemoteGeneratorError).code).toBe('job_token_expired');
    expect((error as RemoteGeneratorError).status).toBe(410);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET']);
  });

  it("the caller's abort cancels the job upstream with DELETE, then rejects as canceled", async () => {
    const { calls, record } = recorder();
    msw.use(
      http.post(`${BASE}/images/generate`, async ({ request: req }) => {
        await record(req);
        return new HttpResponse(openStream(sse([['job', { token: 'tok/4', resumable: true }]])), {
          headers: streamHeaders,
        });
      }),
      http.delete(`${BASE}/images/jobs/:token`, async ({ request: req, params }) => {
        await record(req);
        expect(params.token).toBe('tok/4');
        return HttpResponse.json({ canceled: true });
      }),
    );
    const generator = createRemoteGenerator({ baseUrl: BASE, resumeBackoffMs: 1 });
    const controller = new AbortController();
    const reason = new Error('the person pressed Cancel');
    const error = await generator
      .generateImages(request, { signal: controller.signal, onJob: () => controller.abort(reason) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteGeneratorError);
    expect((error as RemoteGeneratorError).code).toBe('canceled');
    expect((error as RemoteGeneratorError).cause).toBe(reason);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /api/ai/images/generate',
      'DELETE /api/ai/images/jobs/tok%2F4',
    ]);
  });

  it('resumeJob continues a job by its token; cancelJob cancels one', async () => {
    const { calls, record } = recorder();
    msw.use(
      http.get(`${BASE}/images/jobs/:token`, async ({ request: req }) => {
        await record(req);
        return new HttpResponse(
          sse([
            ['progress', { stage: 'running', percent: 70 }],
            ['image', image(0)],
            ['done', done(1)],
          ]),
          { headers: streamHeaders },
        );
      }),
      http.delete(`${BASE}/images/jobs/:token`, async ({ request: req }) => {
        await record(req);
        return HttpResponse.json({ canceled: true });
      }),
    );
    const generator = createRemoteGenerator({
      baseUrl: BASE,
      headers: { authorization: 'Bearer session-9' },
    });
    const stages: string[] = [];
    const images = await generator.resumeJob('tok.5', { onProgress: (p) => stages.push(p.stage) });
    expect(images).toHaveLength(1);
    expect(images[0]?.metadata).toMatchObject({ model: 'fake/model', seed: 7 });
    expect(stages).toEqual(['running', 'done']);
    await generator.cancelJob('tok.5');
    expect(calls.map((c) => `${c.method} ${c.path} ${c.accept}`)).toEqual([
      'GET /api/ai/images/jobs/tok.5 text/event-stream',
      'DELETE /api/ai/images/jobs/tok.5 application/json',
    ]);
  });

  it('resumeJob of a foreign token rejects with its code; an unknown job with job_not_found', async () => {
    msw.use(
      http.get(`${BASE}/images/jobs/:token`, ({ params }) => {
        const code = params.token === 'foreign' ? 'job_token_foreign' : 'job_not_found';
        return HttpResponse.json(
          { error: { code, message: 'No.', retryable: false, requestId: 'r' } },
          { status: code === 'job_token_foreign' ? 403 : 404 },
        );
      }),
    );
    const generator = createRemoteGenerator({ baseUrl: BASE });
    const foreign = await generator.resumeJob('foreign').catch((e: unknown) => e);
    const missing = await generator.resumeJob('gone').catch((e: unknown) => e);
    expect((foreign as RemoteGeneratorError).code).toBe('job_token_foreign');
    expect((foreign as RemoteGeneratorError).status).toBe(403);
    expect((missing as RemoteGeneratorError).code).toBe('job_not_found');
  });
});

describe('against the real server (in process)', () => {
  /**
   * The server with a slowed local generator; the client's first event stream breaks right
   * after the `job` event, as a flaky connection would.
   */
  function droppingSetup() {
    const app = createImageServer({
      providers: { local: createLocalProvider({ delayMs: 300 }) },
      rateLimit: false,
      logger: { info() {}, warn() {}, error() {} },
      jobSecret: 'a-secret-for-the-client-test',
    });
    const seen: string[] = [];
    const generator = createRemoteGenerator({
      baseUrl: 'https://images.example/api/ai',
      resumeBackoffMs: 1,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(
          `${request.method} ${new URL(request.url).pathname.replace(/jobs\/.*/, 'jobs/…')}`,
        );
        const response = await app.fetch(request);
        if (request.method !== 'POST' || !response.body) return response;
        const reader = response.body.getReader();
        let text = '';
        const cut = new ReadableStream<Uint8Array>({
          async pull(controller) {
            const { value, done } = await reader.read();
            if (done) return controller.close();
            text += new TextDecoder().decode(value);
            controller.enqueue(value);
            if (text.includes('event: job') && text.endsWith('\n\n')) {
              await reader.cancel();
              controller.close();
            }
          },
        });
        return new Response(cut, { status: response.status, headers: response.headers });
      },
    });
    return { generator, seen };
  }

  it('a stream that drops after the job event is continued and its image arrives', async () => {
    const { generator, seen } = droppingSetup();
    const tokens: string[] = [];
    const [image, ...rest] = await generator.generateImages(
      { prompt: 'a pier in the rain', width: 64, height: 64, model: 'local/placeholder', seed: 3 },
      { onJob: (job) => tokens.push(job.token) },
    );
    expect(rest).toEqual([]);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatch(/\S{20,}/);
    expect(seen).toEqual(['POST /api/ai/images/generate', 'GET /api/ai/images/jobs/…']);
    expect(sniffImageType(new Uint8Array(await image!.file.arrayBuffer()))).toBe('image/png');
    expect(image?.metadata).toMatchObject({ model: 'local/placeholder', seed: 3 });

    // The same token resumed later (another page) gives the same image again.
    const [again] = await generator.resumeJob(tokens[0]!);
    expect(new Uint8Array(await again!.file.arrayBuffer())).toEqual(
      new Uint8Array(await image!.file.arrayBuffer()),
    );
  });
});
