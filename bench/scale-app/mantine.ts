// The scale bench's page for the Mantine preset: a host app built for production around the
// published entries (`@medialoft/media-library` and its `/mantine` preset, from `dist`), as the
// README shows it.
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { MediaLibraryProvider } from '@medialoft/media-library';
import {
  MediaLibraryScreen,
  mediaLoftCssVariablesResolver,
  mediaLoftTheme,
} from '@medialoft/media-library/mantine';
import { createElement } from 'react';
import { runInPage } from './driver';

runInPage({
  suite: 'scale',
  app: (content) =>
    createElement(
      MantineProvider,
      { theme: mediaLoftTheme, cssVariablesResolver: mediaLoftCssVariablesResolver },
      content,
    ),
  screen: (library) =>
    createElement(
      MediaLibraryProvider,
      { library },
      createElement(MediaLibraryScreen, { height: 800 }),
    ),
});
