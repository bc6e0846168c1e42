// The redactor against a key in every disguise: what is cut, and that ordinary text is not.
import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redact';
import { secretForms } from './secret-forms';

const KEY = 'mlk_7fQ2xZ9pL4vR8sT1wY6uB3nC';
const raw = Buffer.from(KEY);

const DISGUISES: Record<string, string> = {
  upper: KEY.toUpperCase(),
  lower: KEY.toLowerCase(),
  hex: raw.toString('hex'),
  hexSpaced: raw.toString('hex').replace(/(..)/g, '$1 ').trim(),
  base64: raw.toString('base64'),
  base64url: raw.toString('base64url'),
  base64Offset1: Buffer.concat([Buffer.from('x'), raw]).toString('base64'),
  base64Offset2: Buffer.concat([Buffer.from('xy'), raw, Buffer.from('z')]).toString('base64url'),
  percent: [...KEY].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
  escaped: [...KEY].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join(''),
  entities: [...KEY].map((c) => `&#${c.charCodeAt(0)};`).join(''),
  spaced: [...KEY].join(' '),
  newlines: KEY.replace(/(.{5})/g, '$1\n'),
  zeroWidth: `${KEY.slice(0, 9)}\u200b${KEY.slice(9)}`,
  bom: [...KEY].join('\ufeff'),
};

describe('createRedactor with a configured secret', () => {
  const redact = createRedactor([KEY]);

  it.each(Object.entries(DISGUISES))('cuts the key written as %s', (_name, form) => {
    const out = redact(`upstream said "${form}" and stopped`);
    expect(out).toContain(REDACTED);
    expect(out.startsWith('upstream said "')).toBe(true);
    expect(out.endsWith('" and stopped')).toBe(true);
    // Only the base64 characters that mix in the surrounding bytes (and padding) survive.
    expect(out.replace(REDACTED, '').length).toBeLessThanOrEqual(
      'upstream said "" and stopped'.length + 5,
    );
  });

  it('cuts a key clipped at the end of a message or before an ellipsis', () => {
    expect(redact(`failed: ${KEY.slice(0, 12)}`)).toBe(`failed: ${REDACTED}`);
    expect(redact(`failed (${KEY.slice(0, 10)}…).`)).toBe(`failed (${REDACTED}…).`);
    expect(redact(`${KEY.slice(-10)} was the end`)).toBe(`${REDACTED} was the end`);
  });

  it('stays linear on a hostile text full of ellipses and near-misses', () => {
    const text = `${'…'.repeat(50_000)}${KEY.slice(0, 7)} `.repeat(4) + KEY;
    const out = redact(text);
    expect(out.endsWith(REDACTED)).toBe(true);
    expect(out).not.toContain(KEY);
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      'Replicate failed (HTTP 500): Internal error.',
      'width is 4097; this server allows at most 2048.',
      `a prompt with ${'lorem ipsum '.repeat(50)}`,
      '%20%41%42 \\u0041 &#65; deadbeef cafebabe',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });

  it('looks for the key, its hex and its base64 at three alignments', () => {
    const forms = secretForms(KEY);
    expect(forms).toContain(KEY.replace(/[^a-z0-9]/gi, '').toLowerCase());
    expect(forms).toContain(raw.toString('hex'));
    expect(forms).toHaveLength(5);
  });
});
