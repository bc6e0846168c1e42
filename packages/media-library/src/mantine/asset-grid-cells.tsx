// The inside of one grid or list cell: thumbnail, checkbox, AI badge, favorite mark, name, and
// for the list the kind, size and date. The cell itself (roles, keyboard) is AssetGridView's.
import { Box, Checkbox, Group, Text, type TextProps } from '@mantine/core';
import type { MouseEvent } from 'react';
import type { MediaAsset } from '../core/index';
import { AIBadge } from './ai-badge';
import { AssetThumbnail } from './asset-thumbnail';
import { formatBytes, formatDate, formatDimensions } from './format';
import { mutedText } from './preset-colors';

/** The height of a grid cell's caption, and of a list row, in px. */
export const captionHeight = 28;
export const listRowHeight = 60;
/** The side of a checkbox's hit area with `touchTargets`. */
const touchTarget = 44;

/** Ids of the badge, name and favorite mark, as the cell's aria-labelledby. */
export function labelIds(prefix: string, asset: MediaAsset, layout: 'grid' | 'list'): string {
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

export interface CellProps {
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

export function GridCell({ prefix, asset, name, selected, onToggle, touch }: CellProps) {
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

export function ListCell({ prefix, asset, name, selected, onToggle, touch }: CellProps) {
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
