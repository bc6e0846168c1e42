// useElementWidth in real Chromium (layout and ResizeObserver): with breakpoints, a component
// renders again only when its element's width crosses one, not when it mounts on the step its
// fallback is on, nor on every pixel of a resize.
import { useRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { useElementWidth } from './use-element-width';

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  root?.unmount();
  host?.remove();
});

const frames = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

/** Records the width each of its renders saw. */
function Probe({ breakpoints, seen }: { breakpoints?: number[]; seen: number[] }) {
  const ref = useRef<HTMLDivElement>(null);
  seen.push(useElementWidth(ref, 1024, breakpoints));
  return <div ref={ref} style={{ width: '100%', height: 10 }} />;
}

async function mount(breakpoints?: number[]) {
  const seen: number[] = [];
  host = document.createElement('div');
  host.style.width = '1000px';
  document.body.append(host);
  root = createRoot(host);
  root.render(<Probe breakpoints={breakpoints} seen={seen} />);
  await frames();
  const resize = async (px: number) => {
    (host as HTMLElement).style.setProperty('width', `${px}px`);
    await frames();
  };
  // The widths in the order they changed (React may render once more with a value unchanged).
  const changes = () => seen.filter((width, i) => i === 0 || width !== seen[i - 1]);
  return { seen, resize, changes };
}

it('with breakpoints, renders once on mount and again only when a breakpoint is crossed', async () => {
  const { seen, resize, changes } = await mount([768]);
  // Measured 1000 on mount: the fallback's step (768) already, so no second render.
  expect(seen).toEqual([768]);
  await resize(900);
  expect(seen).toEqual([768]);
  await resize(500);
  expect(changes()).toEqual([768, 0]);
  await resize(800);
  expect(changes()).toEqual([768, 0, 768]);
});

it('with breakpoints, a mount on another step than the fallback paints the measured one first', async () => {
  const seen: number[] = [];
  host = document.createElement('div');
  host.style.width = '500px';
  document.body.append(host);
  root = createRoot(host);
  root.render(<Probe breakpoints={[768]} seen={seen} />);
  // The frame after the commit: its animation callbacks run before layout and the observer,
  // and a task queued from them runs once the frame has been painted.
  const painted = await new Promise<number[]>((resolve) =>
    requestAnimationFrame(() => setTimeout(() => resolve([...seen]))),
  );
  expect(painted.at(-1)).toBe(0);
  expect(painted).toEqual([768, 0]);
});

it('without breakpoints, reports the measured width after the fallback', async () => {
  const { resize, changes } = await mount();
  expect(changes()).toEqual([1024, 1000]);
  await resize(900);
  expect(changes()).toEqual([1024, 1000, 900]);
});
