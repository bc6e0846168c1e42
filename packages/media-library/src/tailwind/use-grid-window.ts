// The preset's layout arithmetic for the asset grid: its measured width gives the column count
// and a fixed row height, and its scroll position the rows worth rendering, so 10,000 assets
// cost as much as the few rows in view. Rows never measure their content: images loading move
// nothing.
import { type RefObject, useCallback, useMemo, useState } from 'react';
import { useClientLayoutEffect } from '../react/use-client-layout-effect';
import { useHydrating } from '../react/use-library-state';
import { useMountStages } from '../react/use-mount-stages';

/** Sizes of the grid (in CSS px), fixed by the preset's look. */
export interface GridWindowOptions {
  count: number;
  layout: 'grid' | 'list';
  minCellWidth: number;
  gap: number;
  captionHeight: number;
  listRowHeight: number;
  /**
   * Rows rendered beyond the view on each side at rest, once the first rows have been drawn.
   * Default 3.
   */
  overscan?: number;
}

interface Viewport {
  width: number;
  height: number;
  top: number;
}

/** How long after the last scroll event the grid counts as at rest. */
const scrollSettleMs = 150;

/**
 * Columns, row height and the rows in view of the scroll container `ref`, and whether it is
 * scrolling (true from a scroll event until 150 ms pass without one).
 */
export function useGridWindow(ref: RefObject<HTMLElement | null>, options: GridWindowOptions) {
  const { count, layout, minCellWidth, gap, captionHeight, listRowHeight } = options;
  const overscan = options.overscan ?? 3;
  // Until measured (a server render, a test without layout) a laptop-sized view is assumed.
  const [view, setView] = useState<Viewport>({ width: 960, height: 720, top: 0 });
  // A first client render has no rows until measured: the empty container's measurement is
  // cheap, where one taken with a screenful of guessed rows in it made the browser lay them
  // all out inside the commit. A server's render (and its hydration) has the guessed rows.
  const [measured, setMeasured] = useState(useHydrating());
  const [isScrolling, setScrolling] = useState(false);
  useClientLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const read = () => {
      setMeasured(true);
      if (element.clientWidth === 0) return;
      setView({ width: element.clientWidth, height: element.clientHeight, top: element.scrollTop });
    };
    let settle: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      read();
      setScrolling(true);
      clearTimeout(settle);
      settle = setTimeout(() => setScrolling(false), scrollSettleMs);
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    // Where the browser lays out, the first measurement is the observer's first report, given
    // once the page is laid out: read here, it would make the browser lay out the newly
    // mounted screen inside React's commit, one long task with it.
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(read);
    if (observer) observer.observe(element);
    else read();
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer?.disconnect();
      clearTimeout(settle);
    };
  }, [ref]);

  const width = view.width - gap * 2;
  const columns =
    layout === 'list' ? 1 : Math.max(1, Math.floor((width + gap) / (minCellWidth + gap)));
  const cellWidth = (width - gap * (columns - 1)) / columns;
  const rowHeight = layout === 'list' ? listRowHeight : Math.round(cellWidth + captionHeight + gap);
  const rowCount = Math.ceil(count / columns);
  // The first rows are those in view and no more: their frame is the browser's first layout
  // of cells, the costliest of the opening; the rows around follow once it has been drawn.
  // While scrolling, one row beyond each side: a fast scroll lands on new rows every frame,
  // and each extra row is cells to mount in a commit that cannot be split.
  const drawn = useMountStages(1, measured && count > 0) === 1;
  const around = !drawn ? 0 : isScrolling ? Math.min(1, overscan) : overscan;
  const first = Math.max(0, Math.floor((view.top - gap) / rowHeight) - around);
  const last = Math.min(rowCount - 1, Math.ceil((view.top + view.height) / rowHeight) + around);
  // The same array while the same rows show, so a scroll within a row renders nothing new.
  const rows = useMemo(() => {
    const range: number[] = [];
    if (measured) for (let row = first; row <= last; row++) range.push(row);
    return range;
  }, [first, last, measured]);

  /** Scrolls the least needed to show the whole row `row`. */
  const scrollToRow = useCallback(
    (row: number) => {
      const element = ref.current;
      if (!element) return;
      const top = gap + row * rowHeight;
      const bottom = top + rowHeight;
      if (top < element.scrollTop) element.scrollTop = top - gap;
      else if (bottom > element.scrollTop + element.clientHeight)
        element.scrollTop = bottom - element.clientHeight;
    },
    [ref, gap, rowHeight],
  );

  return {
    columns,
    rowHeight,
    rows,
    totalHeight: rowCount * rowHeight,
    scrollToRow,
    isScrolling,
  };
}
