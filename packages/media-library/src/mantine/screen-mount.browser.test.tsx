// The Mantine screen mounting in steps in real Chromium: its first commit is its root alone,
// the next a frame with the title, then the header's actions, the search and filters, the side
// panel and the dialogs follow, each in a commit of its own, and nothing already shown moves as
// they come.
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { libraryDbName } from '../core/db';
import { createMediaLibrary, type MediaLibraryInstance } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { MediaLibraryProvider } from '../react/media-library-provider';
import { MediaLibraryScreen } from './media-library-screen';

const name = `screen-mount-${crypto.randomUUID()}`;
let library: MediaLibraryInstance | undefined;
let root: Root | undefined;
let host: HTMLElement | undefined;

afterEach(async () => {
  root?.unmount();
  host?.remove();
  library?.close();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(libraryDbName(name));
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
});

async function until<T>(read: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('commits a titled frame first, and the header, toolbar and side panel after, in place', async () => {
  library = createMediaLibrary({ name, blobStore: createMemoryBlobStore(), broadcast: false });
  host = document.createElement('div');
  host.style.cssText = 'width: 1200px; height: 700px;';
  document.body.append(host);
  root = createRoot(host);
  const screen = (
    <MantineProvider>
      <MediaLibraryProvider library={library}>
        <MediaLibraryScreen height={700} />
      </MediaLibraryProvider>
    </MantineProvider>
  );
  // What each commit showed: a mutation observer's callback runs at the end of the task that
  // changed the page, before the next step renders.
  const commits: { title: boolean; buttons: number }[] = [];
  let framed: { headerHeight?: number; main: DOMRect } | undefined;
  const observer = new MutationObserver(() => {
    const heading = host?.querySelector('h1');
    const main = host?.querySelector('main');
    if (heading && main && !framed && !host?.querySelector('button'))
      framed = {
        headerHeight: heading.parentElement?.offsetHeight,
        main: main.getBoundingClientRect(),
      };
    commits.push({ title: !!heading, buttons: host?.querySelectorAll('button').length ?? 0 });
  });
  observer.observe(host, { childList: true, subtree: true });
  flushSync(() => root?.render(screen));

  // The first commit is the screen's root alone (measured while there is nothing to lay out).
  expect(host.querySelector('h1')).toBeNull();
  expect(host.firstElementChild?.childElementCount).toBe(0);
  // The next: the title, the count line's row and the side column's width, no actions.
  await until(() => framed, 'the titled frame');
  expect(host.querySelector('input[aria-label="Search"]')).toBeNull();

  // Then every part, the last of them the side panel's storage meter.
  await until(
    () => [...(host?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Upload'),
    'the Upload button',
  );
  await until(() => host?.querySelector('input[aria-label="Search"]'), 'the search box');
  await until(() => host?.querySelector('nav[aria-label="Library navigation"]'), 'the side panel');
  // What the grid's place shows (here the empty library's drop area) comes once the rows above
  // it are there, so it never moves down.
  const drop = await until(
    () => host?.querySelector('[aria-label="Drop, paste or choose files to add"]'),
    'the empty library',
  );
  expect(host.querySelector('[role="group"][aria-label="Filters"]')).not.toBeNull();
  const dropTop = drop.getBoundingClientRect().top;
  // The header with its actions is as tall as its frame was, and the main column did not move.
  const header = host.querySelector('h1')?.parentElement;
  observer.disconnect();
  expect(commits.some((commit) => commit.title && commit.buttons === 0)).toBe(true);
  expect(header?.offsetHeight).toBe(framed?.headerHeight);
  expect(drop.getBoundingClientRect().top).toBe(dropTop);
  const now = (host.querySelector('main') as HTMLElement).getBoundingClientRect();
  expect({ top: now.top, left: now.left, width: now.width }).toEqual({
    top: framed?.main.top,
    left: framed?.main.left,
    width: framed?.main.width,
  });
});
