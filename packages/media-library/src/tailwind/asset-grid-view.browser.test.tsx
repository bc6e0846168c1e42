// The Tailwind preset's virtualised grid in real Chromium, styled by its compiled classes (the
// stories' stylesheet), where scrolling lays rows out: only the rows in view (and a few around
// them) are in the page, yet the grid's tab stop stays rendered wherever the grid is scrolled,
// so Tab comes back to it and the keyboard goes on from there.
import '../../../../.storybook/tailwind.css';
import { useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { libraryDbName } from '../core/db';
import { createMediaLibrary, type MediaLibraryInstance } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { MediaLibraryProvider } from '../react/media-library-provider';
import { useAssets } from '../react/use-assets';
import { AssetGridView } from './asset-grid-view';

const name = `tailwind-grid-${crypto.randomUUID()}`;
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

async function png(index: number): Promise<File> {
  const canvas = new OffscreenCanvas(8, 8);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = `hsl(${index * 7}, 60%, 50%)`;
  context.fillRect(0, 0, 8, 8);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], `tile-${String(index).padStart(3, '0')}.png`, { type: 'image/png' });
}

function Grid() {
  const { items } = useAssets({ sort: { field: 'name', direction: 'asc' } });
  const [selection, setSelection] = useState<string[]>([]);
  return (
    <div style={{ height: 500, width: 900 }}>
      <AssetGridView assets={items} selection={selection} onSelectionChange={setSelection} />
    </div>
  );
}

const until = async <T,>(find: () => T | null | undefined, what: string): Promise<T> => {
  for (let i = 0; i < 400; i++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

it('keeps the tab stop rendered when scrolled far from it, and Tab comes back to it', async () => {
  library = createMediaLibrary({ name, blobStore: createMemoryBlobStore(), broadcast: false });
  await library.ready;
  const files = await Promise.all(Array.from({ length: 240 }, (_, i) => png(i)));
  await library.importFiles(files);
  host = document.createElement('div');
  const before = document.createElement('button');
  before.textContent = 'Before';
  document.body.append(before, host);
  root = createRoot(host);
  root.render(
    <MediaLibraryProvider library={library}>
      <Grid />
    </MediaLibraryProvider>,
  );
  const cell = (label: string) =>
    host
      ?.querySelector<HTMLElement>(`[role="gridcell"][aria-labelledby] [title="${label}"]`)
      ?.closest<HTMLElement>('[role="gridcell"]');
  const grid = await until(() => host?.querySelector<HTMLElement>('[role="grid"]'), 'the grid');
  await until(() => cell('tile-000.png'), 'the first tile');
  const rendered = () => grid.querySelectorAll('[role="gridcell"]').length;
  // 240 assets, 5 to a row: far fewer cells than that are in the page.
  expect(rendered()).toBeLessThan(80);

  grid.scrollTop = grid.scrollHeight;
  await until(() => cell('tile-239.png'), 'the last tile');
  // The rows near the top are gone; the tab stop's row is not.
  await until(() => !cell('tile-010.png'), 'the third row to go');
  expect(cell('tile-000.png')?.tabIndex).toBe(0);
  expect(rendered()).toBeLessThan(80);

  before.focus();
  await userEvent.tab();
  expect(document.activeElement).toBe(cell('tile-000.png'));
  // The keyboard goes on from there: the next cell is rendered and takes the focus.
  await userEvent.keyboard('{ArrowRight}');
  await until(
    () => document.activeElement === cell('tile-001.png') || undefined,
    'the focus on the next tile',
  );
  before.remove();
});

it('mounts only the rows its measured size holds: none is added, then taken out', async () => {
  library = createMediaLibrary({ name, blobStore: createMemoryBlobStore(), broadcast: false });
  await library.ready;
  await library.importFiles(await Promise.all(Array.from({ length: 240 }, (_, i) => png(i))));
  host = document.createElement('div');
  document.body.append(host);
  const removed: Node[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) removed.push(...record.removedNodes);
  });
  observer.observe(host, { childList: true, subtree: true });
  root = createRoot(host);
  root.render(
    <MediaLibraryProvider library={library}>
      <Grid />
    </MediaLibraryProvider>,
  );
  // Once the grid is in the page, so are its rows, measured in the same task (a guessed,
  // taller view's extra rows would have come and gone by then).
  await until(() => host?.querySelector('[role="grid"]'), 'the grid');
  observer.disconnect();
  expect(host.querySelectorAll('[role="gridcell"]').length).toBeGreaterThan(0);
  const rowsRemoved = removed.filter(
    (node) => node instanceof Element && node.querySelector('[role="gridcell"]'),
  );
  expect(rowsRemoved).toEqual([]);
});

it('lays out only the rows in view with its first cells, and the rows below after a frame', async () => {
  // Outside act(), as a person's page runs: the rows around the view wait for a drawn frame.
  const scope = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  const actEnvironment = scope.IS_REACT_ACT_ENVIRONMENT;
  scope.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    library = createMediaLibrary({ name, blobStore: createMemoryBlobStore(), broadcast: false });
    await library.ready;
    await library.importFiles(await Promise.all(Array.from({ length: 60 }, (_, i) => png(i))));
    host = document.createElement('div');
    document.body.append(host);
    // The rows in the page after each commit that changed them.
    const counts: number[] = [];
    const observer = new MutationObserver(() => {
      const rows = host?.querySelectorAll('[role="row"]').length ?? 0;
      if (rows > 0 && rows !== counts.at(-1)) counts.push(rows);
    });
    observer.observe(host, { childList: true, subtree: true });
    root = createRoot(host);
    root.render(
      <MediaLibraryProvider library={library}>
        <Grid />
      </MediaLibraryProvider>,
    );
    const grid = await until(() => host?.querySelector<HTMLElement>('[role="grid"]'), 'the grid');
    // Settled: no change for half a second.
    let seen = 0;
    for (let quiet = 0; quiet < 20; quiet = counts.length === seen ? quiet + 1 : 0) {
      seen = counts.length;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    observer.disconnect();
    // Before it is measured the grid has its tab stop's row alone; then the rows in view.
    const [inView, settled] = counts.slice(-2) as [number, number];
    const rowHeight = (grid.querySelector('[role="row"]') as HTMLElement).offsetHeight;
    expect(inView).toBeLessThanOrEqual(Math.ceil(grid.clientHeight / rowHeight) + 1);
    // Then, a frame later, three rows below them, ready for a scroll (none above: at the top).
    expect(settled).toBe(inView + 3);
  } finally {
    scope.IS_REACT_ACT_ENVIRONMENT = actEnvironment;
  }
});
