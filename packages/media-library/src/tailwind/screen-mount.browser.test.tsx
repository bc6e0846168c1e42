// The Tailwind screen mounting in steps in real Chromium, styled by its compiled classes: the
// commit made inside the host's own render is only the frame (the title in a header as tall as
// the finished one), and the screen's state, toolbars and grid mount in the steps after it.
import '../../../../.storybook/tailwind.css';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { libraryDbName } from '../core/db';
import { createMediaLibrary, type MediaLibraryInstance } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { MediaLibraryProvider } from '../react/media-library-provider';
import { MediaLibraryScreen } from './media-library-screen';

const name = `tailwind-mount-${crypto.randomUUID()}`;
let library: MediaLibraryInstance | undefined;
let root: Root | undefined;
const host = document.createElement('div');

afterEach(async () => {
  root?.unmount();
  host.remove();
  library?.close();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(libraryDbName(name));
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
});

it('commits only the titled frame inside the host’s render, then the screen, nothing moving', async () => {
  library = createMediaLibrary({ name, blobStore: createMemoryBlobStore(), broadcast: false });
  host.style.cssText = 'width: 1200px; height: 700px;';
  document.body.append(host);
  root = createRoot(host);
  flushSync(() =>
    root?.render(
      <MediaLibraryProvider library={library as MediaLibraryInstance}>
        <MediaLibraryScreen height={700} title="Photos" />
      </MediaLibraryProvider>,
    ),
  );
  const header = () => host.querySelector('header') as HTMLElement;
  expect(header().textContent).toBe('Photos');
  expect(host.querySelector('button, main, input')).toBeNull();
  const frameHeight = header().offsetHeight;
  expect(frameHeight).toBeGreaterThan(40);

  // The steps come one per frame: the search box comes with the screen's toolbars.
  for (let i = 0; i < 200 && !host.querySelector('[aria-label="Search"]'); i++)
    await new Promise((resolve) => setTimeout(resolve, 25));
  const upload = [...host.querySelectorAll('header button')].map((b) => b.textContent);
  expect(upload).toContain('Upload');
  expect(header().offsetHeight).toBe(frameHeight);
  expect(host.querySelector('main')).not.toBeNull();
});
