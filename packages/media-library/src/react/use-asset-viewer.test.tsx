// @vitest-environment happy-dom
// useAssetViewer: moving through the given order, the ends, keys, swipes, zoom, focus return,
// and the bound on object URLs while paging through 10,000 ids.
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { KeyboardEvent, PointerEvent, ReactNode, WheelEvent } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createObjectUrlCache } from '../core/object-url-cache';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { MediaLibrary, ObjectUrlCache } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { type UseAssetViewerOptions, useAssetViewer } from './use-asset-viewer';

let library: MediaLibrary | undefined;
afterEach(() => {
  cleanup();
  library?.close();
  library = undefined;
});

/** A library whose URL cache reads any id, counting live URLs and handles held. */
function setup(options: UseAssetViewerOptions) {
  library = createMediaLibrary({
    name: `use-asset-viewer-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
  });
  let created = 0;
  let revoked = 0;
  let held = 0;
  const acquired: string[] = [];
  const inner = createObjectUrlCache({
    getBlob: async (id, variant) => new Blob([`${variant}:${id}`], { type: 'image/png' }),
    createObjectURL: () => `blob:test/${++created}`,
    revokeObjectURL: () => {
      revoked += 1;
    },
  });
  const urls: ObjectUrlCache = {
    ...inner,
    acquire: async (id, variant) => {
      const handle = await inner.acquire(id, variant);
      acquired.push(`${variant}:${id}`);
      held += 1;
      let released = false;
      return {
        url: handle.url,
        release: () => {
          if (released) return;
          released = true;
          held -= 1;
          handle.release();
        },
      };
    },
  };
  const real = library;
  const withUrls = new Proxy(real, {
    get: (target, key) => (key === 'urls' ? urls : Reflect.get(target, key)),
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={withUrls}>{children}</MediaLibraryProvider>
  );
  const hook = renderHook((props: UseAssetViewerOptions) => useAssetViewer(props), {
    wrapper,
    initialProps: options,
  });
  return {
    hook,
    acquired,
    counts: () => ({ live: created - revoked, held, created, cacheSize: inner.size() }),
  };
}

const key = (k: string) =>
  ({
    key: k,
    target: document.body,
    preventDefault: vi.fn(),
  }) as unknown as KeyboardEvent<HTMLElement>;
const pointer = (type: 'down' | 'move' | 'up', x: number, y = 0) =>
  ({
    button: 0,
    pointerId: 1,
    clientX: x,
    clientY: y,
    type,
  }) as unknown as PointerEvent<HTMLElement>;

describe('useAssetViewer', () => {
  it('moves through the given order and stops at the ends', () => {
    const { hook } = setup({ ids: ['a', 'b', 'c'] });
    expect(hook.result.current.opened).toBe(false);
    act(() => hook.result.current.open('b'));
    expect(hook.result.current).toMatchObject({ currentId: 'b', index: 1, count: 3 });
    act(() => hook.result.current.next());
    expect(hook.result.current.currentId).toBe('c');
    expect(hook.result.current.hasNext).toBe(false);
    act(() => hook.result.current.next());
    expect(hook.result.current.currentId).toBe('c');
    act(() => hook.result.current.first());
    expect(hook.result.current.currentId).toBe('a');
    act(() => hook.result.current.previous());
    expect(hook.result.current.currentId).toBe('a');
    // A new order (re-sorted results) is followed from where the viewer is.
    hook.rerender({ ids: ['c', 'a', 'b'] });
    act(() => hook.result.current.next());
    expect(hook.result.current.currentId).toBe('b');
    act(() => hook.result.current.close());
    expect(hook.result.current).toMatchObject({ opened: false, index: -1 });
  });

  it('wraps around the ends when asked to', () => {
    const { hook } = setup({ ids: ['a', 'b', 'c'], wrap: true });
    act(() => hook.result.current.open('c'));
    act(() => hook.result.current.next());
    expect(hook.result.current.currentId).toBe('a');
    act(() => hook.result.current.previous());
    expect(hook.result.current.currentId).toBe('c');
  });

  it('answers arrows, Home, End and Escape, and zoom keys', () => {
    const { hook } = setup({ ids: ['a', 'b', 'c', 'd'] });
    act(() => hook.result.current.open('b'));
    const press = (k: string) => {
      const event = key(k);
      act(() => hook.result.current.getViewerProps().onKeyDown(event));
      return event;
    };
    expect(press('ArrowRight').preventDefault).toHaveBeenCalled();
    expect(hook.result.current.currentId).toBe('c');
    press('ArrowLeft');
    press('ArrowLeft');
    expect(hook.result.current.currentId).toBe('a');
    press('End');
    expect(hook.result.current.currentId).toBe('d');
    press('Home');
    expect(hook.result.current.currentId).toBe('a');
    press('+');
    expect(hook.result.current.zoom.scale).toBeCloseTo(1.25);
    press('+');
    press('-');
    expect(hook.result.current.zoom.scale).toBeCloseTo(1.25);
    press('0');
    expect(hook.result.current.zoom).toEqual({ scale: 1, x: 0, y: 0 });
    expect(press('q').preventDefault).not.toHaveBeenCalled();
    press('Escape');
    expect(hook.result.current.opened).toBe(false);
  });

  it('moves on a horizontal swipe past the threshold, not on a short or vertical drag', () => {
    const { hook } = setup({ ids: ['a', 'b', 'c'], swipeThreshold: 50 });
    act(() => hook.result.current.open('b'));
    const drag = (from: [number, number], to: [number, number]) => {
      act(() => hook.result.current.getStageProps().onPointerDown(pointer('down', ...from)));
      act(() => hook.result.current.getStageProps().onPointerUp(pointer('up', ...to)));
    };
    drag([200, 100], [170, 100]);
    expect(hook.result.current.currentId).toBe('b');
    drag([200, 100], [180, 300]);
    expect(hook.result.current.currentId).toBe('b');
    drag([200, 100], [100, 110]);
    expect(hook.result.current.currentId).toBe('c');
    drag([100, 100], [200, 90]);
    expect(hook.result.current.currentId).toBe('b');
  });

  it('zooms with the wheel and double click, pans while zoomed, and resets on a move', () => {
    const { hook } = setup({ ids: ['a', 'b'] });
    act(() => hook.result.current.open('a'));
    const stage = () => hook.result.current.getStageProps(3);
    expect(stage()['data-zoomed']).toBe('false');
    act(() => stage().onWheel({ deltaY: -200 } as WheelEvent<HTMLElement>));
    expect(hook.result.current.zoom.scale).toBeGreaterThan(1);
    act(() => stage().onDoubleClick());
    expect(hook.result.current.zoom).toEqual({ scale: 1, x: 0, y: 0 });
    act(() => stage().onDoubleClick());
    expect(hook.result.current.zoom.scale).toBe(3);
    // Zoomed, a drag pans instead of moving to the next asset.
    act(() => stage().onPointerDown(pointer('down', 300, 300)));
    act(() => stage().onPointerMove(pointer('move', 200, 280)));
    act(() => stage().onPointerUp(pointer('up', 200, 280)));
    expect(hook.result.current.zoom).toEqual({ scale: 3, x: -100, y: -20 });
    expect(hook.result.current.currentId).toBe('a');
    act(() => hook.result.current.next());
    expect(hook.result.current.zoom).toEqual({ scale: 1, x: 0, y: 0 });
    // Zoom stays within fitted and the largest scale.
    act(() => stage().onWheel({ deltaY: 100_000 } as WheelEvent<HTMLElement>));
    expect(hook.result.current.zoom.scale).toBe(1);
    act(() => stage().onWheel({ deltaY: -100_000 } as WheelEvent<HTMLElement>));
    expect(hook.result.current.zoom.scale).toBe(8);
  });

  it('gives the focus back to what had it before opening', async () => {
    const { hook } = setup({ ids: ['a', 'b'] });
    const tile = document.createElement('button');
    document.body.append(tile);
    tile.focus();
    act(() => hook.result.current.open('a'));
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    elsewhere.focus();
    act(() => hook.result.current.close());
    expect(document.activeElement).toBe(tile);
    tile.remove();
    elsewhere.remove();
  });

  it('holds the original and the neighbours’ thumbnails only, and releases them on close', async () => {
    const { hook, acquired, counts } = setup({ ids: ['a', 'b', 'c', 'd'] });
    act(() => hook.result.current.open('b'));
    await waitFor(() => expect(hook.result.current.originalUrl).toMatch(/^blob:/));
    await waitFor(() => expect(Object.keys(hook.result.current.neighbourUrls)).toEqual(['a', 'c']));
    expect(new Set(acquired)).toEqual(new Set(['original:b', 'thumbnail:a', 'thumbnail:c']));
    expect(counts().held).toBe(3);
    act(() => hook.result.current.close());
    expect(counts().held).toBe(0);
    expect(hook.result.current.originalUrl).toBeUndefined();
  });

  it('keeps the object URLs bounded while paging 200 times through 10,000 assets', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `asset-${i}`);
    const { hook, counts } = setup({ ids });
    act(() => hook.result.current.open('asset-5000'));
    for (let step = 0; step < 200; step++) {
      act(() => hook.result.current.next());
      const expected = `original:asset-${5001 + step}`;
      // The fake reads settle within a task: no polling interval per step.
      const settled = () =>
        hook.result.current.originalUrl !== undefined &&
        Object.keys(hook.result.current.neighbourUrls).length === 2;
      for (let tries = 0; tries < 50 && !settled(); tries++)
        await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
      expect(settled()).toBe(true);
      expect(hook.result.current.currentId).toBe(expected.slice('original:'.length));
      expect(counts().held).toBe(3);
    }
    // Three held; the cache keeps at most 50 idle ones warm for going back, revoking the rest.
    const { live, cacheSize } = counts();
    expect(live).toBe(cacheSize);
    expect(live).toBeLessThanOrEqual(3 + 50);
    // 200 moves made far more URLs than are alive: the bound comes from revoking.
    expect(counts().created).toBeGreaterThan(400);
    act(() => hook.result.current.close());
    expect(counts().held).toBe(0);
  }, 20_000);
});
