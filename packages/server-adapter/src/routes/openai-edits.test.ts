// POST /v1/images/edits driven by the official `openai` client (its multipart encoding of
// image, mask and the fields), its fetch bound to the in-process app.
import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createImageServer } from '../app';
import { errorResponse } from '../errors';
import { fakeProviders, fakeRegistry } from '../testing/fakes';

function client(apiKey = 'gateway-token') {
  const { providers } = fakeProviders();
  const app = createImageServer({
    providers,
    registry: fakeRegistry(),
    logger: { info() {}, warn() {}, error() {} },
    rateLimit: false,
    now: () => 1_700_000_000_000,
    authorize: (c) =>
      c.req.path.startsWith('/v1/') && c.req.header('authorization') !== 'Bearer gateway-token'
        ? errorResponse(c, 401, 'Use the gateway token as the API key.')
        : 'openai-user',
  });
  const openai = new OpenAI({
    apiKey,
    baseURL: 'http://gateway.test/v1',
    maxRetries: 0,
    fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))),
  });
  return { openai, app };
}

const png = async (width: number, height: number, alpha = false) =>
  sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 30, g: 160, b: 90 },
    },
  })
    .png()
    .toBuffer();

const decode = async (b64: string | undefined) => {
  const bytes = Buffer.from(b64 ?? '', 'base64');
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, info };
};

describe('POST /v1/images/edits with the official openai client', () => {
  it('edits an image (no mask) and answers { created, data: [{ b64_json }] }', async () => {
    const { openai } = client();
    const result = await openai.images.edit({
      image: await toFile(await png(24, 16), 'photo.png', { type: 'image/png' }),
      prompt: 'make it warmer',
      model: 'local/placeholder',
      n: 2,
    });
    expect(result.created).toBe(1_700_000_000);
    expect(result.data).toHaveLength(2);
    const { info } = await decode(result.data?.[0]?.b64_json);
    expect([info.width, info.height]).toEqual([24, 16]);
  });

  it('inpaints with a mask: only the transparent area of the mask changes', async () => {
    const { openai } = client();
    const image = await png(16, 16);
    // Transparent left half, opaque right half.
    const mask = Buffer.alloc(16 * 16 * 4, 255);
    for (let y = 0; y < 16; y++) for (let x = 0; x < 8; x++) mask[(y * 16 + x) * 4 + 3] = 0;
    const maskPng = await sharp(mask, { raw: { width: 16, height: 16, channels: 4 } })
      .png()
      .toBuffer();
    const result = await openai.images.edit({
      image: await toFile(image, 'photo.png', { type: 'image/png' }),
      mask: await toFile(maskPng, 'mask.png', { type: 'image/png' }),
      prompt: 'a window',
      model: 'placeholder',
    });
    const before = await decode(image.toString('base64'));
    const after = await decode(result.data?.[0]?.b64_json);
    const at = (d: Buffer, x: number, y: number) =>
      d.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4);
    expect(after.data.length).toBe(before.data.length);
    expect(at(after.data, 12, 5).equals(at(before.data, 12, 5))).toBe(true);
    let changed = 0;
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 8; x++)
        if (!at(after.data, x, y).equals(at(before.data, x, y))) changed++;
    }
    expect(changed).toBeGreaterThan(64);
  });

  it('accepts an array of images (image[]) and edits the first', async () => {
    const { openai } = client();
    const result = await openai.images.edit({
      image: [
        await toFile(await png(20, 12), 'a.png', { type: 'image/png' }),
        await toFile(await png(8, 8), 'b.png', { type: 'image/png' }),
      ],
      prompt: 'tint it',
    });
    const { info } = await decode(result.data?.[0]?.b64_json);
    expect([info.width, info.height]).toEqual([20, 12]);
  });

  it('answers errors in OpenAI’s shape: missing prompt, mask size, url format, auth', async () => {
    const { openai } = client();
    const image = await toFile(await png(16, 16), 'photo.png', { type: 'image/png' });
    const noPrompt = await openai.images
      .edit({ image, prompt: '' })
      .catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(noPrompt).toBeInstanceOf(OpenAI.BadRequestError);
    expect(noPrompt).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      param: 'prompt',
    });
    const wrongMask = await openai.images
      .edit({
        image,
        mask: await toFile(await png(8, 16, true), 'mask.png', { type: 'image/png' }),
        prompt: 'x',
      })
      .catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(wrongMask).toMatchObject({ status: 400, param: 'mask' });
    const url = await openai.images
      .edit({ image, prompt: 'x', response_format: 'url' })
      .catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(url).toMatchObject({ status: 400, param: 'response_format' });
    const unknownModel = await openai.images
      .edit({ image, prompt: 'x', model: 'dall-e-9' })
      .catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(unknownModel).toMatchObject({ status: 400, param: 'model' });

    const { openai: stranger } = client('wrong');
    const refused = await stranger.images
      .edit({ image, prompt: 'x' })
      .catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(refused).toMatchObject({ status: 401, type: 'authentication_error' });
  });

  it('refuses a non-image upload with 415 and a JSON body with 415, in OpenAI’s shape', async () => {
    const { app } = client();
    const form = new FormData();
    form.set('image', new File(['plain text'], 'a.txt', { type: 'text/plain' }));
    form.set('prompt', 'x');
    const headers = { authorization: 'Bearer gateway-token' };
    const res = await app.request('/v1/images/edits', { method: 'POST', body: form, headers });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const json = await app.request('/v1/images/edits', {
      method: 'POST',
      body: '{}',
      headers: { ...headers, 'content-type': 'application/json' },
    });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });
});
