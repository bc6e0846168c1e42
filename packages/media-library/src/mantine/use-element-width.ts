// The content width of an element, kept current with a ResizeObserver. The grid derives its
// column count from it; `fallback` serves where layout is not measured (tests, first paint).
import { type RefObject, useLayoutEffect, useState } from 'react';

/** Width in CSS pixels of `ref`'s element, or `fallback` until (or unless) it measures > 0. */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
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
