import { createMediaLibrary, MediaLibraryProvider } from '@medialoft/media-library';
import { MediaLibraryScreen } from '@medialoft/media-library/tailwind';
import { createRemoteGenerator } from '@medialoft/server-adapter/client';

const library = createMediaLibrary({ name: 'my-app' }); // OPFS bytes + IndexedDB records
const ai = createRemoteGenerator({ baseUrl: '/api/ai' }); // no key in the browser, ever

export function App() {
  return (
    <MediaLibraryProvider library={library} ai={ai}>
      <MediaLibraryScreen title="My media" />
    </MediaLibraryProvider>
  );
}
