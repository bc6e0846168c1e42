// useMountStages in real Chromium, outside act() as a person's page runs it: each step commits
// after the browser has drawn the one before, so no frame has to lay out several steps at once.
import { useLayoutEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useMountStages } from './use-mount-stages';

const scope = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
let actEnvironment: boolean | undefined;
let root: Root | undefined;
let host: HTMLElement | undefined;
beforeEach(() => {
  actEnvironment = scope.IS_REACT_ACT_ENVIRONMENT;
  scope.IS_REACT_ACT_ENVIRONMENT = false;
});
afterEach(() => {
  root?.unmount();
  host?.remove();
  scope.IS_REACT_ACT_ENVIRONMENT = actEnvironment;
});

/** Notes, for each step it commits, how many frames the browser had begun by then. */
function Steps({
  count,
  frames,
  committed,
}: {
  count: number;
  frames: () => number;
  committed: number[][];
}) {
  const step = useMountStages(count);
  useLayoutEffect(() => {
    committed.push([step, frames()]);
  }, [step, frames, committed]);
  return <p>{step === count ? 'whole' : `step ${step}`}</p>;
}

it('commits each step in a frame of its own', async () => {
  let frameCount = 0;
  let counting = true;
  const count = () => {
    frameCount++;
    if (counting) requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
  const committed: number[][] = [];
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  root.render(<Steps count={4} frames={() => frameCount} committed={committed} />);
  await expect.poll(() => host?.textContent, { timeout: 5_000 }).toBe('whole');
  counting = false;

  expect(committed.map(([step]) => step)).toEqual([0, 1, 2, 3, 4]);
  // Every step after the first was committed in a later frame than the step before it.
  for (let i = 1; i < committed.length; i++)
    expect((committed[i] as number[])[1]).toBeGreaterThan(
      (committed[i - 1] as number[])[1] as number,
    );
});

it('goes on without frames where the page draws none', async () => {
  const original = window.requestAnimationFrame;
  // A page that draws no frame: its frame callbacks never run.
  window.requestAnimationFrame = () => 1;
  try {
    const committed: number[][] = [];
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    root.render(<Steps count={2} frames={() => 0} committed={committed} />);
    await expect.poll(() => host?.textContent, { timeout: 5_000 }).toBe('whole');
    expect(committed.map(([step]) => step)).toEqual([0, 1, 2]);
  } finally {
    window.requestAnimationFrame = original;
  }
});

/** Notes, for each commit, whether it was ready and drawn, and the frames begun by then. */
function Drawn({
  ready,
  frames,
  committed,
}: {
  ready: boolean;
  frames: () => number;
  committed: [ready: boolean, drawn: boolean, frame: number][];
}) {
  const drawn = useMountStages(1, ready) === 1;
  useLayoutEffect(() => {
    committed.push([ready, drawn, frames()]);
  }, [ready, drawn, frames, committed]);
  return <p>{drawn ? 'drawn' : ready ? 'ready' : 'waiting'}</p>;
}

it('waits while not ready, then takes its step in a later frame than the first ready one', async () => {
  let frameCount = 0;
  let counting = true;
  const count = () => {
    frameCount++;
    if (counting) requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
  const committed: [boolean, boolean, number][] = [];
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const frames = () => frameCount;
  root.render(<Drawn ready={false} frames={frames} committed={committed} />);
  // Not ready: it stays false however many frames pass.
  for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  expect(host.textContent).toBe('waiting');
  root.render(<Drawn ready frames={frames} committed={committed} />);
  await expect.poll(() => host?.textContent, { timeout: 5_000 }).toBe('drawn');
  counting = false;

  const firstReady = committed.find(([ready]) => ready);
  const firstDrawn = committed.find(([, drawn]) => drawn);
  expect(firstReady?.[1]).toBe(false);
  expect(firstDrawn?.[2]).toBeGreaterThan(firstReady?.[2] as number);
  // Ready again later, it stays true.
  root.render(<Drawn ready={false} frames={frames} committed={committed} />);
  await expect.poll(() => host?.textContent).toBe('drawn');
});
