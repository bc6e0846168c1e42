// The progress bar of an import batch, over describeImportProgress: files and bytes done, the
// current file, how many so far can't be shown, and a cancel.
import type { ImportProgress } from '../core/index';
import { describeImportProgress } from '../react/index';
import { muted, secondaryButton } from './classes';

/** Props of {@link ImportProgressBar}. */
export interface ImportProgressBarProps {
  progress?: ImportProgress;
  onCancel(): void;
}

/** A bar for the running batch; the bar follows bytes, the text counts files. */
export function ImportProgressBar({ progress, onCancel }: ImportProgressBarProps) {
  const text = describeImportProgress(progress);
  const percent = Math.min(100, text.percent);
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex items-center gap-3 rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
    >
      <span className="flex-none">{text.label}</span>
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
        {text.detail}
      </span>
      <button type="button" className={secondaryButton} onClick={onCancel}>
        Cancel import
      </button>
    </div>
  );
}
