// The virtualised grid (or list) of assets: useAssetGrid gives roles, keyboard and selection;
// useGridWindow renders only the rows in view, each of a fixed height, so 10,000+ assets
// scroll smoothly and images loading never move anything.
import { type MouseEvent, useEffect, useId, useMemo, useRef } from 'react';
import {
  assetLabel,
  formatBytes,
  formatDate,
  formatDimensions,
  type MediaAsset,
} from '../core/index';
import { useAssetGrid } from '../react/index';
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
  const sizes = { count: assets.length, layout, minCellWidth, gap, captionHeight, listRowHeight };
  const { columns, rowHeight, rows, totalHeight, scrollToRow } = useGridWindow(scrollRef, sizes);
  const ids = useMemo(() => assets.map((asset) => asset.id), [assets]);
  const grid = useAssetGrid({ ids, columns, selection, onSelectionChange, onActivate, openId });
  const selected = useMemo(() => new Set(selection), [selection]);
  const prefix = useId();

  // Keyboard focus may move to a row outside the rendered window: scroll it in, then focus.
  const { focusedId } = grid;
  useEffect(() => {
    const root = scrollRef.current;
    if (!root || focusedId === undefined || !root.contains(document.activeElement)) return;
    const index = ids.indexOf(focusedId);
    if (index < 0) return;
    scrollToRow(Math.floor(index / columns));
    // The row renders once the scroll has been read, a frame or a few later.
    let frame = 0;
    let tries = 10;
    const focusCell = () => {
      const cell = root.querySelector<HTMLElement>(`[data-asset-id="${CSS.escape(focusedId)}"]`);
      if (cell && !cell.contains(document.activeElement)) cell.focus();
      else if (!cell && --tries > 0) frame = requestAnimationFrame(focusCell);
    };
    frame = requestAnimationFrame(focusCell);
    return () => cancelAnimationFrame(frame);
  }, [focusedId, ids, columns, scrollToRow]);

  return (
    <div
      ref={scrollRef}
      {...grid.getGridProps({ 'aria-label': label })}
      data-layout={layout}
      className="h-full overflow-y-auto p-3 [contain:strict]"
    >
      <div role="presentation" className="relative" style={{ height: totalHeight }}>
        {rows.map((row) => (
          <div
            key={row}
            {...grid.getRowProps(row)}
            className={
              layout === 'grid'
                ? 'absolute inset-x-0 top-0 grid gap-x-3 pb-3'
                : 'absolute inset-x-0 top-0 grid pb-1'
            }
            style={{
              height: rowHeight,
              transform: `translateY(${row * rowHeight}px)`,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {assets.slice(row * columns, row * columns + columns).map((asset, c) => {
              const index = row * columns + c;
              const { ref, onClick, onDoubleClick, ...itemProps } = grid.getItemProps(
                asset.id,
                index,
              );
              const cell: CellProps = {
                prefix: `${prefix}${asset.id}`,
                asset,
                name: assetLabel(asset),
                selected: selected.has(asset.id),
                onToggle: () => grid.toggle(asset.id),
                touch: touchTargets,
              };
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions lint/a11y/useAriaPropsSupportedByRole: a gridcell by its props (tabIndex and role spread in); the grid handles the keyboard.
                <div
                  key={asset.id}
                  ref={ref}
                  {...itemProps}
                  onClick={(event) => {
                    const plain = !event.shiftKey && !event.ctrlKey && !event.metaKey;
                    if (activateOnClick && plain && onActivate) onActivate(asset.id);
                    else onClick?.(event);
                  }}
                  onDoubleClick={onView ? () => onView(asset.id) : onDoubleClick}
                  // Named by its visible parts, in reading order (WCAG "label in name").
                  aria-labelledby={labelIds(cell.prefix, asset, layout)}
                  data-asset-id={asset.id}
                  className={`relative min-w-0 cursor-default rounded-lg p-1 data-[state=selected]:bg-indigo-50 data-[state=selected]:ring-2 data-[state=selected]:ring-indigo-600 dark:data-[state=selected]:bg-indigo-950 dark:data-[state=selected]:ring-indigo-400 border-2 border-transparent data-open:border-zinc-900 dark:data-open:border-zinc-100 ${focusRing}`}
                >
                  {layout === 'grid' ? <GridCell {...cell} /> : <ListCell {...cell} />}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
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

interface CellProps {
  /** Prefix of the ids that name the cell. */
  prefix: string;
  asset: MediaAsset;
  name: string;
  selected: boolean;
  onToggle(): void;
  touch: boolean;
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
function SelectBox({ name, selected, onToggle, touch }: Omit<CellProps, 'asset' | 'prefix'>) {
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

function GridCell({ prefix, asset, name, selected, onToggle, touch }: CellProps) {
  return (
    <>
      <AssetThumbnail asset={asset} />
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

function ListCell({ prefix, asset, name, selected, onToggle, touch }: CellProps) {
  return (
    <div className="flex h-[52px] items-center gap-3 px-2">
      <SelectBox name={name} selected={selected} onToggle={onToggle} touch={touch} />
      <AssetThumbnail asset={asset} className="w-11 flex-none" />
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
