// The Replicate adapter against a fake of Replicate's HTTP API (msw): what reaches the API,
// the prediction lifecycle, the error mapping, and that the token never leaks.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateImages } from '../../generate';
import {
  AuthenticationError,
  CanceledError,
  ContentFilteredError,
  OutputNotImageError,
  ProviderError,
  RateLimitedError,
  TimeoutError,
} from '../../spec/errors';
import type { ImageGenerationProgress } from '../../spec/image-model';
import { createReplicate, type ReplicateProviderSettings } from './replicate-provider';

const TOKEN = 'r8_test_SECRET_TOKEN_123';
const API = 'https://api.replicate.com/v1';
const SDXL = 'stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc';
const SDXL_VERSION = SDXL.split(':')[1] as string;
const OUT = 'https://replicate.delivery/pbxt/abc';

const server = setupServer();
const seen: Array<{ method: string; url: string; headers: Headers; body: string }> = [];
/** Every error a test saw, checked at the end for the token. */
const errors: unknown[] = [];
let png: Uint8Array;

beforeAll(async () => {
  png = new Uint8Array(
    await sharp({ create: { width: 32, height: 24, channels: 3, background: '#cc3300' } })
      .png()
      .toBuffer(),
  );
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    const copy = request.clone();
    seen.push({
      method: copy.method,
      url: copy.url,
      headers: copy.headers,
      body: copy.method === 'GET' ? '' : await copy.text(),
    });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

function prediction(overrides: Record<string, unknown> = {}) {
  return {
    id: 'pred_123',
    model: 'stability-ai/sdxl',
    version: SDXL_VERSION,
    input: {},
    logs: '',
    output: null,
    error: null,
    status: 'starting',
    created_at: '2026-11-21T10:00:00.000Z',
    urls: { get: `${API}/predictions/pred_123`, cancel: `${API}/predictions/pred_123/cancel` },
    ...overrides,
  };
}

const succeeded = (output: unknown = [`${OUT}/out-0.png`], extra: Record<string, unknown> = {}) =>
  prediction({
    status: 'succeeded',
    output,
    logs: 'Using seed: 1234\n100%|██████████| 30/30 [00:02<00:00, 12.1it/s]',
    started_at: '2026-11-21T10:00:01.500Z',
    completed_at: '2026-11-21T10:00:04.000Z',
    metrics: { predict_time: 2.5 },
    ...extra,
  });

function deliver() {
  return http.get(`${OUT}/:file`, () =>
    HttpResponse.arrayBuffer(png.slice().buffer, { headers: { 'content-type': 'image/png' } }),
  );
}

function provider(settings: ReplicateProviderSettings = {}) {
  return createReplicate({
    apiToken: TOKEN,
    pollIntervalMs: 1,
    sleep: (_ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(resolve, 2);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      }),
    ...settings,
  });
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  errors.push(error);
  return error as Error;
}

const creates = () => seen.filter((r) => r.method === 'POST' && !r.url.endsWith('/cancel'));
const polls = () => seen.filter((r) => r.method === 'GET' && r.url.startsWith(API));
const cancels = () => seen.filter((r) => r.url.endsWith('/cancel'));

describe('Replicate adapter: requests', () => {
  it('creates an SDXL prediction by pinned version, with sync-mode and deadline headers', async () => {
    server.use(
      http.post(`${API}/predictions`, () =>
        HttpResponse.json(succeeded([`${OUT}/out-0.png`, `${OUT}/out-1.png`]), { status: 201 }),
      ),
      deliver(),
    );
    const model = provider().imageModel(SDXL);
    expect(model.maxImagesPerCall).toBe(4);
    const result = await model.doGenerate({
      prompt: 'a lighthouse at dusk',
      n: 2,
      size: { width: 1024, height: 768 },
      negativePrompt: 'blurry',
      steps: 30,
      seed: 42,
    });

    const [create] = creates();
    expect(create?.url).toBe(`${API}/predictions`);
    expect(create?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(create?.headers.get('prefer')).toBe('wait=60');
    expect(create?.headers.get('cancel-after')).toBe('300s');
    expect(JSON.parse(create?.body ?? '')).toEqual({
      version: SDXL_VERSION,
      input: {
        prompt: 'a lighthouse at dusk',
        width: 1024,
        height: 768,
        num_inference_steps: 30,
        negative_prompt: 'blurry',
        num_outputs: 2,
        seed: 42,
        apply_watermark: false,
      },
    });
    expect(result.images).toHaveLength(2);
    expect(result.images[0]?.mediaType).toBe('image/png');
    expect(result.warnings).toEqual([]);
    expect(result.response.id).toBe('pred_123');
    expect(result.seed).toBe(1234);
    expect(result.timings).toMatchObject({ queueMs: 1500, predictMs: 2500 });
    expect(result.providerMetadata).toEqual({ predictionId: 'pred_123', version: SDXL_VERSION });
    expect(polls()).toHaveLength(0);
  });

  it('creates a FLUX prediction on the official model route with an aspect ratio and warnings', async () => {
    server.use(
      http.post(`${API}/models/black-forest-labs/flux-schnell/predictions`, () =>
        HttpResponse.json(succeeded(`${OUT}/out-0.png`, { version: 'hidden' }), { status: 201 }),
      ),
      deliver(),
    );
    const result = await provider({ cancelAfter: '90s', waitSeconds: 30 })
      .imageModel('black-forest-labs/flux-schnell')
      .doGenerate({
        prompt: 'a fox',
        n: 1,
        size: { width: 1344, height: 768 },
        negativePrompt: 'text',
        steps: 8,
        seed: 7,
        providerOptions: { replicate: { go_fast: true, disable_safety_checker: true } },
      });

    const [create] = creates();
    expect(create?.url).toBe(`${API}/models/black-forest-labs/flux-schnell/predictions`);
    expect(create?.headers.get('prefer')).toBe('wait=30');
    expect(create?.headers.get('cancel-after')).toBe('90s');
    expect(JSON.parse(create?.body ?? '')).toEqual({
      input: {
        prompt: 'a fox',
        num_outputs: 1,
        aspect_ratio: '16:9',
        num_inference_steps: 4,
        seed: 7,
        output_format: 'png',
        go_fast: true,
      },
    });
    expect(result.warnings.map((w) => (w.type === 'unsupported-setting' ? w.setting : ''))).toEqual(
      ['size', 'negativePrompt', 'steps', 'providerOptions.replicate.disable_safety_checker'],
    );
    expect(result.images[0]?.seed).toBe(1234);
  });
});

describe('Replicate adapter: lifecycle', () => {
  it('polls starting → processing → succeeded and reports rising percents from the logs', async () => {
    const states = [
      prediction({ status: 'starting' }),
      prediction({
        status: 'processing',
        logs: 'Using seed: 99\n  4%|▍         | 2/50 [00:00<00:04]',
      }),
      prediction({
        status: 'processing',
        logs: 'Using seed: 99\n  4%|▍ | 2/50\r 45%|████▌     | 23/50 [00:03<00:04, 6.1it/s]',
      }),
      prediction({ status: 'processing', logs: 'Using seed: 99\n40/50' }),
      succeeded(`${OUT}/out-0.png`, { logs: 'Using seed: 99\n100%|██████████| 50/50' }),
    ];
    let poll = 0;
    server.use(
      // The wait window ran out while the prediction was still starting.
      http.post(`${API}/predictions`, () => HttpResponse.json(states[0], { status: 201 })),
      http.get(`${API}/predictions/pred_123`, () => {
        poll = Math.min(poll + 1, states.length - 1);
        return HttpResponse.json(states[poll]);
      }),
      deliver(),
    );
    const seenProgress: ImageGenerationProgress[] = [];
    const result = await provider()
      .imageModel(SDXL)
      .doGenerate({ prompt: 'p', n: 1, onProgress: (p) => seenProgress.push(p) });

    expect(polls()).toHaveLength(4);
    expect(creates()).toHaveLength(1);
    expect(result.seed).toBe(99);
    const percents = seenProgress.filter((p) => p.stage === 'processing').map((p) => p.percent);
    expect(percents).toEqual([4, 45, 80, 100]);
    expect(seenProgress.map((p) => p.stage)).toEqual([
      'starting',
      'processing',
      'processing',
      'processing',
      'processing',
      'downloading',
      'done',
    ]);
  });

  it('keeps polling a prediction still processing when the sync wait ends (no false "done")', async () => {
    let poll = 0;
    server.use(
      http.post(`${API}/predictions`, () =>
        HttpResponse.json(prediction({ status: 'processing' }), { status: 201 }),
      ),
      http.get(`${API}/predictions/pred_123`, () => {
        poll++;
        return HttpResponse.json(
          poll < 3 ? prediction({ status: 'processing' }) : succeeded(`${OUT}/out-0.png`),
        );
      }),
      deliver(),
    );
    const result = await provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 });
    expect(result.images).toHaveLength(1);
    expect(polls()).toHaveLength(3);
  });

  it('keeps polling through 5xx and network faults, never creating twice', async () => {
    let poll = 0;
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(prediction(), { status: 201 })),
      http.get(`${API}/predictions/pred_123`, () => {
        poll++;
        if (poll === 1) return new HttpResponse('bad gateway', { status: 502 });
        if (poll === 2) return HttpResponse.error();
        if (poll === 3) return new HttpResponse('oops', { status: 500 });
        return HttpResponse.json(succeeded(`${OUT}/out-0.png`));
      }),
      deliver(),
    );
    const result = await provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 });
    expect(result.images).toHaveLength(1);
    expect(creates()).toHaveLength(1);
    expect(polls()).toHaveLength(4);
  });

  it('maps a failed prediction to a ProviderError that is not retried (it was billed)', async () => {
    server.use(
      http.post(`${API}/predictions`, () =>
        HttpResponse.json(prediction({ status: 'failed', error: 'CUDA out of memory' }), {
          status: 201,
        }),
      ),
    );
    const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(false);
    expect(error.message).toContain('CUDA out of memory');
  });

  it('maps an NSFW failure to ContentFilteredError', async () => {
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(prediction(), { status: 201 })),
      http.get(`${API}/predictions/pred_123`, () =>
        HttpResponse.json(
          prediction({
            status: 'failed',
            error: 'NSFW content detected. Try running it again, or try a different prompt.',
          }),
        ),
      ),
    );
    const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(ContentFilteredError);
  });

  it('maps a prediction canceled on Replicate (e.g. its deadline) to CanceledError', async () => {
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(prediction(), { status: 201 })),
      http.get(`${API}/predictions/pred_123`, () =>
        HttpResponse.json(prediction({ status: 'canceled' })),
      ),
    );
    const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(CanceledError);
  });

  it('cancels the prediction when the caller aborts mid-prediction', async () => {
    server.use(
      http.post(`${API}/predictions`, () =>
        HttpResponse.json(prediction({ status: 'processing' }), { status: 201 }),
      ),
      http.get(`${API}/predictions/pred_123`, () =>
        HttpResponse.json(prediction({ status: 'processing', logs: ' 10%|█ | 5/50' })),
      ),
      http.post(`${API}/predictions/pred_123/cancel`, () =>
        HttpResponse.json(prediction({ status: 'canceled' })),
      ),
    );
    const controller = new AbortController();
    const error = await failure(
      provider()
        .imageModel(SDXL)
        .doGenerate({
          prompt: 'p',
          n: 1,
          abortSignal: controller.signal,
          onProgress: (p) => {
            if (p.percent === 10) controller.abort();
          },
        }),
    );
    expect(error).toBeInstanceOf(CanceledError);
    expect(cancels()).toHaveLength(1);
    expect(cancels()[0]?.url).toBe(`${API}/predictions/pred_123/cancel`);
    expect(cancels()[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('cancels the prediction on a timeout and reports a TimeoutError', async () => {
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(prediction(), { status: 201 })),
      http.get(`${API}/predictions/pred_123`, () =>
        HttpResponse.json(prediction({ status: 'processing' })),
      ),
      http.post(`${API}/predictions/pred_123/cancel`, () =>
        HttpResponse.json(prediction({ status: 'canceled' })),
      ),
    );
    const error = await failure(
      provider()
        .imageModel(SDXL)
        .doGenerate({ prompt: 'p', n: 1, abortSignal: AbortSignal.timeout(30) }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(cancels()).toHaveLength(1);
  });

  it('maps a prediction aborted by its deadline before starting to a retryable TimeoutError', async () => {
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(prediction(), { status: 201 })),
      http.get(`${API}/predictions/pred_123`, () =>
        HttpResponse.json(prediction({ status: 'aborted' })),
      ),
    );
    const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).retryable).toBe(true);
  });

  it('answers an abort during the (slow, sync-mode) create at once and cancels the prediction once its id is known', async () => {
    // The create answers only when the test releases it.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached!: () => void;
    const createReached = new Promise<void>((resolve) => {
      reached = resolve;
    });
    server.use(
      http.post(`${API}/predictions`, async () => {
        reached();
        await released;
        return HttpResponse.json(prediction({ status: 'processing' }), { status: 201 });
      }),
      http.post(`${API}/predictions/pred_123/cancel`, () =>
        HttpResponse.json(prediction({ status: 'canceled' })),
      ),
    );
    const controller = new AbortController();
    const outcome = failure(
      provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1, abortSignal: controller.signal }),
    );
    await createReached;
    controller.abort();
    // Rejected while the create is still unanswered: the caller never waits for Replicate.
    expect(await outcome).toBeInstanceOf(CanceledError);
    expect(cancels()).toHaveLength(0);
    release();
    await vi.waitFor(() => expect(cancels()).toHaveLength(1), { timeout: 2000 });
    expect(polls()).toHaveLength(0);
  });
});

describe('Replicate adapter: errors', () => {
  it('maps 429 to RateLimitedError with Retry-After, without the SDK retrying on its own', async () => {
    let attempt = 0;
    server.use(
      http.post(`${API}/predictions`, () => {
        attempt++;
        if (attempt === 1) {
          return HttpResponse.json(
            {
              title: 'Request was throttled.',
              detail: 'Expected available in 7 seconds.',
              status: 429,
            },
            { status: 429, headers: { 'retry-after': '7' } },
          );
        }
        return HttpResponse.json(succeeded(`${OUT}/out-0.png`), { status: 201 });
      }),
      deliver(),
    );
    const model = provider().imageModel(SDXL);
    const error = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
    expect((error as RateLimitedError).retryable).toBe(true);
    // One request, not the SDK's five immediate retries: the wait is the caller's to honour.
    expect(creates()).toHaveLength(1);

    const result = await model.doGenerate({ prompt: 'p', n: 1 });
    expect(result.images).toHaveLength(1);
    expect(creates()).toHaveLength(2);
  });

  it('waits out a 429 while polling (a GET), using the Retry-After value', async () => {
    let poll = 0;
    const waits: number[] = [];
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(prediction(), { status: 201 })),
      http.get(`${API}/predictions/pred_123`, () => {
        poll++;
        if (poll === 1) {
          return HttpResponse.json(
            { status: 429 },
            { status: 429, headers: { 'retry-after': '3' } },
          );
        }
        return HttpResponse.json(succeeded(`${OUT}/out-0.png`));
      }),
      deliver(),
    );
    await provider({
      sleep: async (ms) => {
        waits.push(ms);
      },
    })
      .imageModel(SDXL)
      .doGenerate({ prompt: 'p', n: 1 });
    expect(waits).toEqual([1, 3000]);
  });

  it('maps 401 to AuthenticationError naming REPLICATE_API_TOKEN', async () => {
    server.use(
      http.post(`${API}/predictions`, () =>
        HttpResponse.json(
          { title: 'Unauthenticated', detail: `Invalid token ${TOKEN}`, status: 401 },
          { status: 401 },
        ),
      ),
    );
    const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('REPLICATE_API_TOKEN');
  });

  it('fails with AuthenticationError before any request when no token is set', async () => {
    vi.stubEnv('REPLICATE_API_TOKEN', '');
    const error = await failure(
      createReplicate().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }),
    );
    vi.unstubAllEnvs();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('REPLICATE_API_TOKEN');
    expect(seen).toHaveLength(0);
  });

  it('retries a create 5xx only when nothing can have been created', async () => {
    for (const [status, retryable] of [
      [503, true],
      [502, true],
      [500, false],
      [504, false],
    ] as const) {
      server.use(
        http.post(`${API}/predictions`, () => new HttpResponse('upstream error', { status })),
      );
      const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
      expect(error).toBeInstanceOf(ProviderError);
      expect([status, (error as ProviderError).retryable]).toEqual([status, retryable]);
    }
    expect(creates()).toHaveLength(4);
  });

  it('follows a prediction that a 5xx create response still carries', async () => {
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(prediction(), { status: 500 })),
      http.get(`${API}/predictions/pred_123`, () => HttpResponse.json(succeeded(`${OUT}/o.png`))),
      deliver(),
    );
    const result = await provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 });
    expect(result.response.id).toBe('pred_123');
    expect(creates()).toHaveLength(1);
  });

  it('does not resend a create whose connection failed mid-request', async () => {
    server.use(http.post(`${API}/predictions`, () => HttpResponse.error()));
    const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(false);
    expect(creates()).toHaveLength(1);
  });

  it('maps 422 to InvalidRequestError', async () => {
    server.use(
      http.post(`${API}/predictions`, () =>
        HttpResponse.json(
          { title: 'Input validation failed', detail: 'width: Must be <= 2048', status: 422 },
          { status: 422 },
        ),
      ),
    );
    const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
    expect((error as { code?: string }).code).toBe('invalid_request');
    expect(error.message).toContain('width: Must be <= 2048');
  });
});

describe('Replicate adapter: outputs', () => {
  const succeedWith = (output: unknown) =>
    http.post(`${API}/predictions`, () => HttpResponse.json(succeeded(output), { status: 201 }));

  it('says an expired output (404) expired', async () => {
    server.use(
      succeedWith(`${OUT}/gone.png`),
      http.get(`${OUT}/gone.png`, () => new HttpResponse(null, { status: 404 })),
    );
    const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toMatch(/expired/);
  });

  it('rejects an output that is not an image', async () => {
    server.use(
      succeedWith(`${OUT}/page.png`),
      http.get(`${OUT}/page.png`, () => HttpResponse.html('<!doctype html><p>hello</p>')),
    );
    const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(OutputNotImageError);
  });

  it('refuses an output on a host not allowed, sending it nothing', async () => {
    let evilHits = 0;
    server.use(
      succeedWith(['https://evil.example.com/steal.png']),
      http.get('https://evil.example.com/*', () => {
        evilHits++;
        return HttpResponse.arrayBuffer(png.slice().buffer);
      }),
    );
    const error = await failure(provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toContain('evil.example.com');
    expect(evilHits).toBe(0);
  });

  it('downloads no more outputs than were asked for, and warns about the surplus', async () => {
    server.use(
      succeedWith(Array.from({ length: 100 }, (_, i) => `${OUT}/out-${i}.png`)),
      deliver(),
    );
    const result = await provider().imageModel(SDXL).doGenerate({ prompt: 'p', n: 1 });
    const downloads = seen.filter((r) => r.url.startsWith(`${OUT}/`));
    expect(downloads.map((r) => r.url)).toEqual([`${OUT}/out-0.png`]);
    expect(result.images).toHaveLength(1);
    expect(result.warnings).toContainEqual({
      type: 'other',
      message: expect.stringMatching(/100 images for 1 requested/),
    });

    seen.length = 0;
    const two = await generateImages(
      { model: 'replicate/sdxl', prompt: 'p', width: 512, height: 512, n: 2 },
      { providers: { replicate: provider() }, maxRetries: 0 },
    );
    expect(seen.filter((r) => r.url.startsWith(`${OUT}/`))).toHaveLength(2);
    expect(two.images).toHaveLength(2);
    expect(two.warnings.map((w) => (w.type === 'other' ? w.message : ''))).toContainEqual(
      expect.stringMatching(/100 images for 2 requested/),
    );
  });

  it('downloads from configured output hosts, never sending the token there', async () => {
    server.use(
      succeedWith(['https://cdn.example.org/a.png']),
      http.get('https://cdn.example.org/a.png', () => HttpResponse.arrayBuffer(png.slice().buffer)),
    );
    await provider({ outputHosts: ['cdn.example.org'] })
      .imageModel(SDXL)
      .doGenerate({ prompt: 'p', n: 1 });
    const download = seen.find((r) => r.url === 'https://cdn.example.org/a.png');
    expect(download).toBeDefined();
    for (const [name, value] of download?.headers ?? []) {
      expect(`${name}: ${value}`).not.toContain(TOKEN);
    }
  });
});

describe('Replicate adapter: the token', () => {
  it('appears in no error message or stack', () => {
    expect(errors.length).toBeGreaterThan(10);
    for (const error of errors) {
      const text = `${(error as Error).message}\n${(error as Error).stack}\n${JSON.stringify(error)}`;
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('SECRET_TOKEN');
    }
  });
});
