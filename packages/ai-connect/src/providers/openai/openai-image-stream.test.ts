// The streamed OpenAI Images call against a fake of `POST /v1/images/generations` (msw) that
// answers `stream: true` with server-sent events as OpenAI documents them.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CanceledError, ContentFilteredError, ProviderError } from '../../spec/errors';
import type { ImagePartial } from '../../spec/image-model';
import { createOpenAIImages } from './openai-images-provider';

const KEY = 'sk-test-STREAM_KEY_789';
const URL = 'https://api.openai.com/v1/images/generations';
const server = setupServer();
const bodies: Array<Record<string, unknown>> = [];
/** Three distinct images: two previews (blurry, then less so) and the final. */
const b64: { rough: string; closer: string; final: string } = { rough: '', closer: '', final: '' };

beforeAll(async () => {
  const draw = (background: string, format: 'png' | 'jpeg') =>
    sharp({ create: { width: 16, height: 16, channels: 3, background } })
      [format]()
      .toBuffer()
      .then((buffer) => buffer.toString('base64'));
  b64.rough = await draw('#333', 'png');
  b64.closer = await draw('#666', 'jpeg');
  b64.final = await draw('#0a0', 'png');
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    bodies.push(await request.clone().json());
  });
});
afterEach(() => {
  server.resetHandlers();
  bodies.length = 0;
});
afterAll(() => server.close());

const model = () => createOpenAIImages({ apiKey: KEY }).imageModel('gpt-image-1');
const event = (type: string, data: Record<string, unknown>) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const partial = (index: number, b64_json: string) =>
  event('image_generation.partial_image', {
    b64_json,
    partial_image_index: index,
    created_at: 1,
    size: '1024x1024',
    quality: 'auto',
    background: 'auto',
    output_format: 'png',
  });
const completed = (b64_json: string) =>
  event('image_generation.completed', {
    b64_json,
    created_at: 2,
    size: '1024x1024',
    quality: 'auto',
    background: 'auto',
    output_format: 'png',
    usage: {
      input_tokens: 10,
      output_tokens: 1000,
      input_tokens_details: { text_tokens: 10, image_tokens: 0 },
    },
  });

/** An event stream whose chunks are sent one by one, each only when `release()` is called. */
function heldStream(chunks: string[]) {
  const encoder = new TextEncoder();
  let sent = 0;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    response: () => new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } }),
    release(count = 1) {
      for (let i = 0; i < count && sent < chunks.length; i++) {
        controller.enqueue(encoder.encode(chunks[sent++]));
      }
      if (sent === chunks.length) controller.close();
    },
  };
}

const sse = (...chunks: string[]) =>
  http.post(
    URL,
    () => new HttpResponse(chunks.join(''), { headers: { 'content-type': 'text/event-stream' } }),
  );

describe('OpenAI Images adapter: streamed previews', () => {
  it('asks for a stream of 2 previews and hands them on in order before the final image', async () => {
    const held = heldStream([partial(0, b64.rough), partial(1, b64.closer), completed(b64.final)]);
    server.use(http.post(URL, () => held.response()));
    const partials: ImagePartial[] = [];
    const result = model().doGenerate({
      prompt: 'a lighthouse',
      n: 1,
      size: { width: 1024, height: 1024 },
      onPartialImage: (p) => partials.push(p),
    });

    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ model: 'gpt-image-1', stream: true, partial_images: 2 });
    held.release();
    await vi.waitFor(() => expect(partials).toHaveLength(1));
    expect(partials[0]).toMatchObject({ index: 0, partialIndex: 0, mediaType: 'image/png' });
    expect(Buffer.from(partials[0]!.bytes).toString('base64')).toBe(b64.rough);
    held.release(2);

    const { images, costUsd } = await result;
    expect(partials.map((p) => [p.partialIndex, p.mediaType])).toEqual([
      [0, 'image/png'],
      [1, 'image/jpeg'],
    ]);
    expect(Buffer.from(partials[1]!.bytes).toString('base64')).toBe(b64.closer);
    expect(images).toHaveLength(1);
    expect(Buffer.from(images[0]!.bytes).toString('base64')).toBe(b64.final);
    // Usage from the completed event prices the call: 10 text tokens in, 1000 image tokens out.
    expect(costUsd).toBeCloseTo(10 * 5e-6 + 1000 * 40e-6, 10);
  });

  it('takes the number of previews from the provider options, within 1 to 3', async () => {
    server.use(sse(completed(b64.final)));
    const ask = (partial_images: unknown) =>
      model().doGenerate({
        prompt: 'p',
        n: 1,
        providerOptions: { openai: { partial_images } },
        onPartialImage: () => undefined,
      });
    await ask(3);
    await ask(7);
    expect(bodies.map((b) => b.partial_images)).toEqual([3, 2]);
  });

  it('does not stream when nobody shows previews, or for a batch or a model without them', async () => {
    server.use(http.post(URL, () => HttpResponse.json({ data: [{ b64_json: b64.final }] })));
    await model().doGenerate({ prompt: 'p', n: 1 });
    const keep = () => undefined;
    await model()
      .doGenerate({ prompt: 'p', n: 2, onPartialImage: keep })
      .catch(() => undefined);
    await createOpenAIImages({ apiKey: KEY })
      .imageModel('dall-e-3')
      .doGenerate({ prompt: 'p', n: 1, onPartialImage: keep });
    expect(bodies.map((b) => b.stream)).toEqual([undefined, undefined, undefined]);
  });

  it('drops malformed events and previews that are not images, and still returns the final', async () => {
    server.use(
      sse(
        'data: {not json\n\n',
        ': keep-alive\n\n',
        partial(0, Buffer.from('<html>not an image</html>').toString('base64')),
        event('image_generation.partial_image', { partial_image_index: 1 }),
        event('image_generation.something_new', { b64_json: b64.rough }),
        'data: "a string"\n\n',
        partial(2, b64.closer),
        completed(b64.final),
      ),
    );
    const partials: ImagePartial[] = [];
    const { images } = await model().doGenerate({
      prompt: 'p',
      n: 1,
      onPartialImage: (p) => partials.push(p),
    });
    expect(partials.map((p) => [p.partialIndex, p.mediaType])).toEqual([[2, 'image/jpeg']]);
    expect(Buffer.from(images[0]!.bytes).toString('base64')).toBe(b64.final);
  });

  it('fails without retry when the stream ends before the final image', async () => {
    server.use(sse(partial(0, b64.rough)));
    const partials: ImagePartial[] = [];
    const error = await model()
      .doGenerate({ prompt: 'p', n: 1, onPartialImage: (p) => partials.push(p) })
      .catch((e: unknown) => e);
    expect(partials).toHaveLength(1);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(false);
    expect((error as Error).message).toMatch(/before the final image/);
  });

  it('turns an error event into a typed error, without the key in it', async () => {
    server.use(
      sse(
        event('error', {
          error: { code: 'moderation_blocked', message: `blocked for ${KEY}` },
        }),
      ),
    );
    const error = await model()
      .doGenerate({ prompt: 'p', n: 1, onPartialImage: () => undefined })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentFilteredError);
    expect((error as Error).message).not.toContain(KEY);

    server.use(sse(event('error', { error: { message: `overloaded ${KEY}` } })));
    const other = await model()
      .doGenerate({ prompt: 'p', n: 1, onPartialImage: () => undefined })
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ProviderError);
    expect((other as Error).message).toMatch(/stopped the image stream with an error: overloaded/);
    expect((other as Error).message).not.toContain(KEY);
  });

  it('aborting mid-stream reaches the server and ends in CanceledError', async () => {
    const held = heldStream([partial(0, b64.rough), completed(b64.final)]);
    let upstreamAborted = false;
    server.use(
      http.post(URL, ({ request }) => {
        request.signal.addEventListener('abort', () => {
          upstreamAborted = true;
        });
        return held.response();
      }),
    );
    const controller = new AbortController();
    const partials: ImagePartial[] = [];
    const outcome = model()
      .doGenerate({
        prompt: 'p',
        n: 1,
        abortSignal: controller.signal,
        onPartialImage: (p) => partials.push(p),
      })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    held.release();
    await vi.waitFor(() => expect(partials).toHaveLength(1));
    controller.abort();
    expect(await outcome).toBeInstanceOf(CanceledError);
    await vi.waitFor(() => expect(upstreamAborted).toBe(true));
    expect(partials).toHaveLength(1);
  });
});
