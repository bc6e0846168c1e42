// Multi-selection state for the asset grid: controlled or uncontrolled, with the anchor that
// Shift ranges start from. Internal to the React binding.
import { useCallback, useMemo, useRef, useState } from 'react';

const noSelection: readonly string[] = [];

/** Options of {@link useGridSelection}: the grid's ids and its selection props. */
export interface GridSelectionOptions {
  ids: readonly string[];
  selection?: readonly string[];
  defaultSelection?: readonly string[];
  onSelectionChange?(ids: string[]): void;
}

/** Each id's position in `ids`, looked up by id. */
export interface IdIndex {
  get(id: string): number | undefined;
  has(id: string): boolean;
}

/**
 * The positions of `ids`. The first few ids asked are found by a scan of the array, and
 * remembered; asked for more, it maps every position. A new list of 100,000 ids (a search, a
 * library loaded, an edit) costs nothing until asked, and the check each render makes (is the
 * focused tile still there?) stays a scan instead of a map of 100,000 entries; the keyboard and
 * range selection, which ask about more ids, get the map.
 */
export function lazyIndex(ids: readonly string[]): IdIndex {
  const scanned = new Map<string, number>();
  let positions: Map<string, number> | undefined;
  const get = (id: string): number | undefined => {
    if (positions) return positions.get(id);
    let at = scanned.get(id);
    if (at === undefined && scanned.size < SCANS) {
      at = ids.indexOf(id);
      scanned.set(id, at);
    }
    if (at === undefined) {
      positions = new Map();
      // From the end, so an id listed twice keeps its first position, as a scan finds it.
      for (let i = ids.length - 1; i >= 0; i--) positions.set(ids[i] as string, i);
      return positions.get(id);
    }
    return at < 0 ? undefined : at;
  };
  return { get, has: (id) => get(id) !== undefined };
}

/** Ids looked up by a scan before the index maps every position. */
const SCANS = 4;

/**
 * Selection operations over `ids`. `toggle` and `only` move the anchor; `extendTo` selects
 * the range from the anchor (or `fallback`) to an id, leaving the anchor in place, and with
 * `keep` adds it to the selection instead of replacing it.
 */
export function useGridSelection(options: GridSelectionOptions) {
  const { ids, onSelectionChange } = options;
  const [own, setOwn] = useState(options.defaultSelection ?? noSelection);
  const controlled = options.selection !== undefined;
  const selectedIds = options.selection ?? own;
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);
  const indexOf = useMemo(() => lazyIndex(ids), [ids]);
  const anchor = useRef<string | undefined>(undefined);

  const set = useCallback(
    (next: string[]) => {
      if (!controlled) setOwn(next);
      onSelectionChange?.(next);
    },
    [controlled, onSelectionChange],
  );

  return {
    selectedIds,
    selected,
    indexOf,
    setAnchor: (id: string) => {
      anchor.current = id;
    },
    extendTo: (id: string, fallback: string | undefined, keep = false) => {
      const end = indexOf.get(id) ?? 0;
      const start = indexOf.get(anchor.current ?? fallback ?? id) ?? end;
      const range = ids.slice(Math.min(start, end), Math.max(start, end) + 1);
      // Kept: a checkbox's Shift+click adds the range to what was picked, as file managers do.
      set(keep ? [...selectedIds, ...range.filter((r) => !selected.has(r))] : range);
    },
    toggle: (id: string) => {
      anchor.current = id;
      set(selected.has(id) ? selectedIds.filter((s) => s !== id) : [...selectedIds, id]);
    },
    only: (id: string) => {
      anchor.current = id;
      set([id]);
    },
    setSelection: set,
    selectAll: () => set([...ids]),
    clearSelection: () => {
      if (selectedIds.length > 0) set([]);
    },
  };
}
