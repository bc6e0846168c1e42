// Headless asset grid (or list, with one column): ARIA grid roles, roving tabindex, keyboard
// navigation and multi-selection, as prop getters with data-* state and no styles.
import { type KeyboardEvent, type MouseEvent, useEffect, useRef, useState } from 'react';
import type { UseAssetGridOptions, UseAssetGridResult } from './asset-grid-types';
import { clickedItem } from './double-click-target';
import { gridTargetIndex, isEditableTarget } from './grid-target-index';
import { useGridSelection } from './use-grid-selection';

export type {
  AssetGridItemProps,
  UseAssetGridOptions,
  UseAssetGridResult,
} from './asset-grid-types';

/**
 * Keyboard and pointer behaviour of a selectable grid of assets.
 *
 * Arrows move by one item or one row, Home/End to the row's ends, Ctrl+Home/End to the first
 * and last item; Shift extends the selection from the anchor. Space toggles, Enter activates,
 * Ctrl/Cmd+A selects all, Escape clears. Click selects one (or, with `activateOnClick`, opens
 * it and leaves the selection alone), Ctrl/Cmd+click toggles, Shift+click selects a range.
 * Only the focused item is in the tab order. The open item (`openId`) is marked `data-open`,
 * apart from the selected ones' `data-selected`.
 *
 * @example
 * const grid = useAssetGrid({ ids, columns: 4, onActivate: openViewer });
 * <div {...grid.getGridProps({ 'aria-label': 'Assets' })}>
 *   {rows.map((row, r) => <div {...grid.getRowProps(r)}>{row.map((id, c) =>
 *     <div {...grid.getItemProps(id, r * 4 + c)}><Thumbnail id={id} /></div>)}</div>)}
 * </div>
 */
export function useAssetGrid(options: UseAssetGridOptions): UseAssetGridResult {
  const { ids, onActivate, activateOnClick = false, openId } = options;
  const columns = Math.max(1, Math.floor(options.columns));
  const selection = useGridSelection(options);
  const { selected, selectedIds, indexOf } = selection;

  const [lastFocused, setLastFocused] = useState<string>();
  const focusedId = lastFocused !== undefined && indexOf.has(lastFocused) ? lastFocused : ids[0];
  const elements = useRef(new Map<string, HTMLElement>());
  // Focus follows the keyboard only after the item re-rendered as the tab stop.
  const moveFocus = useRef(false);
  // A virtualised grid re-creates a cell when its row changes (a selection that opens details
  // beside the grid changes the column count): the browser then drops the focus to <body>.
  // The cell losing it is noted as React detaches it, and its replacement takes it back.
  const lostFocus = useRef<string | undefined>(undefined);
  useEffect(() => {
    lostFocus.current = undefined;
  });

  useEffect(() => {
    if (!moveFocus.current || focusedId === undefined) return;
    moveFocus.current = false;
    elements.current.get(focusedId)?.focus();
  }, [focusedId]);

  const moveTo = (target: string, extend: boolean) => {
    if (extend) selection.extendTo(target, focusedId);
    else selection.setAnchor(target);
    moveFocus.current = true;
    setLastFocused(target);
    // Already the focused item (e.g. Left on the first): the effect will not run, so focus now.
    if (target === focusedId) elements.current.get(target)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (focusedId === undefined || isEditableTarget(event.target)) return;
    const command = event.ctrlKey || event.metaKey;
    const current = indexOf.get(focusedId) ?? 0;
    const next = gridTargetIndex(event.key, current, ids.length, columns, command);
    if (next !== undefined) {
      event.preventDefault();
      moveTo(ids[next] as string, event.shiftKey);
      return;
    }
    if (event.key === ' ') {
      event.preventDefault();
      if (event.shiftKey) selection.extendTo(focusedId, focusedId);
      else selection.toggle(focusedId);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onActivate?.(focusedId);
    } else if (event.key === 'Escape') {
      if (selectedIds.length > 0) event.preventDefault();
      selection.clearSelection();
    } else if (command && (event.key === 'a' || event.key === 'A')) {
      event.preventDefault();
      selection.selectAll();
    }
  };

  const onItemClick = (id: string, event: MouseEvent<HTMLElement>) => {
    // The second click of a double click whose first moved the grid acts on nothing here.
    if (clickedItem(id, event) !== id) return;
    if (event.shiftKey) selection.extendTo(id, focusedId);
    else if (event.ctrlKey || event.metaKey) selection.toggle(id);
    else if (activateOnClick && onActivate) onActivate(id);
    else selection.only(id);
    setLastFocused(id);
  };

  return {
    getGridProps: (props) => ({
      ...props,
      role: 'grid',
      'aria-multiselectable': true,
      'aria-rowcount': Math.ceil(ids.length / columns),
      'aria-colcount': columns,
      onKeyDown: (event) => {
        props?.onKeyDown?.(event);
        if (!event.defaultPrevented) onKeyDown(event);
      },
    }),
    getRowProps: (rowIndex) => ({ role: 'row', 'aria-rowindex': rowIndex + 1 }),
    getItemProps: (id, index) => {
      const isSelected = selected.has(id);
      const isFocused = id === focusedId;
      const isOpen = id === openId;
      return {
        ref: (element) => {
          if (!element) {
            const old = elements.current.get(id);
            if (old?.contains(document.activeElement)) lostFocus.current = id;
            elements.current.delete(id);
            return;
          }
          elements.current.set(id, element);
          if (lostFocus.current !== id) return;
          lostFocus.current = undefined;
          const active = document.activeElement;
          if (!active || active === document.body) element.focus();
        },
        role: 'gridcell',
        tabIndex: isFocused ? 0 : -1,
        'aria-selected': isSelected,
        'aria-colindex': (index % columns) + 1,
        'data-state': isSelected ? 'selected' : 'unselected',
        ...(isSelected ? { 'data-selected': '' as const } : {}),
        ...(isOpen ? { 'data-open': '' as const, 'aria-current': true } : {}),
        ...(isFocused ? { 'data-focused': '' as const } : {}),
        onClick: (event) => onItemClick(id, event),
        onDoubleClick: (event) => onActivate?.(clickedItem(id, event)),
        onFocus: (event) => {
          // Focus landing inside the item (a button in it) also makes it the tab stop.
          if (event.currentTarget.contains(event.target)) setLastFocused(id);
        },
      };
    },
    selectedIds,
    focusedId,
    selectAll: selection.selectAll,
    clearSelection: selection.clearSelection,
    toggle: selection.toggle,
  };
}
