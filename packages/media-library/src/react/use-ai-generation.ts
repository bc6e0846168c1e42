// AI generation from React: the provider's `ai` generator bound to its library, with the
// state a generate panel shows (running, progress, error) and a cancel.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { loadAIGeneration } from '../core/ai-generation-loader';
import type { GenerationPreview, PreviewSession } from '../core/ai-previews';
import type { MediaAIGenerateRequest, MediaAIModelInfo, MediaAIProgress } from '../core/ai-types';
import { GenerationCanceledError } from '../core/generation-canceled-error';
import type { ResumedGenerationsView } from '../core/pending-jobs-state';
import type { MediaAsset } from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';
import { useResumedGenerations } from './use-resumed-generations';

/** What {@link useAIGeneration} returns. */
export interface UseAIGenerationResult {
  /** True when the provider was given an `ai` generator. */
  aiAvailable: boolean;
  /**
   * True while a generation started here runs (generating or storing its images), or one
   * started before a reload is resumed here.
   */
  aiGenerating: boolean;
  /**
   * Why the latest generation failed (the generator's own error), or why a generation started
   * before a reload could not be resumed; cleared by the next one.
   */
  aiError?: Error;
  /** Progress of the latest generation, while it runs; cleared when it ends. */
  progress?: MediaAIProgress;
  /**
   * The latest preview of each image of the running generation, by index, where the generator
   * sends previews (`onPartialImage`). Each `url` is an object URL, revoked as soon as a newer
   * preview of that image arrives, the generation ends (its images are in the library then)
   * or the component unmounts. Empty when there is nothing to show.
   */
  previews: GenerationPreview[];
  /**
   * Generates images and imports them into the library (newest first, `source.type` 'ai').
   * Resolves to the assets; rejects with the generator's error, or `GenerationCanceledError`
   * after `cancel()`. Present only when there is a generator.
   */
  generateImages?: (request: MediaAIGenerateRequest) => Promise<MediaAsset[]>;
  /**
   * Aborts every running generation started here, and cancels upstream the ones resumed here;
   * a canceled one adds nothing.
   */
  cancel(): void;
  /**
   * Generations started before a reload (or in a tab since closed) that this page resumes
   * when the generator can (`resumeJob`), their expiries and failures, and their cancel.
   */
  resumed?: ResumedGenerationsView;
  /** The generator's models with their limits, when it can list them. */
  listModels?: () => Promise<MediaAIModelInfo[]>;
}

/** One empty list, so a component without previews does not see a new one each render. */
const NO_PREVIEWS: GenerationPreview[] = [];

interface GenerationState {
  running: number;
  progress?: MediaAIProgress;
  previews?: GenerationPreview[];
  error?: Error;
}

/**
 * Binds the `ai` generator of the nearest `<MediaLibraryProvider>` to its library. Each
 * generation gets its own AbortController; `cancel()` aborts them. Generated Files go through
 * the library's import pipeline, so no object URL is made here.
 *
 * @example
 * const { generateImages, aiGenerating, progress, aiError, cancel } = useAIGeneration();
 * if (generateImages) await generateImages({ prompt, width: 1024, height: 1024 });
 */
export function useAIGeneration(): UseAIGenerationResult {
  const { library, ai } = useMediaLibraryContext('useAIGeneration');
  const [state, setState] = useState<GenerationState>({ running: 0 });
  const controllers = useRef(new Set<AbortController>());
  const mounted = useRef(true);
  const previewSessions = useRef(new Set<PreviewSession>());
  const previewsModule = useRef<typeof import('../core/ai-previews')>(undefined);

  useEffect(() => {
    // Apart from the first load: only a page with a generator needs it, and only once it runs.
    if (ai) {
      void import('../core/ai-previews').then((loaded) => {
        previewsModule.current = loaded;
      });
    }
    const sessions = previewSessions.current;
    return () => {
      for (const session of sessions) session.dispose();
    };
  }, [ai]);
  const resumed = useResumedGenerations(library, ai);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const update = useCallback((change: (s: GenerationState) => GenerationState) => {
    // A generation outlives a closed panel: its images still land in the library.
    if (mounted.current) setState(change);
  }, []);

  const generate = useCallback(
    async (request: MediaAIGenerateRequest): Promise<MediaAsset[]> => {
      if (!ai) throw new Error('useAIGeneration: no `ai` generator on <MediaLibraryProvider>.');
      const controller = new AbortController();
      controllers.current.add(controller);
      // Previews are asked for only once they can be shown (their code has loaded).
      const previews = previewsModule.current?.previewSession(
        controller.signal,
        (change) => update((s) => ({ ...s, previews: change(s.previews) })),
        previewSessions.current,
      );
      resumed?.dismissNotices();
      update((s) => ({ running: s.running + 1, progress: { stage: 'starting', percent: 0 } }));
      try {
        // Loaded with the first generation: a page that only shows its library never needs it.
        const { generateIntoLibrary } = await loadAIGeneration();
        const results = await generateIntoLibrary(library, ai, request, {
          signal: controller.signal,
          onProgress: (progress) => {
            // Only the newest generation drives the bar when several overlap.
            if (!controller.signal.aborted) update((s) => ({ ...s, progress }));
          },
          onPartialImage: previews?.add,
        });
        const assets = results.flatMap((r) => (r.status === 'failed' ? [] : [r.asset]));
        const failure = results.find((r) => r.status === 'failed');
        if (assets.length === 0 && failure?.status === 'failed') throw failure.error;
        update((s) => ({ ...s, running: s.running - 1, progress: undefined }));
        return assets;
      } catch (error) {
        // A cancel is what the person asked for, not an error to show.
        const reason =
          error instanceof GenerationCanceledError
            ? undefined
            : error instanceof Error
              ? error
              : new Error(String(error));
        update((s) => ({ running: s.running - 1, progress: undefined, error: reason }));
        throw error;
      } finally {
        controllers.current.delete(controller);
        previews?.end();
      }
    },
    [library, ai, update, resumed],
  );

  const cancel = useCallback(() => {
    for (const controller of controllers.current) controller.abort();
    resumed?.cancel();
  }, [resumed]);

  const listModels = useMemo(() => {
    const list = ai?.listModels;
    return list ? () => list.call(ai) : undefined;
  }, [ai]);

  return {
    aiAvailable: ai !== undefined,
    aiGenerating: state.running > 0 || resumed?.running === true,
    aiError: state.error ?? resumed?.error,
    previews: state.previews ?? NO_PREVIEWS,
    progress: state.progress ?? resumed?.progress,
    resumed,
    generateImages: ai ? generate : undefined,
    cancel,
    listModels,
  };
}
