// The `partial` events of POST /images/generate through app.request(): sent on event streams
// only, before the images they preview, and never when too large.
import {
  createLocalProvider,
  type ImageModelCallOptions,
  type ImageProvider,
  sniffImageType,
} from '@medialoft/ai-connect';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import { MAX_PARTIAL_BYTES } from './partial-events';
import { partialEventSchema } from './protocol';

const silent = { info() {}, warn() {}, error() {} };

const post = (body: unknown, accept: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept },
  body: JSON.stringify(body),
});

/** `[event, data]` of every event in a finished event-stream body. */
function eventsOf(text: string): Array<[string, string]> {
  return text
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return event && data !== undefined ? ([event, data] as [string, string]) : undefined;
    })
    .filter((e): e is [string, string] => e !== undefined);
}

/** A `local` provider whose model sends the given previews and records each call. */
async function scriptedLocal(previews: Uint8Array[], calls: ImageModelCallOptions[]) {
  const png = new Uint8Array(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f80' } })
      .png()
      .toBuffer(),
  );
  const provider: ImageProvider = {
    name: 'local',
    imageModel: () => ({
      specificationVersion: 'v1',
      provider: 'local',
      modelId: 'placeholder',
      maxImagesPerCall: 4,
      async doGenerate(call) {
        calls.push(call);
        for (const [partialIndex, bytes] of previews.entries()) {
          call.onPartialImage?.({ index: 0, partialIndex, bytes, mediaType: 'image/png' });
        }
        return {
          images: Array.from({ length: call.n }, () => ({ bytes: png, mediaType: 'image/png' })),
          warnings: [],
          response: { timestamp: new Date(0), modelId: 'placeholder' },
        };
      },
    }),
  };
  return createImageServer({ providers: { local: provider }, logger: silent, rateLimit: false });
}

describe('POST /images/generate: partial events', () => {
  it('streams each image’s previews, in order, before the images they preview', async () => {
    const app = createImageServer({
      providers: { local: createLocalProvider() },
      logger: silent,
      rateLimit: false,
    });
    const res = await app.request(
      '/api/ai/images/generate',
      post({ prompt: 'a lighthouse', width: 256, height: 128, n: 2 }, 'text/event-stream'),
    );
    expect(res.status).toBe(200);
    const events = eventsOf(await res.text());
    const names = events.map(([name]) => name);
    const partials = events
      .filter(([name]) => name === 'partial')
      .map(([, data]) => partialEventSchema.parse(JSON.parse(data)));
    expect(partials.map((p) => [p.index, p.partialIndex])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(names.lastIndexOf('partial')).toBeLessThan(names.indexOf('image'));
    expect(names.filter((name) => name === 'image')).toHaveLength(2);
    expect(names.at(-1)).toBe('done');
    for (const partial of partials) {
      const bytes = new Uint8Array(Buffer.from(partial.data, 'base64'));
      expect(partial.mediaType).toBe('image/png');
      expect(sniffImageType(bytes)).toBe('image/png');
      expect(await sharp(bytes).metadata()).toMatchObject({ width: 64, height: 32 });
    }
  });

  it('drops a preview larger than the cap and still sends the smaller ones', async () => {
    const small = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const huge = new Uint8Array(MAX_PARTIAL_BYTES + 1);
    const exact = new Uint8Array(MAX_PARTIAL_BYTES);
    const app = await scriptedLocal([huge, small, exact], []);
    const res = await app.request(
      '/api/ai/images/generate',
      post({ prompt: 'p', width: 64, height: 64 }, 'text/event-stream'),
    );
    const partials = eventsOf(await res.text())
      .filter(([name]) => name === 'partial')
      .map(([, data]) => partialEventSchema.parse(JSON.parse(data)));
    expect(partials.map((p) => p.partialIndex)).toEqual([1, 2]);
    expect(Buffer.from(partials[0]!.data, 'base64')).toEqual(Buffer.from(small));
    expect(Buffer.from(partials[1]!.data, 'base64').byteLength).toBe(MAX_PARTIAL_BYTES);
  });

  it('asks for no previews and sends none in the JSON and bytes answers', async () => {
    const calls: ImageModelCallOptions[] = [];
    const app = await scriptedLocal([new Uint8Array([1, 2, 3])], calls);
    const json = await app.request(
      '/api/ai/images/generate',
      post({ prompt: 'p', width: 64, height: 64 }, 'application/json'),
    );
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(await json.text()).not.toContain('partial');
    const bytes = await app.request(
      '/api/ai/images/generate',
      post({ prompt: 'p', width: 64, height: 64 }, 'image/*'),
    );
    expect(sniffImageType(new Uint8Array(await bytes.arrayBuffer()))).toBe('image/png');
    const streamed = await app.request(
      '/api/ai/images/generate',
      post({ prompt: 'p', width: 64, height: 64 }, 'text/event-stream'),
    );
    await streamed.text();
    expect(calls.map((c) => typeof c.onPartialImage)).toEqual([
      'undefined',
      'undefined',
      'function',
    ]);
  });
});
