// Replicate edits behind ImageModelV1.doEdit: each edit model has its own input names, so the
// model's name picks a mapping (FLUX Kontext, FLUX Fill, Real-ESRGAN, a background remover,
// or an image-to-image model), the images become data URLs or uploaded files, and the
// prediction then runs exactly as a generation does (create, poll, cancel, download).
import sharp from 'sharp';
import { InvalidRequestError, ProviderError } from '../../spec/errors';
import type {
  ImageEditCallOptions,
  ImageEditOperation,
  ImageInput,
  ImageModelResult,
  ImageModelWarning,
} from '../../spec/image-model';
import { abortError } from '../provider-utils';
import { oneShotClient } from './replicate-client';
import { mapReplicateError } from './replicate-error';
import type { ReplicateModelConfig } from './replicate-image-model';
import { mergeProviderOptions, type ReplicateModelRef } from './replicate-input';

const provider = 'replicate';

/**
 * Largest image sent inline as a data URL. Replicate asks for data URLs only for files under
 * about 1 MB (the prediction body carries them); larger ones go through `POST /v1/files`.
 */
export const REPLICATE_DATA_URL_MAX_BYTES = 1_000_000;

/** How a Replicate model edits: which input names it takes. */
export type ReplicateEditKind = 'kontext' | 'fill' | 'upscaler' | 'background' | 'image-to-image';

/** The operations each kind serves. */
export const REPLICATE_EDIT_OPERATIONS: Record<ReplicateEditKind, readonly ImageEditOperation[]> = {
  kontext: ['edit'],
  fill: ['inpaint', 'outpaint'],
  upscaler: ['upscale'],
  background: ['remove-background'],
  'image-to-image': ['variation'],
};

/** The edit mapping for a model, from its name; undefined for a model that does not edit. */
export function replicateEditKindOf(
  ref: Pick<ReplicateModelRef, 'name'>,
): ReplicateEditKind | undefined {
  const name = ref.name.toLowerCase();
  if (name.includes('kontext')) return 'kontext';
  if (name.includes('flux-fill')) return 'fill';
  if (name.includes('esrgan')) return 'upscaler';
  if (name.includes('background-remover') || name.includes('remove-bg') || name === 'rembg') {
    return 'background';
  }
  if (name === 'flux-dev' || name === 'flux-schnell' || name === 'sdxl') return 'image-to-image';
  return undefined;
}

/** What the image model lends an edit: its id, settings and the shared prediction runner. */
export interface ReplicateEditHost {
  ref: ReplicateModelRef;
  config: ReplicateModelConfig;
  requireToken(): string;
  run(
    input: Record<string, unknown>,
    warnings: ImageModelWarning[],
    token: string,
    startedAt: number,
  ): Promise<ImageModelResult>;
}

/**
 * Runs one edit on a Replicate model. The mask's transparent pixels mark the area to change;
 * FLUX Fill wants white there and black elsewhere, so it is converted first. Outpaint pads the
 * image and masks the new border white, since FLUX Fill's own outpaint input only takes presets
 * (zoom out, make square), not pixel counts per side.
 *
 * @throws InvalidRequestError (field `operation`) for an operation the model has no input for,
 * or (field `mask`) for a mask given to a model that edits without one; AuthenticationError
 * without a token; the prediction's errors as a generation maps them.
 */
export async function editWithReplicate(
  call: ImageEditCallOptions,
  host: ReplicateEditHost,
): Promise<ImageModelResult> {
  const { config, ref } = host;
  const startedAt = config.now();
  const signal = call.abortSignal;
  if (signal?.aborted) throw abortError(signal, provider);
  const kind = replicateEditKindOf(ref);
  const served = kind ? REPLICATE_EDIT_OPERATIONS[kind] : [];
  if (!served.includes(call.operation)) {
    const what = served.length > 0 ? `it does ${served.join(', ')}` : 'it does not edit images';
    throw new InvalidRequestError(
      `${ref.owner}/${ref.name} on Replicate cannot ${call.operation}; ${what}. Choose another model.`,
      { field: 'operation', provider, ownMessage: true },
    );
  }
  if (call.mask && kind !== 'fill') {
    throw new InvalidRequestError(
      `${ref.owner}/${ref.name} takes no mask; leave it out, or inpaint with a FLUX Fill model.`,
      { field: 'mask', provider, ownMessage: true },
    );
  }
  const token = host.requireToken();
  const files = new FileEncoder(config, token, signal);
  const warnings: ImageModelWarning[] = [];
  const image = await sendable(call.image);
  const input = await buildEditInput(
    kind as ReplicateEditKind,
    { ...call, image },
    files,
    warnings,
  );
  mergeProviderOptions(input, call.providerOptions, warnings);
  if (signal?.aborted) throw abortError(signal, provider);
  return host.run(input, warnings, token, startedAt);
}

async function buildEditInput(
  kind: ReplicateEditKind,
  call: ImageEditCallOptions,
  files: FileEncoder,
  warnings: ImageModelWarning[],
): Promise<Record<string, unknown>> {
  const ignore = (setting: string, details: string) =>
    warnings.push({ type: 'unsupported-setting', setting, details });
  const input: Record<string, unknown> = {};
  if (call.negativePrompt) ignore('negativePrompt', 'This model has no negative prompt.');
  if (call.prompt !== undefined && (kind === 'upscaler' || kind === 'background')) {
    ignore('prompt', 'This model takes no prompt.');
  }

  switch (kind) {
    case 'kontext': {
      input.prompt = call.prompt ?? '';
      input.input_image = await files.encode(call.image);
      // The result keeps the input's proportions instead of a preset ratio.
      input.aspect_ratio = 'match_input_image';
      if (call.seed !== undefined) input.seed = call.seed;
      input.output_format = 'png';
      if (call.strength !== undefined) ignore('strength', 'FLUX Kontext takes no strength.');
      return input;
    }
    case 'fill': {
      const { image, mask } =
        call.operation === 'outpaint' && call.outpaint
          ? await padForOutpaint(call.image, call.outpaint)
          : { image: call.image.bytes, mask: await whiteForChange(call.image, call.mask) };
      input.image = await files.encode({ bytes: image, mediaType: mediaTypeOf(call, image) });
      input.mask = await files.encode({ bytes: mask, mediaType: 'image/png' });
      if (call.prompt !== undefined) input.prompt = call.prompt;
      if (call.seed !== undefined) input.seed = call.seed;
      input.output_format = 'png';
      if (call.strength !== undefined) ignore('strength', 'FLUX Fill takes no strength.');
      return input;
    }
    case 'upscaler': {
      input.image = await files.encode(call.image);
      input.scale = call.scale ?? 2;
      // Face restoration redraws faces; an upscale should only add pixels.
      input.face_enhance = false;
      if (call.seed !== undefined) ignore('seed', 'Real-ESRGAN takes no seed.');
      return input;
    }
    case 'background': {
      input.image = await files.encode(call.image);
      input.format = 'png';
      input.background_type = 'rgba';
      if (call.seed !== undefined) ignore('seed', 'The background remover takes no seed.');
      return input;
    }
    case 'image-to-image': {
      // The model's prompt is required; an empty one asks for the image alone.
      input.prompt = call.prompt ?? '';
      input.image = await files.encode(call.image);
      if (call.strength !== undefined) input.prompt_strength = call.strength;
      input.num_outputs = call.n;
      if (call.seed !== undefined) input.seed = call.seed;
      input.output_format = 'png';
      return input;
    }
  }
}

/** Image types every one of these models documents (JPEG, PNG, WebP, GIF). */
const SENDABLE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * The image as the models should read it: upright (our sizes and masks are upright, and a
 * model that skips EXIF orientation would see it turned) and of a type they document, else
 * re-encoded as PNG.
 */
async function sendable(image: ImageInput): Promise<ImageInput> {
  const { orientation = 1 } = await sharp(image.bytes).metadata();
  if (orientation === 1 && SENDABLE_TYPES.has(image.mediaType)) return image;
  const bytes = new Uint8Array(await sharp(image.bytes).rotate().png().toBuffer());
  return { ...image, bytes, mediaType: 'image/png' };
}

/** Media type of the image sent: the original's, or PNG when it was padded. */
function mediaTypeOf(call: ImageEditCallOptions, bytes: Uint8Array): string {
  return bytes === call.image.bytes ? call.image.mediaType : 'image/png';
}

/**
 * Our masks are transparent where to change; FLUX Fill's are white there and black elsewhere.
 * Alpha below half counts as transparent, so soft edges land on one side.
 */
export async function whiteForChange(
  image: ImageInput,
  mask: ImageInput | undefined,
): Promise<Uint8Array> {
  if (!mask) {
    // Inpaint without a mask cannot reach here (editImages requires one); change everything.
    return sharp({
      create: { width: image.width, height: image.height, channels: 3, background: '#ffffff' },
    })
      .png()
      .toBuffer();
  }
  const buffer = await sharp(mask.bytes)
    .ensureAlpha()
    .extractChannel(3)
    .negate()
    .threshold(128)
    .toColourspace('b-w')
    .png()
    .toBuffer();
  return new Uint8Array(buffer);
}

/** The image on a larger black canvas, and a mask white over the added border only. */
async function padForOutpaint(
  image: ImageInput,
  sides: { top: number; right: number; bottom: number; left: number },
): Promise<{ image: Uint8Array; mask: Uint8Array }> {
  const padded = await sharp(image.bytes)
    .rotate()
    .extend({ ...sides, background: '#000000' })
    .png()
    .toBuffer();
  const mask = await sharp({
    create: { width: image.width, height: image.height, channels: 3, background: '#000000' },
  })
    .extend({ ...sides, background: '#ffffff' })
    .png()
    .toBuffer();
  return { image: new Uint8Array(padded), mask: new Uint8Array(mask) };
}

/**
 * Turns image bytes into what a prediction input takes: a data URL when small, else the URL of
 * a file uploaded through Replicate's files API (what the client library itself does with a
 * Blob input, but with the upload bounded by our size rule and cancelled with the call).
 */
class FileEncoder {
  constructor(
    private readonly config: ReplicateModelConfig,
    private readonly token: string,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async encode(file: { bytes: Uint8Array; mediaType: string }): Promise<string> {
    if (file.bytes.byteLength < REPLICATE_DATA_URL_MAX_BYTES) {
      return `data:${file.mediaType};base64,${Buffer.from(file.bytes).toString('base64')}`;
    }
    const { signal, token } = this;
    if (signal?.aborted) throw abortError(signal, provider);
    const session = oneShotClient({
      apiToken: token,
      baseUrl: this.config.baseUrl,
      fetch: this.config.fetch,
    });
    try {
      const blob = new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mediaType });
      const uploaded = await session.client.files.create(blob, {}, { signal });
      const url = uploaded?.urls?.get;
      if (typeof url !== 'string' || url === '') {
        throw new ProviderError('Replicate accepted the upload but gave no file URL; try again.', {
          provider,
        });
      }
      return url;
    } catch (error) {
      if (signal?.aborted) throw abortError(signal, provider);
      throw mapReplicateError(error, { phase: 'create', failure: session.failure, token });
    }
  }
}
