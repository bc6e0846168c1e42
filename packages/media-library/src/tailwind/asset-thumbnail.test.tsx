// @vitest-environment happy-dom
// The Tailwind thumbnail's load delay: a tile that a fast scroll mounts reads its bytes only
// once the delay has passed, and one unmounted before that never reads them at all.
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { closeLibraries, createTestLibrary, installDomShims, pngFile } from '../mantine/test-utils';
import { MediaLibraryProvider } from '../react/index';
import { AssetThumbnail } from './asset-thumbnail';

afterEach(() => {
  cleanup();
  closeLibraries();
  vi.restoreAllMocks();
});

async function importedImage() {
  installDomShims();
  const library = createTestLibrary();
  await library.ready;
  const [result] = await library.importFiles([pngFile(1, 'red-fox.png')]);
  if (result?.status !== 'imported') throw new Error('the image did not import');
  return { library, asset: result.asset };
}

it('reads the thumbnail only after loadDelayMs, then shows it', { timeout: 30_000 }, async () => {
  const { library, asset } = await importedImage();
  const acquire = vi.spyOn(library.urls, 'acquire');
  const { container } = render(
    <MediaLibraryProvider library={library}>
      <AssetThumbnail asset={asset} loadDelayMs={1_000} />
    </MediaLibraryProvider>,
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(acquire).not.toHaveBeenCalled();
  expect(container.querySelector('img')).toBeNull();
  await waitFor(
    () => expect(container.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/),
    {
      timeout: 10_000,
    },
  );
  expect(acquire).toHaveBeenCalled();
});

it('never reads the thumbnail of one unmounted before its delay', { timeout: 30_000 }, async () => {
  const { library, asset } = await importedImage();
  const acquire = vi.spyOn(library.urls, 'acquire');
  const { unmount } = render(
    <MediaLibraryProvider library={library}>
      <AssetThumbnail asset={asset} loadDelayMs={200} />
    </MediaLibraryProvider>,
  );
  unmount();
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(acquire).not.toHaveBeenCalled();
});
