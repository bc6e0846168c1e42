// Story plumbing: loaders that make (and seed) a fresh library per story, and a render that
// puts it in MediaLibraryProvider with the story's generator.
import {
  type MediaAIGenerator,
  type MediaLibrary,
  MediaLibraryProvider,
} from '@medialoft/media-library';
import type { ReactNode } from 'react';
import { createStoryLibrary, type StoryLibraryOptions, seedLibrary } from './story-library';

/** What the loaders hand to a story's render. */
export interface StoryData {
  library: MediaLibrary;
  ai?: MediaAIGenerator;
}

/** Loaders for a library with `count` seeded assets and, optionally, a generator. */
export function libraryLoaders(
  count: number,
  options: StoryLibraryOptions & { ai?: () => MediaAIGenerator } = {},
) {
  return [
    async (): Promise<StoryData> => {
      const library = createStoryLibrary(options);
      await seedLibrary(library, count);
      return { library, ai: options.ai?.() };
    },
  ];
}

/** Wraps `children` in the provider for the loaded library and generator. */
export function WithLibrary({
  loaded,
  children,
}: {
  loaded: Partial<StoryData>;
  children: ReactNode;
}) {
  if (!loaded.library) throw new Error('This story needs libraryLoaders(...) in its loaders.');
  return (
    <MediaLibraryProvider library={loaded.library} ai={loaded.ai}>
      {children}
    </MediaLibraryProvider>
  );
}
