// The scale bench's page for the Tailwind preset: a host app built for production around the
// published entries (`@medialoft/media-library` and its `/tailwind` preset, from `dist`), its
// stylesheet compiled by Tailwind as the README has a host set it up.
import './tailwind.css';
import { MediaLibraryProvider } from '@medialoft/media-library';
import { MediaLibraryScreen } from '@medialoft/media-library/tailwind';
import { createElement, Fragment } from 'react';
import { runInPage } from './driver';

runInPage({
  suite: 'scale-tailwind',
  app: (content) => createElement(Fragment, null, content),
  screen: (library) =>
    createElement(
      MediaLibraryProvider,
      { library },
      createElement(MediaLibraryScreen, { height: 800 }),
    ),
});
