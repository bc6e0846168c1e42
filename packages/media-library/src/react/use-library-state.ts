// The one bridge from the library's store to React: useSyncExternalStore over a selector, with
// an equality check so selectors that build new objects do not re-render (or loop) needlessly.
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { MediaLibraryState } from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';

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

/**
 * Subscribes to the library's state and returns `selector(state)`. The component re-renders
 * only when the selected value changes according to `isEqual` (default `Object.is`). Internal
 * to the React binding; `hookName` names the public hook in the missing-provider error.
 */
export function useLibraryState<T>(
  selector: (state: MediaLibraryState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
  hookName = 'useLibraryState',
): T {
  const { library } = useMediaLibraryContext(hookName);
  // The last state and selector seen, and what they selected. useSyncExternalStore calls
  // getSnapshot on every render and store change and requires the same value back while
  // nothing changed; keeping the previous value when `isEqual` says so is what lets a
  // selector return a fresh array without an endless re-render.
  const last = useRef<{
    state: MediaLibraryState;
    selector: (state: MediaLibraryState) => T;
    value: T;
  } | null>(null);

  const subscribe = useCallback(
    (onChange: () => void) => library.subscribe(() => onChange()),
    [library],
  );
  const getSnapshot = (): T => {
    const state = library.getState();
    const previous = last.current;
    if (previous && previous.state === state && previous.selector === selector) {
      return previous.value;
    }
    const next = selector(state);
    const value = previous && isEqual(previous.value, next) ? previous.value : next;
    last.current = { state, selector, value };
    return value;
  };
  // Cached per selector: React requires the same value back on every call while hydrating.
  const server = useRef<{ selector: (state: MediaLibraryState) => T; value: T } | null>(null);
  const getServerSnapshot = (): T => {
    if (server.current?.selector !== selector) {
      server.current = { selector, value: selector(serverState) };
    }
    return server.current.value;
  };
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
