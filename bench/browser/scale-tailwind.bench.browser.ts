// The Tailwind screen over 100,000 assets in Chromium, with its stylesheet compiled as a host's
// would be (tailwind.css here): open it, type a search, scroll the grid from top to bottom and
// open the viewer, watching main-thread long tasks all along (bench/lib/scale-run.ts).
import './tailwind.css';
import { createElement, Fragment } from 'react';
import { it } from 'vitest';
import { MediaLibraryProvider } from '../../packages/media-library/src/react/media-library-provider';
import { MediaLibraryScreen } from '../../packages/media-library/src/tailwind/media-library-screen';
import { runScaleBench } from '../lib/scale-run';

it('100,000 assets, Tailwind preset: open, search, scroll end to end, view, with no long task over 50 ms', async () => {
  await runScaleBench({
    suite: 'scale-tailwind',
    app: (content) => createElement(Fragment, null, content),
    screen: (library) =>
      createElement(
        MediaLibraryProvider,
        { library },
        createElement(MediaLibraryScreen, { height: 800 }),
      ),
  });
});
