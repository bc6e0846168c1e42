// The outcome of an import batch in counts, for a summary line after the batch ends.
import type { ImportItemResult } from '../types';

/**
 * Counts of a batch's results; `unreadable` overlaps `imported` and `failed`, `restored`
 * overlaps `duplicates`.
 */
export interface ImportSummary {
  /** New assets, readable or not. */
  imported: number;
  /** Files whose bytes were already in the library (or in its Trash). */
  duplicates: number;
  /** Duplicates whose asset was in the Trash: the import brought it back. */
  restored: number;
  /** Files not imported, for any reason but a cancel (including unreadable ones refused). */
  failed: number;
  /**
   * Files whose bytes do not decode: imported with `asset.unreadable`, or failed with code
   * `unreadable` under `unreadable: 'reject'`.
   */
  unreadable: number;
  /** Files left out because the batch was canceled first (with `keepFinished`). */
  canceled: number;
}

/**
 * Counts what a batch did, so a screen can say "3 imported, 1 can't be shown".
 *
 * @example
 * const { imported, unreadable } = summarizeImport(await library.importFiles(files));
 */
export function summarizeImport(results: readonly ImportItemResult[]): ImportSummary {
  const summary: ImportSummary = {
    imported: 0,
    duplicates: 0,
    restored: 0,
    failed: 0,
    unreadable: 0,
    canceled: 0,
  };
  for (const result of results) {
    if (result.status === 'imported') summary.imported++;
    else if (result.status === 'duplicate') {
      summary.duplicates++;
      if (result.restored) summary.restored++;
    } else if (isCanceledResult(result)) summary.canceled++;
    else summary.failed++;
    if (isUnreadableResult(result)) summary.unreadable++;
  }
  return summary;
}

/** Whether a result is of a file a canceled `keepFinished` batch left out. */
export function isCanceledResult(result: ImportItemResult): boolean {
  return result.status === 'failed' && (result.error as { code?: unknown }).code === 'canceled';
}

/** Whether a result is of a file whose bytes did not decode, kept or refused. */
export function isUnreadableResult(result: ImportItemResult): boolean {
  if (result.status === 'failed') {
    return (result.error as { code?: unknown }).code === 'unreadable';
  }
  return result.status === 'imported' && result.asset.unreadable === true;
}

/**
 * A batch's outcome in words, for the line a screen shows when it ends: "28 added, 2 already
 * in your library, 1 failed", or after a cancel "Canceled: 23 kept, 77 not imported" (kept
 * counts what stays: added and already there).
 *
 * @example
 * notify(describeImportOutcome(await library.importFiles(files, { keepFinished: true })));
 */
export function describeImportOutcome(results: readonly ImportItemResult[]): string {
  const summary = summarizeImport(results);
  if (summary.canceled > 0) {
    const kept = summary.imported + summary.duplicates;
    const notImported = summary.canceled + summary.failed;
    return `Canceled: ${kept} kept, ${notImported} not imported`;
  }
  if (results.length === 0) return 'Nothing to import';
  const parts: string[] = [];
  if (summary.imported > 0 || (summary.duplicates === 0 && summary.failed === 0)) {
    parts.push(`${summary.imported} added`);
  }
  // Unreadable files that were kept are added, but a user should know they will not preview.
  const shownUnreadable = summary.unreadable - unreadableFailed(results);
  if (shownUnreadable > 0) parts.push(`${shownUnreadable} can't be shown`);
  // An asset brought out of the Trash was not in view: "already there" would hide it.
  if (summary.restored > 0) parts.push(`${summary.restored} back from the Trash`);
  const already = summary.duplicates - summary.restored;
  if (already > 0) parts.push(`${already} already in your library`);
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  return parts.join(', ');
}

function unreadableFailed(results: readonly ImportItemResult[]): number {
  return results.filter((result) => result.status === 'failed' && isUnreadableResult(result))
    .length;
}
