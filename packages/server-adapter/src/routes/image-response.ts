// The three answers a route that makes images gives (the first image's bytes, every image as
// JSON, or an event stream of progress, images and done), shared so every such route speaks
// the same protocol.
import type { ImageGenerationProgress } from '@medialoft/ai-connect';
import { sniffImageType } from '@medialoft/ai-connect';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../context';
import { errorBody, fromAIConnectError, HttpError } from '../errors';
import type { GenerationOutcome } from '../generation';
import type { ResolvedServerOptions } from '../options';
import type { DoneEvent, GenerateResponse } from '../protocol';
import { encodeImages, summary } from './generate';

/** How often an idle event stream sends a comment so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

/** What a route hands over: a run that reports progress and honours the stream's signal. */
export type ImageRun = (hooks: {
  signal?: AbortSignal;
  onProgress?: (progress: ImageGenerationProgress) => void;
}) => Promise<GenerationOutcome>;

/**
 * Answers with the first image's bytes (`mode: 'image'`) or every image as JSON, with the
 * `x-ai-*` headers and `extraHeaders` (e.g. `x-ai-operation`) on either.
 */
export function sendImages(
  c: Context<AppEnv>,
  mode: 'image' | 'json',
  outcome: GenerationOutcome,
  extraHeaders: Record<string, string> = {},
): Response {
  for (const [name, value] of Object.entries(extraHeaders)) c.header(name, value);
  if (mode === 'json') {
    const body: GenerateResponse = { ...summary(outcome), images: encodeImages(outcome) };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  }
  const first = outcome.images[0];
  if (!first) {
    throw new HttpError(502, 'provider_error', 'The provider returned no image; try again.', {
      retryable: true,
    });
  }
  const meta = first.metadata;
  const headers: Record<string, string> = {
    ...extraHeaders,
    'Content-Type': sniffImageType(first.bytes) ?? first.mediaType,
    'Content-Length': String(first.bytes.byteLength),
    'Cache-Control': 'no-store',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'x-ai-provider': meta.provider,
    'x-ai-model': meta.model,
    'x-ai-width': String(meta.width),
    'x-ai-height': String(meta.height),
    'x-ai-created-at': String(meta.createdAt),
    'x-ai-generation-ms': String(meta.generationMs),
    'x-ai-images': String(outcome.images.length),
  };
  if (meta.seed !== undefined) headers['x-ai-seed'] = String(meta.seed);
  if (meta.steps !== undefined) headers['x-ai-steps'] = String(meta.steps);
  if (meta.costUsd !== undefined) headers['x-ai-cost-usd'] = String(meta.costUsd);
  return c.body(first.bytes as Uint8Array<ArrayBuffer>, 200, headers);
}

/**
 * Answers with an event stream: `progress` events while `run` works, one `image` event per
 * image, then `done`, or an `error` event with the usual error body. Call it only once the
 * request is known to be valid, so bad input still gets a 4xx status.
 */
export function streamImages(
  c: Context<AppEnv>,
  options: ResolvedServerOptions,
  run: ImageRun,
  extraHeaders: Record<string, string> = {},
): Response {
  const response = streamSSE(c, async (stream) => {
    const streamAborted = new AbortController();
    stream.onAbort(() => streamAborted.abort());
    const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
    try {
      const outcome = await run({
        signal: streamAborted.signal,
        onProgress: (p) => {
          const data: { stage: string; percent?: number; message?: string } = { stage: p.stage };
          if (p.percent !== undefined) data.percent = p.percent;
          if (p.message !== undefined) data.message = p.message;
          void stream.writeSSE({ event: 'progress', data: JSON.stringify(data) });
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
        options.logger.warn('image request failed', {
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
  // no-transform: a compressing host or proxy would otherwise hold every event until the end.
  // Set on the context too: middleware that wraps the response copies the context's headers.
  for (const [name, value] of [
    ['Cache-Control', 'no-cache, no-transform'],
    ['X-Accel-Buffering', 'no'],
    ...Object.entries(extraHeaders),
  ] as const) {
    c.header(name, value);
    response.headers.set(name, value);
  }
  return response;
}
