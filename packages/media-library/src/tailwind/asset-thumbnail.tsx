// An asset's thumbnail in a fixed-ratio box, sized before the image loads so nothing below it
// moves. Other kinds show their drawn preview if one was made, else their kind in words; bytes
// that do not decode say so instead of showing a broken image.
import { useState } from 'react';
import { isInertMimeType, type MediaAsset } from '../core/index';
import { useAssetUrl } from '../react/index';
import { useWaited } from '../react/use-waited';

/** Props of {@link AssetThumbnail}. */
export interface AssetThumbnailProps {
  asset: MediaAsset;
  /** 'cover' crops to fill (grid); 'contain' shows the whole image (details). */
  fit?: 'cover' | 'contain';
  /** Which bytes: the thumbnail (default) or the original. */
  variant?: 'thumbnail' | 'original';
  /** Extra classes for the box, e.g. its size in a list row. */
  className?: string;
  /**
   * Wait this long after the thumbnail first renders before reading its bytes, so one that a
   * fast scroll carries past at once never reads them (the grid passes this while scrolling).
   * Read when the thumbnail mounts. Default 0: read at once.
   */
  loadDelayMs?: number;
}

/** What an unreadable asset shows. */
export const UNREADABLE_TEXT = "Can't be shown — the file may be damaged";

/** The asset's picture (or its kind) in a square box; `data-status` says which state shows. */
export function AssetThumbnail({
  asset,
  fit = 'cover',
  variant = 'thumbnail',
  className = '',
  loadDelayMs = 0,
}: AssetThumbnailProps) {
  const visual =
    (asset.kind === 'image' || asset.thumbnailKey !== undefined) && asset.unreadable !== true;
  // An original that is not inert (SVG) is handed out as text: its raster thumbnail shows.
  const shown =
    variant === 'original' && (asset.kind !== 'image' || !isInertMimeType(asset.mimeType))
      ? 'thumbnail'
      : variant;
  const waited = useWaited(loadDelayMs);
  const { url, status } = useAssetUrl(visual && waited ? asset.id : undefined, shown);
  const [brokenUrl, setBrokenUrl] = useState<string>();
  const unreadable = asset.unreadable === true || (status === 'ready' && brokenUrl === url);
  return (
    <div
      className={`relative aspect-square w-full overflow-hidden rounded-md bg-zinc-100 dark:bg-zinc-800 ${className}`}
      data-status={unreadable ? 'unreadable' : visual ? status : 'none'}
    >
      {unreadable ? (
        <span
          role="img"
          aria-label={UNREADABLE_TEXT}
          title={UNREADABLE_TEXT}
          className="absolute inset-0 flex items-center justify-center p-1 text-center text-xs text-zinc-600 dark:text-zinc-300"
        >
          ⚠
        </span>
      ) : visual && status === 'ready' ? (
        <img
          src={url}
          alt={asset.alt ?? ''}
          draggable={false}
          onError={() => setBrokenUrl(url)}
          className={
            fit === 'cover'
              ? 'absolute inset-0 h-full w-full object-cover'
              : 'absolute inset-0 h-full w-full object-contain'
          }
        />
      ) : (
        <span className="absolute inset-0 flex items-center justify-center text-[10px] font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-300">
          {visual ? (status === 'loading' ? '' : 'no preview') : asset.kind}
        </span>
      )}
    </div>
  );
}
