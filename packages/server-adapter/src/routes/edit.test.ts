// POST /api/ai/images/edit through app.request(): the three answer modes with the keyless
// local model, and every refusal with its status and field.
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { createImageServer } from '../app';
import type { ImageServerOptions } from '../options';
import { errorBodySchema, generateResponseSchema, modelsResponseSchema } from '../protocol';
import { fakeProviders, fakeRegistry } from '../testing/fakes';

const silent = { info() {}, warn() {}, error: vi.fn() };

function makeApp(overrides: Partial<ImageServerOptions> = {}) {
  const { providers } = fakeProviders();
  return createImageServer({
    providers,
    registry: fakeRegistry(),
    logger: silent,
    rateLimit: false,
    ...overrides,
  });
}

const png = async (width: number, height: number, alpha = false) =>
  new Uint8Array(
    await sharp({
      create: {
        width,
        height,
        channels: alpha ? 4 : 3,
        background: alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 250, g: 250, b: 250 },
      },
    })
      .png()
      .toBuffer(),
  );

function form(
  fields: Record<string, string>,
  files: {
    image?: Uint8Array<ArrayBuffer>;
    mask?: Uint8Array<ArrayBuffer>;
    imageType?: string;
  } = {},
) {
  const body = new FormData();
  if (files.image) {
    body.set('image', new File([files.image], 'in.png', { type: files.imageType ?? 'image/png' }));
  }
  if (files.mask) body.set('mask', new File([files.mask], 'mask.png', { type: 'image/png' }));
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  return body;
}

const post = (body: FormData | string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body,
  headers,
});

async function expectError(res: Response, status: number, code: string, field?: string) {
  expect(res.status).toBe(status);
  const body = errorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  if (field !== undefined) expect(body.error.field).toBe(field);
  return body.error;
}

describe('POST /api/ai/images/edit', () => {
  it('answers the upscaled image as bytes with x-ai-* headers and x-ai-operation', async () => {
    const app = makeApp();
    const res = await app.request(
      '/api/ai/images/edit',
      post(form({ operation: 'upscale', scale: '4' }, { image: await png(20, 10) })),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-ai-operation')).toBe('upscale');
    expect(res.headers.get('x-ai-model')).toBe('local/placeholder');
    expect(res.headers.get('x-ai-provider')).toBe('local');
    expect(res.headers.get('x-ai-width')).toBe('80');
    const meta = await sharp(new Uint8Array(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([80, 40]);
  });

  it('answers every result as JSON with the operation in each image’s metadata', async () => {
    const app = makeApp();
    const res = await app.request(
      '/api/ai/images/edit',
      post(form({ operation: 'variation', n: '2', seed: '7' }, { image: await png(16, 16) }), {
        accept: 'application/json',
      }),
    );
    expect(res.status).toBe(200);
    const body = generateResponseSchema.parse(await res.json());
    expect(body.images).toHaveLength(2);
    expect(body.images.map((i) => [i.metadata.operation, i.metadata.seed])).toEqual([
      ['variation', 7],
      ['variation', 8],
    ]);
  });

  it('streams progress, the image and done', async () => {
    const app = makeApp();
    const res = await app.request(
      '/api/ai/images/edit',
      post(
        form(
          { operation: 'outpaint', outpaintLeft: '4', outpaintTop: '2' },
          { image: await png(16, 16) },
        ),
        { accept: 'text/event-stream' },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-operation')).toBe('outpaint');
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events).toContain('progress');
    expect(events.slice(-2)).toEqual(['image', 'done']);
    const image = JSON.parse(/event: image\ndata: (.*)/.exec(text)?.[1] ?? '{}');
    expect([image.metadata.width, image.metadata.height]).toEqual([20, 18]);
  });

  it('inpaints with a mask through the form', async () => {
    const app = makeApp();
    const res = await app.request(
      '/api/ai/images/edit',
      post(
        form(
          { operation: 'inpaint', prompt: 'a red door' },
          { image: await png(16, 16), mask: await png(16, 16, true) },
        ),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-operation')).toBe('inpaint');
  });

  it('refuses a missing prompt and a mask of another size with 400 and the field', async () => {
    const app = makeApp();
    const image = await png(16, 16);
    await expectError(
      await app.request('/api/ai/images/edit', post(form({ operation: 'edit' }, { image }))),
      400,
      'invalid_request',
      'prompt',
    );
    const error = await expectError(
      await app.request(
        '/api/ai/images/edit',
        post(form({ operation: 'inpaint', prompt: 'x' }, { image, mask: await png(8, 16, true) })),
      ),
      400,
      'invalid_request',
      'mask',
    );
    expect(error.message).toContain('16 × 16');
  });

  it('refuses bad fields with the form’s field names', async () => {
    const app = makeApp();
    const image = await png(16, 16);
    const cases: Array<[Record<string, string>, string]> = [
      [{ operation: 'sharpen' }, 'operation'],
      [{}, 'operation'],
      [{ operation: 'upscale', scale: '3' }, 'scale'],
      [{ operation: 'variation', n: 'two' }, 'n'],
      [{ operation: 'variation', n: '9' }, 'n'],
      [{ operation: 'variation', strength: '1.5' }, 'strength'],
      [{ operation: 'outpaint', outpaintRight: '-3' }, 'outpaintRight'],
      [{ operation: 'outpaint', outpaintBottom: '5000' }, 'outpaintBottom'],
      [{ operation: 'upscale', model: 'nope/nope' }, 'model'],
      [{ operation: 'upscale', model: 'replicate/sdxl' }, 'model'],
    ];
    for (const [fields, field] of cases) {
      const res = await app.request('/api/ai/images/edit', post(form(fields, { image })));
      await expectError(res, 400, 'invalid_request', field);
    }
  });

  it('refuses a missing image (400), a non-image (415), a JSON body (415)', async () => {
    const app = makeApp();
    await expectError(
      await app.request('/api/ai/images/edit', post(form({ operation: 'upscale' }))),
      400,
      'invalid_request',
      'image',
    );
    await expectError(
      await app.request(
        '/api/ai/images/edit',
        post(
          form(
            { operation: 'upscale' },
            { image: new TextEncoder().encode('not an image'), imageType: 'text/plain' },
          ),
        ),
      ),
      415,
      'unsupported_media_type',
    );
    await expectError(
      await app.request(
        '/api/ai/images/edit',
        post(JSON.stringify({ operation: 'upscale' }), { 'content-type': 'application/json' }),
      ),
      415,
      'unsupported_media_type',
    );
  });

  it('answers 400 (not 5xx) for an image whose pixels are cut short after a good header', async () => {
    const app = makeApp();
    const noisy = new Uint8Array(
      await sharp({
        create: {
          width: 64,
          height: 64,
          channels: 3,
          background: '#000000',
          noise: { type: 'gaussian', mean: 128, sigma: 30 },
        },
      })
        .png()
        .toBuffer(),
    );
    const cut = noisy.slice(0, Math.floor(noisy.length / 2));
    for (const accept of ['image/*', 'application/json']) {
      const res = await app.request(
        '/api/ai/images/edit',
        post(form({ operation: 'upscale' }, { image: cut }), { accept }),
      );
      await expectError(res, 400, 'invalid_request', 'image');
    }
  });

  it('applies the transform route’s upload and pixel caps', async () => {
    const small = makeApp({ limits: { maxUploadBytes: 1000, maxInputPixels: 100 } });
    const big = new Uint8Array(
      await sharp({
        create: { width: 64, height: 64, channels: 3, background: { r: 1, g: 2, b: 3 } },
      })
        .png({ compressionLevel: 0 })
        .toBuffer(),
    );
    await expectError(
      await small.request(
        '/api/ai/images/edit',
        post(form({ operation: 'upscale' }, { image: big })),
      ),
      413,
      'payload_too_large',
    );
    await expectError(
      await small.request(
        '/api/ai/images/edit',
        post(form({ operation: 'upscale' }, { image: await png(11, 10) })),
      ),
      413,
      'payload_too_large',
    );
    const capped = makeApp({ limits: { maxOutputSide: 64 } });
    await expectError(
      await capped.request(
        '/api/ai/images/edit',
        post(form({ operation: 'upscale', scale: '4' }, { image: await png(20, 20) })),
      ),
      400,
      'invalid_request',
      'scale',
    );
  });

  it('lets a browser on an allowed origin read x-ai-operation', async () => {
    const app = makeApp({ allowedOrigins: ['https://app.example'] });
    const res = await app.request(
      '/api/ai/images/edit',
      post(form({ operation: 'remove-background' }, { image: await png(16, 16) }), {
        origin: 'https://app.example',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-expose-headers')).toContain('x-ai-operation');
  });

  it('lists each model’s operations in GET /models', async () => {
    const app = makeApp();
    const models = modelsResponseSchema.parse(await (await app.request('/api/ai/models')).json());
    const local = models.models.find((m) => m.id === 'local/placeholder');
    expect(local?.capabilities.operations).toEqual(
      expect.arrayContaining(['generate', 'upscale', 'inpaint', 'remove-background']),
    );
  });
});
