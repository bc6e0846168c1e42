// Imports from React: files, drops, pastes or a URL, with progress, the results and a cancel.
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ImportFromUrlOptions,
  ImportInput,
  ImportItemResult,
  ImportOptions,
  ImportProgress,
} from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';

/** What {@link useImport} returns. */
export interface UseImportResult {
  /** Imports a batch. Rejects (and sets `error`) when the batch fails or is canceled. */
  importFiles(inputs: Iterable<ImportInput>, options?: ImportOptions): Promise<ImportItemResult[]>;
  /**
   * Fetches and imports one URL. Rejects (and sets `error`) on failure or cancel. Fetches
   * through the provider's `ai.fetchUrl` when it has one (the image server, so sites without
   * CORS headers work), unless `options.fetcher` says otherwise.
   */
  importFromUrl(url: string, options?: ImportFromUrlOptions): Promise<ImportItemResult>;
  /** Progress of the latest batch, while it runs and after it ends. */
  progress?: ImportProgress;
  /** True while any batch started here runs. */
  importing: boolean;
  /** Why the latest batch failed; cleared when a new one starts. */
  error?: Error;
  /**
   * Per-file outcomes of the latest batch that finished, in input order: imported, already in
   * the library (`duplicate`, with the existing asset), or failed with a reason (code
   * `canceled` for files a `keepFinished` cancel left out).
   */
  results?: ImportItemResult[];
  /**
   * The latest finished batch in words: "28 added, 2 already in your library, 1 failed", or
   * "Canceled: 23 kept, 77 not imported" (see `describeImportOutcome`).
   */
  outcome?: string;
  /** Cancels every running batch started here; nothing from a canceled batch is kept. */
  cancel(): void;
}

interface ImportState {
  running: number;
  progress?: ImportProgress;
  error?: Error;
  results?: ImportItemResult[];
  outcome?: string;
}

/**
 * Import state for a component. Each call gets its own AbortController (combined with any
 * `signal` passed in options), so `cancel()` stops exactly the batches started here.
 *
 * @example
 * const { importFiles, progress, importing, cancel } = useImport();
 * <input type="file" multiple onChange={(e) => importFiles(e.target.files ?? []).catch(() => {})} />
 */
export function useImport(): UseImportResult {
  const { library, ai } = useMediaLibraryContext('useImport');
  const fetchUrl = ai?.fetchUrl;
  const [state, setState] = useState<ImportState>({ running: 0 });
  const controllers = useRef(new Set<AbortController>());
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async <R>(
      options: ImportOptions | undefined,
      start: (options: ImportOptions) => Promise<R>,
      toResults: (result: R) => ImportItemResult[],
    ): Promise<R> => {
      const controller = new AbortController();
      const outer = options?.signal;
      const forward = () => controller.abort(outer?.reason);
      if (outer?.aborted) forward();
      outer?.addEventListener('abort', forward, { once: true });
      controllers.current.add(controller);
      const update = (change: (s: ImportState) => ImportState) => {
        if (mounted.current) setState(change);
      };
      update((s) => ({
        running: s.running + 1,
        progress: undefined,
        results: s.results,
        outcome: s.outcome,
      }));
      try {
        const result = await start({
          ...options,
          signal: controller.signal,
          onProgress: (progress) => {
            options?.onProgress?.(progress);
            update((s) => ({ ...s, progress }));
          },
        });
        const results = toResults(result);
        // Loaded with the import pipeline, which has just run: nothing more to fetch.
        const { describeImportOutcome } = await import('../core/import/import-summary');
        const outcome = describeImportOutcome(results);
        update((s) => ({ ...s, running: s.running - 1, results, outcome }));
        return result;
      } catch (error) {
        const reason = error instanceof Error ? error : new Error(String(error));
        update((s) => ({ ...s, running: s.running - 1, error: reason }));
        throw error;
      } finally {
        outer?.removeEventListener('abort', forward);
        controllers.current.delete(controller);
      }
    },
    [],
  );

  const importFiles = useCallback(
    (inputs: Iterable<ImportInput>, options?: ImportOptions) =>
      run(
        options,
        (opts) => library.importFiles(inputs, opts),
        (results) => results,
      ),
    [library, run],
  );
  const importFromUrl = useCallback(
    (url: string, options?: ImportFromUrlOptions) =>
      run(
        options,
        (opts) => {
          const fetcher = options?.fetcher ?? fetchUrl;
          return library.importFromUrl(url, fetcher ? { ...opts, fetcher } : opts);
        },
        (result) => [result],
      ),
    [library, run, fetchUrl],
  );
  const cancel = useCallback(() => {
    for (const controller of controllers.current) controller.abort();
  }, []);

  return {
    outcome: state.outcome,
    importFiles,
    importFromUrl,
    cancel,
    importing: state.running > 0,
    progress: state.progress,
    error: state.error,
    results: state.results,
  };
}
