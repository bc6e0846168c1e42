// The content width of an element, kept current with a ResizeObserver. Presets derive a grid's
// column count and the phone layout from it (a host may embed the screen in a column, so the
// element's width, not the window's); `fallback` serves where layout is not measured.
import { type RefObject, useCallback, useMemo, useState } from 'react';
import { useClientLayoutEffect } from './use-client-layout-effect';

/**
 * Width in CSS pixels of `ref`'s element, or `fallback` until (or unless) it measures > 0.
 * The first render is always `fallback`, on the server and while hydrating alike. A plain width
 * is measured once the browser has laid the page out (a render of its own follows); a stepped
 * one (below) is read as the element mounts, so the first paint is already on the right step.
 *
 * With `breakpoints` (ascending), the width is reported as the largest breakpoint it reaches
 * (0 below them all), the fallback too: a component that only asks "phone or desktop?"
 * renders again only when the width crosses one, not on mount nor on every pixel of a resize.
 *
 * @example
 * const ref = useRef<HTMLDivElement>(null);
 * const narrow = useElementWidth(ref, 1024) < 600;
 * return <div ref={ref}>{narrow ? <PhoneLayout /> : <DesktopLayout />}</div>;
 */
export function useElementWidth(
  ref: RefObject<HTMLElement | null>,
  fallback: number,
  breakpoints?: readonly number[],
): number {
  // The same breakpoints in a new array (a literal in the caller) are the same breakpoints.
  const key = breakpoints?.join(',');
  const steps = useMemo(() => key?.split(',').map(Number), [key]);
  const step = useCallback(
    (width: number) =>
      steps ? steps.reduce((reached, at) => (width >= at ? at : reached), 0) : width,
    [steps],
  );
  // Stepped, the fallback is a measured value like any other, so a first measurement on the
  // same step changes nothing and renders nothing.
  const [width, setWidth] = useState(steps ? step(fallback) : 0);
  useClientLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const read = () => {
      if (steps && element.clientWidth === 0) return;
      setWidth(step(element.clientWidth));
    };
    // A breakpoint is read at once, so the first paint already has the right layout (a phone's
    // screen never flashes the desktop one). A plain width comes from the observer's first
    // report, given once the browser has laid the page out: read here, it would make the
    // browser lay out the newly mounted page inside React's commit, one long task with it.
    if (steps || typeof ResizeObserver === 'undefined') read();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, steps, step]);
  if (steps) return width;
  return width > 0 ? width : fallback;
}
