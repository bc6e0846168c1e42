// The progress bar of an import batch: files and bytes done, the current file, how many so far
// can't be shown, and a cancel.
import { formatBytes, type ImportProgress } from '../core/index';
import { muted, secondaryButton } from './classes';

/** Props of {@link ImportProgressBar}. */
export interface ImportProgressBarProps {
  progress?: ImportProgress;
  onCancel(): void;
}

/** A bar for the running batch; the bar follows bytes, the text counts files. */
export function ImportProgressBar({ progress, onCancel }: ImportProgressBarProps) {
  const done = progress?.bytesDone ?? 0;
  const total = progress?.bytesTotal ?? 0;
  const percent = total > 0 ? Math.min(100, (done / total) * 100) : 0;
  const files = progress ? `${progress.filesDone} of ${progress.filesTotal} files` : 'Preparing';
  const unreadable = progress?.unreadable ?? 0;
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex items-center gap-3 rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
    >
      <span className="flex-none">
        Importing {files}
        {unreadable > 0 ? ` · ${unreadable} can't be shown` : ''}
      </span>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        className="h-2 min-w-12 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
      >
        <div className="h-full bg-indigo-600 dark:bg-indigo-400" style={{ width: `${percent}%` }} />
      </div>
      <span className={`hidden max-w-60 flex-none truncate text-xs sm:inline ${muted}`}>
        {formatBytes(done)} / {formatBytes(total)}
        {progress?.current ? ` · ${progress.current}` : ''}
      </span>
      <button type="button" className={secondaryButton} onClick={onCancel}>
        Cancel import
      </button>
    </div>
  );
}
