// The component size check: it measures components (functions and arrow consts in PascalCase),
// not hooks or helpers, and names those over the limit unless the allowlist holds them.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without type declarations.
import { componentSizes, oversizedComponents } from './check-component-size.mjs';

const body = (lines: number) => Array.from({ length: lines }, (_, i) => `  const v${i} = ${i};`);

describe('check-component-size', () => {
  it('measures component functions and arrow consts from first line to last', () => {
    const source = [
      'export function Big() {',
      ...body(10),
      '  return null;',
      '}',
      'const Small = () => null;',
      'const Framed = function () {',
      ...body(3),
      '  return null;',
      '};',
      'function useThing() {',
      ...body(50),
      '}',
      'const helper = () => 1;',
    ].join('\n');
    expect(componentSizes('x.tsx', source)).toEqual([
      { name: 'Big', lines: 13 },
      { name: 'Small', lines: 1 },
      { name: 'Framed', lines: 6 },
    ]);
  });

  it('names components of the presets over the limit, and only those not allowed', {
    timeout: 60_000,
  }, () => {
    const allowedId = 'mantine/asset-facts.tsx:ProvenanceFacts';
    const { over, allowedOver } = oversizedComponents({ max: 10, allowed: new Set([allowedId]) });
    expect(over).toContainEqual(
      expect.stringMatching(/^mantine\/storage-meter\.tsx:StorageMeter \(\d+ lines\)$/),
    );
    expect(
      over.every((entry: string) =>
        /^(mantine|tailwind)\/[\w-]+\.tsx:[A-Z]\w* \(\d+ lines\)$/.test(entry),
      ),
    ).toBe(true);
    expect(over.some((entry: string) => entry.startsWith(allowedId))).toBe(false);
    expect(allowedOver).toEqual([allowedId]);
  });
});
