// Resumable generations: a generate stream asked for with `resumable: true` starts the job
// upstream and names it with a signed token; `GET {base}/images/jobs/{token}` continues its
// stream (or answers its status) and `DELETE` cancels it, on any instance sharing the secret.
import {
  cancelImageJob,
  type ImageJob,
  resumeImageJob,
  startImageJob,
  statusImageJob,
  supportsImageJobs,
  type UsageReport,
} from '@medialoft/ai-connect';
import { type Context, Hono } from 'hono';
import { accepts } from 'hono/accepts';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { AppEnv } from '../context';
import { errorBody, fromAIConnectError, HttpError } from '../errors';
import {
  type GenerationDeps,
  parseGenerateRequest,
  planGeneration,
  toBase64,
  toOutcome,
} from '../generation';
import type { JobTokenPayload, JobTokenRequest, JobTokens } from '../job-token';
import { partialEventMessage } from '../partial-events';
import type {
  DoneEvent,
  EncodedImage,
  JobCancelResponse,
  JobEvent,
  JobStatusResponse,
} from '../protocol';

type Planned = ReturnType<typeof planGeneration>;

/** How often an idle event stream sends a comment so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

/** Whether a planned generation can run as a resumable job on this server. */
export function canRunAsJob(deps: GenerationDeps, planned: Planned): boolean {
  const { options } = deps;
  return (
    deps.jobTokens !== undefined &&
    supportsImageJobs(
      { model: planned.entry.id },
      { providers: options.providers, registry: options.registry },
    )
  );
}

/** The `job` event of a stream whose model cannot resume: it runs as without the flag. */
export const NOT_RESUMABLE_EVENT = {
  event: 'job',
  data: JSON.stringify({ resumable: false } satisfies JobEvent),
};

/**
 * Starts the job upstream (before the stream opens, so a refusal still gets its status), then
 * streams `job { token, resumable: true }`, progress, images and `done`. A dropped connection
 * only stops the waiting here; the job goes on upstream until continued, canceled, or the
 * provider's own deadline.
 */
export async function startResumableStream(
  c: Context<AppEnv>,
  deps: GenerationDeps,
  planned: Planned,
): Promise<Response> {
  const { options, gate } = deps;
  const tokens = deps.jobTokens as JobTokens;
  const { entry, resolved } = planned;
  gate.ensureCapacity(entry.provider);
  const release = await gate.acquire(entry.provider, c.req.raw.signal);
  let token: string;
  let job: ImageJob;
  try {
    job = await startImageJob(planned.request, {
      ...options.generateOptions,
      providers: options.providers,
      registry: options.registry,
      signal: c.req.raw.signal,
    });
    const request: JobTokenRequest = { prompt: resolved.prompt, width: resolved.width };
    request.height = resolved.height;
    request.n = resolved.n;
    if (resolved.seed !== undefined) request.seed = resolved.seed;
    if (resolved.negativePrompt !== undefined) request.negativePrompt = resolved.negativePrompt;
    if (resolved.steps !== undefined) request.steps = resolved.steps;
    const sub = c.get('userId');
    token = await tokens.sign({ ...job, request, ...(sub !== undefined ? { sub } : {}) });
  } catch (error) {
    release();
    throw fromAIConnectError(error) ?? error;
  }
  options.logger.info('job started', { requestId: c.get('requestId'), model: entry.id });
  return eventStream(c, async (stream, signal) => {
    try {
      const announced: JobEvent = { token, resumable: true };
      await stream.writeSSE({ event: 'job', data: JSON.stringify(announced) });
      await streamJob(stream, c, deps, job, planned, signal);
    } finally {
      release();
    }
  });
}

/**
 * The job routes, relative to the base path. Auth and rate limits run before them (app.ts).
 *
 * @example
 * api.route('/', jobRoutes(deps));
 */
export function jobRoutes(deps: GenerationDeps): Hono<AppEnv> {
  const { options } = deps;
  const route = new Hono<AppEnv>();
  const lookup = { providers: options.providers, registry: options.registry };

  route.get('/images/jobs/:token', async function continueJob(c) {
    const payload = await verify(c, deps);
    const job: ImageJob = { model: payload.model, ref: payload.ref };
    const wantsJson =
      accepts(c, {
        header: 'Accept',
        supports: ['text/event-stream', 'application/json'],
        default: 'text/event-stream',
      }) === 'application/json';
    // Asked first in both modes: a job the provider forgot is a 404, not a stream of one error.
    const status = await statusImageJob(job, lookup);
    if (wantsJson) {
      const body: JobStatusResponse = { status: status.status, model: status.model };
      if (status.progress) {
        body.progress = { stage: status.progress.stage };
        if (status.progress.percent !== undefined) body.progress.percent = status.progress.percent;
      }
      c.header('Cache-Control', 'no-store');
      return c.json(body);
    }
    const planned = planGeneration(
      parseGenerateRequest({ ...payload.request, model: payload.model }),
      options,
    );
    deps.gate.ensureCapacity(planned.entry.provider);
    const release = await deps.gate.acquire(planned.entry.provider, c.req.raw.signal);
    return eventStream(c, async (stream, signal) => {
      try {
        await streamJob(stream, c, deps, job, planned, signal);
      } finally {
        release();
      }
    });
  });

  route.delete('/images/jobs/:token', async function cancelJob(c) {
    const payload = await verify(c, deps);
    await cancelImageJob({ model: payload.model, ref: payload.ref }, lookup);
    options.logger.info('job canceled', { requestId: c.get('requestId'), model: payload.model });
    c.header('Cache-Control', 'no-store');
    return c.json({ canceled: true } satisfies JobCancelResponse);
  });

  return route;
}

/** The token of the path, checked, and only for the user who started the job. */
async function verify(c: Context<AppEnv>, deps: GenerationDeps): Promise<JobTokenPayload> {
  if (!deps.jobTokens) {
    throw new HttpError(404, 'not_found', 'This server does not run resumable jobs.');
  }
  const payload = await deps.jobTokens.verify(c.req.param('token') ?? '');
  if (payload.sub !== undefined && payload.sub !== c.get('userId')) {
    throw new HttpError(
      403,
      'job_token_foreign',
      'This job token belongs to another user; sign in as the user who started the generation.',
    );
  }
  return payload;
}

/**
 * Waits for the job and streams its progress, images and `done`, or an `error` event. The
 * signal stops the waiting only (the client left); nothing is canceled upstream.
 */
async function streamJob(
  stream: SSEStreamingApi,
  c: Context<AppEnv>,
  deps: GenerationDeps,
  job: ImageJob,
  planned: Planned,
  signal: AbortSignal,
): Promise<void> {
  const { options } = deps;
  const requestId = c.get('requestId');
  const userId = c.get('userId');
  try {
    const result = await resumeImageJob(job, {
      providers: options.providers,
      registry: options.registry,
      signal,
      timeoutMs: options.timeoutMs,
      request: planned.request,
      onProgress: (p) => {
        const data: { stage: string; percent?: number; message?: string } = { stage: p.stage };
        if (p.percent !== undefined) data.percent = p.percent;
        if (p.message !== undefined) data.message = p.message;
        void stream.writeSSE({ event: 'progress', data: JSON.stringify(data) });
      },
      onPartialImage: (partial) => {
        const message = partialEventMessage(partial);
        if (message) void stream.writeSSE(message);
      },
      onUsage: (usage) => reportUsage(deps, usage, userId, requestId),
    });
    const outcome = toOutcome(result, planned, requestId, options.now());
    for (const image of outcome.images) {
      const encoded: EncodedImage = {
        index: image.index,
        mediaType: image.mediaType,
        base64: toBase64(image.bytes),
        metadata: image.metadata,
      };
      await stream.writeSSE({ event: 'image', data: JSON.stringify(encoded) });
    }
    const usage: DoneEvent['usage'] = {
      images: outcome.usage.images,
      durationMs: outcome.usage.durationMs,
    };
    if (outcome.usage.costUsd !== undefined) usage.costUsd = outcome.usage.costUsd;
    const done: DoneEvent = {
      requestId,
      model: outcome.entry.id,
      provider: outcome.entry.provider,
      warnings: outcome.warnings,
      usage,
      images: outcome.images.length,
    };
    await stream.writeSSE({ event: 'done', data: JSON.stringify(done) });
  } catch (error) {
    if (signal.aborted) return; // the client left: nobody reads this stream any more
    const httpError = error instanceof HttpError ? error : fromAIConnectError(error);
    if (!httpError) throw error;
    options.logger.warn('job failed', {
      requestId,
      code: httpError.code,
      message: httpError.message,
    });
    const body = errorBody(
      Object.assign(httpError, { message: options.redact(httpError.message) }),
      requestId,
    );
    await stream.writeSSE({ event: 'error', data: JSON.stringify(body) });
  }
}

/** Billing hooks must not fail a generation that already happened (and was paid for). */
function reportUsage(
  deps: GenerationDeps,
  usage: UsageReport,
  userId: string | undefined,
  requestId: string,
): void {
  const { options } = deps;
  try {
    const pending = options.onUsage?.({ ...usage, userId, requestId });
    if (pending) {
      pending.catch((error) =>
        options.logger.error('onUsage failed', { requestId, error: String(error) }),
      );
    }
  } catch (error) {
    options.logger.error('onUsage failed', { requestId, error: String(error) });
  }
}

/**
 * An event stream with a heartbeat, whose callback gets a signal that fires when the client
 * goes away, with the headers that keep compressing hosts and proxies from holding events.
 */
function eventStream(
  c: Context<AppEnv>,
  run: (stream: SSEStreamingApi, signal: AbortSignal) => Promise<void>,
): Response {
  const response = streamSSE(c, async (stream) => {
    const gone = new AbortController();
    stream.onAbort(() => gone.abort());
    const onRequestAbort = () => gone.abort();
    c.req.raw.signal.addEventListener('abort', onRequestAbort, { once: true });
    const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
    try {
      await run(stream, gone.signal);
    } finally {
      clearInterval(heartbeat);
      c.req.raw.signal.removeEventListener('abort', onRequestAbort);
    }
  });
  for (const [name, value] of [
    ['Cache-Control', 'no-cache, no-transform'],
    ['X-Accel-Buffering', 'no'],
  ] as const) {
    c.header(name, value);
    response.headers.set(name, value);
  }
  return response;
}
