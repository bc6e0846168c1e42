// The notice shown for a while after assets went to the Trash: how many, and Undo. The offer,
// its time limit and the restore are useTrash's; this only draws them.
import { useTrash } from '../react/index';
import { iconButton, secondaryButton } from './classes';

/** Props of {@link UndoNotice}. */
export interface UndoNoticeProps {
  /** How long Undo is offered after a delete, in ms. Default 10,000. */
  undoMs?: number;
  /** Extra classes, e.g. to place it at the foot of the host's screen. */
  className?: string;
}

/**
 * "3 assets moved to the Trash." with Undo, after any delete in the library (here or in
 * another tab); nothing otherwise. Render it once, inside `MediaLibraryProvider`.
 */
export function UndoNotice({ undoMs, className = '' }: UndoNoticeProps) {
  const trash = useTrash(undoMs === undefined ? {} : { undoMs });
  const count = trash.lastDeleted?.length ?? 0;
  return (
    // The live region stays in the page, so the words are announced when they appear.
    <div role="status" aria-live="polite" className={className}>
      {count > 0 && (
        <div className="flex items-center gap-3 rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100">
          <p className="flex-1">
            {count.toLocaleString()} asset{count === 1 ? '' : 's'} moved to the Trash.
          </p>
          <button
            type="button"
            className={secondaryButton}
            disabled={trash.busy}
            onClick={() => void trash.undo()}
          >
            Undo
          </button>
          <button
            type="button"
            aria-label="Dismiss"
            className={iconButton}
            onClick={trash.dismissUndo}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
