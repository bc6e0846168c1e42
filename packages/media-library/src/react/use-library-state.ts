// The one bridge from the library's store to React. A change the library publishes re-renders
// the components whose selected value changed, as a transition: React renders them a few
// milliseconds at a time and never blocks a frame, where an external-store subscription
// (useSyncExternalStore) would render them all in one task, however large the screen.
import {
  startTransition,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { MediaLibraryState } from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';
import { useClientLayoutEffect } from './use-client-layout-effect';

/**
 * The state every server render shows, and so every hydrating render in the browser: the
 * library before anything loaded. The browser's library may be further along by the time the
 * page hydrates; React renders its real state right after, without a mismatch.
 */
export const serverState: MediaLibraryState = Object.freeze({
  status: 'loading',
  assets: new Map(),
  trash: new Map(),
  collections: new Map(),
  revision: 0,
});

const noSubscription = () => () => undefined;
const inBrowser = () => false;
const onServer = () => true;

/**
 * True on the server and while the browser hydrates what the server rendered, false in every
 * other render: React takes the server's value while hydrating and renders again with the
 * browser's once done.
 */
export function useHydrating(): boolean {
  return useSyncExternalStore(noSubscription, inBrowser, onServer);
}

/**
 * Subscribes to the library's state and returns `selector(state)`. The component re-renders
 * only when the selected value changes according to `isEqual` (default `Object.is`). Internal
 * to the React binding; `hookName` names the public hook in the missing-provider error.
 *
 * A render reads the library's latest state; a change published between renders schedules the
 * re-render as a transition, so the components it touches render in slices, together.
 */
export function useLibraryState<T>(
  selector: (state: MediaLibraryState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
  hookName = 'useLibraryState',
): T {
  const { library } = useMediaLibraryContext(hookName);
  const hydrating = useHydrating();
  // The last state and selector seen, and what they selected: a selector may build a fresh
  // array each time; while `isEqual` says nothing changed, the previous value is returned.
  const last = useRef<{
    state: MediaLibraryState;
    selector: (state: MediaLibraryState) => T;
    value: T;
  } | null>(null);
  const select = useCallback(
    (state: MediaLibraryState, pick: (state: MediaLibraryState) => T): T => {
      const previous = last.current;
      if (previous && previous.state === state && previous.selector === pick) return previous.value;
      const next = pick(state);
      const value = previous && isEqual(previous.value, next) ? previous.value : next;
      last.current = { state, selector: pick, value };
      return value;
    },
    [isEqual],
  );
  const value = select(hydrating ? serverState : library.getState(), selector);

  // What the screen shows, for the subscription to compare a published state against: set
  // once committed, as a render React set aside would compare against what nobody saw.
  const shown = useRef({ value, selector, select, hydrating });
  useClientLayoutEffect(() => {
    shown.current = { value, selector, select, hydrating };
  });
  const [, rerender] = useState(0);
  useEffect(() => {
    const check = () => {
      const current = shown.current;
      if (current.hydrating) return; // the render after hydration reads the latest state
      if (current.select(library.getState(), current.selector) === current.value) return;
      startTransition(() => rerender((count) => count + 1));
    };
    check(); // a change between this render and the subscription
    return library.subscribe(check);
  }, [library]);
  return value;
}
