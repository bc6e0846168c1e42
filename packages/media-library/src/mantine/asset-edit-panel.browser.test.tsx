// The edit studio's crop rectangle in real Chromium: Adjust shows the 1:1 rectangle over the
// image, Shift and the arrows shrink it, a pointer drag moves it, and Crop makes a new asset
// of exactly that rectangle's pixels, its source naming the rectangle and the original.
import { MantineProvider } from '@mantine/core';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from '../core/db';
import { createMediaLibrary, type MediaLibraryInstance } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { MediaLibraryProvider } from '../react/media-library-provider';
import { AssetEditPanel } from './asset-edit-panel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const name = `crop-ui-${crypto.randomUUID()}`;
let library: MediaLibraryInstance | undefined;
let root: Root | undefined;
let host: HTMLElement | undefined;

afterEach(async () => {
  act(() => root?.unmount());
  host?.remove();
  library?.close();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(libraryDbName(name));
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
});

/** 200 × 100: red left half, blue right half. */
async function photo(): Promise<File> {
  const canvas = new OffscreenCanvas(200, 100);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = 'rgb(255 0 0)';
  context.fillRect(0, 0, 100, 100);
  context.fillStyle = 'rgb(0 0 255)';
  context.fillRect(100, 0, 100, 100);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], 'halves.png', { type: 'image/png' });
}

async function until<T>(read: () => T | undefined | null, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  }
}

function button(label: string): HTMLButtonElement | undefined {
  return [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
}

describe('the crop rectangle', () => {
  it('crops exactly the rectangle set with the keyboard and a drag', async () => {
    library = createMediaLibrary({ name, blobStore: createMemoryBlobStore(), broadcast: false });
    await library.ready;
    const [imported] = await library.importFiles([await photo()]);
    if (imported?.status !== 'imported') throw new Error('import failed');
    const original = imported.asset;
    host = document.createElement('div');
    host.style.width = '400px';
    document.body.append(host);
    root = createRoot(host);
    const lib = library;
    act(() =>
      root?.render(
        <MantineProvider>
          <MediaLibraryProvider library={lib}>
            <AssetEditPanel assetId={original.id} />
          </MediaLibraryProvider>
        </MantineProvider>,
      ),
    );
    const adjust = await until(() => button('Adjust'));
    act(() => adjust.click());
    const area = await until(() =>
      document.querySelector<HTMLElement>('[role="application"][aria-label="Crop area"]'),
    );
    expect(document.body.textContent).toContain('Crop 100 × 100 at 50, 0');
    act(() => area.focus());
    // Steps of 1% of the longer side (2 pixels): 10 Shift+Up take 20 off each side.
    for (let i = 0; i < 10; i++) {
      act(() => {
        area.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'ArrowUp', shiftKey: true, bubbles: true }),
        );
      });
    }
    expect(document.body.textContent).toContain('Crop 80 × 80 at 50, 0');
    // Drag from inside the rectangle 30 image pixels to the right and 10 down.
    const box = area.getBoundingClientRect();
    const scale = box.width / 200;
    const at = (x: number, y: number) => ({
      clientX: box.left + x * scale,
      clientY: box.top + y * scale,
      bubbles: true,
      button: 0,
      pointerId: 1,
    });
    act(() => {
      area.dispatchEvent(new PointerEvent('pointerdown', at(60, 10)));
      area.dispatchEvent(new PointerEvent('pointermove', at(90, 20)));
      area.dispatchEvent(new PointerEvent('pointerup', at(90, 20)));
    });
    expect(document.body.textContent).toContain('Crop 80 × 80 at 80, 10');

    act(() => button('Crop')?.click());
    const made = await until(() =>
      lib.query().items.find((a) => a.id !== original.id && a.source.type === 'edit'),
    );
    expect(made.source).toEqual({
      type: 'edit',
      operation: 'crop',
      parentId: original.id,
      crop: { x: 80, y: 10, width: 80, height: 80 },
    });
    expect([made.width, made.height]).toEqual([80, 80]);
    // Columns 80–99 were red, 100–159 blue.
    const bitmap = await createImageBitmap((await lib.getBlob(made.id)) as Blob);
    const canvas = new OffscreenCanvas(80, 80);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.drawImage(bitmap, 0, 0);
    expect([...context.getImageData(5, 40, 1, 1).data.slice(0, 3)]).toEqual([255, 0, 0]);
    expect([...context.getImageData(60, 40, 1, 1).data.slice(0, 3)]).toEqual([0, 0, 255]);
  });
});
