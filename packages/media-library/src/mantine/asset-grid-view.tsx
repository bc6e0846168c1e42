// The virtualised grid (or list) of assets: useAssetGrid gives roles, keyboard, selection and
// the open item; @tanstack/react-virtual renders only the rows in view, so 10,000+ assets
// scroll smoothly. Every row has a computed fixed height, so images loading never move anything.
import { Box } from '@mantine/core';
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef } from 'react';
import type { MediaAsset } from '../core/index';
import { type UseAssetGridResult, useAssetGrid } from '../react/index';
import { useElementWidth } from '../react/use-element-width';
import { captionHeight, GridCell, ListCell, labelIds, listRowHeight } from './asset-grid-cells';
import { assetLabel } from './format';

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
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scrollRef, 960) - gap * 2;
  const columns =
    layout === 'list' ? 1 : Math.max(1, Math.floor((width + gap) / (minCellWidth + gap)));
  const cellWidth = (width - gap * (columns - 1)) / columns;
  const rowHeight = layout === 'list' ? listRowHeight : Math.round(cellWidth + captionHeight + gap);
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

  const virtualizer = useVirtualizer({
    count: Math.ceil(assets.length / columns),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 3,
    initialRect: { width: 960, height: 720 },
  });
  // Row heights are computed, never measured: re-layout when the width changes them.
  useEffect(() => {
    void rowHeight;
    virtualizer.measure();
  }, [virtualizer, rowHeight]);

  // Keyboard focus may move to a row outside the rendered window: scroll it in, then focus.
  const { focusedId } = grid;
  useEffect(() => {
    const root = scrollRef.current;
    if (!root || focusedId === undefined || !root.contains(document.activeElement)) return;
    const index = ids.indexOf(focusedId);
    if (index < 0) return;
    virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'auto' });
    const frame = requestAnimationFrame(() => {
      const cell = root.querySelector<HTMLElement>(`[data-asset-id="${CSS.escape(focusedId)}"]`);
      if (cell && document.activeElement !== cell && !cell.contains(document.activeElement))
        cell.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [focusedId, ids, columns, virtualizer]);

  const row = { assets, columns, rowHeight, layout, grid, onView, touch: touchTargets };
  return (
    <Box
      ref={scrollRef}
      {...grid.getGridProps({ 'aria-label': label })}
      data-layout={layout}
      style={{ height: '100%', overflowY: 'auto', padding: gap, contain: 'strict' }}
    >
      <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <GridRow key={item.key} row={item} {...row} />
        ))}
      </div>
    </Box>
  );
}

interface GridRowProps {
  row: VirtualItem;
  assets: readonly MediaAsset[];
  columns: number;
  rowHeight: number;
  layout: 'grid' | 'list';
  grid: UseAssetGridResult;
  onView?(id: string): void;
  touch: boolean;
}

/** One rendered row: its cells, each with the grid's item props and its visible parts. */
function GridRow({ row, assets, columns, rowHeight, layout, grid, onView, touch }: GridRowProps) {
  const idPrefix = useId();
  const first = row.index * columns;
  const selected = new Set(grid.selectedIds);
  return (
    <div
      {...grid.getRowProps(row.index)}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        width: '100%',
        height: rowHeight,
        transform: `translateY(${row.start}px)`,
        display: 'grid',
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        columnGap: gap,
        paddingBottom: layout === 'grid' ? gap : 4,
      }}
    >
      {assets.slice(first, first + columns).map((asset, c) => {
        const { ref, onDoubleClick, ...itemProps } = grid.getItemProps(asset.id, first + c);
        const prefix = `${idPrefix}${asset.id}`;
        const Cell = layout === 'grid' ? GridCell : ListCell;
        return (
          <Box
            key={asset.id}
            ref={ref}
            {...itemProps}
            onDoubleClick={onView ? () => onView(asset.id) : onDoubleClick}
            // Named by its visible parts, in reading order (WCAG "label in name").
            aria-labelledby={labelIds(prefix, asset, layout)}
            data-asset-id={asset.id}
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
              onToggle={() => grid.toggle(asset.id)}
              selected={selected.has(asset.id)}
              touch={touch}
            />
          </Box>
        );
      })}
    </div>
  );
}
