// OpenAI image edits against a fake of `POST /v1/images/edits` (msw): the multipart request
// that reaches it (image, mask, prompt, model, n, size), base64 decoding, errors and aborts,
// and editImages choosing gpt-image-1 for an inpaint.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { editImages } from '../../edit';
import { InvalidRequestError, RateLimitedError } from '../../spec/errors';
import type { ImageEditCallOptions } from '../../spec/image-model';
import { createOpenAIImages } from './openai-images-provider';

const KEY = 'sk-test-EDIT_KEY_789';
const URL = 'https://api.openai.com/v1/images/edits';
const server = setupServer();
const seen: Array<{ headers: Headers; form: FormData }> = [];
let imagePng: Uint8Array;
let maskPng: Uint8Array;
let resultBase64: string;

beforeAll(async () => {
  imagePng = new Uint8Array(
    await sharp({ create: { width: 32, height: 32, channels: 3, background: '#36c' } })
      .png()
      .toBuffer(),
  );
  maskPng = new Uint8Array(
    await sharp({
      create: { width: 32, height: 32, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer(),
  );
  resultBase64 = (
    await sharp({ create: { width: 48, height: 40, channels: 3, background: '#c63' } })
      .png()
      .toBuffer()
  ).toString('base64');
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    const copy = request.clone();
    seen.push({ headers: copy.headers, form: await copy.formData() });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const model = (id = 'gpt-image-1') => {
  const m = createOpenAIImages({ apiKey: KEY }).imageModel(id);
  if (!m.doEdit) throw new Error('the OpenAI model has no doEdit');
  return m as typeof m & Required<Pick<typeof m, 'doEdit'>>;
};

const call = (more: Partial<ImageEditCallOptions> = {}): ImageEditCallOptions => ({
  operation: 'inpaint',
  image: { bytes: imagePng, mediaType: 'image/png', width: 32, height: 32 },
  mask: { bytes: maskPng, mediaType: 'image/png', width: 32, height: 32 },
  prompt: 'a lantern on the table',
  n: 2,
  ...more,
});

const ok = (count: number) =>
  http.post(URL, () =>
    HttpResponse.json({
      created: 1,
      data: Array.from({ length: count }, () => ({ b64_json: resultBase64 })),
      usage: {
        input_tokens: 100,
        output_tokens: 200,
        input_tokens_details: { text_tokens: 20, image_tokens: 80 },
      },
    }),
  );

describe('OpenAI images/edits', () => {
  it('sends image, mask, prompt, model, n and size as multipart with the key', async () => {
    server.use(ok(2));
    const result = await model().doEdit(call());
    expect(seen).toHaveLength(1);
    const { headers, form } = seen[0] ?? { headers: new Headers(), form: new FormData() };
    expect(headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(form.get('model')).toBe('gpt-image-1');
    expect(form.get('prompt')).toBe('a lantern on the table');
    expect(form.get('n')).toBe('2');
    expect(form.get('size')).toBe('auto');
    expect(form.get('response_format')).toBeNull();
    const image = form.get('image') as File;
    const mask = form.get('mask') as File;
    expect([image.name, image.type]).toEqual(['image.png', 'image/png']);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(imagePng);
    expect([mask.name, mask.type]).toEqual(['mask.png', 'image/png']);
    expect(new Uint8Array(await mask.arrayBuffer())).toEqual(maskPng);

    expect(result.images).toHaveLength(2);
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 48, height: 40 });
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it('asks dall-e-2 for b64_json and sends no mask for a plain edit', async () => {
    server.use(ok(1));
    await model('dall-e-2').doEdit(call({ operation: 'edit', mask: undefined, n: 1 }));
    const form = seen[0]?.form;
    expect(form?.get('response_format')).toBe('b64_json');
    expect(form?.get('mask')).toBeNull();
  });

  it('refuses operations OpenAI has no endpoint for, before any request', async () => {
    await expect(model().doEdit(call({ operation: 'upscale', scale: 2 }))).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'operation',
    });
    expect(seen).toHaveLength(0);
  });

  it('maps OpenAI errors (400, 429) and keeps the key out of messages', async () => {
    server.use(
      http.post(URL, () =>
        HttpResponse.json(
          {
            error: {
              message: `Invalid mask for ${KEY}`,
              type: 'invalid_request_error',
              param: 'mask',
            },
          },
          { status: 400 },
        ),
      ),
    );
    const invalid = await model()
      .doEdit(call())
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(String((invalid as Error).message)).not.toContain(KEY);

    server.use(
      http.post(URL, () =>
        HttpResponse.json(
          { error: { message: 'slow down', type: 'rate_limit_error' } },
          { status: 429, headers: { 'retry-after': '3' } },
        ),
      ),
    );
    const limited = await model()
      .doEdit(call())
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
  });

  it('stops the upload when the signal aborts', async () => {
    let started!: () => void;
    const reached = new Promise<void>((resolve) => {
      started = resolve;
    });
    server.use(
      http.post(URL, async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        return HttpResponse.json({ data: [] });
      }),
    );
    const controller = new AbortController();
    const pending = model().doEdit(call({ abortSignal: controller.signal }));
    await reached;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'canceled' });
  });

  it('serves an inpaint through editImages with model openai/gpt-image-1', async () => {
    server.use(ok(1));
    const out = await editImages(
      {
        operation: 'inpaint',
        image: imagePng,
        mask: maskPng,
        prompt: 'a lantern',
        model: 'openai/gpt-image-1',
      },
      { providers: { openai: createOpenAIImages({ apiKey: KEY }) } },
    );
    expect(out.model.id).toBe('openai/gpt-image-1');
    expect(out.images[0]).toMatchObject({ width: 48, height: 40 });
    expect(seen.at(-1)?.form.get('prompt')).toBe('a lantern');
  });
});
