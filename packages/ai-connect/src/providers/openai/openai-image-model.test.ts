// The OpenAI Images adapter against a fake of `POST /v1/images/generations` (msw): the
// request that reaches it, base64 decoding, the documented error shapes and aborts.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  CanceledError,
  ContentFilteredError,
  InvalidRequestError,
  OutputNotImageError,
  ProviderError,
  RateLimitedError,
} from '../../spec/errors';
import { costFromUsage } from './openai-image-model';
import { createOpenAIImages } from './openai-images-provider';

const KEY = 'sk-test-SECRET_KEY_456';
const URL = 'https://api.openai.com/v1/images/generations';
const server = setupServer();
const seen: Array<{ url: string; headers: Headers; body: Record<string, unknown> }> = [];
const errors: unknown[] = [];
let pngBase64: string;
let webpBase64: string;

beforeAll(async () => {
  const image = sharp({ create: { width: 16, height: 16, channels: 3, background: '#0a0' } });
  pngBase64 = (await image.clone().png().toBuffer()).toString('base64');
  webpBase64 = (await image.clone().webp().toBuffer()).toString('base64');
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    const copy = request.clone();
    seen.push({ url: copy.url, headers: copy.headers, body: await copy.json() });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const openai = (settings = {}) => createOpenAIImages({ apiKey: KEY, ...settings });
const apiError = (status: number, error: Record<string, unknown>, headers = {}) =>
  http.post(URL, () => HttpResponse.json({ error }, { status, headers }));

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  errors.push(error);
  return error as Error;
}

describe('OpenAI Images adapter', () => {
  it('decodes no more images than were asked for, and warns about the surplus', async () => {
    server.use(
      http.post(URL, () =>
        HttpResponse.json({
          created: 1,
          data: Array.from({ length: 100 }, () => ({ b64_json: pngBase64 })),
        }),
      ),
    );
    const result = await openai()
      .imageModel('gpt-image-1')
      .doGenerate({ prompt: 'p', n: 1, size: { width: 1024, height: 1024 } });
    expect(result.images).toHaveLength(1);
    expect(result.warnings).toContainEqual({
      type: 'other',
      message: 'OpenAI returned 100 images for 1 requested; only the first 1 were kept.',
    });
  });

  it('sends gpt-image-1 a closest supported size and decodes b64_json images', async () => {
    server.use(
      http.post(URL, () =>
        HttpResponse.json({
          created: 1_763_700_000,
          data: [{ b64_json: pngBase64 }, { b64_json: webpBase64 }],
          usage: {
            total_tokens: 4200,
            input_tokens: 40,
            output_tokens: 4160,
            input_tokens_details: { text_tokens: 40, image_tokens: 0 },
          },
        }),
      ),
    );
    const model = openai({ organization: 'org-1' }).imageModel('gpt-image-1');
    expect(model.maxImagesPerCall).toBe(10);
    const result = await model.doGenerate({
      prompt: 'a red kite',
      n: 2,
      size: { width: 1600, height: 1000 },
      negativePrompt: 'text',
      seed: 3,
      steps: 20,
    });

    expect(seen[0]?.url).toBe(URL);
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(seen[0]?.headers.get('openai-organization')).toBe('org-1');
    // gpt-image-1 always returns base64 and rejects response_format, so none is sent.
    expect(seen[0]?.body).toEqual({
      model: 'gpt-image-1',
      prompt: 'a red kite',
      n: 2,
      size: '1536x1024',
    });
    expect(result.images.map((i) => i.mediaType)).toEqual(['image/png', 'image/webp']);
    expect(result.warnings.map((w) => (w.type === 'unsupported-setting' ? w.setting : ''))).toEqual(
      ['size', 'negativePrompt', 'seed', 'steps'],
    );
    expect(result.costUsd).toBeCloseTo(40 * 5e-6 + 4160 * 40e-6, 6);
  });

  it('asks dall-e-3 for b64_json, one image per call, with no cost when usage is absent', async () => {
    server.use(
      http.post(URL, () =>
        HttpResponse.json({ created: 1, data: [{ b64_json: pngBase64, revised_prompt: 'r' }] }),
      ),
    );
    const model = openai().imageModel('dall-e-3');
    expect(model.maxImagesPerCall).toBe(1);
    const result = await model.doGenerate({ prompt: 'p', n: 1, aspectRatio: '16:9' });
    expect(seen[0]?.body).toEqual({
      model: 'dall-e-3',
      prompt: 'p',
      n: 1,
      size: '1792x1024',
      response_format: 'b64_json',
    });
    expect(result.costUsd).toBeUndefined();
    // 1792x1024 is 7:4, near but not exactly 16:9, so the caller is told.
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'aspectRatio' })]);
    expect(result.providerMetadata).toMatchObject({ revisedPrompts: ['r'] });
  });

  it('passes providerOptions.openai through and uses a custom base URL', async () => {
    server.use(
      http.post('https://gateway.example.com/openai/v1/images/generations', () =>
        HttpResponse.json({ data: [{ b64_json: pngBase64 }] }),
      ),
    );
    await openai({ baseUrl: 'https://gateway.example.com/openai/v1/' })
      .imageModel('gpt-image-1')
      .doGenerate({ prompt: 'p', n: 1, providerOptions: { openai: { quality: 'low' } } });
    expect(seen[0]?.body).toMatchObject({ quality: 'low', size: 'auto' });
  });

  it('maps 401 to AuthenticationError naming OPENAI_API_KEY', async () => {
    server.use(
      apiError(401, {
        message: `Incorrect API key provided: ${KEY}.`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        param: null,
      }),
    );
    const error = await failure(
      openai().imageModel('gpt-image-1').doGenerate({ prompt: 'p', n: 1 }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('OPENAI_API_KEY');
  });

  it('maps 429 rate limits to RateLimitedError with the wait from the headers', async () => {
    const cases: Array<[Record<string, string>, number]> = [
      [{ 'retry-after': '2' }, 2000],
      [{ 'retry-after-ms': '350' }, 350],
      [{ 'x-ratelimit-reset-requests': '1m30s' }, 90_000],
    ];
    for (const [headers, expected] of cases) {
      server.use(
        apiError(
          429,
          {
            message: 'Rate limit reached for images per minute.',
            type: 'requests',
            code: 'rate_limit_exceeded',
            param: null,
          },
          headers,
        ),
      );
      const error = await failure(
        openai().imageModel('gpt-image-1').doGenerate({ prompt: 'p', n: 1 }),
      );
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBe(expected);
    }
  });

  it('maps insufficient_quota to a ProviderError that is not retried', async () => {
    server.use(
      apiError(429, {
        message: 'You exceeded your current quota.',
        type: 'insufficient_quota',
        code: 'insufficient_quota',
        param: null,
      }),
    );
    const error = await failure(
      openai().imageModel('gpt-image-1').doGenerate({ prompt: 'p', n: 1 }),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(false);
  });

  it('maps content_policy_violation and moderation_blocked to ContentFilteredError', async () => {
    for (const code of ['content_policy_violation', 'moderation_blocked']) {
      server.use(
        apiError(400, {
          message: 'Your request was rejected by the safety system.',
          type: 'invalid_request_error',
          code,
          param: null,
        }),
      );
      const error = await failure(
        openai().imageModel('gpt-image-1').doGenerate({ prompt: 'p', n: 1 }),
      );
      expect(error).toBeInstanceOf(ContentFilteredError);
    }
  });

  it('maps other 400s to InvalidRequestError naming the param', async () => {
    server.use(
      apiError(400, {
        message: "Invalid value: '999x999'. Supported values are: '1024x1024', ...",
        type: 'invalid_request_error',
        code: 'invalid_value',
        param: 'size',
      }),
    );
    const error = await failure(
      openai().imageModel('gpt-image-1').doGenerate({ prompt: 'p', n: 1 }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe('size');
  });

  it('maps 5xx to a retryable ProviderError (no image was made)', async () => {
    server.use(
      apiError(503, {
        message: 'The engine is currently overloaded.',
        type: 'server_error',
        code: null,
        param: null,
      }),
    );
    const error = await failure(
      openai().imageModel('gpt-image-1').doGenerate({ prompt: 'p', n: 1 }),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as ProviderError).status).toBe(503);
  });

  it('rejects data that is not an image', async () => {
    server.use(
      http.post(URL, () =>
        HttpResponse.json({ data: [{ b64_json: Buffer.from('<html>').toString('base64') }] }),
      ),
    );
    const error = await failure(
      openai().imageModel('gpt-image-1').doGenerate({ prompt: 'p', n: 1 }),
    );
    expect(error).toBeInstanceOf(OutputNotImageError);
  });

  it('forwards the abort to fetch and throws CanceledError', async () => {
    // The server never answers; it records whether the request it holds was aborted.
    let upstreamAborted = false;
    let reached!: () => void;
    const requestReached = new Promise<void>((resolve) => {
      reached = resolve;
    });
    server.use(
      http.post(URL, async ({ request }) => {
        reached();
        await new Promise<void>((resolve) =>
          request.signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        upstreamAborted = true;
        return HttpResponse.json({ data: [{ b64_json: pngBase64 }] });
      }),
    );
    const controller = new AbortController();
    const outcome = failure(
      openai()
        .imageModel('gpt-image-1')
        .doGenerate({ prompt: 'p', n: 1, abortSignal: controller.signal }),
    );
    await requestReached;
    controller.abort();
    expect(await outcome).toBeInstanceOf(CanceledError);
    await vi.waitFor(() => expect(upstreamAborted).toBe(true));
  });

  it('fails with AuthenticationError before any request when no key is set', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    const error = await failure(
      createOpenAIImages().imageModel('gpt-image-1').doGenerate({ prompt: 'p', n: 1 }),
    );
    vi.unstubAllEnvs();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(seen).toHaveLength(0);
  });

  it('never puts the key in an error message or stack', () => {
    expect(errors.length).toBeGreaterThan(8);
    for (const error of errors) {
      const text = `${(error as Error).message}\n${(error as Error).stack}\n${JSON.stringify(error)}`;
      expect(text).not.toContain(KEY);
    }
  });
});

describe('costFromUsage', () => {
  it('prices gpt-image-1 tokens and nothing else', () => {
    expect(costFromUsage('gpt-image-1', { input_tokens: 100, output_tokens: 1000 })).toBeCloseTo(
      100 * 5e-6 + 1000 * 40e-6,
      8,
    );
    expect(costFromUsage('dall-e-3', { input_tokens: 1, output_tokens: 1 })).toBeUndefined();
    expect(costFromUsage('gpt-image-1', undefined)).toBeUndefined();
  });
});
