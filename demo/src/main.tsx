// The demo app: one browser-local library in either preset (Mantine by default, Tailwind CSS
// with ?preset=tailwind), generating through the image server at /api/ai (proxied by Vite),
// which holds any provider key. Each preset, with its stylesheet, loads only when it shows.
import { createMediaLibrary } from '@medialoft/media-library';
import { createRemoteGenerator } from '@medialoft/server-adapter/client';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { PresetSwitch, presetBarHeight, presetFromUrl } from './preset-switch';

// Made outside React, once per page: the library owns IndexedDB/OPFS connections, and the
// generator is stateless apart from its base URL.
const library = createMediaLibrary({ name: 'demo' });
const generator = createRemoteGenerator({ baseUrl: '/api/ai' });

const preset = presetFromUrl(window.location.search);
const App =
  preset === 'tailwind'
    ? lazy(() => import('./tailwind-app'))
    : lazy(() => import('./mantine-app'));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <PresetSwitch current={preset} />
    <Suspense fallback={null}>
      <App library={library} ai={generator} height={`calc(100dvh - ${presetBarHeight}px)`} />
    </Suspense>
  </StrictMode>,
);
