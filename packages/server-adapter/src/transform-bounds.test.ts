// The transform route cannot be made to amplify: outputs past the size caps are refused before
// sharp decodes anything (even with every transform slot taken), inputs past the pixel cap are
// refused from their header, and transforms wait for one of the process's few slots.
import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createImageServer } from './app';
import type { ServerLimits } from './options';
import { errorBodySchema } from './protocol';
import { transformStats, withTransformSlot } from './routes/transform-bounds';
import { createServerFromEnv } from './server-from-env';
import { fakeProviders } from './testing/fakes';

const quiet = { info() {}, warn() {}, error() {} };
const makeApp = (limits: Partial<ServerLimits> = {}) =>
  createImageServer({
    providers: fakeProviders().providers,
    logger: quiet,
    rateLimit: false,
    limits,
  });

let dot: Uint8Array; // 1×1 PNG, under 100 bytes
let tall: Uint8Array; // 1×100 PNG
let square: Uint8Array; // 100×100 PNG
beforeAll(async () => {
  const make = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: '#336699' } })
      .png()
      .toBuffer()
      .then((b) => new Uint8Array(b));
  [dot, tall, square] = await Promise.all([make(1, 1), make(1, 100), make(100, 100)]);
});

const post = (app: ReturnType<typeof makeApp>, query: string, bytes: Uint8Array) =>
  app.request(`/api/ai/images/transform?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });

async function refusal(res: Response) {
  const body = errorBodySchema.parse(await res.json());
  return { status: res.status, code: body.error.code, field: body.error.field };
}

/** Takes every transform slot until the returned function is called. */
async function occupySlots(): Promise<() => Promise<void>> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const held = Array.from({ length: transformStats().limit }, () => withTransformSlot(() => gate));
  expect(transformStats().running).toBe(transformStats().limit);
  return async () => {
    open();
    await Promise.all(held);
  };
}

describe('transform output bounds', () => {
  it('refuses an upscale of a 1×1 PNG to 16384² with 400 naming the side, while every slot is busy', async () => {
    expect(dot.byteLength).toBeLessThan(100);
    const app = makeApp();
    const release = await occupySlots();
    try {
      // Were these queued for a slot, they would never answer while the slots are held.
      expect(await refusal(await post(app, 'width=16384&height=16384&format=avif', dot))).toEqual({
        status: 400,
        code: 'invalid_request',
        field: 'width',
      });
      expect(await refusal(await post(app, 'width=100&height=4097&format=jpeg', dot))).toEqual({
        status: 400,
        code: 'invalid_request',
        field: 'height',
      });
      // A side derived from the aspect ratio: 1×100 at width 100 would be 100×10000.
      expect(await refusal(await post(app, 'width=100&crop=fit', tall))).toEqual({
        status: 400,
        code: 'invalid_request',
        field: 'width',
      });
      expect(transformStats().waiting).toBe(0);
    } finally {
      await release();
    }
  });

  it('caps the area too, and both caps follow the limits option', async () => {
    const app = makeApp({ maxOutputSide: 300, maxOutputPixels: 20_000 });
    expect(await refusal(await post(app, 'width=301&height=10', dot))).toMatchObject({
      status: 400,
      field: 'width',
    });
    expect(await refusal(await post(app, 'width=100&height=201', dot))).toMatchObject({
      status: 400,
      field: 'height',
    });
    const ok = await post(app, 'width=200&height=100&format=png&crop=fit', dot);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-image-width')).toBe('200');
    // Presets are sizes too: 1080×1080 is over this server's caps.
    expect(await refusal(await post(app, 'preset=instagram-square', dot))).toMatchObject({
      status: 400,
      field: 'width',
    });
  });

  it('allows the default cap itself: 4096 on a side within 16.7 MP', async () => {
    const app = makeApp();
    const res = await post(app, 'width=4096&height=8&format=png&crop=fit', dot);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-image-width')).toBe('4096');
  });

  it('refuses a crop whose scaled intermediate would pass the area cap', async () => {
    const app = makeApp();
    const release = await occupySlots();
    try {
      // Filling 4096×1 scales the 1×100 image by 4096 first: 4096 × 409600.
      for (const crop of ['smart', 'centre']) {
        expect(await refusal(await post(app, `width=4096&height=1&crop=${crop}`, tall))).toEqual({
          status: 400,
          code: 'invalid_request',
          field: 'width',
        });
      }
    } finally {
      await release();
    }
    // The same size letterboxed is no upscale of the whole: allowed.
    expect((await post(app, 'width=4096&height=1&crop=fit&format=png', tall)).status).toBe(200);
  });

  it('refuses an input over the pixel limit from its header, with 413', async () => {
    const app = makeApp({ maxInputPixels: 5_000 });
    const release = await occupySlots();
    try {
      expect(await refusal(await post(app, 'width=10&height=10', square))).toEqual({
        status: 413,
        code: 'payload_too_large',
        field: undefined,
      });
    } finally {
      await release();
    }
  });

  it('takes the caps from the environment', async () => {
    const { app } = createServerFromEnv(
      { TRANSFORM_MAX_SIDE: '64', RATE_LIMIT_REQUESTS: '0' },
      { logger: quiet },
    );
    const res = await app.request('/api/ai/images/transform?width=65&height=10', {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: dot as Uint8Array<ArrayBuffer>,
    });
    expect(await refusal(res)).toMatchObject({ status: 400, field: 'width' });
  });
});

describe('transform slots', () => {
  it('runs at most maxConcurrentTransforms at once and refuses a queue past four times that', async () => {
    const app = makeApp({ maxConcurrentTransforms: 1 });
    expect(transformStats().limit).toBe(1);
    const release = await occupySlots();
    const queued = Array.from({ length: 4 }, () => post(app, 'width=8&height=8', dot));
    // The header reads before the queue are asynchronous; wait until all four are queued.
    await vi.waitFor(() => expect(transformStats()).toMatchObject({ running: 1, waiting: 4 }));
    const busy = await post(app, 'width=8&height=8', dot);
    expect(await refusal(busy)).toMatchObject({ status: 429, code: 'server_busy' });
    expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
    await release();
    const statuses = await Promise.all(queued.map(async (r) => (await r).status));
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(transformStats()).toMatchObject({ running: 0, waiting: 0 });
  });
});

describe('transform output bounds, fuzzed', () => {
  it('never answers an output past the caps, and refuses each with 400 naming a side', async () => {
    const cap = 64;
    const app = makeApp({ maxOutputSide: cap, maxOutputPixels: 2000 });
    const side = fc.oneof(
      fc.integer({ min: 1, max: 80 }),
      fc.constantFrom(4096, 4097, 16_384, 99_999),
    );
    const seen = { refused: 0, made: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.option(side, { nil: undefined }),
        fc.option(side, { nil: undefined }),
        fc.constantFrom('smart', 'centre', 'fit'),
        fc.constantFrom('png', 'jpeg', 'webp', 'avif'),
        fc.constantFrom(dot, tall, square),
        async (width, height, crop, format, input) => {
          fc.pre(width !== undefined || height !== undefined);
          const query = new URLSearchParams({ crop, format });
          if (width !== undefined) query.set('width', String(width));
          if (height !== undefined) query.set('height', String(height));
          const res = await post(app, query.toString(), input);
          expect(res.status).toBeLessThan(500);
          if (res.status === 200) {
            seen.made++;
            const w = Number(res.headers.get('x-image-width'));
            const h = Number(res.headers.get('x-image-height'));
            expect(Math.max(w, h)).toBeLessThanOrEqual(cap);
            expect(w * h).toBeLessThanOrEqual(2000);
            await res.arrayBuffer();
          } else {
            const { status, field } = await refusal(res);
            expect(status).toBe(400);
            expect(['width', 'height']).toContain(field);
            seen.refused++;
            // Only a size past a cap is refused: everything asked was a valid number, so a
            // refusal of sizes within the caps must come from a derived side or a crop's
            // intermediate, both of which need a one-sided size or a cover crop.
            const asked = [width ?? 0, height ?? 0];
            const indirect = width === undefined || height === undefined || crop !== 'fit';
            expect(indirect || Math.max(...asked) > cap || asked[0]! * asked[1]! > 2000).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.made).toBeGreaterThan(0);
  });
});
