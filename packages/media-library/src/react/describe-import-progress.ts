// A running import batch in words and figures, for any preset's progress bar. Kept apart from
// the outcome's words so a screen's first load carries only these few lines.
import { formatBytes } from '../core/format';
import type { ImportProgress } from '../core/types';

/** The running batch in words and figures (see {@link describeImportProgress}). */
export interface ImportProgressText {
  /** 0–100, by bytes. */
  percent: number;
  /** "Importing 3 of 8 files · 1 can't be shown", or "Importing Preparing" before the first. */
  label: string;
  /** "3.1 MB / 8.0 MB · beach.jpg". */
  detail: string;
}

/**
 * A running batch in words: files done of all (the count of those that can't be shown), bytes
 * and the current file, and a percent by bytes.
 *
 * @example
 * const { progress } = useImport();
 * const text = describeImportProgress(progress);
 * <progress value={text.percent} max={100} aria-label={text.label} />
 */
export function describeImportProgress(progress: ImportProgress | undefined): ImportProgressText {
  const done = progress?.bytesDone ?? 0;
  const total = progress?.bytesTotal ?? 0;
  const files = progress ? `${progress.filesDone} of ${progress.filesTotal} files` : 'Preparing';
  const unreadable = progress?.unreadable ?? 0;
  return {
    percent: total > 0 ? (done / total) * 100 : 0,
    label: `Importing ${files}${unreadable > 0 ? ` · ${unreadable} can't be shown` : ''}`,
    detail: `${formatBytes(done)} / ${formatBytes(total)}${progress?.current ? ` · ${progress.current}` : ''}`,
  };
}
