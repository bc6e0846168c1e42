import { describe, expect, it } from 'vitest';
import { buildXmp, escapeXml, readXmp, unescapeXml, XMP_NAMESPACE } from './xmp';

describe('XMP packet', () => {
  it('round-trips text with markup, quotes, line breaks and non-Latin characters', () => {
    const prompt = 'a "fox" & <b>hound</b>\r\nit\'s 雪 🦊';
    const xmp = buildXmp({ provider: 'fal', model: 'flux', prompt, seed: '12' });
    expect(xmp).not.toContain('<b>');
    expect(xmp).toContain(`xmlns:medialoft="${XMP_NAMESPACE}"`);
    expect(xmp).toContain(
      '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">a &quot;fox&quot;',
    );
    expect(readXmp(xmp)).toEqual({ provider: 'fal', model: 'flux', prompt, seed: '12' });
  });

  it('drops characters XML 1.0 cannot hold', () => {
    expect(escapeXml('a\u0000b\u0007c\uffffd')).toBe('abcd');
  });

  it('leaves a stray ampersand and unknown entities as they are', () => {
    expect(unescapeXml('fish & chips &bogus; &#x1F98A; &#65;')).toBe('fish & chips &bogus; 🦊 A');
    expect(unescapeXml('&#1114112; &#0;')).toBe('&#1114112; &#0;');
  });

  it('reads the attribute form and nothing from a packet without our namespace', () => {
    const rewritten = `<rdf:Description xmlns:medialoft="${XMP_NAMESPACE}" xmedialoft:seed="1"\n  medialoft:prompt="a &amp; b"\tmedialoft:steps="9"/>`;
    expect(readXmp(rewritten)).toEqual({ prompt: 'a & b', steps: '9' });
    expect(readXmp('<medialoft:prompt>x</medialoft:prompt>')).toBeUndefined();
  });
});
