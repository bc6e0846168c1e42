// The one bridge from the library's store to React: useSyncExternalStore over a selector, with
// an equality check so selectors that build new objects do not re-render (or loop) needlessly.
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { MediaLibraryState } from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';

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
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
