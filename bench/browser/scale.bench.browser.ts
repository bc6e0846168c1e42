// The Mantine screen over 100,000 assets in Chromium: open it, type a search, scroll the grid
// from top to bottom and open the viewer, watching main-thread long tasks all along (the run
// itself is bench/lib/scale-run.ts, shared with the Tailwind preset's entry).
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { it } from 'vitest';
import { MediaLibraryScreen } from '../../packages/media-library/src/mantine/media-library-screen';
import { MediaLibraryProvider } from '../../packages/media-library/src/react/media-library-provider';
import { runScaleBench } from '../lib/scale-run';

it('100,000 assets: open, search, scroll end to end, view, with no long task over 50 ms', async () => {
  await runScaleBench({
    suite: 'scale',
    app: (content) => createElement(MantineProvider, null, content),
    screen: (library) =>
      createElement(
        MediaLibraryProvider,
        { library },
        createElement(MediaLibraryScreen, { height: 800 }),
      ),
  });
});
