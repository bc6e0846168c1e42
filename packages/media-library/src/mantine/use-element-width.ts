// The content width of an element, kept current with a ResizeObserver. The grid derives its
// column count from it; `fallback` serves where layout is not measured (tests, first paint).
import { type RefObject, useEffect, useLayoutEffect, useState } from 'react';

// A server has nothing to measure, and React 18 warns about layout effects in a server render.
const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Width in CSS pixels of `ref`'s element, or `fallback` until (or unless) it measures > 0.
 * The first render is always `fallback`, on the server and while hydrating alike.
 */
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
