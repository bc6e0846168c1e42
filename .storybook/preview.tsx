// Every story renders inside MantineProvider with the scheme from the toolbar (or a story's
// `parameters.colorScheme`), and each story's libraries are closed and deleted afterwards.
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
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
  parameters: { layout: 'fullscreen' },
  decorators: [
    (Story, context) => {
      const scheme = (context.parameters.colorScheme ?? context.globals.colorScheme ?? 'light') as
        | 'light'
        | 'dark';
      return (
        <MantineProvider forceColorScheme={scheme}>
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
