// Puts one media library (and, optionally, an AI generator) in React context. The instance is
// best made outside React; the provider then only hands it down and never closes it.
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { MediaAIGenerator } from '../core/ai-types';
import { createMediaLibrary } from '../core/library';
import type { MediaLibrary, MediaLibraryOptions } from '../core/types';

/** What the provider puts in context. Internal: hooks read it through their own API. */
export interface MediaLibraryContextValue {
  library: MediaLibrary;
  ai?: MediaAIGenerator;
}

const MediaLibraryContext = createContext<MediaLibraryContextValue | null>(null);
MediaLibraryContext.displayName = 'MediaLibraryContext';

/** Props of {@link MediaLibraryProvider}. Pass `library` (preferred) or `options`. */
export interface MediaLibraryProviderProps {
  /** A library made with `createMediaLibrary` outside React. The provider never closes it. */
  library?: MediaLibrary;
  /**
   * Options to create a library with, when no `library` is passed. Read once on mount; the
   * provider closes the library it created when it unmounts.
   */
  options?: MediaLibraryOptions;
  /** The AI image generator the generation hooks will use. */
  ai?: MediaAIGenerator;
  children?: ReactNode;
}

/**
 * Makes a media library available to the hooks below it.
 *
 * Server rendering: the provider, every hook and the Mantine screen render on a server (e.g.
 * in a Next.js `'use client'` page it prerenders). There the hooks show the library before it
 * loaded (status 'loading', no assets), and the browser's hydrating render shows the same
 * whatever its library has loaded meanwhile; the real state follows right after hydration.
 * A library made with `createMediaLibrary` at module scope opens nothing on the server (see
 * there); one created from `options` is made there too, and never opened or closed.
 *
 * @example
 * const library = createMediaLibrary({ name: 'photos' });
 * root.render(<MediaLibraryProvider library={library}><App /></MediaLibraryProvider>);
 */
export function MediaLibraryProvider({
  library,
  options,
  ai,
  children,
}: MediaLibraryProviderProps) {
  // The library this provider owns, if it had to create one. A ref (not state) so that Strict
  // Mode's unmount/remount can replace a closed instance without a render loop.
  const owned = useRef<MediaLibrary | null>(null);
  const optionsRef = useRef(options);
  const [, setGeneration] = useState(0);
  if (!library && owned.current === null)
    owned.current = createMediaLibrary(optionsRef.current ?? {});

  useEffect(() => {
    if (library) return;
    if (owned.current === null) {
      // Remounted after a cleanup closed the previous instance (Strict Mode, Fast Refresh).
      owned.current = createMediaLibrary(optionsRef.current ?? {});
      setGeneration((n) => n + 1);
    }
    const instance = owned.current;
    return () => {
      instance.close();
      if (owned.current === instance) owned.current = null;
    };
  }, [library]);

  const instance = library ?? (owned.current as MediaLibrary);
  const value = useMemo(() => ({ library: instance, ai }), [instance, ai]);
  return <MediaLibraryContext.Provider value={value}>{children}</MediaLibraryContext.Provider>;
}

/**
 * The provider's context. Throws, naming the calling hook, when there is no provider above.
 * Internal to the React binding.
 */
export function useMediaLibraryContext(
  hookName = 'useMediaLibraryContext',
): MediaLibraryContextValue {
  const value = useContext(MediaLibraryContext);
  if (!value) {
    throw new Error(
      `${hookName} must be used inside <MediaLibraryProvider>. Wrap the component tree that ` +
        'uses it in <MediaLibraryProvider library={createMediaLibrary(...)}>.',
    );
  }
  return value;
}
