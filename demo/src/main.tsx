// The demo app: the Mantine preset over a browser-local library, generating through the image
// server at /api/ai (proxied by Vite), which holds any provider key.
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { createMediaLibrary, MediaLibraryProvider } from '@medialoft/media-library';
import {
  MediaLibraryScreen,
  mediaLoftCssVariablesResolver,
  mediaLoftTheme,
} from '@medialoft/media-library/mantine';
import { createRemoteGenerator } from '@medialoft/server-adapter/client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// Made outside React, once per page: the library owns IndexedDB/OPFS connections, and the
// generator is stateless apart from its base URL.
const library = createMediaLibrary({ name: 'demo' });
const generator = createRemoteGenerator({ baseUrl: '/api/ai' });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    {/* The preset's theme: Mantine's default button and error colours miss WCAG AA contrast. */}
    <MantineProvider
      theme={mediaLoftTheme}
      cssVariablesResolver={mediaLoftCssVariablesResolver}
      defaultColorScheme="auto"
    >
      <MediaLibraryProvider library={library} ai={generator}>
        <MediaLibraryScreen title="MediaLoft demo" />
      </MediaLibraryProvider>
    </MantineProvider>
  </StrictMode>,
);
