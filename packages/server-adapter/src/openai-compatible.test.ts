// The OpenAI-compatible endpoint driven by the official `openai` client, its fetch bound to
// the in-process app: what OpenAI tools would see when pointed at this server.
import { sniffImageType } from '@medialoft/ai-connect';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import { errorResponse } from './errors';
import { fakeProviders, fakeRegistry } from './testing/fakes';

function client(
  options: { apiKey?: string; rateLimit?: { points: number; durationSec: number } } = {},
) {
  const { fake, providers } = fakeProviders();
  const app = createImageServer({
    providers,
    registry: fakeRegistry(),
    logger: { info() {}, warn() {}, error() {} },
    rateLimit: options.rateLimit ?? false,
    now: () => 1_700_000_000_000,
    // The host decides what the OpenAI client's API key means; here a fixed token.
    authorize: (c) =>
      c.req.path.startsWith('/v1/') && c.req.header('authorization') !== 'Bearer gateway-token'
        ? errorResponse(c, 401, 'Use the gateway token as the API key.')
        : 'openai-user',
  });
  const openai = new OpenAI({
    apiKey: options.apiKey ?? 'gateway-token',
    baseURL: 'http://gateway.test/v1',
    maxRetries: 0,
    fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))),
  });
  return { openai, fake };
}

describe('POST /v1/images/generations with the official openai client', () => {
  it('generates b64_json images for a registry model and a WxH size', async () => {
    const { openai, fake } = client();
    const result = await openai.images.generate({
      model: 'fake/model',
      prompt: 'a paper boat',
      n: 2,
      size: '32x24' as '1024x1024',
      response_format: 'b64_json',
    });
    expect(result.created).toBe(1_700_000_000);
    expect(result.data).toHaveLength(2);
    const bytes = Uint8Array.from(Buffer.from(result.data![0]!.b64_json!, 'base64'));
    expect(sniffImageType(bytes)).toBe('image/png');
    expect(fake.state.calls[0]).toMatchObject({
      prompt: 'a paper boat',
      size: { width: 32, height: 24 },
    });
  });

  it('maps a provider model id and uses the server default when no model is named', async () => {
    const { openai } = client();
    const byProviderId = await openai.images.generate({
      model: 'placeholder',
      prompt: 'p',
      size: '64x64' as '1024x1024',
    });
    expect(byProviderId.data).toHaveLength(1);
    const byDefault = await openai.images.generate({ prompt: 'p' });
    expect(byDefault.data?.[0]?.b64_json).toBeTruthy();
  });

  it('refuses response_format url with a 400 in OpenAI’s error shape', async () => {
    const { openai } = client();
    const error = await openai.images
      .generate({ prompt: 'p', response_format: 'url' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const apiError = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(apiError.status).toBe(400);
    expect(apiError.param).toBe('response_format');
    expect(apiError.type).toBe('invalid_request_error');
  });

  it('reports unknown models, bad sizes and limits as 400 with the param at fault', async () => {
    const { openai } = client();
    const unknown = (await openai.images
      .generate({ model: 'dall-e-9', prompt: 'p' })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(unknown.status).toBe(400);
    expect(unknown.param).toBe('model');
    const size = (await openai.images
      .generate({ model: 'fake/model', prompt: 'p', size: 'huge' as '1024x1024' })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(size.status).toBe(400);
    expect(size.param).toBe('size');
    const tooWide = (await openai.images
      .generate({ model: 'fake/model', prompt: 'p', size: '4096x512' as '1024x1024' })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(tooWide.status).toBe(400);
    expect(tooWide.param).toBe('width');
  });

  it('passes the auth hook’s refusal as AuthenticationError and rate limits as RateLimitError', async () => {
    const { openai } = client({ apiKey: 'wrong' });
    const denied = await openai.images.generate({ prompt: 'p' }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(OpenAI.AuthenticationError);

    const limited = client({ rateLimit: { points: 1, durationSec: 60 } }).openai;
    await limited.images.generate({ prompt: 'p' });
    const error = await limited.images.generate({ prompt: 'p' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const apiError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(apiError.type).toBe('rate_limit_error');
    expect(apiError.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
