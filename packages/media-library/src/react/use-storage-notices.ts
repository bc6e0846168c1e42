// The two storage notices a screen shows once: what the browser removed since the last session,
// and, on the first import, that the library asks the browser to keep its files.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StorageIncident } from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';
import { useLibraryState } from './use-library-state';

/** What {@link useStorageNotices} returns. */
export interface UseStorageNoticesResult {
  /** What the browser removed since the last session, until acknowledged. */
  incident: StorageIncident | undefined;
  /** The person has read the incident notice: it is not shown again, here or later. */
  acknowledge(): void;
  /**
   * True from the first import on (once per library, ever) until dismissed: persistence was
   * just asked for, and the browser may ask the person about it.
   */
  persistNote: boolean;
  dismissPersistNote(): void;
}

/** The localStorage key that remembers persistence was asked for once. */
export function persistAskedKey(libraryName: string): string {
  return `medialoft:${libraryName}:persist-asked`;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

const selectIncident = (state: { storageIncident?: StorageIncident }) => state.storageIncident;

/**
 * The storage incident with its acknowledgement, and persistence asked for on the first import:
 * when the library gains assets for the first time in this browser (files, an archive, a
 * generation), `requestPersistence()` runs once and `persistNote` turns true, unless the
 * storage is already persisted.
 *
 * @example
 * const { incident, acknowledge, persistNote, dismissPersistNote } = useStorageNotices();
 */
export function useStorageNotices(): UseStorageNoticesResult {
  const { library } = useMediaLibraryContext('useStorageNotices');
  const incident = useLibraryState(selectIncident, Object.is, 'useStorageNotices');
  const [persistNote, setPersistNote] = useState(false);
  const asked = useRef(false);

  useEffect(() => {
    const key = persistAskedKey(library.name);
    let before: number | undefined;
    const onChange = () => {
      const { status, assets } = library.getState();
      if (status !== 'ready' || asked.current) return;
      // The count once loaded is the baseline: only an import after it counts.
      if (before === undefined || assets.size <= before) {
        before = assets.size;
        return;
      }
      asked.current = true;
      if (storage()?.getItem(key)) return;
      storage()?.setItem(key, String(Date.now()));
      library.estimateStorage().then(
        ({ persisted }) => {
          if (persisted) return;
          setPersistNote(true);
          return library.requestPersistence();
        },
        () => undefined,
      );
    };
    onChange();
    return library.subscribe(onChange);
  }, [library]);

  return {
    incident,
    acknowledge: useCallback(() => library.acknowledgeStorageIncident(), [library]),
    persistNote,
    dismissPersistNote: useCallback(() => setPersistNote(false), []),
  };
}
