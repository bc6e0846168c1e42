// Storage facts for settings screens and quota warnings: what the library holds, what the
// browser reports, and whether the storage is persisted.
import { useCallback, useEffect, useState } from 'react';
import { computeStatistics } from '../core/library-statistics';
import type { LibraryStatistics, StorageEstimate } from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';
import { useLibraryState } from './use-library-state';

/** What {@link useStorage} returns. */
export interface UseStorageResult {
  /** The latest estimate; `undefined` until the first one arrives. */
  estimate?: StorageEstimate;
  /** Counts, AI cost and bytes used; live with every change to the library. */
  statistics: LibraryStatistics;
  /** Reads the estimate again. */
  refresh(): Promise<void>;
  /** Asks the browser to persist this origin's storage; resolves to whether it will. */
  requestPersistence(): Promise<boolean>;
  /** Whether the browser will keep the storage under pressure (from the latest estimate). */
  persisted: boolean;
}

function sameStatistics(a: LibraryStatistics, b: LibraryStatistics): boolean {
  if (a.total !== b.total || a.favorites !== b.favorites) return false;
  if (a.bytesUsed !== b.bytesUsed || a.totalAiCostUsd !== b.totalAiCostUsd) return false;
  for (const kind of Object.keys(a.byKind) as Array<keyof typeof a.byKind>) {
    if (a.byKind[kind] !== b.byKind[kind]) return false;
  }
  for (const source of Object.keys(a.bySource) as Array<keyof typeof a.bySource>) {
    if (a.bySource[source] !== b.bySource[source]) return false;
  }
  return true;
}

/**
 * Library statistics (live) and the storage estimate (read on mount, whenever the bytes used
 * change, and on `refresh()`).
 *
 * @example
 * const { estimate, statistics, persisted, requestPersistence } = useStorage();
 */
export function useStorage(): UseStorageResult {
  const { library } = useMediaLibraryContext('useStorage');
  // From the state React renders, not the library's latest: while hydrating, that is the
  // server's empty state. Cached per asset map, so this costs what getStatistics() does.
  const statistics = useLibraryState(computeStatistics, sameStatistics, 'useStorage');
  const [estimate, setEstimate] = useState<StorageEstimate>();

  const refresh = useCallback(async () => {
    setEstimate(await library.estimateStorage());
  }, [library]);

  const bytesUsed = statistics.bytesUsed;
  useEffect(() => {
    let active = true;
    // Re-read when the library's size changes; `bytesUsed` is the trigger, not an input.
    void bytesUsed;
    library.estimateStorage().then(
      (next) => {
        if (active) setEstimate(next);
      },
      () => {
        // An estimate is advisory; a failed read keeps the last one.
      },
    );
    return () => {
      active = false;
    };
  }, [library, bytesUsed]);

  const requestPersistence = useCallback(async () => {
    const granted = await library.requestPersistence();
    await refresh();
    return granted;
  }, [library, refresh]);

  return {
    estimate,
    statistics,
    refresh,
    requestPersistence,
    persisted: estimate?.persisted ?? false,
  };
}
