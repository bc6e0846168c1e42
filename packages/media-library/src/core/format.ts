// Words for numbers and assets, shared by every preset: sizes, dates, money, names. Neutral
// (no React, no styles) so a host's own UI says things the way the ready presets do.
import { formatBytes } from './errors';
import type { MediaAsset } from './types';

export { formatBytes };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A moment in the reader's locale, date and time.
 *
 * @example
 * formatDate(asset.createdAt); // "21 Nov 2026, 18:03" in en-GB
 */
export function formatDate(epochMs: number): string {
  return dateFormat.format(epochMs);
}

/**
 * US dollars; small costs keep three decimals so they do not all read "$0.00".
 *
 * @example
 * formatUsd(0.003); // "$0.003"
 */
export function formatUsd(value: number): string {
  return `$${value < 0.1 ? value.toFixed(3) : value.toFixed(2)}`;
}

/**
 * What a person calls this asset: its title, else its file name.
 *
 * @example
 * assetLabel({ ...asset, title: '  ' }); // asset.name
 */
export function assetLabel(asset: Pick<MediaAsset, 'title' | 'name'>): string {
  return asset.title?.trim() || asset.name;
}

/**
 * "1024 × 768", or undefined when the asset has no dimensions.
 *
 * @example
 * formatDimensions({ width: 1024, height: 768 }); // "1024 × 768"
 */
export function formatDimensions(asset: { width?: number; height?: number }): string | undefined {
  return asset.width && asset.height ? `${asset.width} × ${asset.height}` : undefined;
}
