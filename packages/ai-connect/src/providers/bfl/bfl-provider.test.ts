// The Black Forest Labs provider through the real AI SDK package against a fake of BFL's API
// (msw): the submit, the polling until Ready, the signed image downloaded without the key and
// held to BFL's delivery hosts and a size cap, moderation verdicts, errors and aborts.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateImages } from '../../generate';
import { defaultRegistry } from '../../registry';
import {
  AuthenticationError,
  CanceledError,
  ContentFilteredError,
  InvalidRequestError,
  OutputNotImageError,
  ProviderError,
  RateLimitedError,
} from '../../spec/errors';
import { type BlackForestLabsImagesSettings, createBlackForestLabsImages } from './index';

const KEY = 'bfl-test-BFL_SECRET_7890abcdef';
const API = 'https://api.bfl.ai/v1';
const POLL = 'https://api.us1.bfl.ai/v1/get_result';
const SAMPLE = 'https://delivery-eu1.bfl.ai/results/ab/cd/sample.jpeg';
const SIGNED = `${SAMPLE}?se=2026-11-26T05%3A00%3A00Z&sig=signature`;
const server = setupServer();
const seen: Array<{ method: string; url: string; headers: Headers; body: string }> = [];
let jpeg: Buffer;

beforeAll(async () => {
  const image = sharp({ create: { width: 32, height: 24, channels: 3, background: '#a40' } });
  jpeg = await image.jpeg().toBuffer();
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    const copy = request.clone();
    seen.push({
      method: copy.method,
      url: copy.url,
      headers: copy.headers,
      body: await copy.text(),
    });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

/** BFL's submit answer: the task id and where to poll it. */
const submit = (model: string, pollingUrl = POLL) => {
  let tasks = 0;
  return http.post(`${API}/${model}`, () => {
    tasks += 1;
    const id = `task-${tasks}`;
    return HttpResponse.json({ id, polling_url: `${pollingUrl}?id=${id}`, cost: 4 });
  });
};

/** BFL's status answers: `Pending` `pending` times, then `last`. */
const poll = (pending: number, last: Record<string, unknown>) => {
  let asked = 0;
  return http.get(POLL, ({ request }) => {
    const id = new URL(request.url).searchParams.get('id');
    asked += 1;
    if (asked <= pending) return HttpResponse.json({ id, status: 'Pending', result: null });
    asked = 0;
    return HttpResponse.json({ id, ...last });
  });
};

const ready = (sample = SIGNED) => ({
  status: 'Ready',
  result: { sample, seed: 11, start_time: 1, end_time: 3, duration: 2 },
});

const delivery = (body: BodyInit = new Uint8Array(jpeg)) =>
  http.get(SAMPLE, () => new HttpResponse(body, { headers: { 'content-type': 'image/jpeg' } }));

function bfl(settings: BlackForestLabsImagesSettings = {}) {
  return createBlackForestLabsImages({ apiKey: KEY, pollIntervalMs: 1, ...settings });
}

function run(
  request: Parameters<typeof generateImages>[0],
  settings: BlackForestLabsImagesSettings = {},
  signal?: AbortSignal,
) {
  return generateImages(request, {
    providers: { bfl: bfl(settings) },
    registry: defaultRegistry,
    sleep: async () => {},
    ...(signal ? { signal } : {}),
  });
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as Error,
  );
}

const requests = () => seen.map((s) => `${s.method} ${s.url.split('?')[0]}`);

describe('createBlackForestLabsImages', () => {
  it('submits a task, polls it until Ready and downloads the signed image without the key', async () => {
    server.use(submit('flux-pro-1.1'), poll(2, ready()), delivery());
    const result = await run({
      prompt: 'a red fox',
      model: 'bfl/flux-pro-1.1',
      width: 1024,
      height: 768,
      seed: 7,
    });
    expect(requests()).toEqual([
      `POST ${API}/flux-pro-1.1`,
      `GET ${POLL}`,
      `GET ${POLL}`,
      `GET ${POLL}`,
      `GET ${SAMPLE}`,
    ]);
    const [post, firstPoll, , , download] = seen;
    expect(post?.headers.get('x-key')).toBe(KEY);
    expect(post?.headers.get('content-type')).toMatch(/application\/json/);
    // Sized endpoints get width and height alone, without a derived ratio.
    expect(JSON.parse(post?.body ?? '')).toEqual({
      prompt: 'a red fox',
      seed: 7,
      width: 1024,
      height: 768,
    });
    expect(new URL(firstPoll?.url ?? '').searchParams.get('id')).toBe('task-1');
    expect(firstPoll?.headers.get('x-key')).toBe(KEY);
    // The signed URL is fetched whole, and the key stays with the API.
    expect(download?.url).toBe(SIGNED);
    expect(download?.headers.get('x-key')).toBeNull();
    expect(result.images).toHaveLength(1);
    expect(result.images[0]).toMatchObject({ mediaType: 'image/jpeg', width: 32, height: 24 });
    expect(Buffer.from(result.images[0]?.bytes ?? []).equals(jpeg)).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(result.usage).toMatchObject({ provider: 'bfl', costUsd: 0.04 });
  });

  it('sends a ratio to the ratio endpoints and runs one task per image', async () => {
    server.use(submit('flux-pro-1.1-ultra'), poll(0, ready()), delivery());
    const result = await run({
      prompt: 'a wide valley',
      model: 'bfl/flux-pro-1.1-ultra',
      width: 1920,
      height: 1080,
      n: 2,
    });
    const posts = seen.filter((s) => s.method === 'POST').map((s) => JSON.parse(s.body));
    expect(posts).toHaveLength(2);
    for (const body of posts) {
      expect(body).toMatchObject({ prompt: 'a wide valley', aspect_ratio: '16:9' });
      expect(body.width).toBeUndefined();
    }
    expect(result.images).toHaveLength(2);
    expect(result.usage?.costUsd).toBeCloseTo(0.12, 10);
  });

  it('passes steps to FLUX.1 [dev] and refuses sizes off its 32 px grid before calling BFL', async () => {
    server.use(submit('flux-dev'), poll(0, ready()), delivery());
    await run({ prompt: 'p', model: 'bfl/flux-dev', width: 512, height: 512, steps: 12 });
    expect(JSON.parse(seen[0]?.body ?? '')).toMatchObject({ width: 512, height: 512, steps: 12 });
    seen.length = 0;
    const error = await failure(run({ prompt: 'p', model: 'bfl/flux-dev', width: 500 }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(seen).toEqual([]);
  });

  it.each([
    ['Request Moderated', 'the prompt'],
    ['Content Moderated', 'the image'],
  ])('turns a task that ends as %s into content_filtered, asked once', async (status, what) => {
    server.use(
      submit('flux-pro-1.1'),
      poll(1, { status, details: { 'Moderation Reasons': ['Derivative Works Filter'] } }),
    );
    const error = await failure(run({ prompt: 'p', model: 'bfl/flux-pro-1.1' }));
    expect(error).toBeInstanceOf(ContentFilteredError);
    expect(error.message).toContain(what);
    expect(error.message).toContain('Derivative Works Filter');
    expect(requests()).toEqual([`POST ${API}/flux-pro-1.1`, `GET ${POLL}`, `GET ${POLL}`]);
  });

  it('reports a task that failed at BFL with its details', async () => {
    server.use(
      submit('flux-pro-1.1'),
      poll(0, { status: 'Error', details: { reason: 'GPU fault' } }),
    );
    const model = bfl().imageModel('flux-pro-1.1');
    const error = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toMatch(/"Error".*GPU fault/);
    expect(seen.some((s) => s.url.startsWith(SAMPLE))).toBe(false);
  });

  it('passes an abort during polling on to the poll BFL is serving', async () => {
    const controller = new AbortController();
    let polls = 0;
    let abortedAtBfl = false;
    server.use(
      submit('flux-pro-1.1'),
      http.get(POLL, async ({ request }) => {
        polls += 1;
        if (polls < 2) return HttpResponse.json({ status: 'Pending' });
        controller.abort();
        await new Promise<void>((resolve) => {
          if (request.signal.aborted) resolve();
          request.signal.addEventListener('abort', () => resolve());
        });
        abortedAtBfl = request.signal.aborted;
        return HttpResponse.json(ready());
      }),
      delivery(),
    );
    const error = await failure(
      run({ prompt: 'p', model: 'bfl/flux-pro-1.1' }, {}, controller.signal),
    );
    expect(error).toBeInstanceOf(CanceledError);
    expect(abortedAtBfl).toBe(true);
    expect(polls).toBe(2);
    expect(seen.some((s) => s.url.startsWith(SAMPLE))).toBe(false);
  });

  it('maps 403, 429, 402 and 422 to typed errors without the key in any message', async () => {
    const url = `${API}/flux-pro-1.1`;
    server.use(
      http.post(url, () => HttpResponse.json({ detail: `Invalid key ${KEY}` }, { status: 403 }), {
        once: true,
      }),
      http.post(
        url,
        () =>
          HttpResponse.json(
            { detail: 'You have exceeded the number of active tasks' },
            { status: 429, headers: { 'retry-after': '4' } },
          ),
        { once: true },
      ),
      http.post(url, () => HttpResponse.json({ detail: 'Insufficient credits' }, { status: 402 }), {
        once: true,
      }),
      http.post(url, () =>
        HttpResponse.json(
          { detail: [{ loc: ['body', 'width'], msg: `bad width (key ${KEY})` }] },
          { status: 422 },
        ),
      ),
    );
    const model = bfl().imageModel('flux-pro-1.1');
    const auth = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(auth).toBeInstanceOf(AuthenticationError);
    expect(auth.message).toContain('BFL_API_KEY');
    const limited = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(4000);
    const broke = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(broke).toBeInstanceOf(ProviderError);
    expect(broke.message).toMatch(/credits/);
    expect((broke as ProviderError).retryable).toBe(false);
    const invalid = await failure(model.doGenerate({ prompt: 'p', n: 1 }));
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(invalid.message).toContain('bad width');
    for (const error of [auth, limited, broke, invalid]) expect(error.message).not.toContain(KEY);
  });

  it('never sends the key to a polling URL off BFL’s API hosts', async () => {
    const elsewhere = 'https://collector.example.test/v1/get_result';
    server.use(submit('flux-pro-1.1', elsewhere));
    const error = await failure(bfl().imageModel('flux-pro-1.1').doGenerate({ prompt: 'p', n: 1 }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toContain('collector.example.test');
    expect(requests()).toEqual([`POST ${API}/flux-pro-1.1`]);
  });

  it('refuses an image outside the allowed hosts without fetching it, and a too large one', async () => {
    const elsewhere = 'https://files.example.test/out.jpeg';
    server.use(submit('flux-pro-1.1'), poll(0, ready(elsewhere)));
    const refused = await failure(run({ prompt: 'p', model: 'bfl/flux-pro-1.1' }));
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused.message).toContain('files.example.test');
    expect(seen.some((s) => s.url.startsWith('https://files.example.test'))).toBe(false);

    server.use(poll(0, ready()), delivery());
    const big = await failure(
      run({ prompt: 'p', model: 'bfl/flux-pro-1.1' }, { maxOutputBytes: 64 }),
    );
    expect(big).toBeInstanceOf(ProviderError);
    expect(big.message).toMatch(/byte|large|size/i);

    server.use(delivery(new TextEncoder().encode('<html>expired</html>')));
    const html = await failure(run({ prompt: 'p', model: 'bfl/flux-pro-1.1' }));
    expect(html).toBeInstanceOf(OutputNotImageError);
  });

  it('is live only with a key', () => {
    const saved = process.env.BFL_API_KEY;
    delete process.env.BFL_API_KEY;
    try {
      expect(createBlackForestLabsImages().isConfigured?.()).toBe(false);
      expect(createBlackForestLabsImages({ apiKey: ' ' }).isConfigured?.()).toBe(false);
      expect(createBlackForestLabsImages({ apiKey: KEY }).isConfigured?.()).toBe(true);
    } finally {
      if (saved !== undefined) process.env.BFL_API_KEY = saved;
    }
  });
});
