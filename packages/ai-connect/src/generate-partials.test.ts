import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateImages } from './generate';
import type {
  ImageModelCallOptions,
  ImageModelResult,
  ImageModelV1,
  ImagePartial,
  ImageProvider,
} from './spec/image-model';

let png: Uint8Array;
beforeAll(async () => {
  png = new Uint8Array(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#08f' } })
      .png()
      .toBuffer(),
  );
});

/** A local-named fake that sends one preview per image, plus one for an image never asked for. */
function previewingProvider(calls: ImageModelCallOptions[], perCall: number): ImageProvider {
  const model: ImageModelV1 = {
    specificationVersion: 'v1',
    provider: 'local',
    modelId: 'placeholder',
    maxImagesPerCall: perCall,
    async doGenerate(call): Promise<ImageModelResult> {
      calls.push(call);
      for (let i = 0; i < call.n; i++) {
        call.onPartialImage?.({ index: i, partialIndex: 0, bytes: png, mediaType: 'image/png' });
      }
      call.onPartialImage?.({ index: call.n, partialIndex: 0, bytes: png, mediaType: 'image/png' });
      return {
        images: Array.from({ length: call.n }, () => ({ bytes: png, mediaType: 'image/png' })),
        warnings: [],
        response: { timestamp: new Date(0), modelId: 'placeholder' },
      };
    },
  };
  return { name: 'local', imageModel: () => model };
}

describe('generateImages: partial previews', () => {
  it('numbers previews across the calls n was split into and drops out-of-range ones', async () => {
    const calls: ImageModelCallOptions[] = [];
    const partials: ImagePartial[] = [];
    const { images } = await generateImages(
      { prompt: 'a fox', model: 'local/placeholder', width: 64, height: 64, n: 5 },
      {
        providers: { local: previewingProvider(calls, 2) },
        onPartialImage: (partial) => partials.push(partial),
      },
    );
    expect(images).toHaveLength(5);
    expect(calls.map((c) => c.n)).toEqual([2, 2, 1]);
    expect(partials.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(partials.every((p) => p.bytes === png && p.mediaType === 'image/png')).toBe(true);
  });

  it('asks the model for no previews when the caller wants none', async () => {
    const calls: ImageModelCallOptions[] = [];
    await generateImages(
      { prompt: 'a fox', model: 'local/placeholder', width: 64, height: 64 },
      { providers: { local: previewingProvider(calls, 4) } },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.onPartialImage).toBeUndefined();
  });
});
