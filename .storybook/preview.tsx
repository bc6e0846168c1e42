// Every story renders inside MantineProvider with the scheme from the toolbar (or a story's
// `parameters.colorScheme`), and each story's libraries are closed and deleted afterwards.
import '@mantine/core/styles.css';
import { type CSSVariablesResolver, createTheme, MantineProvider } from '@mantine/core';
import type { Preview } from '@storybook/react-vite';
import { disposeStoryLibraries } from './story-library';

// The host app owns the theme. Shade 8 of the primary colour gives white button labels the
// WCAG AA contrast that Mantine's default shade 6 misses; apps using the preset should do
// the same.
const theme = createTheme({ primaryShade: { light: 8, dark: 8 } });
// Mantine's light-scheme error red (shade 6) is 3.3:1 on white; shade 8 passes.
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-error': 'var(--mantine-color-red-8)' },
  dark: {},
});

const preview: Preview = {
  globalTypes: {
    colorScheme: {
      description: 'Mantine colour scheme',
      toolbar: {
        title: 'Scheme',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { colorScheme: 'light' },
  parameters: {
    layout: 'fullscreen',
    // Every story is also an accessibility check (axe): a violation fails its test.
    a11y: {
      test: 'error',
      // axe's experimental label-in-name rule also counts the cell's checkbox label as the
      // cell's visible text; the grid cells are named by their visible badge and caption.
      config: { rules: [{ id: 'label-content-name-mismatch', enabled: false }] },
    },
  },
  decorators: [
    (Story, context) => {
      const scheme = (context.parameters.colorScheme ?? context.globals.colorScheme ?? 'light') as
        | 'light'
        | 'dark';
      return (
        <MantineProvider
          theme={theme}
          cssVariablesResolver={cssVariables}
          forceColorScheme={scheme}
        >
          <Story />
        </MantineProvider>
      );
    },
  ],
  async beforeEach() {
    return disposeStoryLibraries;
  },
};

export default preview;
