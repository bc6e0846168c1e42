// The details' actions: favourite, download, view, edit and copy image. Download goes through
// the core's downloadAsset, so a generated image's file carries its prompt and the download is
// counted, as in every preset.
import { useState } from 'react';
import { downloadAsset } from '../core/download';
import type { UseAssetDetailsResult } from '../react/index';
import { useMediaLibrary } from '../react/index';
import { alertBox, iconButton, secondaryButton } from './classes';

/** Props of {@link DetailsActions}. */
export interface DetailsActionsProps {
  details: UseAssetDetailsResult;
  onView?(id: string): void;
  onEdit?(id: string): void;
}

const small = secondaryButton;
const favoriteClass = `${iconButton} aria-pressed:border-amber-600 aria-pressed:bg-amber-100 aria-pressed:text-amber-900 dark:aria-pressed:border-amber-400 dark:aria-pressed:bg-amber-900 dark:aria-pressed:text-amber-100`;

/** A row of the asset's actions. */
export function DetailsActions({ details, onView, onEdit }: DetailsActionsProps) {
  const library = useMediaLibrary();
  const [downloadError, setDownloadError] = useState<string>();
  const asset = details.asset;
  if (!asset) return null;
  const download = () => {
    setDownloadError(undefined);
    downloadAsset(library, asset.id).catch((error: unknown) =>
      setDownloadError(
        error instanceof Error && error.message ? error.message : 'Download failed. Try again.',
      ),
    );
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        aria-label="Favorite"
        aria-pressed={details.favorite}
        className={favoriteClass}
        onClick={() => void details.toggleFavorite()}
      >
        {details.favorite ? '★' : '☆'}
      </button>
      <button type="button" className={small} onClick={download}>
        Download
      </button>
      {onView && (
        <button type="button" className={small} onClick={() => onView(asset.id)}>
          View
        </button>
      )}
      {onEdit && details.isImage && (
        <button
          type="button"
          className={small}
          disabled={asset.unreadable === true}
          onClick={() => onEdit(asset.id)}
        >
          Edit
        </button>
      )}
      {details.isImage && (
        <button
          type="button"
          className={small}
          disabled={asset.unreadable === true}
          onClick={() => void details.copyImage()}
        >
          Copy image
        </button>
      )}
      {downloadError && (
        <p role="alert" className={`${alertBox} w-full`}>
          {downloadError}
        </p>
      )}
    </div>
  );
}
