// The outcome of an import batch in counts, for a summary line after the batch ends.
import type { ImportItemResult } from '../types';

/** Counts of a batch's results; `unreadable` overlaps `imported` and `failed`. */
export interface ImportSummary {
  /** New assets, readable or not. */
  imported: number;
  /** Files whose bytes were already in the library. */
  duplicates: number;
  /** Files not imported, for any reason (including unreadable ones refused). */
  failed: number;
  /**
   * Files whose bytes do not decode: imported with `asset.unreadable`, or failed with code
   * `unreadable` under `unreadable: 'reject'`.
   */
  unreadable: number;
}

/**
 * Counts what a batch did, so a screen can say "3 imported, 1 can't be shown".
 *
 * @example
 * const { imported, unreadable } = summarizeImport(await library.importFiles(files));
 */
export function summarizeImport(results: readonly ImportItemResult[]): ImportSummary {
  const summary: ImportSummary = { imported: 0, duplicates: 0, failed: 0, unreadable: 0 };
  for (const result of results) {
    if (result.status === 'imported') summary.imported++;
    else if (result.status === 'duplicate') summary.duplicates++;
    else summary.failed++;
    if (isUnreadableResult(result)) summary.unreadable++;
  }
  return summary;
}

/** Whether a result is of a file whose bytes did not decode, kept or refused. */
export function isUnreadableResult(result: ImportItemResult): boolean {
  if (result.status === 'failed') {
    return (result.error as { code?: unknown }).code === 'unreadable';
  }
  return result.status === 'imported' && result.asset.unreadable === true;
}
