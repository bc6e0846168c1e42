// An asset's thumbnail in a fixed-ratio box: the box has its size before the image loads, so
// nothing below it moves. Non-image kinds show their kind instead of bytes; bytes that do not
// decode show a "can't be shown" state, never a broken image.
import { Center, Loader, Stack, Text } from '@mantine/core';
import { type CSSProperties, useRef, useState } from 'react';
import { isInertMimeType, type MediaAsset } from '../core/index';
import { useAssetUrl } from '../react/index';
import { useElementWidth } from '../react/use-element-width';
import { useWaited } from '../react/use-waited';
import { mutedText } from './preset-colors';
import { PresetStyles } from './preset-styles';

/** Props of {@link AssetThumbnail}. */
export interface AssetThumbnailProps {
  asset: MediaAsset;
  /** Width / height of the box. Default 1 (square). */
  ratio?: number;
  /** 'cover' crops to fill (grid); 'contain' shows the whole image (details). */
  fit?: 'cover' | 'contain';
  /** Which bytes: the thumbnail (default) or the original. */
  variant?: 'thumbnail' | 'original';
  radius?: string;
  /**
   * Wait this long after the thumbnail first renders before reading its bytes, so one that a
   * fast scroll carries past at once never reads them (the grid passes this while scrolling).
   * Read when the thumbnail mounts. Default 0: read at once.
   */
  loadDelayMs?: number;
}

const visualKinds = new Set(['image']);

/** What an unreadable asset shows, in words; also its accessible name where only the icon fits. */
export const UNREADABLE_TEXT = "Can't be shown — the file may be damaged";
/** What an image the browser fails to show says when the import found nothing wrong (HEIC). */
export const UNSHOWN_TEXT = "Can't be shown in this browser";

/**
 * The asset's picture (or its kind, for non-images) inside a box of a fixed ratio. An asset
 * flagged `unreadable` shows an icon and "Can't be shown — the file may be damaged"; one whose
 * image the browser fails to show (a format it lacks, a record from before the flag existed)
 * shows the icon and "Can't be shown in this browser" (both `data-status="unreadable"`). The original of a type that is not
 * inert (SVG) is handed out as text, so its raster thumbnail shows in its place.
 */
export function AssetThumbnail({
  asset,
  ratio = 1,
  fit = 'cover',
  variant = 'thumbnail',
  radius = 'sm',
  loadDelayMs = 0,
}: AssetThumbnailProps) {
  // Other kinds show their drawn preview (a poster frame, a waveform, the first lines) if made.
  const visual =
    (visualKinds.has(asset.kind) || asset.thumbnailKey !== undefined) && asset.unreadable !== true;
  const shown =
    variant === 'original' && (asset.kind !== 'image' || !isInertMimeType(asset.mimeType))
      ? 'thumbnail'
      : variant;
  const waited = useWaited(loadDelayMs);
  const { url, status } = useAssetUrl(visual && waited ? asset.id : undefined, shown);
  // Records from before the unreadable flag existed: the <img> finds out instead.
  const [brokenUrl, setBrokenUrl] = useState<string>();
  const unreadable =
    asset.unreadable === true || (visual && status === 'ready' && brokenUrl === url);
  return (
    <div
      className="medialoft-thumb"
      style={{ aspectRatio: String(ratio), borderRadius: `var(--mantine-radius-${radius})` }}
      data-status={unreadable ? 'unreadable' : visual ? status : 'none'}
    >
      <PresetStyles />
      {unreadable ? (
        <UnreadableState text={asset.unreadable ? UNREADABLE_TEXT : UNSHOWN_TEXT} />
      ) : visual && status === 'ready' ? (
        <img
          className="medialoft-thumb-img"
          src={url}
          alt={asset.alt ?? ''}
          draggable={false}
          onError={() => setBrokenUrl(url)}
          style={{ margin: 'auto', objectFit: fit, ...drawnSize(asset) }}
        />
      ) : visual && status === 'loading' ? (
        // An original can take a while; a thumbnail is a moment, and a grid of spinners while
        // scrolling is noise: its box is placeholder enough.
        variant === 'original' && (
          <div className="medialoft-thumb-center">
            <Loader size="xs" type="dots" aria-hidden />
          </div>
        )
      ) : (
        <div className="medialoft-thumb-center">
          <span className="medialoft-thumb-kind">{visual ? 'no preview' : asset.kind}</span>
        </div>
      )}
    </div>
  );
}

/** Images no larger than this on both sides count as small: the grid's smallest tile. */
const smallImage = 160;

/**
 * A small image (an icon, a 1×1 pixel) sits at its own size in the middle of the box rather
 * than blown up over it; in a box smaller still it shrinks to fit. Larger images fill the box
 * as `fit` says: how much of the box they cover does not depend on its size.
 */
function drawnSize(asset: MediaAsset): CSSProperties {
  const { width, height } = asset;
  if (!width || !height || width > smallImage || height > smallImage)
    return { width: '100%', height: '100%' };
  return { width, height, maxWidth: '100%', maxHeight: '100%' };
}

/** The icon, with the words where there is room for them (not in a 48 px list thumbnail). */
function UnreadableState({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const roomy = useElementWidth(ref, 200, [96]) >= 96;
  return (
    <Center ref={ref} pos="absolute" inset={0} p={6}>
      <Stack gap={4} align="center" role="img" aria-label={text} title={text}>
        <DamagedFileIcon />
        {roomy && (
          <Text size="xs" c={mutedText} ta="center" lh={1.3} aria-hidden>
            {text}
          </Text>
        )}
      </Stack>
    </Center>
  );
}

/** A page with a torn corner and a cross: a file that is there but can't be read. */
function DamagedFileIcon() {
  return (
    <svg
      width={24}
      height={24}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable={false}
      style={{ color: 'var(--mantine-color-dimmed)', flex: 'none' }}
    >
      <path d="M14 3v4a1 1 0 0 0 1 1h4" />
      <path d="M17 21H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7l5 5v11a2 2 0 0 1-2 2z" />
      <path d="M10 12l4 4m0-4l-4 4" />
    </svg>
  );
}
