// Resumable BFL tasks against a fake of BFL's API (msw): the submit hands out the task, a
// resume (on a fresh provider, as another server would) polls until Ready and downloads once,
// status and verdicts map to job states, and a reference polling a foreign host gets no key.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resumeImageJob, startImageJob, statusImageJob } from '../../jobs';
import { defaultRegistry } from '../../registry';
import {
  CanceledError,
  ContentFilteredError,
  InvalidRequestError,
  JobNotFoundError,
  ProviderError,
} from '../../spec/errors';
import type { JsonValue } from '../../spec/image-model';
import { createBlackForestLabsImages } from './index';

const KEY = 'bfl-test-BFL_JOBS_SECRET_1234abcd';
const API = 'https://api.bfl.ai/v1';
const POLL = 'https://api.us1.bfl.ai/v1/get_result';
const SAMPLE = 'https://delivery-eu1.bfl.ai/results/jobs/sample.jpeg';
const server = setupServer();
const seen: Array<{ method: string; url: string; key: string | null; body: string }> = [];
let jpeg: Buffer;

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#06c' } })
    .jpeg()
    .toBuffer();
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    const copy = request.clone();
    seen.push({
      method: copy.method,
      url: copy.url.split('?')[0] as string,
      key: copy.headers.get('x-key'),
      body: await copy.text(),
    });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const submit = (model: string, pollingUrl = POLL) =>
  http.post(`${API}/${model}`, () =>
    HttpResponse.json({ id: 'task-1', polling_url: `${pollingUrl}?id=task-1` }),
  );

/** `Pending` `pending` times, then `last`, for as long as it is asked. */
const poll = (pending: number, last: Record<string, unknown>) => {
  let asked = 0;
  return http.get(POLL, () => {
    asked += 1;
    if (asked <= pending) return HttpResponse.json({ id: 'task-1', status: 'Pending' });
    return HttpResponse.json({ id: 'task-1', ...last });
  });
};
const ready = { status: 'Ready', result: { sample: `${SAMPLE}?sig=x`, seed: 31 } };
const delivery = () =>
  http.get(
    SAMPLE,
    () => new HttpResponse(new Uint8Array(jpeg), { headers: { 'content-type': 'image/jpeg' } }),
  );

const providers = () => ({ bfl: createBlackForestLabsImages({ apiKey: KEY, pollIntervalMs: 1 }) });
const model = () => providers().bfl.imageModel('flux-pro-1.1');
const requests = () => seen.map((s) => `${s.method} ${s.url}`);

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as Error,
  );
}

describe('Black Forest Labs jobs', () => {
  it('start hands out the task; a resume on a fresh provider polls until Ready and downloads once', async () => {
    server.use(submit('flux-pro-1.1'), poll(2, ready), delivery());
    const job = await startImageJob(
      { prompt: 'a lighthouse', model: 'bfl/flux-pro-1.1', width: 512, height: 768, seed: 5 },
      { providers: providers(), registry: defaultRegistry },
    );
    expect(requests()).toEqual([`POST ${API}/flux-pro-1.1`]);
    expect(seen[0]?.key).toBe(KEY);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      prompt: 'a lighthouse',
      seed: 5,
      width: 512,
      height: 768,
    });
    expect(JSON.stringify(job)).toContain('task-1');
    expect(JSON.stringify(job)).not.toContain(KEY);

    const stages: string[] = [];
    const result = await resumeImageJob(JSON.parse(JSON.stringify(job)), {
      providers: providers(),
      registry: defaultRegistry,
      onProgress: (p) => stages.push(p.stage),
    });
    expect(requests()).toEqual([
      `POST ${API}/flux-pro-1.1`,
      `GET ${POLL}`,
      `GET ${POLL}`,
      `GET ${POLL}`,
      `GET ${SAMPLE}`,
    ]);
    // The key goes to the polling host, never to the image host.
    expect(seen.slice(1, 4).every((s) => s.key === KEY)).toBe(true);
    expect(seen[4]?.key).toBeNull();
    expect(result.images).toHaveLength(1);
    expect(result.images[0]?.mediaType).toBe('image/jpeg');
    expect(Buffer.from(result.images[0]?.bytes ?? []).equals(jpeg)).toBe(true);
    expect(stages).toContain('downloading');
  });

  it('maps a ratio model to aspect_ratio and answers status from one poll', async () => {
    server.use(submit('flux-pro-1.1-ultra'), poll(Number.POSITIVE_INFINITY, {}));
    const ultra = providers().bfl.imageModel('flux-pro-1.1-ultra');
    const { ref } = (await ultra.startJob?.({ prompt: 'dunes', n: 1, aspectRatio: '16:9' })) ?? {
      ref: null,
    };
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ prompt: 'dunes', aspect_ratio: '16:9' });
    expect(await ultra.statusJob?.(ref as JsonValue)).toEqual({
      status: 'running',
      progress: { stage: 'processing' },
    });
    expect(requests().filter((r) => r.startsWith('GET'))).toHaveLength(1);
  });

  it('reports a Ready task as succeeded and a failed one as failed', async () => {
    const ref = { id: 'task-1', pollingUrl: `${POLL}?id=task-1` };
    server.use(poll(0, ready));
    expect(await model().statusJob?.(ref)).toEqual({ status: 'succeeded' });
    server.resetHandlers(poll(0, { status: 'Failed' }));
    expect(await model().statusJob?.(ref)).toEqual({ status: 'failed' });
  });

  it('maps moderation to content_filtered, failure to provider_error and a lost task to job_not_found', async () => {
    const ref = { id: 'task-1', pollingUrl: `${POLL}?id=task-1` };
    server.use(poll(1, { status: 'Content Moderated', details: { reason: 'x' } }));
    const moderated = await failure(model().resumeJob?.(ref) as Promise<unknown>);
    expect(moderated).toBeInstanceOf(ContentFilteredError);
    expect(moderated.message).toMatch(/the image/);

    server.resetHandlers(poll(0, { status: 'Request Moderated' }));
    const prompt = await failure(model().resumeJob?.(ref) as Promise<unknown>);
    expect(prompt).toBeInstanceOf(ContentFilteredError);
    expect(prompt.message).toMatch(/the prompt/);

    server.resetHandlers(poll(0, { status: 'Error', result: { error: 'gpu fault' } }));
    const failed = await failure(model().resumeJob?.(ref) as Promise<unknown>);
    expect(failed).toBeInstanceOf(ProviderError);
    expect(failed.message).toMatch(/"Error".*gpu fault/);

    server.resetHandlers(poll(0, { status: 'Task not found' }));
    expect(await failure(model().resumeJob?.(ref) as Promise<unknown>)).toBeInstanceOf(
      JobNotFoundError,
    );
    // No image was ever asked for.
    expect(requests().filter((r) => r.includes(SAMPLE))).toEqual([]);
  });

  it('refuses a reference polling a foreign host without sending the key', async () => {
    const foreign = { id: 'task-1', pollingUrl: 'https://collector.example/v1/get_result?id=1' };
    for (const call of [
      () => model().resumeJob?.(foreign),
      () => model().statusJob?.(foreign),
      () => model().cancelJob?.(foreign),
    ]) {
      const error = await failure(call() as Promise<unknown>);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toMatch(/collector\.example/);
    }
    expect(seen).toEqual([]);
    // Nor is a submit answer pointing elsewhere kept as a reference.
    server.use(submit('flux-pro-1.1', 'https://collector.example/v1/get_result'));
    expect(
      await failure(model().startJob?.({ prompt: 'a', n: 1 }) as Promise<unknown>),
    ).toBeInstanceOf(ProviderError);
    expect(requests()).toEqual([`POST ${API}/flux-pro-1.1`]);
  });

  it('stops polling on abort and leaves the task alone; cancel sends nothing', async () => {
    let polls = 0;
    const controller = new AbortController();
    server.use(
      http.get(POLL, () => {
        polls += 1;
        if (polls === 3) controller.abort();
        return HttpResponse.json({ id: 'task-1', status: 'Pending' });
      }),
    );
    const ref = { id: 'task-1', pollingUrl: `${POLL}?id=task-1` };
    const error = await failure(
      model().resumeJob?.(ref, { abortSignal: controller.signal }) as Promise<unknown>,
    );
    expect(error).toBeInstanceOf(CanceledError);
    const after = polls;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(polls).toBe(after);
    expect(polls).toBeLessThanOrEqual(4);

    seen.length = 0;
    await model().cancelJob?.(ref);
    expect(seen).toEqual([]);
  });

  it('a status of a job through statusImageJob names the model', async () => {
    server.use(submit('flux-pro-1.1'), poll(Number.POSITIVE_INFINITY, {}));
    const options = { providers: providers(), registry: defaultRegistry };
    const job = await startImageJob({ prompt: 'x', model: 'bfl/flux-pro-1.1' }, options);
    const report = await statusImageJob(job, options);
    expect(report).toMatchObject({ status: 'running', model: 'bfl/flux-pro-1.1' });
  });
});
