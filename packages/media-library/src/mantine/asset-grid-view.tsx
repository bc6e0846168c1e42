// The virtualised grid (or list) of assets: useAssetGrid gives roles, keyboard and selection;
// @tanstack/react-virtual renders only the rows in view, so 10,000+ assets scroll smoothly.
// Every row has a computed fixed height, so images loading never move anything.
import { Box, Checkbox, Group, Text, type TextProps } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type MouseEvent, useEffect, useId, useMemo, useRef } from 'react';
import type { MediaAsset } from '../core/index';
import { useAssetGrid } from '../react/index';
import { AIBadge } from './ai-badge';
import { AssetThumbnail } from './asset-thumbnail';
import { assetLabel, formatBytes, formatDate, formatDimensions } from './format';
import { mutedText } from './preset-colors';
import { useElementWidth } from './use-element-width';

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
   * Shift and Ctrl/Cmd clicks, Space and the checkboxes still select. For touch screens,
   * where there is no double click. Default false: a click selects that asset alone.
   */
  activateOnClick?: boolean;
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
const captionHeight = 28;
const listRowHeight = 60;
/** The side of a checkbox's hit area with `touchTargets`. */
const touchTarget = 44;

/** A keyboard-navigable, multi-selectable, virtualised grid or list of assets. */
export function AssetGridView({
  assets,
  layout = 'grid',
  selection,
  onSelectionChange,
  onActivate,
  activateOnClick = false,
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
  const grid = useAssetGrid({ ids, columns, selection, onSelectionChange, onActivate });
  const selected = useMemo(() => new Set(selection), [selection]);
  const idPrefix = useId();

  const rowCount = Math.ceil(assets.length / columns);
  const virtualizer = useVirtualizer({
    count: rowCount,
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

  // Through the grid, so a ticked checkbox is where a Shift-click's range starts.
  const toggle = grid.toggle;

  return (
    <Box
      ref={scrollRef}
      {...grid.getGridProps({ 'aria-label': label })}
      data-layout={layout}
      style={{ height: '100%', overflowY: 'auto', padding: gap, contain: 'strict' }}
    >
      <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const rowAssets = assets.slice(row.index * columns, row.index * columns + columns);
          return (
            <div
              key={row.key}
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
              {rowAssets.map((asset, c) => {
                const index = row.index * columns + c;
                const { ref, onClick, onDoubleClick, ...itemProps } = grid.getItemProps(
                  asset.id,
                  index,
                );
                const name = assetLabel(asset);
                return (
                  <Box
                    key={asset.id}
                    ref={ref}
                    {...itemProps}
                    onClick={(event) => {
                      // The click still focuses the cell, which makes it the grid's tab stop.
                      const plain = !event.shiftKey && !event.ctrlKey && !event.metaKey;
                      if (activateOnClick && plain && onActivate) onActivate(asset.id);
                      else onClick?.(event);
                    }}
                    onDoubleClick={onView ? () => onView(asset.id) : onDoubleClick}
                    // Named by its visible parts, in reading order (WCAG "label in name").
                    aria-labelledby={labelIds(`${idPrefix}${asset.id}`, asset, layout)}
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
                    {layout === 'grid' ? (
                      <GridCell
                        prefix={`${idPrefix}${asset.id}`}
                        asset={asset}
                        name={name}
                        onToggle={() => toggle(asset.id)}
                        selected={selected.has(asset.id)}
                        touch={touchTargets}
                      />
                    ) : (
                      <ListCell
                        prefix={`${idPrefix}${asset.id}`}
                        asset={asset}
                        name={name}
                        onToggle={() => toggle(asset.id)}
                        selected={selected.has(asset.id)}
                        touch={touchTargets}
                      />
                    )}
                  </Box>
                );
              })}
            </div>
          );
        })}
      </div>
    </Box>
  );
}

/** Ids of the badge, name and favorite mark, as the cell's aria-labelledby. */
function labelIds(prefix: string, asset: MediaAsset, layout: 'grid' | 'list'): string {
  const badge = asset.source.type === 'ai' ? [`${prefix}-ai`] : [];
  const name = [`${prefix}-name`];
  const star = asset.favorite ? [`${prefix}-fav`] : [];
  return (layout === 'grid' ? [...badge, ...name, ...star] : [...name, ...badge, ...star]).join(
    ' ',
  );
}

/** A favorite mark that screen readers read as "Favorite". */
function Star({ id, ...props }: { id: string } & Omit<TextProps, 'children'>) {
  return (
    <Text id={id} role="img" aria-label="Favorite" c="yellow.7" size="sm" {...props}>
      ★
    </Text>
  );
}

interface CellProps {
  /** Prefix of the ids that name the cell. */
  prefix: string;
  asset: MediaAsset;
  name: string;
  selected: boolean;
  onToggle(): void;
  /** Give the checkbox a hit area for a finger; see `touchTargets`. */
  touch: boolean;
}

/**
 * A checkbox that toggles without the cell's click (which selects only this one). A Shift-click
 * goes on to the cell, which selects the range from the anchor, as a Shift-click on the cell does.
 */
function SelectBox({ name, selected, onToggle, touch }: Omit<CellProps, 'asset' | 'prefix'>) {
  const stop = (event: MouseEvent) => {
    if (!event.shiftKey) event.stopPropagation();
  };
  const box = (
    <Checkbox
      aria-label={`Select ${name}`}
      checked={selected}
      tabIndex={-1}
      size={touch ? 'sm' : 'xs'}
      onClick={stop}
      onChange={(event) => {
        // A checkbox's change comes from its click, which says whether Shift was held.
        if (!(event.nativeEvent as Partial<globalThis.MouseEvent>).shiftKey) onToggle();
      }}
    />
  );
  if (!touch) return box;
  // The label passes its taps to the checkbox, so the whole square ticks it. Its own click and
  // double click stop here too, or the cell would open the asset for a tap meant to tick it.
  return (
    <Box
      component="label"
      w={touchTarget}
      h={touchTarget}
      onClick={stop}
      onDoubleClick={(event) => event.stopPropagation()}
      style={{
        display: 'flex',
        flex: 'none',
        alignItems: 'center',
        justifyContent: 'center',
        cursor: 'pointer',
      }}
    >
      {box}
    </Box>
  );
}

function GridCell({ prefix, asset, name, selected, onToggle, touch }: CellProps) {
  // A hit area for a finger fills the corner itself, with the checkbox at its middle.
  const inset = touch ? 0 : 6;
  return (
    <>
      <AssetThumbnail asset={asset} />
      <Group pos="absolute" top={inset} left={inset} gap={4} wrap="nowrap">
        <SelectBox name={name} selected={selected} onToggle={onToggle} touch={touch} />
        <AIBadge id={`${prefix}-ai`} source={asset.source} />
      </Group>
      {asset.favorite && <Star id={`${prefix}-fav`} pos="absolute" top={4} right={8} />}
      <Text
        id={`${prefix}-name`}
        size="xs"
        truncate="end"
        mt={6}
        h={captionHeight - 6}
        title={name}
      >
        {name}
      </Text>
    </>
  );
}

function ListCell({ prefix, asset, name, selected, onToggle, touch }: CellProps) {
  return (
    <Group wrap="nowrap" gap="sm" h={listRowHeight - 4} px="xs">
      <SelectBox name={name} selected={selected} onToggle={onToggle} touch={touch} />
      <Box w={48} style={{ flex: 'none' }}>
        <AssetThumbnail asset={asset} />
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text id={`${prefix}-name`} size="sm" truncate="end" title={name}>
            {name}
          </Text>
          <AIBadge id={`${prefix}-ai`} source={asset.source} />
          {asset.favorite && <Star id={`${prefix}-fav`} />}
        </Group>
        <Text size="xs" c={mutedText} truncate="end">
          {[asset.kind, formatDimensions(asset), formatBytes(asset.size)]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Box>
      <Text size="xs" c={mutedText} visibleFrom="sm" style={{ flex: 'none' }}>
        {formatDate(asset.createdAt)}
      </Text>
    </Group>
  );
}
