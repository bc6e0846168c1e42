// The public types of the headless asset grid (options, prop bags, result), kept apart from
// the hook so that both stay short. Types only.
import type { HTMLAttributes } from 'react';

/** Options of `useAssetGrid`. */
export interface UseAssetGridOptions {
  /** The ids in display order (for a virtualised grid: all of them, not only those shown). */
  ids: readonly string[];
  /** Items per row; 1 makes a list. */
  columns: number;
  /** Enter, or a double click, on an item (or a plain click, with `activateOnClick`). */
  onActivate?(id: string): void;
  /**
   * A plain click opens the item (`onActivate`) and leaves the selection as it is, so what a
   * person looks at never silently becomes the target of a bulk action; Shift and Ctrl/Cmd
   * clicks, Space and checkboxes (`toggle`) still select. Default false: a click selects that
   * item alone.
   */
  activateOnClick?: boolean;
  /**
   * The item shown open (say, in a details panel): it gets `data-open` and `aria-current`, apart
   * from the selection's `data-selected`.
   */
  openId?: string;
  /** The selected ids, when the caller owns the selection (controlled). */
  selection?: readonly string[];
  /** The initial selection when the grid owns it (uncontrolled). */
  defaultSelection?: readonly string[];
  /** Every selection change, controlled or not. */
  onSelectionChange?(ids: string[]): void;
}

/** Props for one item, with its state as data attributes. */
export type AssetGridItemProps = HTMLAttributes<HTMLElement> & {
  ref: (element: HTMLElement | null) => void;
  'data-state': 'selected' | 'unselected';
  /** Present on a selected item (the target of bulk actions). */
  'data-selected'?: '';
  /** Present on the item shown open (`openId`), selected or not. */
  'data-open'?: '';
  'data-focused'?: '';
};

/** What `useAssetGrid` returns. */
export interface UseAssetGridResult {
  /** Props for the grid container (role="grid"); handles the keyboard. */
  getGridProps(props?: HTMLAttributes<HTMLElement>): HTMLAttributes<HTMLElement>;
  /** Props for the row with this 0-based index (role="row"). */
  getRowProps(rowIndex: number): HTMLAttributes<HTMLElement>;
  /** Props for the item `id` at position `index` in `ids` (role="gridcell"). */
  getItemProps(id: string, index: number): AssetGridItemProps;
  selectedIds: readonly string[];
  /** The item holding the roving tabindex: the last focused one, else the first. */
  focusedId: string | undefined;
  selectAll(): void;
  clearSelection(): void;
  /**
   * Adds or removes one item, as Ctrl/Cmd+click does, and makes it where a later Shift range
   * starts: for a checkbox in the item.
   */
  toggle(id: string): void;
}
