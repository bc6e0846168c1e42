// Mounting a large screen in steps: its first render shows a frame, and each later step (a
// transition, rendered a few milliseconds at a time and committed in a task of its own) adds
// the next part. The cost of a first mount (code run for the first time, styles resolved for
// the first time, floating elements positioned) is spread over several tasks, none of which
// blocks the page for long.
import { startTransition, useEffect, useRef, useState } from 'react';
import { useHydrating } from './use-library-state';

/**
 * The step a screen of `count` steps has reached: 0 on a first render in the browser, then
 * one more after each commit until `count`. A server render, and the browser's hydration of
 * it, are whole from the start (`count`): the server's HTML is the complete screen, and the
 * hydrated screen stays complete.
 *
 * @example
 * const step = useMountStages(2);
 * return <>{header}{step >= 1 && <Toolbar />}{step >= 2 && <SidePanel />}</>;
 */
export function useMountStages(count: number): number {
  const hydrating = useHydrating();
  // A screen that began by hydrating never goes back to a frame.
  const whole = useRef(hydrating);
  const [stage, setStage] = useState(0);
  useEffect(() => {
    if (whole.current || stage >= count) return;
    startTransition(() => setStage(stage + 1));
  }, [stage, count]);
  return whole.current ? count : stage;
}
