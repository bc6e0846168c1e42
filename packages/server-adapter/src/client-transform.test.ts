// The browser client's transformImage against the real app in-process (fetch bound to
// app.fetch): the multipart it sends, the resized file back, the server's refusals typed.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import { createRemoteGenerator, createRemoteTransformer, RemoteGeneratorError } from './client';
import { fakeProviders, fakeRegistry } from './testing/fakes';

function setup() {
  const app = createImageServer({
    providers: fakeProviders().providers,
    registry: fakeRegistry(),
    logger: { info() {}, warn() {}, error() {} },
    rateLimit: false,
  });
  const seen: Request[] = [];
  const options = {
    baseUrl: 'https://images.example/api/ai/',
    headers: { authorization: 'Bearer session-1' },
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request.clone());
      return Promise.resolve(app.fetch(request));
    },
  };
  return { options, seen };
}

const photo = async (width: number, height: number, format: 'png' | 'jpeg' = 'png') =>
  new File(
    [
      new Uint8Array(
        await sharp({
          create: { width, height, channels: 3, background: { r: 20, g: 120, b: 220 } },
        })
          [format]()
          .toBuffer(),
      ),
    ],
    `harbour.${format === 'jpeg' ? 'jpg' : 'png'}`,
    { type: `image/${format}` },
  );

describe('transformImage (browser client)', () => {
  it('posts the image with the preset and size, and resolves the resized file', async () => {
    const { options, seen } = setup();
    const generator = createRemoteGenerator(options);
    const out = await generator.transformImage({
      image: await photo(300, 200, 'jpeg'),
      width: 1200,
      height: 630,
      preset: 'facebook-feed',
      format: 'jpeg',
    });
    expect(out.type).toBe('image/jpeg');
    expect(out.name).toBe('harbour-1200x630.jpg');
    const meta = await sharp(new Uint8Array(await out.arrayBuffer())).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([1200, 630, 'jpeg']);
    const [request] = seen;
    expect(request?.url).toBe('https://images.example/api/ai/images/transform');
    expect(request?.headers.get('authorization')).toBe('Bearer session-1');
    const form = await request?.formData();
    expect(['preset', 'width', 'height', 'crop', 'format'].map((k) => form?.get(k))).toEqual([
      'facebook-feed',
      '1200',
      '630',
      'centre',
      'jpeg',
    ]);
    expect(form?.get('file')).toBeInstanceOf(File);
  });

  it('rejects with the server’s code and field, and with canceled on abort', async () => {
    const { options } = setup();
    const transformImage = createRemoteTransformer(options);
    const refused = await transformImage({
      image: new File([new TextEncoder().encode('not an image')], 'x.png', { type: 'image/png' }),
      width: 100,
      height: 100,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RemoteGeneratorError);
    expect(refused).toMatchObject({ code: 'unsupported_media_type', status: 415 });

    const tooWide = await transformImage({
      image: await photo(10, 10),
      width: 99_999,
      height: 10,
    }).catch((e: unknown) => e);
    expect(tooWide).toMatchObject({ code: 'invalid_request', status: 400, field: 'width' });

    const controller = new AbortController();
    controller.abort();
    await expect(
      transformImage(
        { image: await photo(10, 10), width: 20, height: 20 },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ code: 'canceled' });
  });
});
