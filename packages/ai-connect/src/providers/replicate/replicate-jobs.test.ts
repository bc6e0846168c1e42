// Replicate predictions as resumable jobs, against a fake of Replicate's predictions API
// (msw): create without waiting, resume by polling, status, cancel, and a forgotten id.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelImageJob,
  resumeImageJob,
  startImageJob,
  statusImageJob,
  supportsImageJobs,
} from '../../jobs';
import { CanceledError, InvalidRequestError, JobNotFoundError } from '../../spec/errors';
import { createReplicate } from './replicate-provider';

const TOKEN = 'r8_jobs_SECRET_TOKEN_456';
const API = 'https://api.replicate.com/v1';
const OUT = 'https://replicate.delivery/pbxt/jobs';

interface FakePrediction {
  id: string;
  outputs: number;
  polls: number;
  canceled: boolean;
}

const server = setupServer();
const state = {
  predictions: new Map<string, FakePrediction>(),
  creates: [] as Array<{ headers: Headers; body: Record<string, unknown> }>,
  cancels: [] as string[],
  pollsBeforeSuccess: 1,
};
let png: Uint8Array;

const body = (p: FakePrediction, status: string, extra: Record<string, unknown> = {}) => ({
  id: p.id,
  model: 'black-forest-labs/flux-schnell',
  version: 'v',
  input: {},
  logs: '',
  output: null,
  error: null,
  status,
  created_at: '2026-11-26T05:00:00.000Z',
  urls: { get: `${API}/predictions/${p.id}`, cancel: `${API}/predictions/${p.id}/cancel` },
  ...extra,
});

beforeAll(async () => {
  png = new Uint8Array(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#0a7' } })
      .png()
      .toBuffer(),
  );
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  server.resetHandlers();
  state.predictions.clear();
  state.creates.length = 0;
  state.cancels.length = 0;
  state.pollsBeforeSuccess = 1;
});
afterAll(() => server.close());

function useFake() {
  server.use(
    http.post(`${API}/models/:owner/:name/predictions`, async ({ request }) => {
      const json = (await request.json()) as { input: Record<string, unknown> };
      state.creates.push({ headers: request.headers, body: json });
      const p: FakePrediction = {
        id: `pred_${state.creates.length}`,
        outputs: Number(json.input.num_outputs ?? 1),
        polls: 0,
        canceled: false,
      };
      state.predictions.set(p.id, p);
      return HttpResponse.json(body(p, 'starting'), { status: 201 });
    }),
    http.get(`${API}/predictions/:id`, ({ params }) => {
      const p = state.predictions.get(String(params.id));
      if (!p) return HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
      p.polls++;
      if (p.canceled) return HttpResponse.json(body(p, 'canceled'));
      if (p.polls <= state.pollsBeforeSuccess) {
        return HttpResponse.json(body(p, 'processing', { logs: ' 40%|████ | 4/10' }));
      }
      const output = Array.from({ length: p.outputs }, (_, i) => `${OUT}/${p.id}-${i}.png`);
      return HttpResponse.json(body(p, 'succeeded', { output, metrics: { predict_time: 1.5 } }));
    }),
    http.post(`${API}/predictions/:id/cancel`, ({ params }) => {
      const p = state.predictions.get(String(params.id));
      if (!p) return HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
      p.canceled = true;
      state.cancels.push(p.id);
      return HttpResponse.json(body(p, 'canceled'));
    }),
    http.get(`${OUT}/:file`, () =>
      HttpResponse.arrayBuffer(png.slice().buffer, { headers: { 'content-type': 'image/png' } }),
    ),
  );
}

const providers = {
  replicate: createReplicate({ apiToken: TOKEN, pollIntervalMs: 1, cancelAfter: 120 }),
};
const request = { prompt: 'a tide pool', model: 'replicate/flux-schnell', n: 5, seed: 10 };

describe('Replicate jobs', () => {
  it('starts one prediction per call without waiting, bounded by Cancel-After', async () => {
    useFake();
    expect(supportsImageJobs(request, { providers })).toBe(true);
    const job = await startImageJob(request, { providers });
    expect(job.model).toBe('replicate/flux-schnell');
    expect(job.ref).toMatchObject({
      calls: [
        { n: 4, seed: 10, ref: { id: 'pred_1', n: 4, seed: 10 } },
        { n: 1, seed: 14, ref: { id: 'pred_2', n: 1, seed: 14 } },
      ],
    });
    expect(state.creates.map((c) => c.headers.get('prefer'))).toEqual([null, null]);
    expect(state.creates.map((c) => c.headers.get('cancel-after'))).toEqual(['120s', '120s']);
    expect(state.creates.map((c) => c.body.input)).toMatchObject([
      { num_outputs: 4, seed: 10 },
      { num_outputs: 1, seed: 14 },
    ]);
    // Nothing was polled: starting does not wait.
    expect([...state.predictions.values()].map((p) => p.polls)).toEqual([0, 0]);
    expect(JSON.stringify(job)).not.toContain(TOKEN);
  });

  it('resumes from the JSON alone (another process) and downloads every image once', async () => {
    useFake();
    const job = JSON.parse(JSON.stringify(await startImageJob(request, { providers })));
    const other = { replicate: createReplicate({ apiToken: TOKEN, pollIntervalMs: 1 }) };
    const usage: unknown[] = [];
    const result = await resumeImageJob(job, {
      providers: other,
      request,
      onUsage: (u) => usage.push(u),
    });
    expect(result.images).toHaveLength(5);
    expect(result.images.every((image) => image.mediaType === 'image/png')).toBe(true);
    expect(result.images[4]?.seed).toBe(14);
    expect(result.usage).toMatchObject({ images: 5, requestIds: ['pred_1', 'pred_2'] });
    expect(usage).toHaveLength(1);
    expect(state.creates).toHaveLength(2);
    expect(state.cancels).toEqual([]);
  });

  it('stops waiting when the resume is aborted, leaving the prediction running', async () => {
    useFake();
    state.pollsBeforeSuccess = Number.POSITIVE_INFINITY;
    const job = await startImageJob({ ...request, n: 1 }, { providers });
    const controller = new AbortController();
    const resumed = resumeImageJob(job, {
      providers,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'processing') controller.abort();
      },
    });
    await expect(resumed).rejects.toBeInstanceOf(CanceledError);
    expect(state.cancels).toEqual([]);
    expect(await statusImageJob(job, { providers })).toEqual({
      status: 'running',
      model: 'replicate/flux-schnell',
      progress: { stage: 'processing', percent: 40 },
    });
  });

  it('reports status, cancels every prediction of the job, and then reads canceled', async () => {
    useFake();
    const job = await startImageJob(request, { providers });
    await cancelImageJob(job, { providers });
    expect(state.cancels).toEqual(['pred_1', 'pred_2']);
    expect((await statusImageJob(job, { providers })).status).toBe('canceled');
    await expect(resumeImageJob(job, { providers })).rejects.toBeInstanceOf(CanceledError);
  });

  it('says a prediction Replicate no longer knows is not found', async () => {
    useFake();
    const job = {
      model: 'replicate/flux-schnell',
      ref: { calls: [{ n: 1, ref: { id: 'pred_gone', n: 1 } }], width: 1024, height: 1024 },
    };
    await expect(statusImageJob(job, { providers })).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(resumeImageJob(job, { providers })).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(cancelImageJob(job, { providers })).rejects.toBeInstanceOf(JobNotFoundError);
  });

  it('refuses a reference it could not have made, before any request', async () => {
    useFake();
    const job = {
      model: 'replicate/flux-schnell',
      ref: { calls: [{ n: 1, ref: { id: '../../account', n: 1 } }], width: 1024, height: 1024 },
    };
    await expect(statusImageJob(job, { providers })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(
      resumeImageJob({ model: 'replicate/flux-schnell', ref: 'pred_1' }, { providers }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
