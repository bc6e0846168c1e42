// The details' actions: favourite, download, view, edit and copy image. Saving and counting are
// the hook's; Download is a plain link to the library's inert URL of the original.
import type { UseAssetDetailsResult } from '../react/index';
import { useAssetUrl } from '../react/index';
import { iconButton, secondaryButton } from './classes';

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
  const asset = details.asset;
  const original = useAssetUrl(asset?.id, 'original');
  if (!asset) return null;
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
      {original.url ? (
        <a href={original.url} download={asset.name} className={small}>
          Download
        </a>
      ) : (
        <button type="button" className={small} disabled>
          Download
        </button>
      )}
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
    </div>
  );
}
