// Mounting a large screen in steps: its first render shows a frame, and each later step (a
// transition, rendered a few milliseconds at a time and committed in a task of its own) adds
// the next part, once the browser has drawn the one before. The cost of a first mount (code
// run for the first time, styles resolved and layout done for the first time, floating
// elements positioned) is spread over several tasks and frames, none of which blocks the page
// for long.
import { startTransition, useEffect, useRef, useState } from 'react';
import { useHydrating } from './use-library-state';

/**
 * The step a screen of `count` steps has reached: 0 on a first render in the browser, then
 * one more at each frame the browser draws, until `count` (inside React's `act()`, one more
 * after each commit, so a test's render returns the whole screen). A server render, and the
 * browser's hydration of it, are whole from the start (`count`): the server's HTML is the
 * complete screen, and the hydrated screen stays complete.
 *
 * While `ready` is false the steps wait (at 0 on a first render): a component whose content
 * arrives later shows the least that fills the screen with it first, and the rest once the
 * browser has drawn that (a grid's rows in view first, the rows around them a frame later).
 *
 * @example
 * const step = useMountStages(2);
 * return <>{header}{step >= 1 && <Toolbar />}{step >= 2 && <SidePanel />}</>;
 */
export function useMountStages(count: number, ready = true): number {
  const hydrating = useHydrating();
  // A screen that began by hydrating never goes back to a frame.
  const whole = useRef(hydrating);
  const [stage, setStage] = useState(0);
  useEffect(() => {
    if (whole.current || !ready || stage >= count) return;
    const next = () => startTransition(() => setStage(stage + 1));
    // Inside React's act() (a host's tests) no frame is waited for: act runs every step before
    // it returns, so a test sees the whole screen as soon as it has rendered it.
    if (inActEnvironment()) next();
    else return atNextFrame(next);
  }, [stage, count, ready]);
  return whole.current ? count : stage;
}

/** Whether React runs in an act() environment (set by testing libraries). */
const inActEnvironment = () =>
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT === true;

/** How long a step waits for a frame before it goes on without one (a hidden page draws none). */
const FRAME_WAIT_MS = 100;

/**
 * Runs `next` at the browser's next frame, before it draws: the render that `next` schedules
 * runs after the frame, so the browser lays out and paints each step on its own rather than
 * several steps' worth of new elements in one long frame. Where no frame comes (a hidden page,
 * an environment without frames), it runs after a short wait instead. Returns a cancel.
 */
function atNextFrame(next: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame = 0;
  const cancel = () => {
    clearTimeout(timer);
    if (frame) cancelAnimationFrame(frame);
  };
  const once = () => {
    cancel();
    next();
  };
  timer = setTimeout(once, FRAME_WAIT_MS);
  if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(once);
  return cancel;
}
