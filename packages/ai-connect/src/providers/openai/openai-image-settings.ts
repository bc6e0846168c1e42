// What each OpenAI image model accepts: sizes, images per call and whether it takes
// `response_format` (the GPT image models always return base64 and reject it).
import type { ImageModelCallOptions, ImageModelWarning } from '../../spec/image-model';

export interface OpenAIImageModelSpec {
  sizes: readonly string[];
  /** Size used when the call gives neither a size nor an aspect ratio. */
  defaultSize: string;
  maxImagesPerCall: number;
  /** dall-e models return URLs unless asked for `b64_json`. */
  needsResponseFormat: boolean;
}

const GPT_IMAGE: OpenAIImageModelSpec = {
  sizes: ['1024x1024', '1536x1024', '1024x1536'],
  defaultSize: 'auto',
  maxImagesPerCall: 10,
  needsResponseFormat: false,
};

const DALL_E_3: OpenAIImageModelSpec = {
  sizes: ['1024x1024', '1792x1024', '1024x1792'],
  defaultSize: '1024x1024',
  maxImagesPerCall: 1,
  needsResponseFormat: true,
};

const DALL_E_2: OpenAIImageModelSpec = {
  sizes: ['256x256', '512x512', '1024x1024'],
  defaultSize: '1024x1024',
  maxImagesPerCall: 10,
  needsResponseFormat: true,
};

/** The spec for `modelId`; unknown ids are treated like the GPT image models. */
export function openAIModelSpec(modelId: string): OpenAIImageModelSpec {
  if (modelId === 'dall-e-3') return DALL_E_3;
  if (modelId === 'dall-e-2') return DALL_E_2;
  return GPT_IMAGE;
}

const parse = (size: string) => size.split('x').map(Number) as [number, number];

/**
 * The supported size closest to the requested one (by aspect ratio, then by area), with a
 * warning when it differs from what was asked.
 */
export function pickOpenAISize(
  spec: OpenAIImageModelSpec,
  call: Pick<ImageModelCallOptions, 'size' | 'aspectRatio'>,
  warnings: ImageModelWarning[],
): string {
  let width: number;
  let height: number;
  let asked: string;
  if (call.size) {
    ({ width, height } = call.size);
    asked = `${width}x${height}`;
    if (spec.sizes.includes(asked)) return asked;
  } else if (call.aspectRatio) {
    [width, height] = call.aspectRatio.split(':').map(Number) as [number, number];
    asked = call.aspectRatio;
  } else {
    return spec.defaultSize;
  }
  const target = Math.log(width / height);
  const area = width * height;
  let best = spec.sizes[0] as string;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const size of spec.sizes) {
    const [w, h] = parse(size);
    const score = Math.abs(Math.log(w / h) - target) * 10 + Math.abs(Math.log((w * h) / area));
    if (score < bestScore) {
      best = size;
      bestScore = score;
    }
  }
  const [bw, bh] = parse(best);
  const sameRatio = call.aspectRatio && Math.abs(Math.log(bw / bh) - target) < 1e-3;
  if (!sameRatio) {
    warnings.push({
      type: 'unsupported-setting',
      setting: call.size ? 'size' : 'aspectRatio',
      details: `This model does not make ${asked}; used ${best}.`,
    });
  }
  return best;
}
