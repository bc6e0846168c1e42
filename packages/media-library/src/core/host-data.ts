// Checks on the data a host app files on its assets (`sourceModule`, `meta`), run at every way
// in (import, update) so the store only ever holds small, plain, cloneable values.
import { MediaLibraryError } from './errors';
import type { AssetMeta, AssetMetaValue } from './types';

/** Longest `sourceModule`, in characters. */
export const SOURCE_MODULE_MAX_LENGTH = 64;
/** Largest `meta`, as UTF-16 code units of its JSON. */
export const META_MAX_CHARS = 8 * 1024;
/** Deepest nesting of objects and arrays inside `meta` (the record itself is depth 1). */
export const META_MAX_DEPTH = 8;

const SOURCE_MODULE_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
// Keys that would reach an object's prototype when a host later spreads or merges the record.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const invalid = (message: string) => new MediaLibraryError('invalid_input', message);

/**
 * The stored form of a `sourceModule`: trimmed and lower-cased, 1–64 characters of `a-z`,
 * `0-9`, `.`, `_` and `-`, starting with a letter or digit. Throws `invalid_input` otherwise.
 */
export function normalizeSourceModule(value: unknown): string {
  if (typeof value !== 'string') {
    throw invalid('"sourceModule" must be a string such as "story-writer".');
  }
  const module = value.trim().toLowerCase();
  if (module.length === 0 || module.length > SOURCE_MODULE_MAX_LENGTH) {
    throw invalid(
      `"sourceModule" must be 1 to ${SOURCE_MODULE_MAX_LENGTH} characters after trimming; ` +
        `got ${module.length}. Use a short module name such as "story-writer".`,
    );
  }
  if (!SOURCE_MODULE_PATTERN.test(module)) {
    throw invalid(
      `"sourceModule" "${value}" may only hold letters, digits, ".", "_" and "-", and must ` +
        'start with a letter or digit. Use a short module name such as "story-writer".',
    );
  }
  return module;
}

/**
 * A checked copy of `value` for `meta`: a plain object whose values are plain objects, arrays,
 * strings, finite numbers, booleans or null, at most {@link META_MAX_DEPTH} deep, with no
 * `__proto__`, `constructor` or `prototype` keys, and at most {@link META_MAX_CHARS} characters
 * as JSON. Throws `invalid_input` naming the first offending path otherwise.
 */
export function normalizeMeta(value: unknown): AssetMeta {
  if (!isPlainObject(value)) {
    throw invalid('"meta" must be a plain object, such as { storyId: "abc", scene: 3 }.');
  }
  const copy = copyValue(value, 'meta', 1) as AssetMeta;
  const size = JSON.stringify(copy).length;
  if (size > META_MAX_CHARS) {
    throw invalid(
      `"meta" is ${size} characters as JSON; the most is ${META_MAX_CHARS}. Keep ids and ` +
        'small facts in meta and store larger data in the host app.',
    );
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function copyValue(value: unknown, path: string, depth: number): AssetMetaValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw invalid(`"${path}" is ${value}; meta numbers must be finite.`);
  }
  if (typeof value === 'object') {
    if (depth > META_MAX_DEPTH) {
      throw invalid(`"${path}" nests deeper than ${META_MAX_DEPTH} levels; flatten meta.`);
    }
    if (Array.isArray(value)) {
      return value.map((item, index) => copyValue(item, `${path}[${index}]`, depth + 1));
    }
    if (isPlainObject(value)) {
      // A fresh object of own keys: accessors and odd prototypes never reach the store.
      const copy: Record<string, AssetMetaValue> = {};
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) {
          throw invalid(`"${path}" has the key "${key}", which meta does not allow.`);
        }
        const item = value[key];
        if (item === undefined) continue;
        copy[key] = copyValue(item, `${path}.${key}`, depth + 1);
      }
      return copy;
    }
  }
  const kind = value === undefined ? 'undefined' : (value?.constructor?.name ?? typeof value);
  throw invalid(
    `"${path}" is a ${kind}; meta holds only plain objects, arrays, strings, finite numbers, ` +
      'booleans and null.',
  );
}
