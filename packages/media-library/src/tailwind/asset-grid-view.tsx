// The virtualised grid (or list) of assets: useAssetGrid gives roles, keyboard and selection;
// useGridWindow renders only the rows in view, each of a fixed height, so 100,000 assets
// scroll without a long task and images loading never move anything.
import {
  type MouseEvent,
  memo,
  type RefObject,
  useDeferredValue,
  useId,
  useMemo,
  useRef,
} from 'react';
import {
  assetLabel,
  formatBytes,
  formatDate,
  formatDimensions,
  type MediaAsset,
} from '../core/index';
import { cellStates, latestItemProps, withRow } from '../react/grid-rows';
import { type UseAssetGridResult, useAssetGrid } from '../react/index';
import { useFocusedCellInView } from '../react/use-focused-cell-in-view';
import { AIBadge } from './ai-badge';
import { AssetThumbnail } from './asset-thumbnail';
import { focusRing, muted } from './classes';
import { useGridWindow } from './use-grid-window';

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
  /** A plain click or tap opens the asset and leaves the selection as it is (touch screens). */
  activateOnClick?: boolean;
  /** The asset shown open (say, in the details): outlined and `data-open`, apart from the selection. */
  openId?: string | undefined;
  /** A double click opens the asset in a viewer (in place of `onActivate`). */
  onView?(id: string): void;
  /** Each checkbox takes the taps of a 44 px square around it. Default false. */
  touchTargets?: boolean;
  /** Accessible name of the grid. Default "Assets". */
  label?: string;
  /** Smallest width of a grid cell in px. Default 160. */
  minCellWidth?: number;
}

const gap = 12;
const captionHeight = 28;
const listRowHeight = 60;
/**
 * While the grid scrolls, a cell waits this long before reading its thumbnail: a drag through
 * 100,000 assets mounts rows it shows for one frame, and reading their bytes would make every
 * frame a long task. Rows the scroll stops on read at once.
 */
const scrollingLoadDelayMs = 150;

/** A keyboard-navigable, multi-selectable, virtualised grid or list of assets. */
export function AssetGridView({
  assets: latestAssets,
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
  // time, while the grid shows the previous one: typing never waits for the grid.
  const assets = useDeferredValue(latestAssets);
  const scrollRef = useRef<HTMLDivElement>(null);
  const sizes = { count: assets.length, layout, minCellWidth, gap, captionHeight, listRowHeight };
  const { columns, rowHeight, rows, totalHeight, scrollToRow, isScrolling } = useGridWindow(
    scrollRef,
    sizes,
  );
  const ids = useMemo(() => assets.map((asset) => asset.id), [assets]);
  const grid = useAssetGrid({
    ids,
    columns,
    selection,
    onSelectionChange,
    onActivate,
    activateOnClick,
    openId,
  });

  const { focusedId } = grid;
  const focusedIndex = useMemo(
    () => (focusedId === undefined ? -1 : ids.indexOf(focusedId)),
    [ids, focusedId],
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
  const deferredRows = useDeferredValue(rows);
  const keyboardInside =
    typeof document !== 'undefined' && !!scrollRef.current?.contains(document.activeElement);
  // The focused cell's row is always rendered, wherever the grid is scrolled: Tab comes back
  // to it, and a re-layout (details opening beside the grid) never drops its focus.
  const shownRows = withRow(
    isScrolling && !keyboardInside ? deferredRows : rows,
    focusedIndex < 0 ? -1 : Math.floor(focusedIndex / columns),
  );
  const loadDelayMs = isScrolling ? scrollingLoadDelayMs : 0;

  return (
    <div
      ref={scrollRef}
      {...grid.getGridProps({ 'aria-label': label })}
      data-layout={layout}
      className="h-full overflow-y-auto p-3 [contain:strict]"
    >
      <div role="presentation" className="relative" style={{ height: totalHeight }}>
        {shownRows.map((row) => {
          const first = row * columns;
          return (
            <GridRow
              key={row}
              index={row}
              assets={assets}
              columns={columns}
              rowHeight={rowHeight}
              layout={layout}
              gridRef={gridRef}
              onViewRef={onViewRef}
              viewable={onView !== undefined}
              touch={touchTargets}
              loadDelayMs={loadDelayMs}
              cellStates={cellStates(assets, first, columns, selected, focusedId, openId)}
            />
          );
        })}
      </div>
    </div>
  );
}

interface GridRowProps {
  index: number;
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

const cellClass = `relative min-w-0 cursor-default rounded-lg p-1 data-[state=selected]:bg-indigo-50 data-[state=selected]:ring-2 data-[state=selected]:ring-indigo-600 dark:data-[state=selected]:bg-indigo-950 dark:data-[state=selected]:ring-indigo-400 border-2 border-transparent data-open:border-zinc-900 dark:data-open:border-zinc-100 ${focusRing}`;

/**
 * Rows compare all props but `loadDelayMs`: a cell reads it only when it mounts, so the grid
 * starting or stopping a scroll renders no row again (only rows mounted then take the new one).
 */
function sameRow(before: GridRowProps, after: GridRowProps): boolean {
  for (const key of Object.keys(after) as (keyof GridRowProps)[])
    if (key !== 'loadDelayMs' && before[key] !== after[key]) return false;
  return true;
}

/** One rendered row: its cells, each with the grid's item props and its visible parts. */
const GridRow = memo(function GridRow({
  index,
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
      className={
        layout === 'grid'
          ? 'absolute inset-x-0 top-0 grid gap-x-3 pb-3'
          : 'absolute inset-x-0 top-0 grid pb-1'
      }
      style={{
        height: rowHeight,
        transform: `translateY(${index * rowHeight}px)`,
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        // Its size is set: laying a new row out never lays out the others (no paint
        // containment, which would clip the cells' focus rings and selection outlines).
        contain: 'size layout style',
      }}
    >
      {assets.slice(first, first + columns).map((asset, c) => {
        const id = asset.id;
        const at = first + c;
        // State from this render; handlers from the grid's latest, when the event comes.
        const itemProps = latestItemProps(gridRef, onViewRef, viewable, id, at);
        const cell: CellProps = {
          prefix: `${idPrefix}${id}`,
          asset,
          name: assetLabel(asset),
          selected: selected.has(id),
          // Through the grid, so a ticked checkbox is where a Shift-click's range starts.
          onToggle: () => gridRef.current.toggle(id),
          touch,
          loadDelayMs,
        };
        return (
          // biome-ignore lint/a11y/useAriaPropsSupportedByRole: a gridcell by its props (role and tabIndex spread in).
          <div
            key={id}
            {...itemProps}
            // Named by its visible parts, in reading order (WCAG "label in name").
            aria-labelledby={labelIds(cell.prefix, asset, layout)}
            data-asset-id={id}
            className={cellClass}
          >
            {layout === 'grid' ? <GridCell {...cell} /> : <ListCell {...cell} />}
          </div>
        );
      })}
    </div>
  );
}, sameRow);

/** Ids of the badge, name and favorite mark, as the cell's aria-labelledby. */
function labelIds(prefix: string, asset: MediaAsset, layout: 'grid' | 'list'): string {
  const badge = asset.source.type === 'ai' ? [`${prefix}-ai`] : [];
  const name = [`${prefix}-name`];
  const star = asset.favorite ? [`${prefix}-fav`] : [];
  return (layout === 'grid' ? [...badge, ...name, ...star] : [...name, ...badge, ...star]).join(
    ' ',
  );
}

interface CellProps {
  /** Prefix of the ids that name the cell. */
  prefix: string;
  asset: MediaAsset;
  name: string;
  selected: boolean;
  onToggle(): void;
  touch: boolean;
  /** Wait this long before reading the thumbnail: the grid is scrolling past it. */
  loadDelayMs: number;
}

/** A favorite mark that screen readers read as "Favorite". */
function Star({ id, className = '' }: { id: string; className?: string }) {
  return (
    <span
      id={id}
      role="img"
      aria-label="Favorite"
      className={`text-sm text-amber-700 dark:text-amber-300 ${className}`}
    >
      ★
    </span>
  );
}

/**
 * A checkbox that toggles without the cell's click (which selects only this one); a Shift-click
 * goes on to the cell, which selects the range from the anchor.
 */
function SelectBox({
  name,
  selected,
  onToggle,
  touch,
}: Pick<CellProps, 'name' | 'selected' | 'onToggle' | 'touch'>) {
  const stop = (event: MouseEvent) => {
    if (!event.shiftKey) event.stopPropagation();
  };
  const box = (
    <input
      type="checkbox"
      aria-label={`Select ${name}`}
      checked={selected}
      tabIndex={-1}
      onClick={stop}
      onChange={(event) => {
        if (!(event.nativeEvent as Partial<globalThis.MouseEvent>).shiftKey) onToggle();
      }}
      className="size-4 cursor-pointer accent-indigo-700 dark:accent-indigo-400"
    />
  );
  if (!touch) return box;
  // The label passes its taps to the checkbox, so the whole square ticks it.
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noLabelWithoutControl: it wraps the checkbox and only stops a click; the grid has the keyboard.
    <label
      onClick={stop}
      onDoubleClick={(event) => event.stopPropagation()}
      className="flex size-11 flex-none cursor-pointer items-center justify-center"
    >
      {box}
    </label>
  );
}

function GridCell({ prefix, asset, name, selected, onToggle, touch, loadDelayMs }: CellProps) {
  return (
    <>
      <AssetThumbnail asset={asset} loadDelayMs={loadDelayMs} />
      <div
        className={
          touch
            ? 'absolute top-1 left-1 flex items-center gap-1'
            : 'absolute top-2.5 left-2.5 flex items-center gap-1'
        }
      >
        <SelectBox name={name} selected={selected} onToggle={onToggle} touch={touch} />
        <AIBadge id={`${prefix}-ai`} source={asset.source} />
      </div>
      {asset.favorite && (
        <Star
          id={`${prefix}-fav`}
          className="absolute top-2.5 right-2.5 rounded-full bg-white/90 px-1 dark:bg-zinc-900/90"
        />
      )}
      <p id={`${prefix}-name`} title={name} className="mt-1 truncate text-xs leading-5">
        {name}
      </p>
    </>
  );
}

function ListCell({ prefix, asset, name, selected, onToggle, touch, loadDelayMs }: CellProps) {
  return (
    <div className="flex h-[52px] items-center gap-3 px-2">
      <SelectBox name={name} selected={selected} onToggle={onToggle} touch={touch} />
      <AssetThumbnail asset={asset} className="w-11 flex-none" loadDelayMs={loadDelayMs} />
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-1.5">
          <span id={`${prefix}-name`} title={name} className="truncate text-sm">
            {name}
          </span>
          <AIBadge id={`${prefix}-ai`} source={asset.source} />
          {asset.favorite && <Star id={`${prefix}-fav`} />}
        </div>
        <p className={`truncate text-xs ${muted}`}>
          {[asset.kind, formatDimensions(asset), formatBytes(asset.size)]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </div>
      <span className={`hidden flex-none text-xs sm:inline ${muted}`}>
        {formatDate(asset.createdAt)}
      </span>
    </div>
  );
}
