// The keyless local model's edits: every edit operation done on this machine with sharp, with
// no network and no key, deterministic (same input, settings and seed give the same bytes), so
// the edit flow works end to end before any hosted provider is configured.
import sharp, { type Sharp } from 'sharp';
import { CanceledError, InvalidRequestError } from '../../spec/errors';
import type {
  ImageEditCallOptions,
  ImageModelResult,
  ImageModelWarning,
} from '../../spec/image-model';
import { hashText } from './render-placeholder';

/**
 * Pixel caps of local edits, the same as the server's transform route: the input decoded at
 * most `maxInputPixels`, the output at most `maxOutputSide` a side and `maxOutputPixels`.
 */
export const LOCAL_EDIT_BOUNDS = {
  maxInputPixels: 100_000_000,
  maxOutputSide: 4096,
  maxOutputPixels: 16_777_216,
} as const;

/** Mask pixels at or below this alpha mark the area to change (OpenAI's rule: transparent). */
const MASK_ALPHA_THRESHOLD = 127;
/** Largest RGB distance from the border colour still counted as background. */
const BACKGROUND_TOLERANCE = 48;
const DEFAULT_EDIT_STRENGTH = 0.35;
const SEED_RANGE = 2 ** 32;

interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * The local model's `doEdit`, done with sharp: `upscale` resizes by exactly `scale`;
 * `remove-background` makes the border's colour transparent where it touches the border;
 * `inpaint` fills only the mask's transparent pixels with a prompt- and seed-derived pattern;
 * `edit` tints the image (or only the masked area) towards a prompt- and seed-derived colour;
 * `outpaint` extends the canvas by copying its edges; `variation` lays a seeded colour wave
 * over the image. Image i of n uses `seed + i`; no seed derives one from the prompt.
 */
export async function editLocally(
  options: ImageEditCallOptions,
  modelId: string,
  now: () => number = Date.now,
): Promise<ImageModelResult> {
  const { n, abortSignal: signal, onProgress } = options;
  const started = now();
  throwIfAborted(signal);
  const seed = (options.seed ?? hashText(options.prompt ?? options.operation)) % SEED_RANGE;
  onProgress?.({ stage: 'starting', percent: 0 });
  const images: ImageModelResult['images'] = [];
  for (let i = 0; i < n; i++) {
    const imageSeed = (seed + i) % SEED_RANGE;
    const out = await editOnce(options, imageSeed).catch(undecodable);
    throwIfAborted(signal);
    images.push({ ...out, mediaType: 'image/png', seed: imageSeed });
    onProgress?.({
      stage: 'processing',
      percent: Math.round(((i + 1) / n) * 100),
      message: `${options.operation}: image ${i + 1} of ${n}`,
    });
  }
  onProgress?.({ stage: 'done', percent: 100 });
  const warnings: ImageModelWarning[] = [];
  if (options.negativePrompt) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'negativePrompt',
      details: 'The local model ignores negative prompts.',
    });
  }
  const totalMs = now() - started;
  return {
    images,
    warnings,
    response: { timestamp: new Date(now()), modelId, id: `local-${options.operation}-${seed}` },
    seed,
    timings: { predictMs: totalMs, totalMs },
    costUsd: 0,
  };
}

/** One output of one operation, as PNG bytes and its size. */
export async function editOnce(
  options: Omit<ImageEditCallOptions, 'n'>,
  seed: number,
): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const input = options.image.bytes;
  switch (options.operation) {
    case 'upscale': {
      const scale = options.scale ?? 2;
      const { width, height } = await uprightSize(input);
      checkOutput(width * scale, height * scale);
      return encode(
        pipeline(input).resize(width * scale, height * scale, { kernel: 'lanczos3', fit: 'fill' }),
      );
    }
    case 'outpaint': {
      const sides = options.outpaint ?? { top: 0, right: 0, bottom: 0, left: 0 };
      const { width, height } = await uprightSize(input);
      checkOutput(width + sides.left + sides.right, height + sides.top + sides.bottom);
      // Edges copied outwards: the new area continues the picture rather than a flat border.
      const extended = await pipeline(input)
        .extend({ ...sides, extendWith: 'copy' })
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
      const raw = { data: extended.data, width: extended.info.width, height: extended.info.height };
      shadeNewArea(raw, sides, seed);
      return encodeRaw(raw);
    }
    case 'remove-background': {
      const raw = await decode(input);
      clearBackground(raw);
      return encodeRaw(raw);
    }
    case 'inpaint': {
      const raw = await decode(input);
      const mask = await maskOf(options, raw);
      fillPattern(raw, mask, options.prompt ?? '', seed);
      return encodeRaw(raw);
    }
    case 'edit': {
      const raw = await decode(input);
      const mask = options.mask ? await maskOf(options, raw) : undefined;
      tint(raw, mask, options.prompt ?? '', seed, options.strength ?? DEFAULT_EDIT_STRENGTH);
      return encodeRaw(raw);
    }
    case 'variation': {
      const raw = await decode(input);
      wave(raw, seed, options.strength ?? 0.5);
      return encodeRaw(raw);
    }
    default:
      throw new InvalidRequestError(
        `The local edit model cannot "${String(options.operation)}"; choose edit, inpaint, outpaint, variation, upscale or remove-background.`,
        { field: 'operation', provider: 'local', ownMessage: true },
      );
  }
}

/** The input upright (EXIF orientation applied), in sRGB with alpha, within the input cap. */
function pipeline(input: Uint8Array) {
  return sharp(input, { limitInputPixels: LOCAL_EDIT_BOUNDS.maxInputPixels, failOn: 'error' })
    .rotate()
    .toColourspace('srgb')
    .ensureAlpha();
}

async function uprightSize(input: Uint8Array): Promise<{ width: number; height: number }> {
  const meta = await sharp(input, {
    limitInputPixels: LOCAL_EDIT_BOUNDS.maxInputPixels,
  }).metadata();
  const { width = 0, height = 0 } = meta;
  return (meta.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
}

function checkOutput(width: number, height: number): void {
  const { maxOutputSide, maxOutputPixels } = LOCAL_EDIT_BOUNDS;
  if (width > maxOutputSide || height > maxOutputSide || width * height > maxOutputPixels) {
    throw new InvalidRequestError(
      `The result would be ${width} × ${height}; the local edit model makes images of at most ${maxOutputSide} px a side and ${maxOutputPixels} pixels. Use a smaller image or setting.`,
      { field: 'image', provider: 'local', ownMessage: true },
    );
  }
}

async function decode(input: Uint8Array): Promise<Raw> {
  const { data, info } = await pipeline(input)
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function encode(image: Sharp) {
  const { data, info } = await image
    .png({ compressionLevel: 3, adaptiveFiltering: false })
    .toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), ...size(info) };
}

function encodeRaw(raw: Raw) {
  return encode(sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 4 } }));
}

function size(info: { width: number; height: number }) {
  return { width: info.width, height: info.height };
}

/** Which pixels the mask marks for change (transparent ones), one byte per pixel. */
async function maskOf(options: Omit<ImageEditCallOptions, 'n'>, raw: Raw): Promise<Uint8Array> {
  const marked = new Uint8Array(raw.width * raw.height);
  if (!options.mask) return marked;
  const mask = await decode(options.mask.bytes);
  if (mask.width !== raw.width || mask.height !== raw.height) {
    throw new InvalidRequestError(
      `The mask is ${mask.width} × ${mask.height}; it must be the image's size, ${raw.width} × ${raw.height}.`,
      { field: 'mask', provider: 'local', ownMessage: true },
    );
  }
  for (let p = 0; p < marked.length; p++) {
    marked[p] = (mask.data[p * 4 + 3] ?? 255) <= MASK_ALPHA_THRESHOLD ? 1 : 0;
  }
  return marked;
}

/** A colour from the prompt and seed: the same pair always gives the same colour. */
function colourOf(prompt: string, seed: number): [number, number, number] {
  const h = hashText(`${prompt}\u0000${seed >>> 0}`);
  return [h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff];
}

/** Masked pixels become diagonal stripes of the prompt's colour and its complement, opaque. */
function fillPattern(raw: Raw, mask: Uint8Array, prompt: string, seed: number): void {
  const [r, g, b] = colourOf(prompt, seed);
  const period = 8 + (seed % 9);
  for (let y = 0; y < raw.height; y++) {
    for (let x = 0; x < raw.width; x++) {
      const p = y * raw.width + x;
      if (!mask[p]) continue;
      const stripe = Math.floor((x + y) / period) % 2 === 0;
      const i = p * 4;
      raw.data[i] = stripe ? r : 255 - r;
      raw.data[i + 1] = stripe ? g : 255 - g;
      raw.data[i + 2] = stripe ? b : 255 - b;
      raw.data[i + 3] = 255;
    }
  }
}

/** Every pixel (or only masked ones) moved `strength` of the way to the prompt's colour. */
function tint(
  raw: Raw,
  mask: Uint8Array | undefined,
  prompt: string,
  seed: number,
  strength: number,
): void {
  const colour = colourOf(prompt, seed);
  const amount = Math.min(1, Math.max(0.05, strength));
  for (let p = 0; p < raw.width * raw.height; p++) {
    if (mask && !mask[p]) continue;
    const i = p * 4;
    for (let c = 0; c < 3; c++) {
      const value = raw.data[i + c] ?? 0;
      raw.data[i + c] = Math.round(value + ((colour[c] ?? 0) - value) * amount);
    }
  }
}

/** A seeded low-frequency colour wave over the image: different per seed, same size. */
function wave(raw: Raw, seed: number, strength: number): void {
  const h = hashText(`variation\u0000${seed >>> 0}`);
  const amplitude = 24 + Math.round(Math.min(1, Math.max(0, strength)) * 48);
  const fx = (2 * Math.PI * (1 + (h & 3))) / raw.width;
  const fy = (2 * Math.PI * (1 + ((h >>> 2) & 3))) / raw.height;
  const phases = [0, 1, 2].map((c) => (((h >>> (4 + c * 8)) & 0xff) / 255) * 2 * Math.PI);
  for (let y = 0; y < raw.height; y++) {
    for (let x = 0; x < raw.width; x++) {
      const i = (y * raw.width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const shift = amplitude * Math.sin(fx * x + fy * y + (phases[c] ?? 0));
        raw.data[i + c] = clamp((raw.data[i + c] ?? 0) + shift);
      }
    }
  }
}

/** Darkens the copied edges a little, by seed, so the new area reads as filled, not cut. */
function shadeNewArea(
  raw: Raw,
  sides: { top: number; right: number; bottom: number; left: number },
  seed: number,
): void {
  const factor = 0.85 + (seed % 11) / 100;
  for (let y = 0; y < raw.height; y++) {
    const rowNew = y < sides.top || y >= raw.height - sides.bottom;
    for (let x = 0; x < raw.width; x++) {
      if (!rowNew && x >= sides.left && x < raw.width - sides.right) continue;
      const i = (y * raw.width + x) * 4;
      for (let c = 0; c < 3; c++) raw.data[i + c] = Math.round((raw.data[i + c] ?? 0) * factor);
    }
  }
}

/**
 * The border's colour (the per-channel median of the outermost pixels) made transparent where
 * it is connected to the border, within a tolerance, so a subject of another colour stays
 * opaque, holes of background colour inside it included.
 */
function clearBackground(raw: Raw): void {
  const { data, width, height } = raw;
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(x, (height - 1) * width + x);
  for (let y = 1; y < height - 1; y++) border.push(y * width, y * width + width - 1);
  const median = [0, 1, 2].map((c) => {
    const values = border.map((p) => data[p * 4 + c] ?? 0).sort((a, b) => a - b);
    return values[values.length >> 1] ?? 0;
  });
  const matches = (p: number) => {
    const i = p * 4;
    const dr = (data[i] ?? 0) - (median[0] ?? 0);
    const dg = (data[i + 1] ?? 0) - (median[1] ?? 0);
    const db = (data[i + 2] ?? 0) - (median[2] ?? 0);
    return dr * dr + dg * dg + db * db <= BACKGROUND_TOLERANCE * BACKGROUND_TOLERANCE;
  };
  const seen = new Uint8Array(width * height);
  const queue = new Int32Array(width * height);
  let head = 0;
  let tail = 0;
  for (const p of border) {
    if (!seen[p] && matches(p)) {
      seen[p] = 1;
      queue[tail++] = p;
    }
  }
  while (head < tail) {
    const p = queue[head++] ?? 0;
    data[p * 4 + 3] = 0;
    const x = p % width;
    const next = [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, p - width, p + width];
    for (const q of next) {
      if (q < 0 || q >= width * height || seen[q]) continue;
      seen[q] = 1;
      if (matches(q)) queue[tail++] = q;
    }
  }
}

/**
 * A header can read fine over pixel data that is cut short or corrupt; sharp then fails while
 * decoding. That is the caller's input, not a provider failure, so it is refused as such.
 */
function undecodable(error: unknown): never {
  if (error instanceof InvalidRequestError) throw error;
  const reason = error instanceof Error ? error.message : String(error);
  const tooLarge = /pixel limit/i.test(reason);
  throw new InvalidRequestError(
    tooLarge
      ? `The image has more than ${LOCAL_EDIT_BOUNDS.maxInputPixels} pixels; send a smaller one.`
      : 'The image (or mask) could not be decoded; it may be truncated or corrupt. Send it again or another one.',
    { field: 'image', provider: 'local', ownMessage: true, cause: error },
  );
}

function clamp(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new CanceledError(undefined, { provider: 'local', cause: signal.reason });
  }
}
