// Small formatting helpers shared by the preset's components: sizes, dates, money, names.
import { formatBytes } from '../core/errors';
import type { MediaAsset } from '../core/index';

export { formatBytes };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "21 Nov 2026, 18:03" in the reader's locale. */
export function formatDate(epochMs: number): string {
  return dateFormat.format(epochMs);
}

/** "$0.003"; small costs keep three decimals so they do not all read "$0.00". */
export function formatUsd(value: number): string {
  return `$${value < 0.1 ? value.toFixed(3) : value.toFixed(2)}`;
}

/** What a person calls this asset: its title, else its file name. */
export function assetLabel(asset: MediaAsset): string {
  return asset.title?.trim() || asset.name;
}

/** "1024 × 768", or undefined when the asset has no dimensions. */
export function formatDimensions(asset: { width?: number; height?: number }): string | undefined {
  return asset.width && asset.height ? `${asset.width} × ${asset.height}` : undefined;
}
