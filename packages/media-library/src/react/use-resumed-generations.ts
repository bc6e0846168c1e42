// The generations a library resumes after a reload, for React: starts the resume once per
// library (in the browser, when the generator can resume) and follows what it does. That code
// loads on first use, so hosts whose generator cannot resume never load it.
import { useEffect, useState } from 'react';
import type { MediaAIGenerator } from '../core/ai-types';
import type { ResumedGenerationsView } from '../core/pending-jobs-state';
import type { MediaLibrary } from '../core/types';

/**
 * `library`'s pending generations as `ai` resumes them (once per library instance, after it
 * has loaded); undefined until the resume code has loaded, and always without a generator
 * that can resume or outside a browser. Internal: `useAIGeneration` hands it out.
 */
export function useResumedGenerations(
  library: MediaLibrary,
  ai: MediaAIGenerator | undefined,
): ResumedGenerationsView | undefined {
  const [view, setView] = useState<ResumedGenerationsView>();
  useEffect(() => {
    // Only in a browser: the jobs live in its IndexedDB and Web Locks.
    if (!ai?.resumeJob || typeof window === 'undefined') return;
    let stop: (() => void) | undefined;
    let live = true;
    import('../core/pending-jobs-resume').then(
      (m) => {
        if (live) stop = m.followResumedGenerations(library, ai, setView);
      },
      () => undefined,
    );
    return () => {
      live = false;
      stop?.();
    };
  }, [library, ai]);
  return view;
}
