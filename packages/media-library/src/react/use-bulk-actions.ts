// Picking several assets and acting on them at once: the selection (toggle, Shift ranges,
// everything shown, none) and the actions (favourite, tag, add to a collection, download,
// delete after a confirmation), with which one is busy and what failed, in words.
import { type MouseEvent, useState } from 'react';
import { useGridSelection } from './use-grid-selection';
import { useLibraryState } from './use-library-state';
import { useMediaLibrary } from './use-media-library';

/** An action on the selection, as `busy` names it. */
export type BulkAction = 'favorite' | 'tag' | 'collection' | 'download' | 'delete';

/** Options of {@link useBulkActions}. */
export interface UseBulkActionsOptions {
  /** The ids shown, in order: ranges run over them and "select all" takes them. */
  ids: readonly string[];
  /** The selection, when the host keeps it; ids not in `ids` are left out of every action. */
  selection?: readonly string[];
  /** Starting selection when the hook keeps it. */
  defaultSelection?: readonly string[];
  onSelectionChange?(ids: string[]): void;
  /** How many assets the view has, for "2 of 40 assets selected". Default `ids.length`. */
  total?: number;
  /** The view is narrowed by a search or filters: "2 of 5 matching assets selected". */
  matching?: boolean;
  /**
   * Saves the selected assets to the person's disk (a zip, say). Without it `download` is
   * undefined, so a preset leaves the action out.
   */
  download?(ids: readonly string[]): Promise<void>;
  /** Told of every failure, besides `error`, e.g. to show it in the screen's alert. */
  onError?(error: Error): void;
}

/** What {@link useBulkActions} returns. */
export interface UseBulkActionsResult {
  /** The selected ids that are shown, in the order they were picked. */
  selectedIds: string[];
  isSelected(id: string): boolean;
  /** Picks or unpicks one; with `range` (a Shift+click) adds every id from the last picked. */
  toggle(id: string, options?: { range?: boolean }): void;
  /** Props for an asset's checkbox: checked state, Shift+click ranges, a name in words. */
  getCheckboxProps(
    id: string,
    name: string,
  ): {
    type: 'checkbox';
    checked: boolean;
    'aria-label': string;
    'data-state': 'checked' | 'unchecked';
    onClick(event: MouseEvent<HTMLInputElement>): void;
    onChange(): void;
  };
  selectAll(): void;
  clear(): void;
  setSelection(ids: string[]): void;
  /** "2 of 40 assets selected". */
  summary: string;
  /** Every selected asset is a favourite: the action then unfavourites. */
  allFavorite: boolean;
  toggleFavorite(): Promise<void>;
  addTags(tags: string[]): Promise<void>;
  /** An existing collection's id, or `{ name }` to create one first. */
  addToCollection(pick: string | { name: string }): Promise<void>;
  download?: () => Promise<void>;
  /** The destructive action waiting for a yes, or null. */
  confirming: 'delete' | null;
  /** "Delete 3 assets?" while confirming. */
  confirmTitle?: string;
  requestDelete(): void;
  /** Runs the action being confirmed; the confirmation closes once it is done. */
  confirm(): Promise<void>;
  cancel(): void;
  /** The action under way, for a spinner on its button. */
  busy: BulkAction | null;
  /** The last failure in words, until dismissed or the next action starts. */
  error: string | null;
  dismissError(): void;
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/**
 * Selection and bulk actions over the assets shown, with no markup. Delete asks first:
 * `requestDelete` sets `confirming`, and only `confirm` deletes.
 *
 * @example
 * const bulk = useBulkActions({ ids: items.map((a) => a.id) });
 * {items.map((a) => <input key={a.id} {...bulk.getCheckboxProps(a.id, a.name)} />)}
 * <p>{bulk.summary}</p>
 * <button onClick={bulk.toggleFavorite}>{bulk.allFavorite ? 'Unfavorite' : 'Favorite'}</button>
 * <button onClick={bulk.requestDelete}>Delete</button>
 * {bulk.confirming && (
 *   <div role="alertdialog" aria-label={bulk.confirmTitle}>
 *     <button onClick={bulk.cancel}>Keep them</button>
 *     <button onClick={bulk.confirm}>Delete</button>
 *   </div>
 * )}
 */
export function useBulkActions(options: UseBulkActionsOptions): UseBulkActionsResult {
  const { ids, total = ids.length, matching = false, download, onError } = options;
  const library = useMediaLibrary();
  const selection = useGridSelection(options);
  const shown = new Set(ids);
  const selectedIds = selection.selectedIds.filter((id) => shown.has(id));
  const [confirming, setConfirming] = useState<'delete' | null>(null);
  const [busy, setBusy] = useState<BulkAction | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: BulkAction, work: () => Promise<unknown>) => {
    setBusy(action);
    setError(null);
    try {
      await work();
      return true;
    } catch (cause) {
      const failure = cause instanceof Error ? cause : new Error(String(cause));
      setError(failure.message);
      onError?.(failure);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const toggle = (id: string, { range = false } = {}) => {
    if (range) selection.extendTo(id, undefined, true);
    else selection.toggle(id);
  };
  // Read from the store, so the label follows a change made here, in the details or elsewhere.
  const allFavorite = useLibraryState(
    (state) =>
      selectedIds.length > 0 && selectedIds.every((id) => state.assets.get(id)?.favorite === true),
    Object.is,
    'useBulkActions',
  );
  const count = selectedIds.length;

  return {
    selectedIds,
    isSelected: (id) => selection.selected.has(id) && shown.has(id),
    toggle,
    getCheckboxProps: (id, name) => {
      const checked = selection.selected.has(id);
      let range = false;
      return {
        type: 'checkbox',
        checked,
        'aria-label': `Select ${name}`,
        'data-state': checked ? 'checked' : 'unchecked',
        // The click comes before the change and is the one that knows about Shift.
        onClick: (event) => {
          range = event.shiftKey;
        },
        onChange: () => toggle(id, { range }),
      };
    },
    selectAll: selection.selectAll,
    clear: selection.clearSelection,
    setSelection: selection.setSelection,
    summary: `${count.toLocaleString()} of ${plural(total, matching ? 'matching asset' : 'asset')} selected`,
    allFavorite,
    toggleFavorite: async () => {
      await run('favorite', () => library.update(selectedIds, { favorite: !allFavorite }));
    },
    addTags: async (tags) => {
      if (tags.length > 0) await run('tag', () => library.addTags(selectedIds, tags));
    },
    addToCollection: async (pick) => {
      const picked = [...selectedIds];
      await run('collection', async () => {
        const id = typeof pick === 'string' ? pick : (await library.createCollection(pick.name)).id;
        await library.addToCollection(id, picked);
      });
    },
    download: download && (async () => void (await run('download', () => download(selectedIds)))),
    confirming,
    confirmTitle: confirming ? `Delete ${plural(count, 'asset')}?` : undefined,
    requestDelete: () => setConfirming('delete'),
    confirm: async () => {
      if (confirming !== 'delete') return;
      const doomed = [...selectedIds];
      const done = await run('delete', () => library.delete(doomed));
      if (done) selection.clearSelection();
      setConfirming(null);
    },
    cancel: () => setConfirming(null),
    busy,
    error,
    dismissError: () => setError(null),
  };
}
