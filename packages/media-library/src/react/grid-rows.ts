// What both presets' virtualised grids share about their rows: which rows to render, and a
// row's cell states as one comparable string, so a memoised row renders again only when its
// own cells change. Internal to the presets.
import type { RefObject } from 'react';
import type { MediaAsset } from '../core/types';
import type { AssetGridItemProps, UseAssetGridResult } from './asset-grid-types';
import { clickedItem } from './double-click-target';

/** The row indexes to render, with `row` added in order if it is missing (and exists). */
export function withRow(rows: readonly number[], row: number): number[] {
  if (row < 0 || rows.includes(row)) return rows as number[];
  return [...rows, row].sort((a, b) => a - b);
}

/**
 * What of a row's cells the grid's state decides, as one string: a row renders again only
 * when it changes (or its assets, size or layout do), not on every scroll frame.
 */
export function cellStates(
  assets: readonly MediaAsset[],
  first: number,
  columns: number,
  selected: ReadonlySet<string>,
  focusedId: string | undefined,
  openId: string | undefined,
): string {
  let states = '';
  for (let i = first; i < Math.min(assets.length, first + columns); i++) {
    const id = (assets[i] as MediaAsset).id;
    states += `${selected.has(id) ? 's' : '-'}${id === focusedId ? 'f' : '-'}${id === openId ? 'o' : '-'}`;
  }
  return states;
}

/**
 * A cell's item props for a memoised row: its state (tab stop, selected, open) from the grid
 * as it is now, its handlers reading the grid's latest props when the event comes, so a row
 * not rendered again still acts on the current selection. A double click opens the viewer
 * (`onViewRef`) when `viewable`, else activates.
 */
export function latestItemProps(
  gridRef: RefObject<UseAssetGridResult>,
  onViewRef: RefObject<((id: string) => void) | undefined>,
  viewable: boolean,
  id: string,
  index: number,
): AssetGridItemProps {
  const {
    onClick: _c,
    onDoubleClick: _d,
    onFocus: _f,
    ...state
  } = gridRef.current.getItemProps(id, index);
  const latest = () => gridRef.current.getItemProps(id, index);
  return {
    ...state,
    onClick: (event) => latest().onClick?.(event),
    onFocus: (event) => latest().onFocus?.(event),
    onDoubleClick: (event) =>
      viewable ? onViewRef.current?.(clickedItem(id, event)) : latest().onDoubleClick?.(event),
  };
}
