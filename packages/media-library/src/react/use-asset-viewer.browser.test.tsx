// The viewer's stage in real Chromium layout: two touch pointers pinch-zoom about their
// midpoint, a one-finger drag pans but never past the image's edges, and ctrl+wheel (a
// trackpad pinch) zooms the image instead of the page.
import { act, type ReactNode, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from '../core/db';
import { createMediaLibrary, type MediaLibraryInstance } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { MediaLibraryProvider } from './media-library-provider';
import { type UseAssetViewerResult, useAssetViewer } from './use-asset-viewer';

let root: Root | undefined;
let host: HTMLElement | undefined;
let library: MediaLibraryInstance | undefined;

afterEach(async () => {
  act(() => root?.unmount());
  host?.remove();
  library?.close();
  if (library) {
    const name = libraryDbName(library.name);
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }
  library = undefined;
});

/** A 400×300 stage at the page's top left, showing a 400×300 "image" (fitted). */
function Stage({ onViewer }: { onViewer(viewer: UseAssetViewerResult): void }) {
  const viewer = useAssetViewer({ ids: ['a'] });
  const { open } = viewer;
  useEffect(() => open('a'), [open]);
  onViewer(viewer);
  const { scale, x, y } = viewer.zoom;
  return (
    <div
      {...viewer.getStageProps()}
      data-testid="stage"
      style={{
        position: 'fixed',
        left: 0,
        top: 0,
        width: 400,
        height: 300,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        overflow: 'hidden',
        touchAction: 'none',
      }}
    >
      <div
        style={{
          width: 400,
          height: 300,
          background: 'teal',
          transform: `translate(${x}px, ${y}px) scale(${scale})`,
        }}
      />
    </div>
  );
}

function render(children: (onViewer: (v: UseAssetViewerResult) => void) => ReactNode) {
  library = createMediaLibrary({
    name: `viewer-stage-${crypto.randomUUID()}`,
    blobStore: createMemoryBlobStore(),
    broadcast: false,
  });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  let latest: UseAssetViewerResult | undefined;
  const made = library;
  act(() =>
    root?.render(
      <MediaLibraryProvider library={made}>{children((v) => (latest = v))}</MediaLibraryProvider>,
    ),
  );
  const stage = host.querySelector<HTMLElement>('[data-testid="stage"]');
  if (!stage) throw new Error('no stage');
  return { stage, viewer: () => latest as UseAssetViewerResult };
}

function touch(stage: HTMLElement, type: string, pointerId: number, x: number, y: number) {
  act(() => {
    stage.dispatchEvent(
      new PointerEvent(type, {
        pointerId,
        pointerType: 'touch',
        isPrimary: pointerId === 1,
        clientX: x,
        clientY: y,
        button: type === 'pointermove' ? -1 : 0,
        buttons: type === 'pointerup' ? 0 : 1,
        bubbles: true,
        cancelable: true,
      }),
    );
  });
}

describe('useAssetViewer on a real stage', () => {
  it('pinch-zooms with two touch pointers about their midpoint', () => {
    const { stage, viewer } = render((onViewer) => <Stage onViewer={onViewer} />);
    // Fingers 100 px apart around the stage's centre (200, 150), spread to 300 px: 3×.
    touch(stage, 'pointerdown', 1, 150, 150);
    touch(stage, 'pointerdown', 2, 250, 150);
    touch(stage, 'pointermove', 1, 50, 150);
    touch(stage, 'pointermove', 2, 350, 150);
    expect(viewer().zoom.scale).toBeCloseTo(3);
    expect(viewer().zoom.x).toBeCloseTo(0);
    expect(viewer().zoom.y).toBeCloseTo(0);
    // Lifting both fingers never counts as a swipe; the zoom stays.
    touch(stage, 'pointerup', 2, 350, 150);
    touch(stage, 'pointerup', 1, 50, 150);
    expect(viewer().currentId).toBe('a');
    expect(viewer().zoom.scale).toBeCloseTo(3);
    expect(stage.dataset.zoomed).toBe('true');
  });

  it('pans with one finger when zoomed, never past the edges of the image', () => {
    const { stage, viewer } = render((onViewer) => <Stage onViewer={onViewer} />);
    act(() => viewer().toggleZoom(2));
    expect(viewer().zoom).toEqual({ scale: 2, x: 0, y: 0 });
    touch(stage, 'pointerdown', 1, 200, 150);
    touch(stage, 'pointermove', 1, 230, 110);
    expect(viewer().zoom).toEqual({ scale: 2, x: 30, y: -40 });
    // At 2× the 400×300 image is 800×600 on a 400×300 stage: 200 px across, 150 down at most.
    touch(stage, 'pointermove', 1, 2000, 2000);
    expect(viewer().zoom).toEqual({ scale: 2, x: 200, y: 150 });
    touch(stage, 'pointerup', 1, 2000, 2000);
    const image = stage.firstElementChild as HTMLElement;
    const box = image.getBoundingClientRect();
    // The image still covers the whole stage: its top-left corner is at the stage's.
    expect([box.left, box.top, box.width, box.height]).toEqual([0, 0, 800, 600]);
  });

  it('zooms on ctrl+wheel about the pointer, and keeps the page from zooming', () => {
    const { stage, viewer } = render((onViewer) => <Stage onViewer={onViewer} />);
    let event: WheelEvent | undefined;
    act(() => {
      event = new WheelEvent('wheel', {
        deltaY: -40,
        ctrlKey: true,
        clientX: 300,
        clientY: 150,
        bubbles: true,
        cancelable: true,
      });
      stage.dispatchEvent(event);
    });
    expect(event?.defaultPrevented).toBe(true);
    const { scale, x } = viewer().zoom;
    expect(scale).toBeCloseTo(Math.exp(0.4));
    // The point under the pointer (100 px right of centre) stays under it, the pan held inside.
    expect(x + scale * 100).toBeCloseTo(100);
  });
});
