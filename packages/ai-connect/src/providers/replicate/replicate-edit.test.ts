// Replicate edits through editImages against a fake of Replicate's predictions and files API
// (msw): the input each edit model is sent, the mask turned white-for-change, large images
// uploaded, outputs downloaded from allowed hosts only, abort reaching the cancel endpoint,
// errors mapped, and requests the models cannot serve refused before any request.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { editImages } from '../../edit';
import { generateImages } from '../../generate';
import { defaultRegistry } from '../../registry';
import {
  AuthenticationError,
  CanceledError,
  ContentFilteredError,
  InvalidRequestError,
  OutputNotImageError,
  ProviderError,
} from '../../spec/errors';
import type { EditImagesRequest } from '../../types';
import { REPLICATE_DATA_URL_MAX_BYTES } from './replicate-edit';
import { createReplicate } from './replicate-provider';

const TOKEN = 'r8_test_SECRET_TOKEN_edit';
const API = 'https://api.replicate.com/v1';
const OUT = 'https://replicate.delivery/pbxt/edit';
const ESRGAN_VERSION = '42fed1c4974146d4d2414e2be2c5277c7fcf05fcc3a73abf41610695738c1d7b';
const REMOVER_VERSION = 'a029dff38972b5fda4ec5d75d7d1cd25aeff621d2cf4946a41055d7db66b80bc';

const server = setupServer();
const seen: Array<{ method: string; url: string; headers: Headers; body: string }> = [];
let image: Uint8Array;
let output: Uint8Array;

beforeAll(async () => {
  image = new Uint8Array(
    await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer(),
  );
  output = new Uint8Array(
    await sharp({ create: { width: 8, height: 8, channels: 4, background: '#00ff0080' } })
      .png()
      .toBuffer(),
  );
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    const copy = request.clone();
    seen.push({
      method: copy.method,
      url: copy.url,
      headers: copy.headers,
      body: copy.method === 'GET' ? '' : await copy.text(),
    });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

function prediction(overrides: Record<string, unknown> = {}) {
  return {
    id: 'pred_edit',
    model: 'm',
    version: 'v',
    input: {},
    logs: '',
    output: null,
    error: null,
    status: 'starting',
    created_at: '2026-11-21T10:00:00.000Z',
    urls: { get: `${API}/predictions/pred_edit`, cancel: `${API}/predictions/pred_edit/cancel` },
    ...overrides,
  };
}

const succeeded = (out: unknown = `${OUT}/out-0.png`) =>
  prediction({ status: 'succeeded', output: out, metrics: { predict_time: 1.5 } });

function deliver() {
  return http.get(`${OUT}/:file`, () =>
    HttpResponse.arrayBuffer(output.slice().buffer, { headers: { 'content-type': 'image/png' } }),
  );
}

const providers = () => ({
  replicate: createReplicate({
    apiToken: TOKEN,
    pollIntervalMs: 1,
    sleep: (_ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(resolve, 2);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      }),
  }),
});

const edit = (request: EditImagesRequest, signal?: AbortSignal) =>
  editImages(request, { providers: providers(), ...(signal ? { signal } : {}) });

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as Error,
  );
}

const creates = () =>
  seen.filter(
    (r) => r.method === 'POST' && r.url.includes('predictions') && !r.url.endsWith('/cancel'),
  );
const createdInput = () => JSON.parse(creates()[0]?.body ?? '{}') as Record<string, unknown>;
const dataUrl = (bytes: Uint8Array, type = 'image/png') =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

/** Decodes a data URL input into raw greyscale-or-colour pixels. */
async function pixelsOf(url: unknown) {
  expect(typeof url).toBe('string');
  const match = /^data:image\/png;base64,(.+)$/.exec(url as string);
  expect(match).not.toBeNull();
  const png = Buffer.from(match?.[1] ?? '', 'base64');
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => data[(y * info.width + x) * info.channels] as number;
  // Channels as stored in the PNG (decoding to raw widens greyscale to RGB).
  const { channels } = await sharp(png).metadata();
  return { info: { width: info.width, height: info.height, channels }, at };
}

describe('Replicate edits: the input each model is sent', () => {
  it('edits with FLUX Kontext: instruction, input_image as a data URL, matched ratio, seed', async () => {
    server.use(
      http.post(`${API}/models/black-forest-labs/flux-kontext-pro/predictions`, () =>
        HttpResponse.json(succeeded(), { status: 201 }),
      ),
      deliver(),
    );
    const out = await edit({
      operation: 'edit',
      model: 'replicate/flux-kontext-pro',
      image,
      prompt: 'make it night',
      seed: 5,
      negativePrompt: 'blur',
    });
    expect(createdInput()).toEqual({
      input: {
        prompt: 'make it night',
        input_image: dataUrl(image),
        aspect_ratio: 'match_input_image',
        seed: 5,
        output_format: 'png',
      },
    });
    expect(creates()[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(out.operation).toBe('edit');
    expect(out.images).toHaveLength(1);
    expect(out.images[0]?.mediaType).toBe('image/png');
    expect(Array.from(out.images[0]?.bytes ?? [])).toEqual(Array.from(output));
    expect(seen.some((r) => r.url === `${OUT}/out-0.png`)).toBe(true);
  });

  it('inpaints with FLUX Fill, the transparent-for-change mask turned white-for-change', async () => {
    // Left half transparent (change), right half opaque (keep).
    const raw = Buffer.alloc(32 * 24 * 4, 255);
    for (let y = 0; y < 24; y++) for (let x = 0; x < 16; x++) raw[(y * 32 + x) * 4 + 3] = 0;
    const mask = new Uint8Array(
      await sharp(raw, { raw: { width: 32, height: 24, channels: 4 } })
        .png()
        .toBuffer(),
    );
    server.use(
      http.post(`${API}/models/black-forest-labs/flux-fill-pro/predictions`, () =>
        HttpResponse.json(succeeded(), { status: 201 }),
      ),
      deliver(),
    );
    const out = await edit({
      operation: 'inpaint',
      model: 'replicate/flux-fill-pro',
      image,
      mask,
      prompt: 'a red door',
      seed: 9,
    });
    const { input } = createdInput() as { input: Record<string, unknown> };
    expect(input).toMatchObject({ prompt: 'a red door', seed: 9, output_format: 'png' });
    expect(input.image).toBe(dataUrl(image));
    const sent = await pixelsOf(input.mask);
    expect(sent.info).toMatchObject({ width: 32, height: 24, channels: 1 });
    expect([sent.at(0, 0), sent.at(15, 23)]).toEqual([255, 255]);
    expect([sent.at(16, 0), sent.at(31, 23)]).toEqual([0, 0]);
    expect(out.images).toHaveLength(1);
  });

  it('outpaints with FLUX Fill as a padded image and a mask white over the new border', async () => {
    server.use(
      http.post(`${API}/models/black-forest-labs/flux-fill-pro/predictions`, () =>
        HttpResponse.json(succeeded(), { status: 201 }),
      ),
      deliver(),
    );
    await edit({
      operation: 'outpaint',
      model: 'replicate/flux-fill-pro',
      image,
      outpaint: { left: 8, bottom: 4 },
    });
    const { input } = createdInput() as { input: Record<string, unknown> };
    expect(input.prompt).toBeUndefined();
    const padded = await pixelsOf(input.image);
    expect(padded.info).toMatchObject({ width: 40, height: 28 });
    expect(padded.at(8, 0)).toBe(0x33); // the original's red channel, moved right
    expect(padded.at(0, 0)).toBe(0);
    const mask = await pixelsOf(input.mask);
    expect(mask.info).toMatchObject({ width: 40, height: 28 });
    expect([mask.at(7, 0), mask.at(20, 27)]).toEqual([255, 255]);
    expect([mask.at(8, 0), mask.at(39, 23)]).toEqual([0, 0]);
  });

  it('upscales with Real-ESRGAN by pinned version: scale and face_enhance false', async () => {
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(succeeded(), { status: 201 })),
      deliver(),
    );
    await edit({ operation: 'upscale', model: 'replicate/real-esrgan', image, scale: 4 });
    expect(createdInput()).toEqual({
      version: ESRGAN_VERSION,
      input: { image: dataUrl(image), scale: 4, face_enhance: false },
    });
  });

  it('removes the background by pinned version, asking for a transparent PNG', async () => {
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(succeeded(), { status: 201 })),
      deliver(),
    );
    const out = await edit({
      operation: 'remove-background',
      model: 'replicate/background-remover',
      image,
    });
    expect(createdInput()).toEqual({
      version: REMOVER_VERSION,
      input: { image: dataUrl(image), format: 'png', background_type: 'rgba' },
    });
    expect(out.images[0]?.mediaType).toBe('image/png');
  });

  it('makes variations with FLUX dev image-to-image: strength becomes prompt_strength', async () => {
    server.use(
      http.post(`${API}/models/black-forest-labs/flux-dev/predictions`, () =>
        HttpResponse.json(succeeded([`${OUT}/out-0.png`, `${OUT}/out-1.png`]), { status: 201 }),
      ),
      deliver(),
    );
    const out = await edit({
      operation: 'variation',
      model: 'replicate/flux-dev',
      image,
      prompt: 'watercolour',
      strength: 0.6,
      n: 2,
      seed: 3,
    });
    expect(createdInput()).toEqual({
      input: {
        prompt: 'watercolour',
        image: dataUrl(image),
        prompt_strength: 0.6,
        num_outputs: 2,
        seed: 3,
        output_format: 'png',
      },
    });
    expect(out.images).toHaveLength(2);
  });

  it('uploads an image over the data-URL limit through the files API and sends its URL', async () => {
    const big = new Uint8Array(
      await sharp(Buffer.from(Array.from({ length: 700 * 700 * 3 }, (_, i) => (i * 7919) % 251)), {
        raw: { width: 700, height: 700, channels: 3 },
      })
        .png({ compressionLevel: 0 })
        .toBuffer(),
    );
    expect(big.byteLength).toBeGreaterThanOrEqual(REPLICATE_DATA_URL_MAX_BYTES);
    server.use(
      http.post(`${API}/files`, () =>
        HttpResponse.json({ id: 'file_1', urls: { get: `${API}/files/file_1` } }, { status: 201 }),
      ),
      http.post(`${API}/predictions`, () => HttpResponse.json(succeeded(), { status: 201 })),
      deliver(),
    );
    await edit({ operation: 'upscale', model: 'replicate/real-esrgan', image: big, scale: 2 });
    const upload = seen.find((r) => r.url === `${API}/files`);
    expect(upload?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(upload?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.body).toContain('Content-Type: image/png');
    expect(upload?.body).toContain('name="content"');
    expect(createdInput()).toEqual({
      version: ESRGAN_VERSION,
      input: { image: `${API}/files/file_1`, scale: 2, face_enhance: false },
    });
  });
});

describe('Replicate edits: lifecycle and errors', () => {
  it('sends a rotated photo upright, as a PNG, since the models ignore EXIF orientation', async () => {
    const turned = new Uint8Array(
      await sharp({ create: { width: 32, height: 24, channels: 3, background: '#808080' } })
        .jpeg()
        .withMetadata({ orientation: 6 })
        .toBuffer(),
    );
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(succeeded(), { status: 201 })),
      deliver(),
    );
    await edit({
      operation: 'remove-background',
      model: 'replicate/background-remover',
      image: turned,
    });
    const { input } = createdInput() as { input: Record<string, unknown> };
    const sent = await pixelsOf(input.image);
    expect(sent.info).toMatchObject({ width: 24, height: 32 });
  });

  it('stops an upload when the caller aborts, and creates no prediction', async () => {
    const controller = new AbortController();
    let uploads = 0;
    server.use(
      http.post(`${API}/files`, async () => {
        uploads++;
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 50));
        return HttpResponse.json({ id: 'f', urls: { get: `${API}/files/f` } }, { status: 201 });
      }),
    );
    const big = new Uint8Array(REPLICATE_DATA_URL_MAX_BYTES + 10);
    big.set(image);
    const error = await failure(
      edit(
        { operation: 'upscale', model: 'replicate/real-esrgan', image: big, scale: 2 },
        controller.signal,
      ),
    );
    expect(error).toBeInstanceOf(CanceledError);
    expect(uploads).toBe(1);
    expect(creates()).toHaveLength(0);
  });

  it('cancels the prediction on Replicate when the caller aborts', async () => {
    const controller = new AbortController();
    server.use(
      http.post(`${API}/models/black-forest-labs/flux-kontext-pro/predictions`, () =>
        HttpResponse.json(prediction({ status: 'processing' }), { status: 201 }),
      ),
      http.get(`${API}/predictions/pred_edit`, () => {
        controller.abort();
        return HttpResponse.json(prediction({ status: 'processing' }));
      }),
      http.post(`${API}/predictions/pred_edit/cancel`, () =>
        HttpResponse.json(prediction({ status: 'canceled' })),
      ),
    );
    const error = await failure(
      edit(
        { operation: 'edit', model: 'replicate/flux-kontext-pro', image, prompt: 'p' },
        controller.signal,
      ),
    );
    expect(error).toBeInstanceOf(CanceledError);
    await expect
      .poll(() => seen.filter((r) => r.url === `${API}/predictions/pred_edit/cancel`).length)
      .toBe(1);
  });

  it('maps a refused input, a flagged prediction and a refused upload', async () => {
    server.use(
      http.post(`${API}/predictions`, () =>
        HttpResponse.json(
          { title: 'Invalid input', detail: 'scale: bad', status: 422 },
          { status: 422 },
        ),
      ),
    );
    const refused = await failure(
      edit({ operation: 'upscale', model: 'replicate/real-esrgan', image, scale: 2 }),
    );
    expect(refused).toBeInstanceOf(InvalidRequestError);
    expect(refused.message).toContain('scale: bad');

    server.resetHandlers();
    server.use(
      http.post(`${API}/models/black-forest-labs/flux-kontext-pro/predictions`, () =>
        HttpResponse.json(
          prediction({ status: 'failed', error: 'Output flagged as sensitive (E005)' }),
          { status: 201 },
        ),
      ),
    );
    const flagged = await failure(
      edit({ operation: 'edit', model: 'replicate/flux-kontext-pro', image, prompt: 'p' }),
    );
    expect(flagged).toBeInstanceOf(ContentFilteredError);

    server.resetHandlers();
    seen.length = 0;
    server.use(
      http.post(`${API}/files`, () =>
        HttpResponse.json({ detail: 'Invalid token.' }, { status: 401 }),
      ),
    );
    const big = new Uint8Array(REPLICATE_DATA_URL_MAX_BYTES + 10);
    big.set(image);
    const unauthorised = await failure(
      edit({ operation: 'upscale', model: 'replicate/real-esrgan', image: big, scale: 2 }),
    );
    expect(unauthorised).toBeInstanceOf(AuthenticationError);
    expect(unauthorised.message).not.toContain(TOKEN);
    expect(creates()).toHaveLength(0);
  });

  it('sniffs each output: a page served as the image is refused', async () => {
    server.use(
      http.post(`${API}/predictions`, () => HttpResponse.json(succeeded(), { status: 201 })),
      http.get(`${OUT}/:file`, () =>
        HttpResponse.text('<html>expired</html>', { headers: { 'content-type': 'image/png' } }),
      ),
    );
    const error = await failure(
      edit({ operation: 'upscale', model: 'replicate/real-esrgan', image, scale: 2 }),
    );
    expect(error).toBeInstanceOf(OutputNotImageError);
  });

  it('never downloads an output from a host outside the allowlist', async () => {
    server.use(
      http.post(`${API}/predictions`, () =>
        HttpResponse.json(succeeded('https://evil.example/out.png'), { status: 201 }),
      ),
    );
    const error = await failure(
      edit({ operation: 'remove-background', model: 'replicate/background-remover', image }),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(seen.some((r) => r.url.startsWith('https://evil.example'))).toBe(false);
  });
});

describe('Replicate edits: what each model serves', () => {
  it('lists each edit model with its operations in the catalogue', () => {
    const ops = (id: string) => defaultRegistry.get(id)?.capabilities.operations;
    expect(ops('replicate/flux-kontext-pro')).toEqual(['edit']);
    expect(ops('replicate/flux-fill-pro')).toEqual(['inpaint', 'outpaint']);
    expect(ops('replicate/real-esrgan')).toEqual(['upscale']);
    expect(ops('replicate/background-remover')).toEqual(['remove-background']);
    expect(ops('replicate/flux-dev')).toEqual(['generate', 'variation']);
  });

  it('refuses an operation or a mask a model cannot take, before any request', async () => {
    const wrongOp = await failure(
      edit({ operation: 'edit', model: 'replicate/real-esrgan', image, prompt: 'p' }),
    );
    expect(wrongOp).toBeInstanceOf(InvalidRequestError);
    expect((wrongOp as InvalidRequestError).field).toBe('operation');

    const model = providers().replicate.imageModel('black-forest-labs/flux-kontext-pro');
    const input = { bytes: image, mediaType: 'image/png', width: 32, height: 24 };
    const withMask = await failure(
      model.doEdit?.({ operation: 'edit', image: input, mask: input, prompt: 'p', n: 1 }) ??
        Promise.resolve(),
    );
    expect((withMask as InvalidRequestError).field).toBe('mask');

    const unknown = providers().replicate.imageModel('someone/text-model');
    const notEditing = await failure(
      unknown.doEdit?.({ operation: 'upscale', image: input, n: 1, scale: 2 }) ?? Promise.resolve(),
    );
    expect((notEditing as InvalidRequestError).field).toBe('operation');
    expect(seen).toHaveLength(0);
  });

  it('refuses an upscale whose result would exceed the model’s sides', async () => {
    const wide = new Uint8Array(
      await sharp({ create: { width: 1100, height: 16, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    const error = await failure(
      edit({ operation: 'upscale', model: 'replicate/real-esrgan', image: wide, scale: 4 }),
    );
    expect((error as InvalidRequestError).field).toBe('scale');
    expect(seen).toHaveLength(0);
  });
});

describe('Replicate edit-only models and generateImages', () => {
  it('refuses to generate from a prompt with an edit-only model, before any request', async () => {
    const error = await failure(
      generateImages(
        { prompt: 'a fox', model: 'replicate/real-esrgan' },
        { providers: providers() },
      ),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe('model');
    expect(error.message).toContain('upscale');
    expect(seen).toHaveLength(0);
  });
});
