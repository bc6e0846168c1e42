// What the viewer shows of one asset: an image fitted with zoom and pan, a player for video and
// audio, else its thumbnail and a link that saves the file. The URLs are the library's inert
// object URLs, so a file that would run as a page cannot.
import { useState } from 'react';
import { assetLabel, downloadAsset, isInertMimeType, type MediaAsset } from '../core/index';
import { type UseAssetViewerResult, useAssetUrl, useMediaLibrary } from '../react/index';
import { muted, secondaryButton } from './classes';

/** Props of {@link ViewerStage}. */
export interface ViewerStageProps {
  asset: MediaAsset;
  viewer: UseAssetViewerResult;
  onError?(error: Error): void;
}

/** The shown asset, by kind. */
export function ViewerStage({ asset, viewer, onError }: ViewerStageProps) {
  // The thumbnail paints at once; the original replaces it when read.
  const thumbnail = useAssetUrl(asset.id).url;
  const library = useMediaLibrary();
  // The scale at which one image pixel is one CSS pixel, for the double click's "100 %".
  const [actual, setActual] = useState(2);
  const url = viewer.originalUrl;
  const name = assetLabel(asset);
  const failed = () => onError?.(new Error(`${name} could not be shown. Download it instead.`));
  const center = 'flex h-full w-full items-center justify-center overflow-hidden p-2';

  if (!asset.unreadable && asset.kind === 'image' && isInertMimeType(asset.mimeType)) {
    const { scale, x, y } = viewer.zoom;
    return (
      <div
        {...viewer.getStageProps(actual)}
        data-testid="viewer-stage"
        className={`${center} touch-none select-none ${scale === 1 ? 'cursor-zoom-in' : 'cursor-grab'}`}
      >
        {(url ?? thumbnail) && (
          <img
            src={url ?? thumbnail}
            alt={asset.alt ?? ''}
            draggable={false}
            data-state={url ? 'original' : 'thumbnail'}
            onError={url ? failed : undefined}
            onLoad={(event) => {
              const img = event.currentTarget;
              if (url && img.clientWidth > 0)
                setActual(Math.max(1, img.naturalWidth / img.clientWidth));
            }}
            className="max-h-full max-w-full object-contain"
            style={{ transform: `translate(${x}px, ${y}px) scale(${scale})` }}
          />
        )}
      </div>
    );
  }
  if (!asset.unreadable && (asset.kind === 'video' || asset.kind === 'audio')) {
    const Player = asset.kind;
    return (
      <div {...viewer.getStageProps()} className={center}>
        {url && (
          <Player
            src={url}
            controls
            aria-label={name}
            onError={failed}
            className="max-h-full max-w-full"
          />
        )}
      </div>
    );
  }
  return (
    <div {...viewer.getStageProps()} className={`${center} flex-col gap-3`}>
      {thumbnail ? (
        <img
          src={thumbnail}
          alt={asset.alt ?? ''}
          className="max-h-[60vh] w-full max-w-md object-contain"
        />
      ) : (
        <p className={`text-sm ${muted}`}>No preview of this file.</p>
      )}
      {url && (
        // Saved as the details save it: the file's provenance written in, the download counted.
        <button
          type="button"
          className={secondaryButton}
          onClick={() =>
            downloadAsset(library, asset.id).catch((error: unknown) =>
              onError?.(error instanceof Error ? error : new Error(String(error))),
            )
          }
        >
          Download
        </button>
      )}
    </div>
  );
}
