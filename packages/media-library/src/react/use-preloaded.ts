// Code that loads apart from the screen's first load: fetched as soon as the module that
// declares it runs in a browser, so it is there before anyone reaches for it.
import { useSyncExternalStore } from 'react';

/** A value (a component) loading apart; made by {@link preload}, read by {@link usePreloaded}. */
export interface Preloaded<T> {
  subscribe(onLoad: () => void): () => void;
  current(): T | undefined;
}

/**
 * Starts `load` at once in a browser (on a server, when first read). A load that fails is
 * tried again by the next component that reads it.
 */
export function preload<T>(load: () => Promise<T>): Preloaded<T> {
  let loaded: T | undefined;
  let loading: Promise<void> | undefined;
  const start = () => {
    loading ??= load().then(
      (value) => {
        loaded = value;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  if (typeof window !== 'undefined') start().catch(() => undefined);
  return {
    subscribe(onLoad) {
      start().then(onLoad, () => undefined);
      return () => {};
    },
    current: () => loaded,
  };
}

const none = () => undefined;

/**
 * What `preloaded` loaded, or undefined until then, and always on a server and while hydrating
 * (so the server's HTML and the browser's first render agree).
 *
 * @example
 * const body = preload(() => import('./panel-body').then((module) => module.PanelBody));
 * function Panel(props: PanelProps) {
 *   const Body = usePreloaded(body);
 *   return Body ? <Body {...props} /> : null;
 * }
 */
export function usePreloaded<T>(preloaded: Preloaded<T>): T | undefined {
  return useSyncExternalStore(preloaded.subscribe, preloaded.current, none);
}
