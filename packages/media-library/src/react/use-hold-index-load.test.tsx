// @vitest-environment happy-dom
// A screen's hold on its library's reading: the first page shows, the rest waits while the
// screen says it is mounting, and loads once it stops saying so (or unmounts).
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { MediaLibraryInstance } from '../core/library';
import { createHarness, pngFile } from '../core/testing/library-harness';
import { MediaLibraryProvider } from './media-library-provider';
import { useHoldIndexLoad } from './use-hold-index-load';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  cleanup();
  for (const library of opened.splice(0)) library.close();
});

function Screen({ mounting }: { mounting: boolean }) {
  useHoldIndexLoad(mounting);
  return null;
}

it('holds the rest of the index while mounting, and lets it load after', async () => {
  const h = createHarness();
  const seed = h.open();
  await seed.importFiles([pngFile(1), pngFile(2), pngFile(3)]);
  seed.close();
  const library = h.open({ firstPageSize: 1 });
  opened.push(library);
  const { rerender } = render(
    <MediaLibraryProvider library={library}>
      <Screen mounting />
    </MediaLibraryProvider>,
  );
  await act(() => new Promise((resolve) => setTimeout(resolve, 200)));
  expect(library.getState().status).toBe('partial');
  expect(library.getState().assets.size).toBe(1);

  rerender(
    <MediaLibraryProvider library={library}>
      <Screen mounting={false} />
    </MediaLibraryProvider>,
  );
  await act(() => library.ready);
  expect(library.getState().assets.size).toBe(3);
});
