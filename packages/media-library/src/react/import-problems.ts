// What went wrong in an import batch, in words: the screen's alert after a batch. Loaded when
// a batch ends, not with the screen.
import type { ImportItemResult } from '../core/index';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What went wrong in a batch, in words, or undefined when nothing did. */
export function describeImportProblems(results: readonly ImportItemResult[]): string | undefined {
  // Files a cancel left out are no failure: the batch summary counts them.
  const failed = results.filter(
    (r) => r.status === 'failed' && (r.error as { code?: unknown }).code !== 'canceled',
  );
  const first = failed[0];
  // Kept, but damaged: the batch summary says so, not only the grid.
  const unreadable = results.flatMap((r) =>
    r.status === 'imported' && r.asset.unreadable ? [r.asset.name] : [],
  );
  const lines = [
    ...(first?.status === 'failed'
      ? [
          `${plural(failed.length, 'file')} could not be imported (${first.name}: ${first.error.message})`,
        ]
      : []),
    ...(unreadable.length > 0
      ? [
          `${plural(unreadable.length, 'imported file')} can't be shown and may be damaged (${unreadable.slice(0, 3).join(', ')})`,
        ]
      : []),
  ];
  return lines.length > 0 ? `${lines.join('. ')}.` : undefined;
}
