// POST {base}/images/generate and /images/estimate. Generate answers in the format the client
// asks for: the first image's bytes (default), every image as JSON, or an event stream.
import { Hono } from 'hono';
import { accepts } from 'hono/accepts';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../context';
import { errorBody, fromAIConnectError, HttpError } from '../errors';
import {
  type GenerationDeps,
  type GenerationOutcome,
  parseGenerateRequest,
  planGeneration,
  readJson,
  runGeneration,
  toBase64,
} from '../generation';
import { partialEventMessage } from '../partial-events';
import type { DoneEvent, EncodedImage, EstimateResponse, GenerateResponse } from '../protocol';
import { sendImages } from './image-response';
import { canRunAsJob, NOT_RESUMABLE_EVENT, startResumableStream } from './jobs';

type Negotiated = 'image' | 'json' | 'event-stream';

const SUPPORTED = [
  'text/event-stream',
  'application/json',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/avif',
  'image/gif',
];

/** Which answer the Accept header asks for; anything unknown gets the image (the default). */
export function negotiate(accept: Parameters<typeof accepts>[0]): Negotiated {
  const chosen = accepts(accept, { header: 'Accept', supports: SUPPORTED, default: 'image/png' });
  if (chosen === 'text/event-stream') return 'event-stream';
  if (chosen === 'application/json') return 'json';
  return 'image';
}

/** How often an idle event stream sends a comment so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

/**
 * The generate and estimate routes, relative to the base path. Auth, rate limit, content type
 * and body limit run before them (see app.ts).
 *
 * @example
 * api.route('/', generateRoutes({ options, gate }));
 */
export function generateRoutes(deps: GenerationDeps): Hono<AppEnv> {
  const { options } = deps;
  const route = new Hono<AppEnv>();

  route.post('/images/generate', async function generate(c) {
    const planned = planGeneration(parseGenerateRequest(await readJson(c)), options);
    const mode = negotiate(c);

    if (mode === 'event-stream') {
      if (planned.request.resumable && canRunAsJob(deps, planned)) {
        return startResumableStream(c, deps, planned);
      }
      // Start the stream only once the request is known to be valid (and has room to run), so
      // bad input and a full server still get a 4xx status rather than a 200 stream with an error.
      deps.gate.ensureCapacity(planned.entry.provider);
      const response = streamSSE(c, async (stream) => {
        const streamAborted = new AbortController();
        stream.onAbort(() => streamAborted.abort());
        const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
        try {
          // Asked to be resumable, but the model cannot: said first, then as without the flag.
          if (planned.request.resumable) await stream.writeSSE(NOT_RESUMABLE_EVENT);
          const outcome = await runGeneration(c, deps, planned, {
            signal: streamAborted.signal,
            onProgress: (p) => {
              const data: { stage: string; percent?: number; message?: string } = {
                stage: p.stage,
              };
              if (p.percent !== undefined) data.percent = p.percent;
              if (p.message !== undefined) data.message = p.message;
              void stream.writeSSE({ event: 'progress', data: JSON.stringify(data) });
            },
            onPartialImage: (partial) => {
              const message = partialEventMessage(partial);
              if (message) void stream.writeSSE(message);
            },
          });
          for (const image of encodeImages(outcome)) {
            await stream.writeSSE({ event: 'image', data: JSON.stringify(image) });
          }
          const done: DoneEvent = { ...summary(outcome), images: outcome.images.length };
          await stream.writeSSE({ event: 'done', data: JSON.stringify(done) });
        } catch (error) {
          const httpError = error instanceof HttpError ? error : fromAIConnectError(error);
          if (!httpError) throw error;
          if (httpError.code !== 'canceled') {
            options.logger.warn('generation failed', {
              requestId: c.get('requestId'),
              code: httpError.code,
              message: httpError.message,
            });
          }
          const body = errorBody(
            Object.assign(httpError, { message: options.redact(httpError.message) }),
            c.get('requestId'),
          );
          await stream.writeSSE({ event: 'error', data: JSON.stringify(body) });
        } finally {
          clearInterval(heartbeat);
        }
      });
      // no-transform: a compressing host (Next.js's server, an Express app with compression)
      // or proxy would otherwise gzip the stream and hold every event until the end.
      // Set on the context too: middleware that wraps the response copies the context's
      // headers over it.
      for (const [name, value] of [
        ['Cache-Control', 'no-cache, no-transform'],
        ['X-Accel-Buffering', 'no'],
      ] as const) {
        c.header(name, value);
        response.headers.set(name, value);
      }
      return response;
    }

    // The same bytes and JSON answers as the edit route (image-response.ts).
    return sendImages(c, mode, await runGeneration(c, deps, planned));
  });

  route.post('/images/estimate', async function estimate(c) {
    const { entry, request } = planGeneration(parseGenerateRequest(await readJson(c)), options);
    const images = request.n ?? 1;
    const body: EstimateResponse = {
      model: entry.id,
      provider: entry.provider,
      images,
      width: request.width ?? entry.defaults.width,
      height: request.height ?? entry.defaults.height,
    };
    const cost = options.registry.estimateCost(request).estimatedUsd;
    if (cost !== undefined) body.estimatedUsd = cost;
    return c.json(body);
  });

  return route;
}

/** The JSON answer's fields besides the images; the edit route answers the same way. */
export function summary(outcome: GenerationOutcome): Omit<GenerateResponse, 'images'> {
  const usage: GenerateResponse['usage'] = {
    images: outcome.usage.images,
    durationMs: outcome.usage.durationMs,
  };
  if (outcome.usage.costUsd !== undefined) usage.costUsd = outcome.usage.costUsd;
  return {
    requestId: outcome.requestId,
    model: outcome.entry.id,
    provider: outcome.entry.provider,
    warnings: outcome.warnings,
    usage,
  };
}

export function encodeImages(outcome: GenerationOutcome): EncodedImage[] {
  return outcome.images.map((image) => ({
    index: image.index,
    mediaType: image.mediaType,
    base64: toBase64(image.bytes),
    metadata: image.metadata,
  }));
}
