import { describe, expect, it } from 'vitest';
import { formatParameters, parseParameters, parseSettingsLine } from './a1111-parameters';

describe('parseParameters', () => {
  it('reads prompt, negative prompt and the settings line', () => {
    const text =
      'masterpiece, a lighthouse at dusk\n' +
      'Negative prompt: blurry, watermark\n' +
      'Steps: 30, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 3141592653, Size: 768x512, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly';
    const parsed = parseParameters(text);
    expect(parsed).toMatchObject({
      prompt: 'masterpiece, a lighthouse at dusk',
      negativePrompt: 'blurry, watermark',
      steps: 30,
      seed: 3141592653,
      width: 768,
      height: 512,
      model: 'v1-5-pruned-emaonly',
    });
    expect(parsed?.settings).toMatchObject({
      Sampler: 'DPM++ 2M Karras',
      'Model hash': '6ce0161689',
    });
  });

  it('reads a text without a negative prompt, and prompts over several lines', () => {
    const parsed = parseParameters(
      'a cat\non a windowsill\n\nin the rain\nSteps: 20, Seed: 7, Size: 512x512',
    );
    expect(parsed?.prompt).toBe('a cat\non a windowsill\n\nin the rain');
    expect(parsed?.negativePrompt).toBeUndefined();
    expect(parsed?.seed).toBe(7);
  });

  it('reads a negative prompt over several lines', () => {
    const parsed = parseParameters(
      'a dog\nNegative prompt: ugly,\nextra limbs\nSteps: 5, Seed: -1',
    );
    expect(parsed?.negativePrompt).toBe('ugly,\nextra limbs');
    expect(parsed?.seed).toBe(-1);
    expect(parsed?.steps).toBe(5);
  });

  it('keeps quoted values with commas in them whole', () => {
    const settings = parseSettingsLine(
      'Steps: 25, Lora hashes: "detail: 1a2b, style: 3c4d", Seed: 99, Version: v1.7.0',
    );
    expect(settings).toEqual({
      Steps: '25',
      'Lora hashes': 'detail: 1a2b, style: 3c4d',
      Seed: '99',
      Version: 'v1.7.0',
    });
  });

  it('takes a prompt whose last line only looks like settings as prompt', () => {
    const parsed = parseParameters('a poster\nTitle: Summer, Font: serif');
    expect(parsed?.prompt).toBe('a poster\nTitle: Summer, Font: serif');
    expect(parsed?.steps).toBeUndefined();
  });

  it('drops settings values that are not numbers or sizes', () => {
    const parsed = parseParameters('x\nSteps: many, Seed: 1e9, Size: huge');
    expect(parsed).toMatchObject({ prompt: 'x', settings: { Steps: 'many' } });
    expect(parsed?.steps).toBeUndefined();
    expect(parsed?.seed).toBeUndefined();
    expect(parsed?.width).toBeUndefined();
  });

  it('gives undefined for an empty or oversized text, and survives a pathological line fast', () => {
    expect(parseParameters('')).toBeUndefined();
    expect(parseParameters('a'.repeat(70_000))).toBeUndefined();
    const hostile = `p\n${'Steps: "'.repeat(5000)}`;
    expect(parseParameters(hostile)?.prompt).toBe(hostile);
  });
});

describe('formatParameters', () => {
  it('writes the usual layout and leaves out missing parts', () => {
    expect(
      formatParameters({
        prompt: 'a fox',
        negativePrompt: 'blur',
        steps: 4,
        seed: 42,
        width: 1024,
        height: 768,
        model: 'flux-dev',
      }),
    ).toBe('a fox\nNegative prompt: blur\nSteps: 4, Seed: 42, Size: 1024x768, Model: flux-dev');
    expect(formatParameters({ prompt: 'a fox', seed: 1 })).toBe('a fox\nSeed: 1');
    expect(formatParameters({ prompt: 'a fox' })).toBe('a fox');
  });

  it('round-trips through the parser, model names with commas and colons included', () => {
    const written = {
      prompt: 'line one\nline two',
      negativePrompt: 'x',
      steps: 8,
      seed: 5,
      width: 64,
      height: 32,
      model: 'org/model:v2, fp16',
    };
    expect(parseParameters(formatParameters(written))).toMatchObject(written);
  });
});
