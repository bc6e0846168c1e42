// A resumable generation on a Black Forest Labs model across server instances (app.request;
// BFL as an msw fake of its task API): the stream answers with a resumable job once the task is
// submitted, and another instance with the same secret polls that same task to its image.
import { createBlackForestLabsImages } from '@medialoft/ai-connect';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createImageServer } from '../app';
import { jobStatusResponseSchema } from '../protocol';
import { readServerSentEvents, type SseMessage } from '../sse-reader';

const KEY = 'bfl-test-BFL_SERVER_JOBS_0123456789';
const SECRET = 'secret-shared-by-bfl-instances-a-b';
const API = 'https://api.bfl.ai/v1';
const POLL = 'https://api.eu1.bfl.ai/v1/get_result';
const SAMPLE = 'https://delivery-eu1.bfl.ai/results/server/sample.jpeg';
const msw = setupServer();
const state = { submits: 0, polls: 0, downloads: 0, ready: false };
let jpeg: Buffer;

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#393' } })
    .jpeg()
    .toBuffer();
  msw.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  msw.resetHandlers();
  Object.assign(state, { submits: 0, polls: 0, downloads: 0, ready: false });
});
afterAll(() => msw.close());

const bflFake = [
  http.post(`${API}/flux-pro-1.1`, ({ request }) => {
    state.submits += request.headers.get('x-key') === KEY ? 1 : 0;
    return HttpResponse.json({ id: 'task-srv', polling_url: `${POLL}?id=task-srv` });
  }),
  http.get(POLL, ({ request }) => {
    state.polls += request.headers.get('x-key') === KEY ? 1 : 0;
    return HttpResponse.json(
      state.ready
        ? { id: 'task-srv', status: 'Ready', result: { sample: `${SAMPLE}?sig=1`, seed: 61 } }
        : { id: 'task-srv', status: 'Pending', result: null },
    );
  }),
  http.get(SAMPLE, () => {
    state.downloads += 1;
    return new HttpResponse(new Uint8Array(jpeg), { headers: { 'content-type': 'image/jpeg' } });
  }),
];

const quiet = { info() {}, warn() {}, error() {} };
const server = () =>
  createImageServer({
    providers: { bfl: createBlackForestLabsImages({ apiKey: KEY, pollIntervalMs: 5 }) },
    rateLimit: false,
    secrets: [KEY, SECRET],
    logger: quiet,
    generateOptions: { maxRetries: 0 },
    jobSecret: SECRET,
  });
const jobPath = (token: string) => `/api/ai/images/jobs/${encodeURIComponent(token)}`;

async function allEvents(response: Response): Promise<SseMessage[]> {
  const events: SseMessage[] = [];
  for await (const message of readServerSentEvents(response.body as ReadableStream<Uint8Array>)) {
    events.push(message);
  }
  return events;
}

describe('a resumable BFL generation', { timeout: 20_000 }, () => {
  it('answers a resumable job and finishes on another instance from the same task', async () => {
    msw.use(...bflFake);
    const a = server();
    const b = server();

    const controller = new AbortController();
    const response = await a.request('/api/ai/images/generate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        prompt: 'a glacier',
        model: 'bfl/flux-pro-1.1',
        width: 512,
        height: 512,
        resumable: true,
      }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('event: job') || !text.endsWith('\n\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    await reader.cancel();
    const job = /^event: job\ndata: (.*)$/m.exec(text);
    const data = JSON.parse(job?.[1] ?? 'null');
    expect(data).toEqual({ token: expect.any(String), resumable: true });
    expect(data.token).not.toContain(KEY);
    expect(state.submits).toBe(1);

    const status = await b.request(jobPath(data.token), {
      headers: { accept: 'application/json' },
    });
    expect(jobStatusResponseSchema.parse(await status.json())).toMatchObject({
      status: 'running',
      model: 'bfl/flux-pro-1.1',
    });

    state.ready = true;
    const events = await allEvents(await b.request(jobPath(data.token)));
    const names = events.map((e) => e.event);
    expect(names.filter((n) => n === 'image')).toHaveLength(1);
    expect(names.at(-1)).toBe('done');
    const image = JSON.parse(events.find((e) => e.event === 'image')?.data ?? '{}');
    expect(image).toMatchObject({
      index: 0,
      mediaType: 'image/jpeg',
      metadata: { provider: 'bfl', model: 'bfl/flux-pro-1.1', prompt: 'a glacier' },
    });
    // The same task, submitted once, polled with the key, its image downloaded once.
    expect(state.submits).toBe(1);
    expect(state.polls).toBeGreaterThanOrEqual(2);
    expect(state.downloads).toBe(1);
  });
});
