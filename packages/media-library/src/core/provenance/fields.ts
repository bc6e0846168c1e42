// The provenance fields of a generated asset, as written into and read back from its file.
import type { AssetSource } from '../types';
import type { ProvenanceField } from './xmp';

/** An asset source of type 'ai'. */
export type AiSource = Extract<AssetSource, { type: 'ai' }>;

/** Provenance read from a file: the source, and when the file says the image was made. */
export interface FileProvenance {
  source: AiSource;
  /** Epoch ms, when the file carries it. */
  createdAt?: number;
}

/** PNG text keywords: the settings text other tools read, and our JSON. */
export const PARAMETERS_KEYWORD = 'parameters';
export const JSON_KEYWORD = 'medialoft';

/** Provider and model named when a file's settings do not say. */
export const UNKNOWN = 'unknown';

/** The longest text field kept from a file; longer ones are cut. */
const MAX_FIELD_LENGTH = 32 * 1024;

/**
 * The fields written into a file. Cost, timing and request id stay out: they describe the
 * account that paid, not the image.
 */
export function provenanceFields(
  source: AiSource,
  createdAt?: number,
): Partial<Record<ProvenanceField, string>> {
  const fields: Partial<Record<ProvenanceField, string>> = {
    provider: source.provider,
    model: source.model,
    prompt: source.prompt,
  };
  if (source.negativePrompt) fields.negativePrompt = source.negativePrompt;
  for (const name of ['seed', 'steps', 'width', 'height'] as const) {
    const value = source[name];
    if (value !== undefined && Number.isFinite(value)) fields[name] = String(value);
  }
  if (createdAt !== undefined && Number.isFinite(createdAt)) {
    fields.createdAt = new Date(createdAt).toISOString();
  }
  return fields;
}

const NUMBER_FIELDS = new Set(['seed', 'steps', 'width', 'height']);

/** The JSON kept in a PNG's "medialoft" chunk. */
export function provenanceJson(source: AiSource, createdAt?: number): string {
  const fields = provenanceFields(source, createdAt);
  const json: Record<string, string | number> = {};
  // The numbers stay numbers in JSON; the XMP packet can only hold text.
  for (const [name, value] of Object.entries(fields)) {
    json[name] = NUMBER_FIELDS.has(name) ? Number(value) : value;
  }
  return JSON.stringify(json);
}

/**
 * Provenance from fields read out of a file (strings from XMP, or JSON values), or undefined
 * when they hold no prompt. Every value is checked: a file is untrusted input.
 */
export function provenanceFromFields(fields: Record<string, unknown>): FileProvenance | undefined {
  const prompt = text(fields.prompt);
  if (prompt === undefined) return undefined;
  const source: AiSource = {
    type: 'ai',
    provider: text(fields.provider) || UNKNOWN,
    model: text(fields.model) || UNKNOWN,
    prompt,
  };
  const negativePrompt = text(fields.negativePrompt);
  if (negativePrompt) source.negativePrompt = negativePrompt;
  const seed = integer(fields.seed);
  if (seed !== undefined) source.seed = seed;
  for (const name of ['steps', 'width', 'height'] as const) {
    const value = integer(fields[name]);
    if (value !== undefined && value >= 0) source[name] = value;
  }
  const result: FileProvenance = { source };
  const createdAt =
    typeof fields.createdAt === 'string' ? Date.parse(fields.createdAt) : Number.NaN;
  if (Number.isFinite(createdAt)) result.createdAt = createdAt;
  return result;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, MAX_FIELD_LENGTH) : undefined;
}

function integer(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim())
        ? Number(value)
        : Number.NaN;
  return Number.isSafeInteger(number) ? number : undefined;
}
