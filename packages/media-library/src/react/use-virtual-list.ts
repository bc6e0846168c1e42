// A long list of fixed-height rows that renders only the rows in view (and the one holding the
// focus), for lists that may hold thousands of assets: the Trash after a bulk delete. The
// presets keep their own look; this hook gives the scroll container, the list's height and
// where each rendered row goes.
import {
  defaultRangeExtractor,
  observeElementRect,
  type Range,
  useVirtualizer,
} from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type FocusEvent,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { withRow } from './grid-rows';

/** Options of {@link useVirtualList}. */
export interface UseVirtualListOptions {
  /** How many rows the list has. */
  count: number;
  /** Each row's height in CSS px. */
  rowHeight: number;
  /** Space between two rows in CSS px. Default 0. */
  gap?: number;
  /** Rows rendered beyond the view on each side. Default 4. */
  overscan?: number;
}

/** A row to render: its index, and the style that places it. */
export interface VirtualListRow {
  index: number;
  /** Marks the row, so the list knows which one holds the focus. */
  'data-virtual-index': number;
  /** Absolute position inside the list; put it on the row's element. */
  style: CSSProperties;
  /** Position in the whole list, for assistive technology (1-based, with the list's size). */
  'aria-posinset': number;
  'aria-setsize': number;
}

/** What {@link useVirtualList} returns. */
export interface UseVirtualListResult<T extends HTMLElement> {
  /** The scroll container: give it a bounded height and `overflow-y: auto`. */
  scrollRef: RefObject<T | null>;
  /** Props for the element that holds the rows, inside the scroll container. */
  listProps: {
    style: CSSProperties;
    onFocus(event: FocusEvent<HTMLElement>): void;
  };
  /** The rows to render, in order. */
  rows: VirtualListRow[];
}

/**
 * A virtualised list of `count` rows of `rowHeight`: only the rows in view render, plus the row
 * holding the keyboard focus, so Tab and a button's own state survive a scroll. Where nothing is
 * laid out (a test environment, a server render), it renders the rows of a 640 px view.
 *
 * @example
 * const list = useVirtualList<HTMLDivElement>({ count: items.length, rowHeight: 56, gap: 8 });
 * return (
 *   <div ref={list.scrollRef} style={{ maxHeight: '60vh', overflowY: 'auto' }}>
 *     <ul {...list.listProps}>
 *       {list.rows.map(({ index, ...row }) => <li key={items[index].id} {...row}>…</li>)}
 *     </ul>
 *   </div>
 * );
 */
export function useVirtualList<T extends HTMLElement>({
  count,
  rowHeight,
  gap = 0,
  overscan = 4,
}: UseVirtualListOptions): UseVirtualListResult<T> {
  const scrollRef = useRef<T>(null);
  const [focusedIndex, setFocusedIndex] = useState(-1);
  const rangeExtractor = useCallback(
    (range: Range) =>
      withRow(defaultRangeExtractor(range), focusedIndex < count ? focusedIndex : -1),
    [focusedIndex, count],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight + gap,
    overscan,
    rangeExtractor,
    initialRect: { width: 640, height: 640 },
    // An element not laid out measures 0 × 0: the assumed view stands until a real one comes.
    observeElementRect: (instance, report) =>
      observeElementRect(instance, (rect) => {
        if (rect.height > 0) report(rect);
      }),
  });
  // Row heights are given, never measured: a new height (or gap) lays the rows out again.
  useEffect(() => {
    void rowHeight;
    void gap;
    virtualizer.measure();
  }, [virtualizer, rowHeight, gap]);
  const onFocus = useCallback((event: FocusEvent<HTMLElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-virtual-index]');
    if (row) setFocusedIndex(Number(row.dataset.virtualIndex));
  }, []);
  const rows = virtualizer.getVirtualItems().map((item) => ({
    index: item.index,
    'data-virtual-index': item.index,
    style: {
      position: 'absolute',
      top: 0,
      left: 0,
      right: 0,
      height: rowHeight,
      transform: `translateY(${item.start}px)`,
    } satisfies CSSProperties,
    'aria-posinset': item.index + 1,
    'aria-setsize': count,
  }));
  return {
    scrollRef,
    listProps: {
      style: {
        position: 'relative',
        height: Math.max(0, virtualizer.getTotalSize() - gap),
        margin: 0,
        padding: 0,
        listStyle: 'none',
      },
      onFocus,
    },
    rows,
  };
}
