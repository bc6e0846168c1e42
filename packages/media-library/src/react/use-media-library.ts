// The library instance from the nearest provider, for calling its methods from components.
import type { MediaLibrary } from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';

/**
 * Returns the `MediaLibrary` of the nearest `<MediaLibraryProvider>`; throws without one.
 * The instance never changes while the provider is mounted, so it is safe in effect deps.
 *
 * @example
 * const library = useMediaLibrary();
 * await library.addTags(selectedIds, ['holiday']);
 */
export function useMediaLibrary(): MediaLibrary {
  return useMediaLibraryContext('useMediaLibrary').library;
}
