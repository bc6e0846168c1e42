'use client';
// The library screen. A client page: the library lives in the browser (OPFS and IndexedDB),
// and generation goes through the route handler at /api/ai, which holds any key.
import { createMediaLibrary, MediaLibraryProvider } from '@medialoft/media-library';
import { MediaLibraryScreen } from '@medialoft/media-library/mantine';
import { createRemoteGenerator } from '@medialoft/server-adapter/client';

// Made once per page load, outside React; on the server it opens nothing.
const library = createMediaLibrary({ name: 'next-app' });
const ai = createRemoteGenerator({ baseUrl: '/api/ai' }); // no key in the browser, ever

export default function Home() {
  return (
    <MediaLibraryProvider library={library} ai={ai}>
      <MediaLibraryScreen title="MediaLoft in Next.js" />
    </MediaLibraryProvider>
  );
}
