// Storybook for the Mantine and Tailwind presets. Workspace packages resolve from source
// through the `@medialoft/source` condition, so stories need no build of the packages.

import type { StorybookConfig } from '@storybook/react-vite';
import tailwindcss from '@tailwindcss/vite';
import { defaultClientConditions } from 'vite';

const config: StorybookConfig = {
  stories: ['./stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-vitest', '@storybook/addon-a11y'],
  framework: { name: '@storybook/react-vite', options: {} },
  // No docs pages here, so the prop tables' docgen pass would only slow every build.
  typescript: { reactDocgen: false },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(config) {
    config.resolve ??= {};
    config.resolve.conditions = ['@medialoft/source', ...defaultClientConditions];
    // One React and one Mantine, whichever package's node_modules a file is found through.
    config.resolve.dedupe = ['react', 'react-dom', '@mantine/core', '@mantine/hooks'];
    // Compiles .storybook/tailwind.css, which only the Tailwind preset's stories import.
    config.plugins = [...(config.plugins ?? []), tailwindcss()];
    return config;
  },
};

export default config;
