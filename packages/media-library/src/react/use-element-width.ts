// The content width of an element, kept current with a ResizeObserver. Presets derive a grid's
// column count and the phone layout from it (a host may embed the screen in a column, so the
// element's width, not the window's); `fallback` serves where layout is not measured.
import { type RefObject, useEffect, useLayoutEffect, useState } from 'react';

// A server has nothing to measure, and React 18 warns about layout effects in a server render.
const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Width in CSS pixels of `ref`'s element, or `fallback` until (or unless) it measures > 0.
 * The first render is always `fallback`, on the server and while hydrating alike.
 *
 * @example
 * const ref = useRef<HTMLDivElement>(null);
 * const narrow = useElementWidth(ref, 1024) < 600;
 * return <div ref={ref}>{narrow ? <PhoneLayout /> : <DesktopLayout />}</div>;
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
