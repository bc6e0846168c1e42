// Live object URLs while scrolling a windowed React list through a 10,000-asset library: with
// useAssetUrl and the library's URL cache, what stays alive must be bounded by what is visible
// (plus the cache's warm idle set), not by how many assets were scrolled past.
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { test } from 'vitest';
import { createMediaLibrary } from '../../packages/media-library/src/core/library';
import { createMemoryBlobStore } from '../../packages/media-library/src/core/storage/memory-blob-store';
import type { MediaLibrary } from '../../packages/media-library/src/core/types';
import { MediaLibraryProvider } from '../../packages/media-library/src/react/media-library-provider';
import { useAssetUrl } from '../../packages/media-library/src/react/use-asset-url';
import type { BenchRow } from '../lib/report';
import { writeResults } from '../lib/write-browser';

const assetCount = 10_000;
const rowHeight = 24;
const visibleRows = 40;
// The cache's default number of unused URLs kept warm (createObjectUrlCache's maxIdle).
const maxIdle = 50;

// A 1×1 transparent PNG: every asset shares these bytes (imported with keepDuplicates), so
// the library holds 10,000 records without 10,000 distinct files to generate.
const pngBytes = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

async function fillLibrary(library: MediaLibrary): Promise<string[]> {
  const batch = 500;
  for (let start = 0; start < assetCount; start += batch) {
    const files = Array.from(
      { length: Math.min(batch, assetCount - start) },
      (_, i) => new File([pngBytes], `pixel-${start + i}.png`, { type: 'image/png' }),
    );
    await library.importFiles(files, { keepDuplicates: true });
  }
  return library.query({ sort: { field: 'name', direction: 'asc' } }).items.map((a) => a.id);
}

function Row({ id, index }: { id: string; index: number }) {
  const { url, status } = useAssetUrl(id, 'thumbnail');
  return createElement(
    'div',
    {
      'data-row': '',
      'data-status': status,
      style: { position: 'absolute', top: index * rowHeight, height: rowHeight },
    },
    url ? createElement('img', { src: url, width: 16, height: 16, alt: '' }) : null,
  );
}

/** A windowed list: only the rows inside the viewport are mounted. */
function WindowedList({ ids }: { ids: string[] }) {
  const [first, setFirst] = useState(0);
  const rows = ids.slice(first, first + visibleRows);
  return createElement(
    'div',
    {
      'data-testid': 'viewport',
      style: { height: visibleRows * rowHeight, overflowY: 'auto', position: 'relative' },
      onScroll: (event: { currentTarget: HTMLElement }) =>
        setFirst(Math.floor(event.currentTarget.scrollTop / rowHeight)),
    },
    createElement(
      'div',
      { style: { height: ids.length * rowHeight, position: 'relative' } },
      rows.map((id, i) => createElement(Row, { key: id, id, index: first + i })),
    ),
  );
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Waits until every mounted row shows its URL (the scroll "settled"), or gives up. */
async function settled(container: HTMLElement): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await frame();
    const rows = container.querySelectorAll('[data-row]');
    if (rows.length > 0 && [...rows].every((r) => r.getAttribute('data-status') === 'ready')) {
      return;
    }
  }
}

test('live object URLs after scrolling a 10,000-asset list', async () => {
  const library = createMediaLibrary({
    name: `url-memory-${Date.now()}`,
    blobStore: createMemoryBlobStore(),
    thumbnails: false,
    broadcast: false,
  });
  await library.ready;
  const importStarted = performance.now();
  const ids = await fillLibrary(library);
  const importMs = performance.now() - importStarted;

  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  root.render(
    createElement(MediaLibraryProvider, { library }, createElement(WindowedList, { ids })),
  );
  await settled(container);
  const viewport = container.querySelector('[data-testid="viewport"]') as HTMLElement;

  // Scroll the whole list, a third of a screen at a time, letting each position load.
  let peak = library.urls.size();
  let steps = 0;
  const scrollStarted = performance.now();
  const step = Math.floor((visibleRows * rowHeight) / 3);
  for (let top = 0; top <= ids.length * rowHeight; top += step) {
    viewport.scrollTop = top;
    viewport.dispatchEvent(new Event('scroll'));
    await settled(container);
    peak = Math.max(peak, library.urls.size());
    steps++;
  }
  const scrollMs = performance.now() - scrollStarted;
  const visible = container.querySelectorAll('[data-row]').length;
  const atEnd = library.urls.size();
  // After the grace period only what is on screen stays alive.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const afterGrace = library.urls.size();

  const bound = visible + maxIdle;
  const seen = { name: 'one URL per asset scrolled past (no cache)', value: ids.length };
  const rows: BenchRow[] = [
    {
      name: 'live URLs at the end of the scroll',
      value: atEnd,
      unit: 'urls',
      baseline: seen,
      ratio: seen.value / atEnd,
      target: `≤ visible + maxIdle (${bound})`,
      met: atEnd <= bound,
      note: `${visible} rows visible, ${steps} scroll steps in ${(scrollMs / 1000).toFixed(1)} s`,
    },
    {
      name: 'peak live URLs during the scroll',
      value: peak,
      unit: 'urls',
      baseline: seen,
      ratio: seen.value / peak,
      target: `≤ visible + maxIdle (${bound})`,
      met: peak <= bound,
    },
    {
      name: 'live URLs 2.5 s after scrolling stopped',
      value: afterGrace,
      unit: 'urls',
      target: `= visible (${visible})`,
      met: afterGrace === visible,
      note: `library of ${ids.length} assets imported in ${(importMs / 1000).toFixed(1)} s`,
    },
  ];
  await writeResults('url-memory', rows);

  root.unmount();
  container.remove();
  await library.clear();
  library.close();
});
