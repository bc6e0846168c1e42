// Pins the known gaps of the `replicate` SDK (1.4) that the adapter works around, each next to
// the adapter's behaviour against the same fake. If an SDK upgrade fixes a gap, its first
// assertion fails and the workaround can be reconsidered.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import Replicate from 'replicate';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CanceledError, ProviderError, RateLimitedError } from '../../spec/errors';
import { createReplicate } from './replicate-provider';

const TOKEN = 'r8_test_SECRET_TOKEN_123';
const API = 'https://api.replicate.com/v1';
const SDXL = 'stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc';
const OUT = 'https://replicate.delivery/pbxt/gap/out.png';

const server = setupServer();
const seen: Array<{ method: string; url: string }> = [];
let png: ArrayBuffer;

beforeAll(async () => {
  const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  png = new Uint8Array(bytes).buffer;
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    seen.push({ method: request.method, url: request.url });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const prediction = (status: string, output: unknown = null) => ({
  id: 'pred_gap',
  status,
  output,
  version: 'v',
  logs: '',
  created_at: '2026-11-21T10:00:00.000Z',
  urls: { get: `${API}/predictions/pred_gap`, cancel: `${API}/predictions/pred_gap/cancel` },
});
const creates = () => seen.filter((r) => r.method === 'POST' && !r.url.endsWith('/cancel'));
const polls = () => seen.filter((r) => r.method === 'GET' && r.url.startsWith(API));
const cancels = () => seen.filter((r) => r.url.endsWith('/cancel'));
const sdk = () => new Replicate({ auth: TOKEN, useFileOutput: false });
const adapter = () => createReplicate({ apiToken: TOKEN, pollIntervalMs: 1 }).imageModel(SDXL);

/** A create that answers only when the test says so, and says when it has been reached. */
function heldCreate(status = 'processing') {
  let release!: () => void;
  let reached!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const arrived = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const handler = http.post(`${API}/predictions`, async () => {
    reached();
    await released;
    return HttpResponse.json(prediction(status), { status: 201 });
  });
  return { handler, arrived, release };
}

describe('SDK gap: the abort signal is not forwarded to the create request', () => {
  it('SDK run(): an abort during create does not stop the sync-mode wait', async () => {
    const create = heldCreate();
    server.use(
      create.handler,
      http.post(`${API}/predictions/pred_gap/cancel`, () =>
        HttpResponse.json(prediction('canceled')),
      ),
    );
    const controller = new AbortController();
    let settled = false;
    const running = sdk()
      .run(SDXL as `${string}/${string}:${string}`, {
        input: { prompt: 'p' },
        signal: controller.signal,
      })
      .finally(() => {
        settled = true;
      });
    await create.arrived;
    controller.abort();
    // A forwarded abort would reject the fetch within a few turns of the event loop.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    create.release();
    // It waited the whole create out and resolved (no AbortError) with an empty output.
    expect((await running) ?? null).toBeNull();
  });

  it('adapter: rejects at once and cancels the prediction as soon as its id is known', async () => {
    const create = heldCreate();
    server.use(
      create.handler,
      http.post(`${API}/predictions/pred_gap/cancel`, () =>
        HttpResponse.json(prediction('canceled')),
      ),
    );
    const controller = new AbortController();
    const outcome = adapter()
      .doGenerate({ prompt: 'p', n: 1, abortSignal: controller.signal })
      .catch((e: unknown) => e);
    await create.arrived;
    controller.abort();
    // Rejected while Replicate has not answered the create: nothing waits for it.
    expect(await outcome).toBeInstanceOf(CanceledError);
    expect(cancels()).toHaveLength(0);
    create.release();
    await vi.waitFor(() => expect(cancels()).toHaveLength(1), { timeout: 2000 });
  });
});

describe('SDK gap: its automatic retry ignores Retry-After (and repeats a failed POST)', () => {
  it('SDK: retries a 429 create at once, twice, although Retry-After said 5 s', async () => {
    let attempt = 0;
    server.use(
      http.post(`${API}/predictions`, () => {
        attempt++;
        return attempt < 3
          ? HttpResponse.json({ status: 429 }, { status: 429, headers: { 'retry-after': '5' } })
          : HttpResponse.json(prediction('starting'), { status: 201 });
      }),
    );
    // Every wait the SDK schedules between attempts: none is the 5 s Retry-After asked for.
    const waits: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
      waits.push(ms ?? 0);
      return realSetTimeout(callback, ms);
    }) as typeof setTimeout);
    try {
      await sdk().predictions.create({ version: 'v', input: { prompt: 'p' } });
    } finally {
      vi.mocked(globalThis.setTimeout).mockRestore();
    }
    expect(creates()).toHaveLength(3);
    expect(waits.filter((ms) => ms >= 5000)).toEqual([]);
  });

  it('SDK: sends a create again after a network fault, which may bill twice', async () => {
    let attempt = 0;
    server.use(
      http.post(`${API}/predictions`, () => {
        attempt++;
        return attempt === 1
          ? HttpResponse.error()
          : HttpResponse.json(prediction('starting'), { status: 201 });
      }),
    );
    await sdk().predictions.create({ version: 'v', input: { prompt: 'p' } });
    expect(creates()).toHaveLength(2);
  });

  it('adapter: one create, then RateLimitedError carrying Retry-After for the caller to honour', async () => {
    server.use(
      http.post(`${API}/predictions`, () =>
        HttpResponse.json({ status: 429 }, { status: 429, headers: { 'retry-after': '5' } }),
      ),
    );
    const error = await adapter()
      .doGenerate({ prompt: 'p', n: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(5000);
    expect(creates()).toHaveLength(1);
  });

  it('adapter: one create after a network fault, reported as not retryable', async () => {
    server.use(http.post(`${API}/predictions`, () => HttpResponse.error()));
    const error = await adapter()
      .doGenerate({ prompt: 'p', n: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(false);
    expect(creates()).toHaveLength(1);
  });
});

describe('SDK gap: sync mode treats any status but "starting" as done', () => {
  function processingThenSucceeded() {
    let poll = 0;
    server.use(
      http.post(`${API}/predictions`, () =>
        HttpResponse.json(prediction('processing'), { status: 201 }),
      ),
      http.get(`${API}/predictions/pred_gap`, () => {
        poll++;
        return HttpResponse.json(
          poll < 2 ? prediction('processing') : prediction('succeeded', [OUT]),
        );
      }),
      http.get(OUT, () => HttpResponse.arrayBuffer(png.slice(0))),
    );
  }

  it('SDK run(): returns an empty output for a prediction still processing after the wait', async () => {
    processingThenSucceeded();
    const output = await sdk().run(SDXL as `${string}/${string}:${string}`, {
      input: { prompt: 'p' },
    });
    expect(output ?? null).toBeNull();
    expect(polls()).toHaveLength(0);
  });

  it('adapter: polls the processing prediction to the end and returns its image', async () => {
    processingThenSucceeded();
    const result = await adapter().doGenerate({ prompt: 'p', n: 1 });
    expect(result.images).toHaveLength(1);
    expect(polls()).toHaveLength(2);
  });
});
