// Exporting the whole library to one zip and restoring it from one, from React: status,
// progress, a summary in words and a cancel over `exportArchive` and `importArchive`.
import { useCallback, useEffect, useRef, useState } from 'react';
import { archiveFileName } from '../core/archive/archive-file-name';
import type {
  ArchiveImportReport,
  ArchiveProgress,
  ExportArchiveOptions,
} from '../core/archive/archive-types';
import type { SavedLibraryArchive, SaveLibraryArchiveOptions } from '../core/archive/save-archive';
import { useMediaLibraryContext } from './media-library-provider';

/** Where {@link useLibraryArchive} is. */
export type LibraryArchiveStatus = 'idle' | 'exporting' | 'importing' | 'done' | 'error';

/** An export made by {@link UseLibraryArchiveResult.exportLibrary}. */
export interface LibraryExport {
  blob: Blob;
  /** `<library name>-YYYY-MM-DD.medialoft.zip`, the date in UTC. */
  fileName: string;
}

/** What {@link useLibraryArchive} returns. */
export interface UseLibraryArchiveResult {
  /** Makes the archive (of `ids` or `collectionId` when given; `cancel()` stops it). Rejects (and sets `error`) when it fails or is canceled. */
  exportLibrary(
    options?: Omit<ExportArchiveOptions, 'onProgress' | 'signal'>,
  ): Promise<LibraryExport>;
  /**
   * Makes the archive and saves it to disk without holding it in memory: into the file the
   * person picks where the browser has a save picker (call from a click), else as a download.
   * Rejects with `ArchiveError` `canceled` when the picker is closed or `cancel()` is called.
   */
  saveLibrary(
    options?: Omit<SaveLibraryArchiveOptions, 'onProgress' | 'signal'>,
  ): Promise<SavedLibraryArchive>;
  /** Restores an archive. Rejects (and sets `error`) when the file is unreadable or canceled. */
  importLibrary(file: Blob): Promise<ArchiveImportReport>;
  status: LibraryArchiveStatus;
  /** Progress of the latest export or import, while it runs and after it ends. */
  progress?: ArchiveProgress;
  /**
   * The latest import's outcome in words, e.g. "12 restored, 2 back from the Trash, 3 already
   * in your library, 1 failed".
   */
  result?: string;
  /** The latest import's full report. */
  report?: ArchiveImportReport;
  /** Why the latest export or import failed; cleared when a new one starts. */
  error?: Error;
  /** Stops the running export or import; nothing of it is kept. */
  cancel(): void;
}

interface ArchiveState {
  status: LibraryArchiveStatus;
  progress?: ArchiveProgress;
  result?: string;
  report?: ArchiveImportReport;
  error?: Error;
}

/**
 * "12 restored, 2 back from the Trash, 3 already in your library, 1 failed"; zero counts are
 * left out.
 */
export function summarizeArchiveImport(report: ArchiveImportReport): string {
  const count = (status: string) => report.assets.filter((a) => a.status === status).length;
  // Assets the archive brought out of the Trash were not in view: "already there" would hide them.
  const fromTrash = report.assets.filter((a) => a.status === 'duplicate' && a.restored).length;
  const parts = [
    [count('imported'), 'restored'],
    [fromTrash, 'back from the Trash'],
    [count('duplicate') - fromTrash, 'already in your library'],
    [count('failed'), 'failed'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, words]) => `${n} ${words}`);
  return parts.length > 0 ? parts.join(', ') : 'The archive holds no assets';
}

/**
 * Export and import of whole-library archives for a component. One runs at a time: starting
 * another cancels the one under way.
 *
 * @example
 * const { exportLibrary, importLibrary, status, result, error } = useLibraryArchive();
 * <button onClick={async () => { const { blob, fileName } = await exportLibrary(); save(blob, fileName); }}>
 *   Export library
 * </button>
 * <input type="file" accept=".zip" onChange={(e) => importLibrary(e.target.files![0]).catch(() => {})} />
 * {status === 'done' && <p>{result}</p>}
 */
export function useLibraryArchive(): UseLibraryArchiveResult {
  const { library } = useMediaLibraryContext('useLibraryArchive');
  const [state, setState] = useState<ArchiveState>({ status: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      controller.current?.abort();
    };
  }, []);

  const run = useCallback(
    async <R>(
      status: 'exporting' | 'importing',
      start: (signal: AbortSignal, onProgress: (p: ArchiveProgress) => void) => Promise<R>,
      finish: (result: R) => Partial<ArchiveState>,
    ): Promise<R> => {
      controller.current?.abort();
      const mine = new AbortController();
      controller.current = mine;
      // Updates from a run that a newer one replaced are dropped.
      const update = (next: ArchiveState | ((s: ArchiveState) => ArchiveState)) => {
        if (mounted.current && controller.current === mine) setState(next);
      };
      update({ status });
      try {
        const result = await start(mine.signal, (progress) => update((s) => ({ ...s, progress })));
        update((s) => ({ ...s, status: 'done', ...finish(result) }));
        return result;
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        update((s) => ({ ...s, status: 'error', error: err }));
        throw err;
      } finally {
        if (controller.current === mine) controller.current = undefined;
      }
    },
    [],
  );

  const exportLibrary = useCallback(
    (options?: Omit<ExportArchiveOptions, 'onProgress' | 'signal'>) =>
      run(
        'exporting',
        async (signal, onProgress) => {
          const blob = await library.exportArchive({ ...options, signal, onProgress });
          return { blob, fileName: archiveFileName(library.name, new Date()) };
        },
        () => ({}),
      ),
    [library, run],
  );

  const saveLibrary = useCallback(
    (options?: Omit<SaveLibraryArchiveOptions, 'onProgress' | 'signal'>) =>
      run(
        'exporting',
        async (signal, onProgress) => {
          // The save helper loads on first use, like the archive code it drives.
          const { saveLibraryArchive } = await import('../core/archive/save-archive');
          return saveLibraryArchive(library, { ...options, signal, onProgress });
        },
        () => ({}),
      ),
    [library, run],
  );

  const importLibrary = useCallback(
    (file: Blob) =>
      run(
        'importing',
        (signal, onProgress) => library.importArchive(file, { signal, onProgress }),
        (report) => ({ report, result: summarizeArchiveImport(report) }),
      ),
    [library, run],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { exportLibrary, saveLibrary, importLibrary, cancel, ...state };
}
