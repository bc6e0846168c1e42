// The Trash for a screen: what it holds, restore, and the destructive actions (delete forever,
// empty) behind a confirmation; plus the Undo offered for a while after assets went there.
import { useCallback, useEffect, useState } from 'react';
import type { MediaAsset, MediaLibrary, MediaLibraryState } from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';
import { useLibraryState } from './use-library-state';

/** A destructive Trash action waiting for the person to confirm it. */
export type TrashConfirmation =
  | { action: 'delete-forever'; ids: string[] }
  | { action: 'empty'; ids: string[] };

/** Options of {@link useTrash}. */
export interface UseTrashOptions {
  /** How long Undo is offered after a delete, in ms. Default 10,000. */
  undoMs?: number;
}

/** What {@link useTrash} returns. */
export interface UseTrashResult {
  /** The assets in the Trash, most recently deleted first. */
  items: MediaAsset[];
  count: number;
  /** Bytes the Trash holds: freed only when it is emptied. */
  bytes: number;
  /** Moves assets to the Trash; Undo is then offered for them. */
  delete(ids: string | string[]): Promise<void>;
  /** Brings assets back from the Trash. */
  restore(ids: string | string[]): Promise<void>;
  /**
   * The ids the last delete moved to the Trash (here, or in another tab of the library), while
   * Undo is offered; `undefined` otherwise. The next delete replaces them.
   */
  lastDeleted: string[] | undefined;
  /** Restores `lastDeleted` and stops offering Undo. */
  undo(): Promise<void>;
  /** Stops offering Undo. */
  dismissUndo(): void;
  /** Asks to delete these for good: sets `confirming`; only `confirm` deletes. */
  requestDeleteForever(ids: string | string[]): void;
  /** Asks to empty the Trash: sets `confirming`; only `confirm` empties it. */
  requestEmpty(): void;
  /** The destructive action waiting for confirmation, if any. */
  confirming: TrashConfirmation | undefined;
  /** Runs the action waiting in `confirming`. */
  confirm(): Promise<void>;
  cancel(): void;
  /** True while an action runs. */
  busy: boolean;
  /** What the last action failed with, in words; cleared by the next one. */
  error: string | undefined;
}

/** The last delete seen in one library, shared by every component using the hook. */
interface LastDeleted {
  ids: string[];
  at: number;
}

interface LastDeletes {
  value: LastDeleted | undefined;
  listeners: Set<() => void>;
}

const lastDeletes = new WeakMap<MediaLibrary, LastDeletes>();

/**
 * Watches the library for assets leaving it for the Trash. Watching the state (rather than
 * wrapping `delete`) catches every delete, whichever component or tab made it.
 */
function lastDeletesOf(library: MediaLibrary): LastDeletes {
  const known = lastDeletes.get(library);
  if (known) return known;
  const created: LastDeletes = { value: undefined, listeners: new Set() };
  library.subscribe((state, previous) => {
    if (state.trash === previous.trash || state.trash.size === 0) return;
    const moved: string[] = [];
    for (const id of state.trash.keys()) {
      if (!previous.trash.has(id) && previous.assets.has(id)) moved.push(id);
    }
    if (moved.length === 0) return;
    created.value = { ids: moved, at: Date.now() };
    for (const listener of created.listeners) listener();
  });
  lastDeletes.set(library, created);
  return created;
}

const EMPTY: MediaAsset[] = [];
const trashLists = new WeakMap<MediaLibraryState['trash'], MediaAsset[]>();

function trashList(state: MediaLibraryState): MediaAsset[] {
  if (state.trash.size === 0) return EMPTY;
  let list = trashLists.get(state.trash);
  if (!list) {
    list = [...state.trash.values()].sort((a, b) => (b.trashedAt ?? 0) - (a.trashedAt ?? 0));
    trashLists.set(state.trash, list);
  }
  return list;
}

const idList = (ids: string | string[]) => (typeof ids === 'string' ? [ids] : [...ids]);

/**
 * The Trash: its assets, count and bytes, restore, and delete forever and empty behind a
 * confirmation; and the Undo offered for `undoMs` after a delete. Behaviour only: a preset
 * draws the list, the confirmation and the Undo notice.
 *
 * @example
 * const trash = useTrash();
 * // After a delete: "3 assets moved to Trash." with an Undo button.
 * if (trash.lastDeleted) return <button onClick={trash.undo}>Undo</button>;
 * return <button onClick={trash.requestEmpty}>Empty Trash ({trash.count})</button>;
 */
export function useTrash(options: UseTrashOptions = {}): UseTrashResult {
  const undoMs = options.undoMs ?? 10_000;
  const { library } = useMediaLibraryContext('useTrash');
  const items = useLibraryState(trashList, Object.is, 'useTrash');
  const [confirming, setConfirming] = useState<TrashConfirmation | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const deletes = lastDeletesOf(library);
  const [last, setLast] = useState(deletes.value);
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setLast(deletes.value);
    deletes.listeners.add(listener);
    listener();
    return () => {
      deletes.listeners.delete(listener);
    };
  }, [deletes]);
  const offered = last && Date.now() - last.at < undoMs ? last : undefined;
  useEffect(() => {
    if (!offered) return;
    // Re-render when the offer runs out, so the notice goes away by itself.
    const handle = setTimeout(() => setTick((tick) => tick + 1), offered.at + undoMs - Date.now());
    return () => clearTimeout(handle);
  }, [offered, undoMs]);

  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }, []);

  const dismissUndo = useCallback(() => {
    if (deletes.value) deletes.value = { ...deletes.value, at: 0 };
    for (const listener of deletes.listeners) listener();
  }, [deletes]);

  return {
    items,
    count: items.length,
    bytes: items.reduce((sum, asset) => sum + asset.size, 0),
    delete: (ids) => run(() => library.delete(ids)),
    restore: (ids) => run(() => library.restore(ids)),
    lastDeleted: offered?.ids,
    undo: async () => {
      if (!offered) return;
      dismissUndo();
      // Some may be gone for good meanwhile (emptied in another tab): restore what is left.
      const left = offered.ids.filter((id) => library.getState().trash.has(id));
      await run(() => library.restore(left));
    },
    dismissUndo,
    requestDeleteForever: (ids) => setConfirming({ action: 'delete-forever', ids: idList(ids) }),
    requestEmpty: () => setConfirming({ action: 'empty', ids: items.map((asset) => asset.id) }),
    confirming,
    confirm: async () => {
      const waiting = confirming;
      if (!waiting) return;
      setConfirming(undefined);
      await run(() =>
        waiting.action === 'empty' ? library.emptyTrash() : library.deleteForever(waiting.ids),
      );
    },
    cancel: () => setConfirming(undefined),
    busy,
    error,
  };
}
