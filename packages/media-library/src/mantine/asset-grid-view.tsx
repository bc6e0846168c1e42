// The virtualised grid (or list) of assets: useAssetGrid gives roles, keyboard, selection and
// the open item; @tanstack/react-virtual renders only the rows in view, so 10,000+ assets
// scroll smoothly. Every row has a computed fixed height, so images loading never move anything.
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  type RefObject,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
} from 'react';
import type { MediaAsset } from '../core/index';
import { cellStates, latestItemProps, withRow } from '../react/grid-rows';
import { type UseAssetGridResult, useAssetGrid } from '../react/index';
import { useElementWidth } from '../react/use-element-width';
import { useFocusedCellInView } from '../react/use-focused-cell-in-view';
import { useMountStages } from '../react/use-mount-stages';
import { captionHeight, GridCell, ListCell, labelIds, listRowHeight } from './asset-grid-cells';
import { assetLabel } from './format';
import { PresetStyles } from './preset-styles';

/** Props of {@link AssetGridView}. */
export interface AssetGridViewProps {
  /** The assets to show, in display order (all of them: only visible rows render). */
  assets: readonly MediaAsset[];
  /** 'grid' of square thumbnails, or a 'list' with one asset per row. Default 'grid'. */
  layout?: 'grid' | 'list';
  /** The selected ids (controlled). */
  selection: readonly string[];
  onSelectionChange(ids: string[]): void;
  /** Enter or double click on an asset (or a plain click, with `activateOnClick`). */
  onActivate?(id: string): void;
  /**
   * A plain click or tap opens the asset (`onActivate`) and leaves the selection as it is;
   * Shift and Ctrl/Cmd clicks, Space and the checkboxes still select. Default false: a click
   * selects that asset alone.
   */
  activateOnClick?: boolean;
  /**
   * The asset shown open (in the details): outlined and marked `data-open`, apart from the
   * selected ones (ticked, `data-selected`), which are what bulk actions act on.
   */
  openId?: string;
  /**
   * A double click opens the asset in a viewer (in place of `onActivate`, which Enter and, with
   * `activateOnClick`, a tap still call).
   */
  onView?(id: string): void;
  /**
   * Sized for fingers: each checkbox takes the taps of a 44 px square around it (WCAG 2.2
   * target size), while it looks hardly bigger. Default false: checkboxes as small as they look.
   */
  touchTargets?: boolean;
  /** Accessible name of the grid. Default "Assets". */
  label?: string;
  /** Smallest width of a grid cell in px. Default 160. */
  minCellWidth?: number;
}

const gap = 12;
const noAssets: readonly MediaAsset[] = [];
/**
 * While the grid scrolls, a cell waits this long before reading its thumbnail: a drag through
 * 100,000 assets mounts rows it shows for one frame, and reading their bytes would make every
 * frame a long task. Rows the scroll stops on read at once.
 */
const scrollingLoadDelayMs = 150;

/** A keyboard-navigable, multi-selectable, virtualised grid or list of assets. */
export function AssetGridView({
  assets,
  layout = 'grid',
  selection,
  onSelectionChange,
  onActivate,
  activateOnClick = false,
  openId,
  onView,
  touchTargets = false,
  label = 'Assets',
  minCellWidth = 160,
}: AssetGridViewProps) {
  // A new list (a search typed, a library loaded) renders in the background, a few ms at a
  // time, while the grid shows the previous one: typing never waits for the grid. The first
  // list too: the grid mounts empty and its cells follow.
  const shown = useDeferredValue(assets, noAssets);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Deferred: a new width (a resize, the details opening beside the grid) re-renders the rows
  // in the background, not in one task. The grid mounts without rows (see `shown`), so its
  // first measurement re-renders nothing but the empty grid.
  const width = useDeferredValue(useElementWidth(scrollRef, 960)) - gap * 2;
  const columns =
    layout === 'list' ? 1 : Math.max(1, Math.floor((width + gap) / (minCellWidth + gap)));
  const cellWidth = (width - gap * (columns - 1)) / columns;
  const rowHeight = layout === 'list' ? listRowHeight : Math.round(cellWidth + captionHeight + gap);
  const ids = useMemo(() => shown.map((asset) => asset.id), [shown]);
  const grid = useAssetGrid({
    ids,
    columns,
    selection,
    onSelectionChange,
    onActivate,
    activateOnClick,
    openId,
  });

  // The focused cell's row is always rendered, wherever the grid is scrolled: Tab comes back
  // to it, and a re-layout (details opening beside the grid) never drops its focus.
  const { focusedId } = grid;
  const focusedIndex = useMemo(
    () => (focusedId === undefined ? -1 : ids.indexOf(focusedId)),
    [ids, focusedId],
  );
  const focusedRow = focusedIndex < 0 ? -1 : Math.floor(focusedIndex / columns);
  const rangeExtractor = useCallback(
    (range: Range) => withRow(defaultRangeExtractor(range), focusedRow),
    [focusedRow],
  );
  // The first cells fill the view and no more: their frame is the browser's first layout of
  // them (fonts matched, text shaped for the first time), and two rows either side nearly
  // doubled it (25 cells where 15 show, 37 ms of layout in a 66 ms task opening 100,000
  // assets, `pnpm bench scale`, traced). The rows kept ready for a scroll follow after.
  const painted = useMountStages(1, shown.length > 0) === 1;
  const virtualizer = useVirtualizer({
    count: Math.ceil(shown.length / columns),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: painted ? 2 : 0,
    rangeExtractor,
    initialRect: { width: 960, height: 720 },
    // A scroll re-renders the grid in a task of its own, not inside the scroll event: flushed
    // there, the grid's render and the frame's layout and paint made one task of 36 to 42 ms
    // of CPU per frame while scrolling 100,000 assets (`pnpm bench scale`, traced).
    useFlushSync: false,
  });
  // Row heights are computed, never measured: re-layout when the width changes them.
  useEffect(() => {
    void rowHeight;
    virtualizer.measure();
  }, [virtualizer, rowHeight]);

  const scrollToRow = useCallback(
    (row: number) => virtualizer.scrollToIndex(row, { align: 'auto' }),
    [virtualizer],
  );
  useFocusedCellInView(scrollRef, focusedId, focusedIndex, columns, scrollToRow);

  // Rows read the grid's latest props when they render and when an event comes, so a row whose
  // cells did not change is not rendered again as the grid scrolls (see GridRow).
  const gridRef = useRef(grid);
  gridRef.current = grid;
  const onViewRef = useRef(onView);
  onViewRef.current = onView;
  const selected = useMemo(() => new Set(grid.selectedIds), [grid.selectedIds]);
  // While a pointer scrolls, the rows of a new window render in the background, a few
  // milliseconds at a time (React yields between), so dragging through 100,000 assets never
  // blocks a frame; rows already shown stay put meanwhile. At rest, and while the keyboard
  // moves (its focus must land on a rendered cell at once), rows render in the same frame.
  const items = virtualizer.getVirtualItems();
  const deferredItems = useDeferredValue(items);
  const keyboardInside =
    typeof document !== 'undefined' && !!scrollRef.current?.contains(document.activeElement);
  const shownItems = virtualizer.isScrolling && !keyboardInside ? deferredItems : items;

  const loadDelayMs = virtualizer.isScrolling ? scrollingLoadDelayMs : 0;
  return (
    <div
      ref={scrollRef}
      {...grid.getGridProps({ 'aria-label': label })}
      data-layout={layout}
      style={{ height: '100%', overflowY: 'auto', padding: gap, contain: 'strict' }}
    >
      <PresetStyles />
      <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {shownItems.map((item) => {
          const first = item.index * columns;
          return (
            <GridRow
              key={item.key}
              index={item.index}
              start={item.start}
              assets={shown}
              columns={columns}
              rowHeight={rowHeight}
              layout={layout}
              gridRef={gridRef}
              onViewRef={onViewRef}
              viewable={onView !== undefined}
              touch={touchTargets}
              loadDelayMs={loadDelayMs}
              cellStates={cellStates(shown, first, columns, selected, grid.focusedId, openId)}
            />
          );
        })}
      </div>
    </div>
  );
}

interface GridRowProps {
  index: number;
  start: number;
  assets: readonly MediaAsset[];
  columns: number;
  rowHeight: number;
  layout: 'grid' | 'list';
  gridRef: RefObject<UseAssetGridResult>;
  onViewRef: RefObject<((id: string) => void) | undefined>;
  viewable: boolean;
  touch: boolean;
  loadDelayMs: number;
  /** Only compared: see cellStates. */
  cellStates: string;
}

/** One rendered row: its cells, each with the grid's item props and its visible parts. */
const GridRow = memo(function GridRow({
  index,
  start,
  assets,
  columns,
  rowHeight,
  layout,
  gridRef,
  onViewRef,
  viewable,
  touch,
  loadDelayMs,
}: GridRowProps) {
  const idPrefix = useId();
  const first = index * columns;
  const grid = gridRef.current;
  const selected = new Set(grid.selectedIds);
  return (
    <div
      {...grid.getRowProps(index)}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        width: '100%',
        height: rowHeight,
        transform: `translateY(${start}px)`,
        display: 'grid',
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        columnGap: gap,
        paddingBottom: layout === 'grid' ? gap : 4,
        // Its size is set: laying a new row out never lays out the others (no paint
        // containment, which would clip the cells' focus and open outlines).
        contain: 'size layout style',
      }}
    >
      {assets.slice(first, first + columns).map((asset, c) => {
        const id = asset.id;
        const at = first + c;
        // State from this render; handlers from the grid's latest, when the event comes.
        const itemProps = latestItemProps(gridRef, onViewRef, viewable, id, at);
        const prefix = `${idPrefix}${id}`;
        const Cell = layout === 'grid' ? GridCell : ListCell;
        return (
          // biome-ignore lint/a11y/useAriaPropsSupportedByRole: a gridcell by its props (role and tabIndex spread in).
          <div
            key={id}
            {...itemProps}
            // Named by its visible parts, in reading order (WCAG "label in name").
            aria-labelledby={labelIds(prefix, asset, layout)}
            data-asset-id={id}
            className="medialoft-grid-cell"
            style={{
              position: 'relative',
              borderRadius: 'var(--mantine-radius-md)',
              cursor: 'default',
              outlineOffset: 2,
              minWidth: 0,
            }}
          >
            <Cell
              prefix={prefix}
              asset={asset}
              name={assetLabel(asset)}
              // Through the grid, so a ticked checkbox is where a Shift-click's range starts.
              onToggle={() => gridRef.current.toggle(id)}
              selected={selected.has(id)}
              touch={touch}
              loadDelayMs={loadDelayMs}
            />
          </div>
        );
      })}
    </div>
  );
});
