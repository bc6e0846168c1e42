// Which in-place view an asset's details give it, the same in every preset.
import type { MediaAsset } from '../core/types';

/** Which in-place view an asset gets; `thumbnail` is its drawn preview or its kind. */
export type AssetPreviewKind = 'image' | 'video' | 'audio' | 'pdf' | 'text' | 'thumbnail';

/**
 * The in-place view for `asset`: a player for video and audio, pages for a PDF, the start of a
 * text file; damaged bytes and unknown kinds get their thumbnail, never a player.
 *
 * @example
 * assetPreviewKind(asset) === 'pdf'; // show usePdfPages' pages
 */
export function assetPreviewKind(
  asset: Pick<MediaAsset, 'kind' | 'mimeType' | 'unreadable'>,
): AssetPreviewKind {
  if (asset.unreadable === true) return 'thumbnail';
  if (asset.kind === 'image' || asset.kind === 'video' || asset.kind === 'audio') return asset.kind;
  if (asset.kind === 'text') return 'text';
  if (asset.kind === 'document' && asset.mimeType.split(';')[0]?.trim() === 'application/pdf')
    return 'pdf';
  return 'thumbnail';
}
