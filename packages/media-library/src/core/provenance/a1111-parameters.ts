// The "parameters" text that Stable Diffusion web UIs write into PNGs: the prompt, an optional
// "Negative prompt:" part, and a last line of "Key: value" pairs. Written on download so other
// tools read our images, and read on import so their images arrive with their prompt.

/** Generation settings carried by a parameters text. Missing parts are left out. */
export interface GenerationParameters {
  prompt: string;
  negativePrompt?: string;
  steps?: number;
  seed?: number;
  width?: number;
  height?: number;
  model?: string;
  /** Every pair of the settings line, as written (sampler, CFG scale, hashes, ...). */
  settings: Record<string, string>;
}

/** Texts longer than this are not parsed (real ones are a few kB; prompts are capped). */
export const MAX_PARAMETERS_LENGTH = 64 * 1024;

const NEGATIVE_PREFIX = 'Negative prompt:';
/** A settings line must name one of these, so a prompt ending "Note: x" is not taken for one. */
const KNOWN_KEYS = ['Steps', 'Seed', 'Size', 'Model', 'Sampler', 'CFG scale'];
const MAX_PAIRS = 128;

/** The parameters text for these settings, in the usual layout. */
export function formatParameters(parameters: Omit<GenerationParameters, 'settings'>): string {
  let text = parameters.prompt;
  if (parameters.negativePrompt) text += `\n${NEGATIVE_PREFIX} ${parameters.negativePrompt}`;
  const pairs: string[] = [];
  if (parameters.steps !== undefined) pairs.push(`Steps: ${parameters.steps}`);
  if (parameters.seed !== undefined) pairs.push(`Seed: ${parameters.seed}`);
  if (parameters.width !== undefined && parameters.height !== undefined) {
    pairs.push(`Size: ${parameters.width}x${parameters.height}`);
  }
  if (parameters.model) pairs.push(`Model: ${quoteValue(parameters.model)}`);
  if (pairs.length > 0) text += `\n${pairs.join(', ')}`;
  return text;
}

/** A value that would break the pair syntax is written quoted, as the readers expect. */
function quoteValue(value: string): string {
  return /[,:"\n\r]/.test(value) ? JSON.stringify(value) : value;
}

/**
 * The settings in a parameters text, or undefined when it is empty, too long or holds no
 * prompt. Tolerates a missing negative prompt, a missing settings line, extra settings and
 * prompts over several lines.
 */
export function parseParameters(text: string): GenerationParameters | undefined {
  if (text.length === 0 || text.length > MAX_PARAMETERS_LENGTH) return undefined;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const settings = parseSettingsLine(lines[lines.length - 1] ?? '');
  const body = settings && lines.length > 0 ? lines.slice(0, -1) : lines;
  const negativeAt = body.findIndex((line) => line.startsWith(NEGATIVE_PREFIX));
  const promptLines = negativeAt < 0 ? body : body.slice(0, negativeAt);
  const prompt = promptLines.join('\n').trim();
  const result: GenerationParameters = { prompt, settings: settings ?? {} };
  if (negativeAt >= 0) {
    const first = (body[negativeAt] ?? '').slice(NEGATIVE_PREFIX.length);
    const negative = [first, ...body.slice(negativeAt + 1)].join('\n').trim();
    if (negative) result.negativePrompt = negative;
  }
  if (settings) {
    const steps = integer(settings.Steps);
    if (steps !== undefined && steps >= 0) result.steps = steps;
    const seed = integer(settings.Seed);
    if (seed !== undefined) result.seed = seed;
    const size = /^(\d{1,6})x(\d{1,6})$/.exec(settings.Size ?? '');
    if (size) {
      result.width = Number(size[1]);
      result.height = Number(size[2]);
    }
    if (settings.Model) result.model = settings.Model;
  }
  if (!result.prompt && !settings) return undefined;
  return result;
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d{1,16}$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}

/**
 * The pairs of a settings line ("Steps: 20, Sampler: Euler a, Lora hashes: "a: 1, b: 2""),
 * or undefined when the line is not one. One pass over the line, no backtracking.
 */
export function parseSettingsLine(line: string): Record<string, string> | undefined {
  const pairs: Record<string, string> = {};
  let count = 0;
  let at = 0;
  while (at < line.length) {
    while (line[at] === ' ') at++;
    const colon = line.indexOf(':', at);
    if (colon < 0) return undefined;
    const key = line.slice(at, colon).trim();
    if (!/^[A-Za-z][\w ()./-]{0,63}$/.test(key)) return undefined;
    at = colon + 1;
    while (line[at] === ' ') at++;
    let value: string;
    if (line[at] === '"') {
      // A quoted value is a JSON string: find its unescaped closing quote.
      let end = at + 1;
      while (end < line.length && line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
      if (end >= line.length) return undefined;
      try {
        value = JSON.parse(line.slice(at, end + 1)) as string;
      } catch {
        value = line.slice(at + 1, end);
      }
      at = end + 1;
      while (line[at] === ' ') at++;
      if (at < line.length && line[at] !== ',') return undefined;
    } else {
      const comma = line.indexOf(',', at);
      const end = comma < 0 ? line.length : comma;
      value = line.slice(at, end).trim();
      at = end;
    }
    if (line[at] === ',') at++;
    if (++count > MAX_PAIRS) return undefined;
    if (!Object.hasOwn(pairs, key)) pairs[key] = value;
  }
  if (count === 0 || !KNOWN_KEYS.some((key) => Object.hasOwn(pairs, key))) return undefined;
  return pairs;
}
