// Test helper: the trees the hydration test renders, shared by the browser test and the plain
// Node script that renders them as a server would, so both sides render the same elements.
import { MantineProvider } from '@mantine/core';
import type { ReactElement } from 'react';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from '../react/media-library-provider';
import { HeadlessView } from '../react/test-headless-view';
import { useMediaLibrary } from '../react/use-media-library';
import { MediaLibraryScreen } from './media-library-screen';
import { mediaLoftCssVariablesResolver, mediaLoftTheme } from './preset-theme';

/** Reads the library's state in render, with no server snapshot: hydrating it must mismatch. */
function NaiveStatus() {
  return <p>{useMediaLibrary().getState().status}</p>;
}

/** Each tree over a given library. */
export const ssrApps = {
  naive: (library: MediaLibrary): ReactElement => (
    <MediaLibraryProvider library={library}>
      <NaiveStatus />
    </MediaLibraryProvider>
  ),
  hooks: (library: MediaLibrary): ReactElement => (
    <MediaLibraryProvider library={library}>
      <HeadlessView />
    </MediaLibraryProvider>
  ),
  screen: (library: MediaLibrary): ReactElement => (
    <MantineProvider theme={mediaLoftTheme} cssVariablesResolver={mediaLoftCssVariablesResolver}>
      <MediaLibraryProvider library={library}>
        <MediaLibraryScreen title="Photos" height={600} />
      </MediaLibraryProvider>
    </MantineProvider>
  ),
};

export type SsrApp = keyof typeof ssrApps;
