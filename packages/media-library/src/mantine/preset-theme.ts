// The two Mantine defaults the preset's screens cannot pass WCAG AA with (4.5:1 for normal
// text): white labels on the primary colour's shade 6 (blue-6 is 3.6:1) and the error red
// (red-6 is 3.3:1 on white; the dark scheme's red-8 is 3.4:1 on its body). The host app owns MantineProvider, so the preset offers
// the fix as values to pass to it rather than wrapping the app in a provider of its own.
import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Theme override for apps that use the preset: filled buttons and checkboxes use shade 8 of
 * the primary colour in both schemes, where white text reaches 4.5:1 with Mantine's default
 * blue. Pass it together with {@link mediaLoftCssVariablesResolver}.
 *
 * @example
 * ```tsx
 * <MantineProvider theme={mediaLoftTheme} cssVariablesResolver={mediaLoftCssVariablesResolver}>
 *   <App />
 * </MantineProvider>
 * ```
 *
 * An app with a theme of its own merges it over this one; the later override wins where both
 * set a value, so check white on shade 8 of any other `primaryColor` you choose:
 *
 * ```ts
 * import { createTheme, mergeThemeOverrides } from '@mantine/core';
 * const theme = mergeThemeOverrides(mediaLoftTheme, createTheme({ fontFamily: 'Inter, sans-serif' }));
 * ```
 */
export const mediaLoftTheme = createTheme({ primaryShade: { light: 8, dark: 8 } });

/**
 * CSS variables for `MantineProvider`'s `cssVariablesResolver`: error messages, required marks
 * and invalid-field borders use red shade 8 in the light scheme and shade 5 in the dark one
 * (Mantine's dark default, red-8, is 3.4:1 on the dark body). Mantine adds these to its own
 * variables; an app with its own resolver returns the `variables`, `light` and `dark` maps of
 * both resolvers spread together.
 */
export const mediaLoftCssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-error': 'var(--mantine-color-red-8)' },
  dark: { '--mantine-color-error': 'var(--mantine-color-red-5)' },
});
