// @vitest-environment happy-dom
// The bridge from the library's store to React: a change the library publishes re-renders as a
// transition (React may render it in slices and keeps what is on screen meanwhile), and only
// the components whose selected value changed.
import { act, cleanup, render, screen } from '@testing-library/react';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { Suspense, use } from 'react';
import { afterEach, expect, it } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useAssets } from './use-assets';
import { useStorage } from './use-storage';

let library: MediaLibrary | undefined;
afterEach(() => {
  cleanup();
  library?.close();
});

async function openLibrary() {
  library = createMediaLibrary({
    name: `use-library-state-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  await library.ready;
  return library;
}
const textFile = (name: string) => new File([`contents of ${name}`], name, { type: 'text/plain' });

let release: () => void = () => undefined;
const slow = new Promise<void>((resolve) => {
  release = resolve;
});

/** Lists the titles; an asset named "slow.txt" suspends the list until `release()`. */
function Titles() {
  const { items } = useAssets({ sort: { field: 'name', direction: 'asc' } });
  if (items.some((asset) => asset.name === 'slow.txt')) use(slow);
  return <p>{items.map((asset) => asset.name).join(', ') || 'none'}</p>;
}

it('renders a published change as a transition: what is on screen stays until it is ready', async () => {
  const opened = await openLibrary();
  await opened.importFiles([textFile('a.txt')]);
  render(
    <MediaLibraryProvider library={opened}>
      <Suspense fallback={<p>waiting</p>}>
        <Titles />
      </Suspense>
    </MediaLibraryProvider>,
  );
  expect(await screen.findByText('a.txt')).toBeTruthy();

  // A change that suspends the list: as an urgent update React would replace the list with
  // the fallback; as a transition it keeps the list shown until the new one can render.
  await act(() => opened.importFiles([textFile('slow.txt')]));
  expect(screen.queryByText('waiting')).toBeNull();
  expect(screen.getByText('a.txt')).toBeTruthy();

  await act(async () => release());
  expect(await screen.findByText('a.txt, slow.txt')).toBeTruthy();
});

const renders = { images: 0, storage: 0 };
function ImageCount() {
  renders.images++;
  return <p>{useAssets({ kinds: ['image'] }).total} images</p>;
}
function AssetCount() {
  renders.storage++;
  return <p>{useStorage().statistics.total} assets</p>;
}

it('re-renders a component only when what it selected changed', async () => {
  const opened = await openLibrary();
  render(
    <MediaLibraryProvider library={opened}>
      <ImageCount />
      <AssetCount />
    </MediaLibraryProvider>,
  );
  const before = { ...renders };
  await act(() => opened.importFiles([textFile('b.txt')]));
  expect(await screen.findByText('1 assets')).toBeTruthy();
  // A text file: the count of images did not change, so that component did not render again.
  expect(renders.images).toBe(before.images);
  expect(renders.storage).toBeGreaterThan(before.storage);
});
