// The checks on host data: what `sourceModule` and `meta` accept, how they are stored, and the
// typed error (with the offending path) for what they refuse.
import { describe, expect, it } from 'vitest';
import { MediaLibraryError } from './errors';
import {
  META_MAX_CHARS,
  META_MAX_DEPTH,
  normalizeMeta,
  normalizeSourceModule,
  SOURCE_MODULE_MAX_LENGTH,
} from './host-data';

function refusal(run: () => unknown): MediaLibraryError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MediaLibraryError);
    expect((error as MediaLibraryError).code).toBe('invalid_input');
    return error as MediaLibraryError;
  }
  throw new Error('expected the value to be refused');
}

describe('normalizeSourceModule', () => {
  it('trims and lower-cases what it accepts', () => {
    expect(normalizeSourceModule('  Story-Writer ')).toBe('story-writer');
    expect(normalizeSourceModule('image.studio_2')).toBe('image.studio_2');
    expect(normalizeSourceModule('a'.repeat(SOURCE_MODULE_MAX_LENGTH))).toHaveLength(
      SOURCE_MODULE_MAX_LENGTH,
    );
  });

  it.each([
    ['', 'characters'],
    ['   ', 'characters'],
    ['a'.repeat(SOURCE_MODULE_MAX_LENGTH + 1), 'characters'],
    ['-leading-dash', 'start with'],
    ['has space', 'letters, digits'],
    ['slash/module', 'letters, digits'],
    ['émoji', 'letters, digits'],
  ])('refuses %j', (value, hint) => {
    expect(refusal(() => normalizeSourceModule(value)).message).toContain(hint);
  });

  it('refuses what is not a string', () => {
    for (const value of [3, null, {}, ['a']]) {
      expect(refusal(() => normalizeSourceModule(value)).message).toContain('must be a string');
    }
  });
});

describe('normalizeMeta', () => {
  it('returns a copy of plain JSON data, dropping undefined properties', () => {
    const input = {
      storyId: 'abc',
      scene: 3,
      draft: false,
      note: null,
      shots: [1, 'two', { take: 2 }],
      gone: undefined,
    };
    const meta = normalizeMeta(input);
    expect(meta).toEqual({
      storyId: 'abc',
      scene: 3,
      draft: false,
      note: null,
      shots: [1, 'two', { take: 2 }],
    });
    expect('gone' in meta).toBe(false);
    expect(meta.shots).not.toBe(input.shots);
  });

  it('accepts a record parsed from JSON and an object without prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(normalizeMeta(bare)).toEqual({ a: 1 });
    expect(normalizeMeta(JSON.parse('{"b":[true]}'))).toEqual({ b: [true] });
  });

  it.each([
    ['a string', 'abc', 'plain object'],
    ['an array', [1], 'plain object'],
    ['null', null, 'plain object'],
    ['a Date', new Date(0), 'plain object'],
  ])('refuses %s as the record', (_label, value, hint) => {
    expect(refusal(() => normalizeMeta(value)).message).toContain(hint);
  });

  it.each([
    ['NaN', { a: Number.NaN }, 'meta.a'],
    ['Infinity', { list: [1, Number.POSITIVE_INFINITY] }, 'meta.list[1]'],
    ['a function', { f: () => 1 }, 'meta.f'],
    ['a bigint', { n: 1n }, 'meta.n'],
    ['a Date', { when: new Date(0) }, 'meta.when'],
    ['a Map', { m: new Map() }, 'meta.m'],
    ['undefined in an array', { list: [undefined] }, 'meta.list[0]'],
  ])('refuses %s and names its path', (_label, value, path) => {
    expect(refusal(() => normalizeMeta(value)).message).toContain(`"${path}"`);
  });

  it('refuses keys that reach a prototype', () => {
    expect(
      refusal(() => normalizeMeta(JSON.parse('{"x":{"__proto__":{"p":1}}}'))).message,
    ).toContain('__proto__');
    expect(refusal(() => normalizeMeta({ constructor: 'x' })).message).toContain('constructor');
    expect(refusal(() => normalizeMeta({ a: [{ prototype: 1 }] })).message).toContain('prototype');
  });

  it('allows nesting up to the depth limit and refuses one level more', () => {
    const nest = (levels: number): Record<string, unknown> => {
      let value: Record<string, unknown> = { leaf: 1 };
      for (let i = 1; i < levels; i++) value = { down: value };
      return value;
    };
    expect(() => normalizeMeta(nest(META_MAX_DEPTH))).not.toThrow();
    expect(refusal(() => normalizeMeta(nest(META_MAX_DEPTH + 1))).message).toContain('levels');
  });

  it('refuses a record larger than the cap as JSON', () => {
    const fits = { text: 'x'.repeat(META_MAX_CHARS - '{"text":""}'.length) };
    expect(JSON.stringify(fits)).toHaveLength(META_MAX_CHARS);
    expect(() => normalizeMeta(fits)).not.toThrow();
    const over = { text: `${fits.text}x` };
    expect(refusal(() => normalizeMeta(over)).message).toContain(String(META_MAX_CHARS));
  });
});
