// Resumable fal requests against a fake of fal's queue API (msw): the submit hands out the
// request, a resume (on a fresh provider, as another server would) polls its status until
// COMPLETED, reads the result once and downloads the image; status, cancel, failures, flagged
// images, a reference pointing off fal's queue (no key sent) and an abort that stops polling.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cancelImageJob, resumeImageJob, startImageJob } from '../../jobs';
import { defaultRegistry } from '../../registry';
import {
  CanceledError,
  ContentFilteredError,
  InvalidRequestError,
  JobNotFoundError,
  ProviderError,
} from '../../spec/errors';
import type { ImageGenerationProgress, JsonValue } from '../../spec/image-model';
import { createFalImages } from './index';

const KEY = 'fal-test-FAL_JOBS_SECRET_789';
const QUEUE = 'https://queue.fal.run';
const ID = 'req-7f3a';
// fal's URLs leave the endpoint's subpath (`/schnell`) out.
const REQUEST = `${QUEUE}/fal-ai/flux/requests/${ID}`;
const CDN = 'https://v3.fal.media/files/job/out.png';
const server = setupServer();
const seen: Array<{ method: string; url: string; auth: string | null; body: string }> = [];
let png: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 12, height: 8, channels: 3, background: '#c60' } })
    .png()
    .toBuffer();
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    const copy = request.clone();
    seen.push({
      method: copy.method,
      url: copy.url,
      auth: copy.headers.get('authorization'),
      body: await copy.text(),
    });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const submitted = {
  request_id: ID,
  status_url: `${REQUEST}/status`,
  response_url: REQUEST,
  cancel_url: `${REQUEST}/cancel`,
};
const submit = (answer: Record<string, unknown> = submitted) =>
  http.post(`${QUEUE}/fal-ai/flux/schnell`, () => HttpResponse.json(answer));

/** IN_QUEUE once, IN_PROGRESS `running` times, then `last`. */
const status = (running: number, last: Record<string, unknown> = { status: 'COMPLETED' }) => {
  let asked = 0;
  return http.get(`${REQUEST}/status`, () => {
    asked += 1;
    if (asked === 1)
      return HttpResponse.json({ status: 'IN_QUEUE', queue_position: 2 }, { status: 202 });
    if (asked <= running + 1) return HttpResponse.json({ status: 'IN_PROGRESS' }, { status: 202 });
    return HttpResponse.json(last);
  });
};
const result = (answer: Record<string, unknown> = { images: [{ url: CDN }], seed: 77 }) =>
  http.get(REQUEST, () => HttpResponse.json(answer));
const cdn = () =>
  http.get(
    CDN,
    () => new HttpResponse(new Uint8Array(png), { headers: { 'content-type': 'image/png' } }),
  );

const providers = () => ({ fal: createFalImages({ apiKey: KEY }) });
const model = () => providers().fal.imageModel('fal-ai/flux/schnell');
const ref = (): JsonValue => ({
  requestId: ID,
  statusUrl: `${REQUEST}/status`,
  responseUrl: REQUEST,
  cancelUrl: `${REQUEST}/cancel`,
  n: 1,
});
const requests = () => seen.map((s) => `${s.method} ${s.url}`);

async function failure(promise: Promise<unknown> | undefined): Promise<Error> {
  return (promise as Promise<unknown>).then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as Error,
  );
}

describe('fal jobs', { timeout: 15_000 }, () => {
  it('start queues the request; a resume on a fresh provider polls, reads the result once and downloads', async () => {
    server.use(submit(), status(1), result(), cdn());
    const job = await startImageJob(
      { prompt: 'a kite', model: 'fal/flux-schnell', width: 512, height: 384, seed: 9, steps: 4 },
      { providers: providers(), registry: defaultRegistry },
    );
    expect(requests()).toEqual([`POST ${QUEUE}/fal-ai/flux/schnell`]);
    expect(seen[0]?.auth).toBe(`Key ${KEY}`);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      prompt: 'a kite',
      num_images: 1,
      image_size: { width: 512, height: 384 },
      seed: 9,
      num_inference_steps: 4,
    });
    expect(JSON.stringify(job)).toContain(ID);
    expect(JSON.stringify(job)).not.toContain(KEY);

    const progress: ImageGenerationProgress[] = [];
    const done = await resumeImageJob(JSON.parse(JSON.stringify(job)), {
      providers: providers(),
      registry: defaultRegistry,
      onProgress: (p) => progress.push(p),
    });
    expect(requests()).toEqual([
      `POST ${QUEUE}/fal-ai/flux/schnell`,
      `GET ${REQUEST}/status`,
      `GET ${REQUEST}/status`,
      `GET ${REQUEST}/status`,
      `GET ${REQUEST}`,
      `GET ${CDN}`,
    ]);
    expect(seen.slice(1, 5).every((s) => s.auth === `Key ${KEY}`)).toBe(true);
    expect(seen[5]?.auth).toBeNull();
    expect(done.images).toHaveLength(1);
    expect(done.images[0]?.mediaType).toBe('image/png');
    expect(Buffer.from(done.images[0]?.bytes ?? []).equals(png)).toBe(true);
    expect(progress.map((p) => p.stage)).toContain('queued');
    expect(progress.find((p) => p.stage === 'queued')?.message).toMatch(/Position 3/);
  });

  it('answers status from one status check', async () => {
    server.use(status(Number.POSITIVE_INFINITY));
    expect(await model().statusJob?.(ref())).toMatchObject({
      status: 'running',
      progress: { stage: 'queued' },
    });
    expect(await model().statusJob?.(ref())).toEqual({
      status: 'running',
      progress: { stage: 'processing' },
    });
    expect(requests()).toEqual([`GET ${REQUEST}/status`, `GET ${REQUEST}/status`]);
    server.resetHandlers(status(0, { status: 'COMPLETED', error: 'runner crashed' }));
    await model().statusJob?.(ref());
    expect(await model().statusJob?.(ref())).toEqual({ status: 'failed' });
    server.resetHandlers(status(0));
    await model().statusJob?.(ref());
    expect(await model().statusJob?.(ref())).toEqual({ status: 'succeeded' });
  });

  it('cancels through PUT cancel_url with the key', async () => {
    let cancels = 0;
    server.use(
      submit(),
      http.put(`${REQUEST}/cancel`, ({ request }) => {
        cancels += request.headers.get('authorization') === `Key ${KEY}` ? 1 : 0;
        return HttpResponse.json({ status: 'CANCELLATION_REQUESTED' }, { status: 202 });
      }),
    );
    const options = { providers: providers(), registry: defaultRegistry };
    const job = await startImageJob({ prompt: 'x', model: 'fal/flux-schnell' }, options);
    await cancelImageJob(job, options);
    expect(cancels).toBe(1);
    server.resetHandlers(
      http.put(`${REQUEST}/cancel`, () =>
        HttpResponse.json({ status: 'NOT_FOUND' }, { status: 404 }),
      ),
    );
    expect(await failure(model().cancelJob?.(ref()))).toBeInstanceOf(JobNotFoundError);
  });

  it('maps a failed request, a lost one and flagged images', async () => {
    server.use(status(0, { status: 'COMPLETED', error: 'runner crashed' }));
    const failed = await failure(model().resumeJob?.(ref()));
    expect(failed).toBeInstanceOf(ProviderError);
    expect(failed.message).toMatch(/runner crashed/);

    server.resetHandlers(
      http.get(`${REQUEST}/status`, () =>
        HttpResponse.json({ detail: 'Not found' }, { status: 404 }),
      ),
    );
    expect(await failure(model().resumeJob?.(ref()))).toBeInstanceOf(JobNotFoundError);

    server.resetHandlers(status(0), result({ images: [{ url: CDN }], has_nsfw_concepts: [true] }));
    expect(await failure(model().resumeJob?.(ref()))).toBeInstanceOf(ContentFilteredError);

    server.resetHandlers(
      status(0),
      http.get(REQUEST, () => HttpResponse.json({ detail: 'bad image_size' }, { status: 422 })),
    );
    const invalid = await failure(model().resumeJob?.(ref()));
    expect(invalid).toBeInstanceOf(ProviderError);
    expect(invalid.message).toMatch(/422.*bad image_size/);
    expect(requests().filter((r) => r.includes(CDN))).toEqual([]);
  });

  it('refuses a reference off fal queue without sending the key', async () => {
    const foreign = {
      ...(ref() as Record<string, JsonValue>),
      statusUrl: 'https://collector.example/s',
    };
    for (const call of [
      () => model().resumeJob?.(foreign),
      () => model().statusJob?.(foreign),
      () => model().cancelJob?.(foreign),
    ]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toMatch(/collector\.example/);
    }
    expect(seen).toEqual([]);
    server.use(submit({ ...submitted, cancel_url: 'https://collector.example/c' }));
    expect(await failure(model().startJob?.({ prompt: 'a', n: 1 }))).toBeInstanceOf(ProviderError);
    expect(requests()).toEqual([`POST ${QUEUE}/fal-ai/flux/schnell`]);
  });

  it('stops polling on abort and leaves the request queued', async () => {
    let polls = 0;
    const controller = new AbortController();
    server.use(
      http.get(`${REQUEST}/status`, () => {
        polls += 1;
        if (polls === 2) controller.abort();
        return HttpResponse.json({ status: 'IN_PROGRESS' }, { status: 202 });
      }),
    );
    const error = await failure(model().resumeJob?.(ref(), { abortSignal: controller.signal }));
    expect(error).toBeInstanceOf(CanceledError);
    const after = polls;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(polls).toBe(after);
    expect(requests().some((r) => r.startsWith('PUT'))).toBe(false);
  });
});
