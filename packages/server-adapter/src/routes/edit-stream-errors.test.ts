// The edit route's event stream once it has answered 200: an upstream output that is no image
// (or stops mid-file) arrives as an `error` event in words, never as a broken image.

import {
  createModelRegistry,
  type ImageEditCallOptions,
  type ImageModelResult,
} from '@medialoft/ai-connect';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { createImageServer } from '../app';
import { errorBodySchema } from '../protocol';
import { createFakeProvider, fakeEntry } from '../testing/fakes';

const silent = { info() {}, warn() {}, error: vi.fn() };

/** A fake whose edit answers `bytes` as its output, after one progress report. */
function serverAnswering(bytes: Uint8Array) {
  const base = createFakeProvider();
  const provider = {
    ...base,
    imageModel(modelId: string) {
      return {
        ...base.imageModel(modelId),
        async doEdit(call: ImageEditCallOptions): Promise<ImageModelResult> {
          call.onProgress?.({ stage: 'processing' });
          return {
            images: Array.from({ length: call.n }, () => ({ bytes, mediaType: 'image/png' })),
            warnings: [],
            response: { timestamp: new Date(), modelId, id: 'edit-1' },
          };
        },
      };
    },
  };
  const entry = {
    ...fakeEntry,
    capabilities: { ...fakeEntry.capabilities, operations: ['variation' as const] },
  };
  return createImageServer({
    providers: { fake: provider },
    registry: createModelRegistry([entry]),
    logger: silent,
    rateLimit: false,
  });
}

async function streamEdit(bytes: Uint8Array) {
  const input = await sharp({
    create: { width: 16, height: 16, channels: 3, background: { r: 9, g: 90, b: 200 } },
  })
    .png()
    .toBuffer();
  const body = new FormData();
  body.set('image', new File([new Uint8Array(input)], 'in.png', { type: 'image/png' }));
  body.set('operation', 'variation');
  body.set('model', 'fake/model');
  const res = await serverAnswering(bytes).request('/api/ai/images/edit', {
    method: 'POST',
    body,
    headers: { accept: 'text/event-stream' },
  });
  const text = await res.text();
  const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({
    event: m[1],
    data: m[2] ?? '',
  }));
  return { res, events };
}

describe('POST /api/ai/images/edit as an event stream', () => {
  it('sends an upstream output that is not an image as an error event in the 200 stream', async () => {
    const { res, events } = await streamEdit(new TextEncoder().encode('<html>rate limited</html>'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const names = events.map((e) => e.event);
    expect(names).not.toContain('image');
    expect(names).not.toContain('done');
    expect(names.at(-1)).toBe('error');
    const error = errorBodySchema.parse(JSON.parse(events.at(-1)?.data ?? '{}')).error;
    expect(error.code).toBe('output_not_image');
    expect(error.message).toMatch(/not a PNG, JPEG, WebP, GIF or AVIF image/);
  });

  it('sends a PNG cut short after its header as an error event, not as an image', async () => {
    const png = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 20, b: 60 } },
    })
      .png()
      .toBuffer();
    const { res, events } = await streamEdit(new Uint8Array(png.subarray(0, 60)));
    expect(res.status).toBe(200);
    const names = events.map((e) => e.event);
    expect(names).not.toContain('image');
    expect(names.at(-1)).toBe('error');
  });

  it('passes a real PNG through the same fake as image then done', async () => {
    const png = await sharp({
      create: { width: 16, height: 16, channels: 3, background: { r: 1, g: 2, b: 3 } },
    })
      .png()
      .toBuffer();
    const { res, events } = await streamEdit(new Uint8Array(png));
    expect(res.status).toBe(200);
    expect(events.map((e) => e.event).slice(-2)).toEqual(['image', 'done']);
  });
});
