// Lineage in the details after a reload, in real Chromium: a crop made in the browser, the
// library closed and opened again (OPFS bytes, IndexedDB records), and the details panel of the
// crop says what it was derived from and links there.
import { MantineProvider } from '@mantine/core';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { libraryDbName } from '../core/db';
import { transformAsset } from '../core/edit/transform-asset';
import { createMediaLibrary, type MediaLibraryInstance } from '../core/library';
import { opfsDirectoryName } from '../core/storage/default-blob-store';
import { MediaLibraryProvider } from '../react/media-library-provider';
import { AssetDetailsPanel } from './asset-details-panel';

const name = `lineage-${crypto.randomUUID()}`;
const open: MediaLibraryInstance[] = [];
let root: Root | undefined;
let host: HTMLElement | undefined;

afterEach(async () => {
  root?.unmount();
  host?.remove();
  for (const library of open.splice(0)) library.close();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(libraryDbName(name));
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
  const directory = await navigator.storage.getDirectory();
  await directory.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
});

async function photo(): Promise<File> {
  const canvas = new OffscreenCanvas(60, 30);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#d03030';
  context.fillRect(0, 0, 30, 30);
  context.fillStyle = '#3060d0';
  context.fillRect(30, 0, 30, 30);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], 'harbour.png', { type: 'image/png' });
}

describe('lineage in the details', () => {
  it('says "Derived from" and links the parent after the library is opened again', async () => {
    const first = createMediaLibrary({ name, broadcast: false });
    open.push(first);
    const [imported] = await first.importFiles([await photo()]);
    if (imported?.status !== 'imported') throw new Error('import failed');
    const original = imported.asset.id;
    const cropped = await transformAsset(first, original, { crop: { aspect: '1:1' } });
    if (cropped.status !== 'imported') throw new Error('transform failed');
    expect([cropped.asset.width, cropped.asset.height]).toEqual([30, 30]);
    first.close();

    const library = createMediaLibrary({ name, broadcast: false });
    open.push(library);
    await library.ready;
    const selected: string[] = [];
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    root.render(
      <MantineProvider>
        <MediaLibraryProvider library={library}>
          <AssetDetailsPanel
            assetId={cropped.asset.id}
            onClose={() => {}}
            collections={[]}
            onSelectAsset={(id) => selected.push(id)}
          />
        </MediaLibraryProvider>
      </MantineProvider>,
    );

    const section = await vi.waitFor(
      () => {
        const found = host?.querySelector('section[aria-label="Versions"]');
        if (!found) throw new Error('no lineage yet');
        return found as HTMLElement;
      },
      { timeout: 20_000 },
    );
    expect(section.textContent).toContain('Derived from harbour.png');
    expect([...section.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'harbour.png · original',
    ]);
    (section.querySelector('button') as HTMLButtonElement).click();
    expect(selected).toEqual([original]);
    expect(host.textContent).toContain('Edited in the browser (crop)');
  }, 60_000);
});
