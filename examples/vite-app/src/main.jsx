// The README's Mantine example: the library screen over a browser-local library, generating
// through the image server behind Vite's /api proxy.
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

const library = createMediaLibrary({ name: 'vite-app' }); // OPFS bytes + IndexedDB records
const ai = createRemoteGenerator({ baseUrl: '/api/ai' }); // no key in the browser, ever

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <MantineProvider theme={mediaLoftTheme} cssVariablesResolver={mediaLoftCssVariablesResolver}>
      <MediaLibraryProvider library={library} ai={ai}>
        <MediaLibraryScreen title="MediaLoft in Vite" />
      </MediaLibraryProvider>
    </MantineProvider>
  </StrictMode>,
);
