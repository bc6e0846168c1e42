// What an import batch did, once it ends, over useImportOutcome: the summary in words, then
// each file that was not added and why, with a way to reveal the asset a duplicate already is.
import type { ImportItemResult } from '../core/index';
import { useImportOutcome } from '../react/index';
import { compactButton, linkButton, muted } from './classes';

/** Props of {@link ImportOutcomePanel}. */
export interface ImportOutcomePanelProps {
  /** Per-file results of the batch that ended, in input order. */
  results: readonly ImportItemResult[];
  /** Reveals an asset already in the library (say, selects it); shows "Show" on duplicates. */
  onShowAsset?(id: string): void;
  onDismiss(): void;
}

/** The end of a batch: "28 added, 2 already in your library, 1 failed" and what was not added. */
export function ImportOutcomePanel({ results, onShowAsset, onDismiss }: ImportOutcomePanelProps) {
  const outcome = useImportOutcome(results);
  return (
    <section
      role="status"
      aria-label="Import summary"
      className="rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div className="flex items-center justify-between gap-3">
        <p className="font-medium">{outcome.summary}</p>
        <button type="button" className={linkButton} onClick={onDismiss}>
          Dismiss<span className="sr-only"> import summary</span>
        </button>
      </div>
      {outcome.notAdded.length > 0 && (
        <ul aria-label="Files not added" className="mt-1 flex list-disc flex-col gap-0.5 pl-5">
          {outcome.notAdded.map((file) => (
            <li key={file.position}>
              <span className="inline-flex flex-wrap items-center gap-2">
                {file.text}
                {file.existing && onShowAsset && (
                  <button
                    type="button"
                    aria-label={file.existing.showLabel}
                    className={compactButton}
                    onClick={() => onShowAsset(file.existing?.id ?? '')}
                  >
                    Show
                  </button>
                )}
              </span>
            </li>
          ))}
          {outcome.moreLabel && <li className={muted}>{outcome.moreLabel}</li>}
        </ul>
      )}
    </section>
  );
}
