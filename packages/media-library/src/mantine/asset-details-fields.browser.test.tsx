// The details' text areas grow with their text, in a real browser: by CSS where the browser
// sizes fields to their content (Chromium), by Mantine's autosize elsewhere (Firefox ESR runs
// this file too). Either way nothing a person wrote is hidden behind a scroll.
import { MantineProvider } from '@mantine/core';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { libraryDbName } from '../core/db';
import { createMediaLibrary, type MediaLibraryInstance } from '../core/library';
import { opfsDirectoryName } from '../core/storage/default-blob-store';
import { MediaLibraryProvider } from '../react/media-library-provider';
import { AssetDetailsPanel } from './asset-details-panel';

const name = `details-fields-${crypto.randomUUID()}`;
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
  const directory = await navigator.storage.getDirectory();
  await directory.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
});

async function photo(): Promise<File> {
  const canvas = new OffscreenCanvas(8, 8);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#3060d0';
  context.fillRect(0, 0, 8, 8);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], 'lake.png', { type: 'image/png' });
}

const field = (label: string) =>
  vi.waitFor(
    () => {
      const found = [...(host?.querySelectorAll('textarea') ?? [])].find((area) =>
        area.labels?.[0]?.textContent?.startsWith(label),
      );
      if (!found) throw new Error(`no ${label} field yet`);
      return found;
    },
    { timeout: 20_000 },
  );

/** Whether every line of the field's text is in view (nothing scrolled out of it). */
const fits = (area: HTMLTextAreaElement) => area.scrollHeight <= area.clientHeight + 1;

describe('the details text areas', () => {
  it('are one line tall when empty and grow to show every line of their text', async () => {
    library = createMediaLibrary({ name, broadcast: false });
    const [result] = await library.importFiles([await photo()]);
    if (result?.status !== 'imported') throw new Error('import failed');
    const { id } = result.asset;
    const long = [
      'A lake at dawn,',
      'mist over the water,',
      'two herons,',
      'one boat,',
      'no wind.',
    ];
    await library.update(id, { description: long.join('\n') });

    host = document.createElement('div');
    host.style.width = '360px';
    document.body.append(host);
    root = createRoot(host);
    root.render(
      <MantineProvider>
        <MediaLibraryProvider library={library}>
          <AssetDetailsPanel assetId={id} onClose={() => {}} collections={[]} />
        </MediaLibraryProvider>
      </MantineProvider>,
    );

    const alt = await field('Alt text');
    const description = await field('Description');
    await vi.waitFor(() => expect(description.value).toBe(long.join('\n')));
    // A line is at least one font size tall; one line and the field's padding stay under four.
    const em = Number.parseFloat(getComputedStyle(description).fontSize);
    await vi.waitFor(() => {
      expect(fits(description)).toBe(true);
      expect(description.clientHeight).toBeGreaterThanOrEqual(em * 5);
      expect(fits(alt)).toBe(true);
      expect(alt.clientHeight).toBeLessThan(em * 4);
    });

    // Written into, the empty field grows with each line.
    const before = alt.clientHeight;
    alt.focus();
    const input = (value: string) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      setter?.call(alt, value);
      alt.dispatchEvent(new Event('input', { bubbles: true }));
    };
    input('A grey heron\nstanding\nin shallow water');
    await vi.waitFor(() => {
      expect(fits(alt)).toBe(true);
      expect(alt.clientHeight).toBeGreaterThanOrEqual(before + em * 2);
    });
  });
});
