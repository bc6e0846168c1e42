// The browser client's previews against the real app in-process with the keyless local
// generator: `partial` events become Blobs handed to onPartialImage before the images land.
import { createLocalProvider, sniffImageType } from '@medialoft/ai-connect';
import { describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import { createRemoteGenerator } from './client';
import { partialFromEvent } from './client-partials';

function setup() {
  const app = createImageServer({
    providers: { local: createLocalProvider() },
    logger: { info() {}, warn() {}, error() {} },
    rateLimit: false,
  });
  const accepts: string[] = [];
  const generator = createRemoteGenerator({
    baseUrl: 'https://images.example/api/ai',
    fetch: (input, init) => {
      const request = new Request(input, init);
      accepts.push(request.headers.get('accept') ?? '');
      return Promise.resolve(app.fetch(request));
    },
  });
  return { generator, accepts };
}

const request = { prompt: 'a quiet harbour', width: 256, height: 128, n: 2 };

describe('createRemoteGenerator: previews', () => {
  it('hands each preview on as an image Blob, in order, and then resolves the images', async () => {
    const { generator, accepts } = setup();
    const seen: Array<{ index: number; partialIndex: number; blob: Blob; file: Blob }> = [];
    const images = await generator.generateImages(request, {
      onPartialImage: (partial) => seen.push(partial),
    });
    // Previews alone are reason enough to read the event stream.
    expect(accepts).toEqual(['text/event-stream']);
    expect(seen.map((p) => [p.index, p.partialIndex])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    for (const partial of seen) {
      expect(partial.blob).toBe(partial.file);
      expect(partial.blob.type).toBe('image/png');
      expect(sniffImageType(new Uint8Array(await partial.blob.arrayBuffer()))).toBe('image/png');
    }
    expect(images).toHaveLength(2);
    // A preview is smaller than the image it stands for.
    expect(seen[1]!.blob.size).toBeLessThan(images[0]!.file.size);
  });

  it('asks for no event stream when nobody wants previews or progress', async () => {
    const { generator, accepts } = setup();
    await generator.generateImages({ ...request, n: 1 });
    expect(accepts).toEqual(['image/*']);
  });

  it('reads a partial event into a Blob, and nothing from one that is not', async () => {
    const png = btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47));
    const good = partialFromEvent(
      JSON.stringify({ index: 1, partialIndex: 2, mediaType: 'image/png', data: png }),
    );
    expect(good).toMatchObject({ index: 1, partialIndex: 2 });
    expect([...new Uint8Array(await good!.blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    for (const bad of [
      '{not json',
      'null',
      JSON.stringify({ index: 0, partialIndex: 0, mediaType: 'text/html', data: png }),
      JSON.stringify({ index: 0.5, partialIndex: 0, mediaType: 'image/png', data: png }),
      JSON.stringify({ index: 0, partialIndex: 0, mediaType: 'image/png', data: '%%%' }),
      JSON.stringify({ index: 0, partialIndex: 0, mediaType: 'image/png' }),
    ]) {
      expect(partialFromEvent(bad)).toBeUndefined();
    }
  });
});
