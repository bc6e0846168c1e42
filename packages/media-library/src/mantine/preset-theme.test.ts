// The preset's colours measured the way WCAG defines contrast, from Mantine's own palette, so a
// change of shade (ours or Mantine's) that drops below AA fails here and not only in axe.
import {
  createTheme,
  DEFAULT_THEME,
  type MantineTheme,
  mergeMantineTheme,
  mergeThemeOverrides,
} from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { mediaLoftCssVariablesResolver, mediaLoftTheme } from './preset-theme';

/** WCAG 2 relative luminance of a `#rgb` or `#rrggbb` colour (Mantine's white is `#fff`). */
function luminance(hex: string): number {
  const digits = /^#[0-9a-f]{3}$/i.test(hex) ? hex.replace(/[0-9a-f]/gi, '$&$&') : hex;
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(digits);
  if (!match) throw new Error(`Not a hex colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => {
    const c = Number.parseInt(part, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two hex colours, 1 to 21. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The hex value behind `var(--mantine-color-<name>-<shade>)` in a theme. */
function paletteColor(theme: MantineTheme, cssValue: string | undefined): string {
  const match = /^var\(--mantine-color-([a-z]+)-(\d)\)$/.exec(cssValue ?? '');
  const color = match && theme.colors[match[1] as string]?.[Number(match[2])];
  if (!color) throw new Error(`Not a palette colour: ${cssValue}`);
  return color;
}

const theme = mergeMantineTheme(DEFAULT_THEME, mediaLoftTheme);
const primary = (scheme: 'light' | 'dark') => {
  const shade =
    typeof theme.primaryShade === 'number' ? theme.primaryShade : theme.primaryShade[scheme];
  return theme.colors[theme.primaryColor]?.[shade] ?? '';
};
const AA = 4.5;

describe('mediaLoftTheme and mediaLoftCssVariablesResolver', () => {
  it("fix colours that Mantine's defaults leave below AA", () => {
    // Why the preset needs them: white on blue-6 and red-6 on white both miss 4.5:1.
    expect(contrast(DEFAULT_THEME.white, DEFAULT_THEME.colors.blue[6])).toBeLessThan(AA);
    expect(contrast(DEFAULT_THEME.colors.red[6], DEFAULT_THEME.white)).toBeLessThan(AA);
    // And the dark scheme's default error red on its body (dark-7).
    expect(contrast(DEFAULT_THEME.colors.red[8], DEFAULT_THEME.colors.dark[7])).toBeLessThan(AA);
  });

  it('give white labels on the primary colour at least 4.5:1 in both schemes', () => {
    for (const scheme of ['light', 'dark'] as const) {
      expect(contrast(theme.white, primary(scheme))).toBeGreaterThanOrEqual(AA);
    }
  });

  it("give the light scheme's error red at least 4.5:1 on white", () => {
    const { light } = mediaLoftCssVariablesResolver(theme);
    const error = paletteColor(theme, light['--mantine-color-error']);
    expect(contrast(error, theme.white)).toBeGreaterThanOrEqual(AA);
  });

  it("give the dark scheme's error red at least 4.5:1 on its body and on raised surfaces", () => {
    const { dark } = mediaLoftCssVariablesResolver(theme);
    const error = paletteColor(theme, dark['--mantine-color-error']);
    // dark-7 is the body and modal background, dark-6 inputs and raised papers.
    for (const background of [theme.colors.dark[7], theme.colors.dark[6]]) {
      expect(contrast(error, background ?? '')).toBeGreaterThanOrEqual(AA);
    }
  });

  it('keep their shade when an app merges its own theme over them', () => {
    const merged = mergeThemeOverrides(mediaLoftTheme, createTheme({ fontFamily: 'serif' }));
    expect(merged.primaryShade).toEqual({ light: 8, dark: 8 });
    expect(merged.fontFamily).toBe('serif');
  });
});
