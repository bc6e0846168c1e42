// The demo in the Mantine preset, loaded (with Mantine's stylesheet) only when it shows.
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import {
  type MediaAIGenerator,
  type MediaLibrary,
  MediaLibraryProvider,
} from '@medialoft/media-library';
import {
  MediaLibraryScreen,
  mediaLoftCssVariablesResolver,
  mediaLoftTheme,
} from '@medialoft/media-library/mantine';

export default function MantineApp({
  library,
  ai,
  height,
}: {
  library: MediaLibrary;
  ai: MediaAIGenerator;
  height: string;
}) {
  return (
    // The preset's theme: Mantine's default button and error colours miss WCAG AA contrast.
    <MantineProvider
      theme={mediaLoftTheme}
      cssVariablesResolver={mediaLoftCssVariablesResolver}
      defaultColorScheme="auto"
    >
      <MediaLibraryProvider library={library} ai={ai}>
        <MediaLibraryScreen title="MediaLoft demo" height={height} />
      </MediaLibraryProvider>
    </MantineProvider>
  );
}
