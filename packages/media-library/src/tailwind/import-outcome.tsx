// What an import batch did, once it ends: the summary in words, then each file that was not
// added and why, with a way to reveal the asset a duplicate already is.
import { describeImportOutcome, type ImportItemResult, isCanceledResult } from '../core/index';
import { compactButton, linkButton, muted } from './classes';

/** How many not-added files are listed before "and N more". */
const LISTED = 12;

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
  // A canceled file has no reason of its own: the summary line already says the batch stopped.
  const listed = results.flatMap((result, position) =>
    result.status === 'imported' || isCanceledResult(result) ? [] : [{ result, position }],
  );
  return (
    <section
      role="status"
      aria-label="Import summary"
      className="rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div className="flex items-center justify-between gap-3">
        <p className="font-medium">{describeImportOutcome(results)}</p>
        <button type="button" className={linkButton} onClick={onDismiss}>
          Dismiss<span className="sr-only"> import summary</span>
        </button>
      </div>
      {listed.length > 0 && (
        <ul aria-label="Files not added" className="mt-1 flex list-disc flex-col gap-0.5 pl-5">
          {listed.slice(0, LISTED).map(({ result, position }) => (
            <li key={position}>
              <NotAdded result={result} onShowAsset={onShowAsset} />
            </li>
          ))}
          {listed.length > LISTED && <li className={muted}>and {listed.length - LISTED} more</li>}
        </ul>
      )}
    </section>
  );
}

function NotAdded({
  result,
  onShowAsset,
}: {
  result: ImportItemResult;
  onShowAsset?: (id: string) => void;
}) {
  if (result.status === 'duplicate') {
    const existing = result.asset;
    const name = result.name ?? existing.name;
    return (
      <span className="inline-flex flex-wrap items-center gap-2">
        {name}: already in your library{existing.name !== name ? ` as ${existing.name}` : ''}
        {onShowAsset && (
          <button
            type="button"
            aria-label={`Show ${existing.name}`}
            className={compactButton}
            onClick={() => onShowAsset(existing.id)}
          >
            Show
          </button>
        )}
      </span>
    );
  }
  if (result.status === 'failed') {
    return (
      <span>
        {result.name}: {result.error.message}
      </span>
    );
  }
  return null;
}
