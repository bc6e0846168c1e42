// What an import batch did, in words for any preset: the summary line, and each file not added
// with its reason (and the asset a duplicate already is).
import { useMemo } from 'react';
import {
  describeImportOutcome,
  type ImportSummary,
  isCanceledResult,
  summarizeImport,
} from '../core/import/import-summary';
import type { ImportItemResult } from '../core/types';

/** One file a batch did not add, in words. */
export interface ImportNotAdded {
  /** Its place in the batch: a key that stays unique when names repeat. */
  position: number;
  status: 'duplicate' | 'failed';
  /** The file's own name. */
  name: string;
  /**
   * "fox.png: already in your library as fox-1.png", "owl.png: brought back from the Trash",
   * "notes.bin: This file is empty."
   */
  text: string;
  /** For a duplicate: the asset already in the library, to reveal it. */
  existing?: { id: string; name: string; showLabel: string };
}

/** Options of {@link useImportOutcome}. */
export interface UseImportOutcomeOptions {
  /** How many files not added are listed before "and N more". Default 12. */
  listed?: number;
}

/** What {@link useImportOutcome} returns. */
export interface UseImportOutcomeResult {
  /** "28 added, 2 already in your library, 1 failed", "Canceled: 23 kept, 77 not imported". */
  summary: string;
  counts: ImportSummary;
  /**
   * The files not added, in batch order, up to `listed`; files a cancel left out are counted in
   * the summary, not listed (they have no reason of their own).
   */
  notAdded: ImportNotAdded[];
  /** How many more were not added than listed, and that in words ("and 3 more"). */
  more: number;
  moreLabel: string | undefined;
}

function notAddedOf(result: ImportItemResult, position: number): ImportNotAdded | undefined {
  if (result.status === 'duplicate') {
    const existing = result.asset;
    const name = result.name ?? existing.name;
    const as = existing.name !== name ? ` as ${existing.name}` : '';
    return {
      position,
      status: 'duplicate',
      name,
      text: result.restored
        ? `${name}: brought back from the Trash${as}`
        : `${name}: already in your library${as}`,
      existing: { id: existing.id, name: existing.name, showLabel: `Show ${existing.name}` },
    };
  }
  if (result.status === 'failed' && !isCanceledResult(result)) {
    return {
      position,
      status: 'failed',
      name: result.name,
      text: `${result.name}: ${result.error.message}`,
    };
  }
  return undefined;
}

/**
 * The end of a batch in words: the summary line and each file not added with its reason, a
 * duplicate with the asset it already is. Give it `useImport().results`.
 *
 * @example
 * const { results } = useImport();
 * const outcome = useImportOutcome(results);
 * <p role="status">{outcome.summary}</p>
 * <ul>{outcome.notAdded.map((f) => <li key={f.position}>{f.text}</li>)}</ul>
 */
export function useImportOutcome(
  results: readonly ImportItemResult[] | undefined,
  options: UseImportOutcomeOptions = {},
): UseImportOutcomeResult {
  const listed = options.listed ?? 12;
  return useMemo(() => {
    const all = results ?? [];
    const notAdded = all.flatMap((result, position) => notAddedOf(result, position) ?? []);
    const more = Math.max(0, notAdded.length - listed);
    return {
      summary: describeImportOutcome(all),
      counts: summarizeImport(all),
      notAdded: notAdded.slice(0, listed),
      more,
      moreLabel: more > 0 ? `and ${more} more` : undefined,
    };
  }, [results, listed]);
}
