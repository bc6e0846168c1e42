// useMaskCanvas in real Chromium: a pointer stroke and a keyboard dab give an exported PNG of
// the image's size that is transparent exactly where the canvas was painted and opaque
// elsewhere; undo (button and Ctrl+Z) and the eraser take paint away again.
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { type UseMaskCanvasResult, useMaskCanvas } from './use-mask-canvas';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

const W = 80;
const H = 60;

const view: { current?: UseMaskCanvasResult } = {};

function Painter({ brushSize }: { brushSize: number }) {
  const mask = useMaskCanvas({ width: W, height: H, brushSize });
  view.current = mask;
  // Shown at twice the pixel size, so the pointer mapping is exercised.
  return createElement('canvas', {
    ...mask.getCanvasProps(),
    style: { touchAction: 'none', width: W * 2, height: H * 2, display: 'block' },
  });
}

function mount(brushSize = 10) {
  host = document.createElement('div');
  host.style.cssText = 'position:fixed;left:0;top:0';
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(createElement(Painter, { brushSize })));
  const canvas = host.querySelector('canvas') as HTMLCanvasElement;
  return { view: view as { current: UseMaskCanvasResult }, canvas };
}

/** Alpha of every pixel of the painted canvas, then of the exported mask. */
async function alphas(canvas: HTMLCanvasElement, blob: Blob) {
  const painted = canvas.getContext('2d')?.getImageData(0, 0, W, H).data as Uint8ClampedArray;
  const bitmap = await createImageBitmap(blob);
  const probe = document.createElement('canvas');
  probe.width = bitmap.width;
  probe.height = bitmap.height;
  const ctx = probe.getContext('2d') as CanvasRenderingContext2D;
  ctx.drawImage(bitmap, 0, 0);
  const mask = ctx.getImageData(0, 0, W, H).data;
  return { painted, mask, width: bitmap.width, height: bitmap.height };
}

function pointer(canvas: HTMLCanvasElement, type: string, x: number, y: number) {
  const rect = canvas.getBoundingClientRect();
  canvas.dispatchEvent(
    new PointerEvent(type, {
      bubbles: true,
      button: 0,
      buttons: type === 'pointerup' ? 0 : 1,
      pointerId: 1,
      clientX: rect.left + x * 2,
      clientY: rect.top + y * 2,
    }),
  );
}

function key(canvas: HTMLCanvasElement, k: string, init: KeyboardEventInit = {}) {
  act(() => {
    canvas.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, ...init }));
  });
}

describe('useMaskCanvas', () => {
  it('exports a PNG of the image size, transparent exactly where a stroke painted', async () => {
    const { view, canvas } = mount();
    const empty = await alphas(canvas, await view.current.toBlob());
    expect([empty.width, empty.height]).toEqual([W, H]);
    expect(empty.mask.every((v, i) => i % 4 !== 3 || v === 255)).toBe(true);

    act(() => {
      pointer(canvas, 'pointerdown', 10, 10);
      pointer(canvas, 'pointermove', 30, 10);
      pointer(canvas, 'pointerup', 30, 10);
    });
    expect(view.current.painted).toBe(true);
    const { painted, mask } = await alphas(canvas, await view.current.toBlob());
    let transparent = 0;
    for (let i = 3; i < mask.length; i += 4) {
      // Painted: alpha 16 or more on the canvas (the hook's threshold for a soft edge).
      expect(mask[i] === 0).toBe((painted[i] as number) >= 16);
      if (mask[i] === 0) transparent++;
      else expect(mask[i]).toBe(255);
    }
    // A 20 px line with a 10 px round brush: at least its straight body, never half the image.
    expect(transparent).toBeGreaterThan(20 * 8);
    expect(transparent).toBeLessThan((W * H) / 2);
    const at = (x: number, y: number) => mask[(y * W + x) * 4 + 3];
    expect(at(20, 10)).toBe(0);
    expect(at(20, 40)).toBe(255);
    expect(at(60, 10)).toBe(255);
  });

  it('undo (the button and Ctrl+Z) restores the mask before each stroke', async () => {
    const { view, canvas } = mount();
    act(() => {
      pointer(canvas, 'pointerdown', 10, 10);
      pointer(canvas, 'pointerup', 10, 10);
    });
    const first = (await alphas(canvas, await view.current.toBlob())).mask;
    act(() => {
      pointer(canvas, 'pointerdown', 60, 40);
      pointer(canvas, 'pointerup', 60, 40);
    });
    const second = (await alphas(canvas, await view.current.toBlob())).mask;
    expect(second[(40 * W + 60) * 4 + 3]).toBe(0);
    key(canvas, 'z', { ctrlKey: true });
    const undone = (await alphas(canvas, await view.current.toBlob())).mask;
    expect([...undone]).toEqual([...first]);
    expect(view.current.canUndo).toBe(true);
    act(() => view.current.undo());
    expect(view.current.painted).toBe(false);
    expect(view.current.canUndo).toBe(false);
  });

  it('paints from the keyboard at a cursor the arrow keys move, and erases', async () => {
    const { view, canvas } = mount(8);
    expect(view.current.cursor).toEqual({ x: 40, y: 30 });
    key(canvas, 'ArrowRight', { shiftKey: true });
    key(canvas, 'ArrowDown');
    expect(view.current.cursor).toEqual({ x: 48, y: 32 });
    key(canvas, ' ');
    const { mask } = await alphas(canvas, await view.current.toBlob());
    expect(mask[(32 * W + 48) * 4 + 3]).toBe(0);
    expect(mask[(30 * W + 40) * 4 + 3]).toBe(255);
    act(() => view.current.setTool('eraser'));
    key(canvas, ' ');
    expect(view.current.painted).toBe(false);
    const erased = (await alphas(canvas, await view.current.toBlob())).mask;
    expect(erased[(32 * W + 48) * 4 + 3]).toBe(255);
  });
});
