// Fuzzed requests (fast-check, thousands of cases): random JSON, random text, wrong types,
// huge numbers, wrong media types and random uploads. The server must answer every one below
// 500, every error in its JSON shape, and never reach the "unexpected error" path.
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import { errorBodySchema } from './protocol';
import { fakeProviders, fakeRegistry } from './testing/fakes';

const unexpected: unknown[] = [];
const logger = {
  info() {},
  warn() {},
  error: (message: string, fields?: unknown) => unexpected.push({ message, fields }),
};
const { providers } = fakeProviders();
const app = createImageServer({
  providers,
  registry: fakeRegistry(),
  logger,
  rateLimit: false,
  limits: { maxBodyBytes: 4096, maxUploadBytes: 64 * 1024 },
  generateOptions: { maxRetries: 0 },
});

const routes = ['/api/ai/images/generate', '/api/ai/images/estimate'];
const openAIError = (body: unknown) =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { error?: { message?: unknown } }).error?.message === 'string';

async function check(path: string, init: RequestInit) {
  const res = await app.request(path, init);
  expect(res.status, `${path} ${String(init.body).slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const text = await res.text();
    const body: unknown = JSON.parse(text);
    if (path.startsWith('/v1/')) expect(openAIError(body)).toBe(true);
    else expect(errorBodySchema.safeParse(body).success, text).toBe(true);
  } else {
    await res.arrayBuffer();
  }
}

const numberish = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e21, 2 ** 53, -(2 ** 31), 4097, 1024, 64),
  fc.string({ maxLength: 8 }),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const requestLike = fc.record(
  {
    prompt: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null), fc.object()),
    width: numberish,
    height: numberish,
    model: fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('fake/model', 'local/placeholder', 'replicate/sdxl', 'openai/gpt-image-1'),
      fc.integer(),
    ),
    negativePrompt: fc.oneof(fc.string({ maxLength: 50 }), fc.integer()),
    steps: numberish,
    seed: numberish,
    n: numberish,
    size: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('32x24', '0x0', '99999x1', 'auto'),
    ),
    response_format: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('b64_json', 'url')),
  },
  { requiredKeys: [] },
);
const accept = fc.oneof(
  fc.constantFrom('image/*', 'application/json', 'text/event-stream', '*/*', 'text/html', ''),
  fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
);
const headerSafe = (s: string) => /^[\x20-\x7e]*$/.test(s);

describe('fuzzed request bodies never produce a 5xx', { timeout: 120_000 }, () => {
  it('random JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.constantFrom(...routes, '/v1/images/generations'),
        (value, path) =>
          check(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(value) ?? 'null',
          }),
      ),
      { numRuns: 1500 },
    );
  });

  it('random text, including broken and huge-number JSON', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '{"prompt":"a","width":1e999}',
        '{"prompt":"a","n":-0}',
        '{',
        '[]',
        '""',
        'null',
      ),
      fc.jsonValue().map((v) => (JSON.stringify(v) ?? '').slice(0, -1)),
    );
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom(...routes, '/v1/images/generations'), (body, path) =>
        check(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      ),
      { numRuns: 1500 },
    );
  });

  it('request-shaped objects with wrong types, huge numbers and random Accept headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        requestLike,
        accept,
        fc.constantFrom(...routes, '/v1/images/generations'),
        (body, acceptHeader, path) =>
          check(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: acceptHeader },
            body: JSON.stringify(body),
          }),
      ),
      { numRuns: 2000 },
    );
  });

  it('wrong and random content types', async () => {
    const contentType = fc.oneof(
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'image/png',
        'application/json; charset=utf-8',
      ),
      fc.string({ maxLength: 40 }).filter(headerSafe),
    );
    await fc.assert(
      fc.asyncProperty(
        contentType,
        fc.string({ maxLength: 200 }),
        fc.constantFrom(
          ...routes,
          '/api/ai/images/transform',
          '/api/ai/images/edit',
          '/v1/images/generations',
          '/v1/images/edits',
        ),
        (type, body, path) =>
          check(path, { method: 'POST', headers: { 'content-type': type }, body }),
      ),
      { numRuns: 1000 },
    );
  });

  it('random multipart edits: fields, files and Accept headers', async () => {
    const png = new Uint8Array(
      await sharp({
        create: { width: 8, height: 8, channels: 4, background: { r: 9, g: 9, b: 9, alpha: 0 } },
      })
        .png()
        .toBuffer(),
    );
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer().map(String),
      fc.double().map(String),
    );
    const fields = fc.record(
      {
        operation: fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom(
            'edit',
            'inpaint',
            'outpaint',
            'variation',
            'upscale',
            'remove-background',
          ),
        ),
        prompt: fc.string({ maxLength: 40 }),
        model: fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.constantFrom('local/placeholder', 'fake/model'),
        ),
        scale: fc.oneof(text, fc.constantFrom('2', '4')),
        n: text,
        seed: text,
        strength: text,
        negativePrompt: fc.string({ maxLength: 20 }),
        outpaintTop: text,
        outpaintLeft: text,
      },
      { requiredKeys: [] },
    );
    const file = fc.oneof(
      fc.constant(png),
      fc.uint8Array({ maxLength: 256 }),
      fc
        .uint8Array({ maxLength: 256 })
        .map((b) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...b])),
    );
    await fc.assert(
      fc.asyncProperty(
        fields,
        fc.option(file, { nil: undefined }),
        fc.option(file, { nil: undefined }),
        accept,
        (values, image, mask, acceptHeader) => {
          const body = new FormData();
          for (const [key, value] of Object.entries(values)) body.set(key, String(value));
          if (image) body.set('image', new File([image], 'i.png', { type: 'image/png' }));
          if (mask) body.set('mask', new File([mask], 'm.png', { type: 'image/png' }));
          return check(values.model === 'fake/model' ? '/v1/images/edits' : '/api/ai/images/edit', {
            method: 'POST',
            headers: { accept: acceptHeader },
            body,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random uploads and options to the transform route', async () => {
    const query = fc.record(
      {
        preset: fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.constantFrom('instagram-square', 'x-post'),
        ),
        width: fc.oneof(fc.string({ maxLength: 6 }), fc.integer().map(String)),
        height: fc.oneof(fc.string({ maxLength: 6 }), fc.integer().map(String)),
        crop: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('smart', 'centre', 'fit')),
        format: fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('png', 'jpeg', 'webp')),
        quality: fc.oneof(fc.string({ maxLength: 4 }), fc.integer().map(String)),
      },
      { requiredKeys: [] },
    );
    // Random bytes, some behind a real PNG signature so they pass the sniff and hit the decoder.
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      fc
        .uint8Array({ maxLength: 512 })
        .map((b) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...b])),
      fc.uint8Array({ maxLength: 512 }).map((b) => new Uint8Array([0xff, 0xd8, 0xff, ...b])),
    );
    await fc.assert(
      fc.asyncProperty(
        bytes,
        query,
        fc.constantFrom('image/png', 'application/octet-stream'),
        (body, q, type) =>
          check(`/api/ai/images/transform?${new URLSearchParams(q as Record<string, string>)}`, {
            method: 'POST',
            headers: { 'content-type': type },
            body,
          }),
      ),
      { numRuns: 600 },
    );
  });

  it('never took the unexpected-error path', () => {
    expect(unexpected).toEqual([]);
  });
});
