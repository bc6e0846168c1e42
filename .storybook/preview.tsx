// Every Mantine story renders inside MantineProvider with the scheme from the toolbar (or a
// story's `parameters.colorScheme`); a story with `parameters.preset: 'tailwind'` renders bare.
// Each story's libraries are closed and deleted afterwards.
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { mediaLoftCssVariablesResolver, mediaLoftTheme } from '@medialoft/media-library/mantine';
import type { Preview } from '@storybook/react-vite';
import { disposeStoryLibraries } from './story-library';

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
      // The Tailwind preset needs no Mantine: its stories render bare, the scheme as a class.
      if (context.parameters.preset === 'tailwind') {
        return (
          <div className={scheme === 'dark' ? 'dark' : undefined} style={{ colorScheme: scheme }}>
            <div className="min-h-dvh bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
              <Story />
            </div>
          </div>
        );
      }
      return (
        <MantineProvider
          // The colours a host app gets from the preset, so axe checks what apps ship.
          theme={mediaLoftTheme}
          cssVariablesResolver={mediaLoftCssVariablesResolver}
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
