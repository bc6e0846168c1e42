// The browser client's editImages against the real app in-process (fetch bound to app.fetch):
// the multipart it sends, files and metadata back, progress from the event stream, typed errors.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import { createRemoteGenerator, RemoteGeneratorError } from './client';
import { fakeProviders, fakeRegistry } from './testing/fakes';

function setup() {
  const { providers } = fakeProviders();
  const app = createImageServer({
    providers,
    registry: fakeRegistry(),
    logger: { info() {}, warn() {}, error() {} },
    rateLimit: false,
  });
  const seen: Request[] = [];
  const generator = createRemoteGenerator({
    baseUrl: 'https://images.example/api/ai/',
    headers: () => ({ authorization: 'Bearer session-1' }),
    fetch: (input, init) => {
      const request = new Request(input, init);
      seen.push(request.clone());
      return Promise.resolve(app.fetch(request));
    },
  });
  return { generator, seen };
}

const pngFile = async (width: number, height: number, name = 'photo.png', alpha = false) =>
  new File(
    [
      new Uint8Array(
        await sharp({
          create: {
            width,
            height,
            channels: alpha ? 4 : 3,
            background: alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 200, g: 40, b: 40 },
          },
        })
          .png()
          .toBuffer(),
      ),
    ],
    name,
    { type: 'image/png' },
  );

describe('createRemoteGenerator(...).editImages', () => {
  it('posts the image and fields as multipart and returns files with their metadata', async () => {
    const { generator, seen } = setup();
    const images = await generator.editImages(
      { operation: 'upscale', image: await pngFile(10, 6), scale: 2, n: 2, seed: 4 },
      {},
    );
    expect(images).toHaveLength(2);
    const [first] = images;
    expect(first?.file.type).toBe('image/png');
    expect(first?.file.name).toBe('ai-local-placeholder-4.png');
    expect(first?.metadata).toMatchObject({ operation: 'upscale', width: 20, height: 12, seed: 4 });
    const meta = await sharp(
      new Uint8Array(await (first?.file ?? new Blob()).arrayBuffer()),
    ).metadata();
    expect([meta.width, meta.height]).toEqual([20, 12]);

    const sent = seen[0];
    expect(sent?.url).toBe('https://images.example/api/ai/images/edit');
    expect(sent?.headers.get('authorization')).toBe('Bearer session-1');
    expect(sent?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await sent?.formData();
    expect(form?.get('operation')).toBe('upscale');
    expect(form?.get('scale')).toBe('2');
    expect((form?.get('image') as File | undefined)?.name).toBe('photo.png');
  });

  it('sends outpaint sides as form fields and reports progress from the event stream', async () => {
    const { generator, seen } = setup();
    const progress: string[] = [];
    const [image] = await generator.editImages(
      {
        operation: 'outpaint',
        image: await pngFile(8, 8),
        outpaint: { left: 3, bottom: 1 },
      },
      { onProgress: (p) => progress.push(p.stage) },
    );
    expect(image?.metadata).toMatchObject({ width: 11, height: 9, operation: 'outpaint' });
    expect(progress).toContain('processing');
    expect(progress.at(-1)).toBe('done');
    const form = await seen[0]?.formData();
    expect([
      form?.get('outpaintLeft'),
      form?.get('outpaintBottom'),
      form?.get('outpaintTop'),
    ]).toEqual(['3', '1', null]);
    expect(seen[0]?.headers.get('accept')).toBe('text/event-stream');
  });

  it('rejects with the server’s code and field, as generate does', async () => {
    const { generator } = setup();
    const missingPrompt = await generator
      .editImages({ operation: 'edit', image: await pngFile(8, 8) })
      .catch((e: unknown) => e);
    expect(missingPrompt).toBeInstanceOf(RemoteGeneratorError);
    expect(missingPrompt).toMatchObject({ code: 'invalid_request', field: 'prompt', status: 400 });

    const wrongMask = await generator
      .editImages({
        operation: 'inpaint',
        prompt: 'a door',
        image: await pngFile(8, 8),
        mask: await pngFile(4, 8, 'mask.png', true),
      })
      .catch((e: unknown) => e);
    expect(wrongMask).toMatchObject({ code: 'invalid_request', field: 'mask' });

    const notImage = await generator
      .editImages({ operation: 'upscale', image: new File(['hello'], 'a.txt') })
      .catch((e: unknown) => e);
    expect(notImage).toMatchObject({ code: 'unsupported_media_type', status: 415 });
  });

  it('rejects as canceled when the signal is already aborted, without a request', async () => {
    const { generator, seen } = setup();
    const controller = new AbortController();
    controller.abort();
    const error = await generator
      .editImages(
        { operation: 'upscale', image: await pngFile(8, 8) },
        { signal: controller.signal },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'canceled' });
    expect(seen).toHaveLength(0);
  });

  it('lists each model’s operations through listModels()', async () => {
    const { generator } = setup();
    const models = await generator.listModels();
    const local = models.find((m) => m.id === 'local/placeholder');
    expect(local?.capabilities.operations).toContain('remove-background');
  });
});
