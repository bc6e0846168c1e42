// The content width of an element, kept current with a ResizeObserver: the screen lays itself
// out for a phone by its own width, not the window's, since a host may embed it in a column.
import { type RefObject, useEffect, useLayoutEffect, useState } from 'react';

// A server has nothing to measure, and React 18 warns about layout effects in a server render.
const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/** Width in CSS px of `ref`'s element, or `fallback` until (or unless) it measures > 0. */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(0);
  useClientLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width > 0 ? width : fallback;
}
