// The asset in its details: an image as itself, a video or a sound with the browser's
// controls, a PDF page by page, the start of a text file, anything else as its thumbnail.
// The URLs are the library's inert object URLs.
import { assetLabel, isInertMimeType, type MediaAsset } from '../core/index';
import { useAssetUrl } from '../react/index';
import { muted } from './classes';
import { DetailsPdfPages, DetailsTextStart } from './details-documents';

const frame =
  'flex aspect-[4/3] w-full shrink-0 items-center justify-center overflow-hidden rounded-md bg-zinc-100 dark:bg-zinc-800';

/** The asset shown in place, by kind. */
export function DetailsPreview({ asset }: { asset: MediaAsset }) {
  const readable = !asset.unreadable;
  // Keyed by the bytes: another file, or this one replaced, starts again from its beginning.
  const bytes = `${asset.id}:${asset.sha256}`;
  if (
    readable &&
    asset.kind === 'document' &&
    asset.mimeType.split(';')[0]?.trim() === 'application/pdf'
  )
    return <DetailsPdfPages key={bytes} asset={asset} />;
  if (readable && asset.kind === 'text') return <DetailsTextStart key={bytes} asset={asset} />;
  return <DetailsMedia asset={asset} />;
}

/** An image, a video or a sound in place, else the thumbnail. */
function DetailsMedia({ asset }: { asset: MediaAsset }) {
  const readable = !asset.unreadable;
  const playable = readable && (asset.kind === 'video' || asset.kind === 'audio');
  // An image the browser would run as a page (SVG) shows its raster thumbnail instead.
  const original =
    readable && (playable || (asset.kind === 'image' && isInertMimeType(asset.mimeType)));
  const thumbnail = useAssetUrl(
    asset.thumbnailKey === undefined && playable ? undefined : asset.id,
  );
  const full = useAssetUrl(original ? asset.id : undefined, 'original');
  const name = assetLabel(asset);
  if (playable) {
    const Player = asset.kind === 'video' ? 'video' : 'audio';
    return (
      <div className={`${frame} flex-col gap-2 p-2`}>
        {asset.kind === 'audio' && thumbnail.url && (
          <img src={thumbnail.url} alt="" className="max-h-32 w-full object-contain" />
        )}
        {full.url ? (
          <Player
            src={full.url}
            controls
            preload="metadata"
            poster={asset.kind === 'video' ? thumbnail.url : undefined}
            aria-label={name}
            data-testid="details-player"
            className="max-h-full w-full"
          />
        ) : (
          <p className={`text-sm ${muted}`}>
            {full.status === 'error' ? 'This file could not be read.' : 'Loading…'}
          </p>
        )}
      </div>
    );
  }
  const url = full.url ?? thumbnail.url;
  return (
    <div className={frame}>
      {url ? (
        <img
          src={url}
          alt={asset.alt ?? ''}
          data-state={full.url ? 'original' : 'thumbnail'}
          className="max-h-full max-w-full object-contain"
        />
      ) : (
        <p className={`text-sm ${muted}`}>
          {thumbnail.status === 'error' ? `No preview of ${asset.kind} files.` : 'Loading…'}
        </p>
      )}
    </div>
  );
}
