// Typed errors of library archives (export and import). Each has a stable `code`.
import { MediaLibraryError } from '../errors';

/** Stable codes of {@link ArchiveError}. */
export type ArchiveErrorCode =
  /** The file is not a library archive at all, or its manifest is unreadable or absurd. */
  | 'archive_invalid'
  /** One asset's manifest entry is malformed (bad hash, size, name or file path). */
  | 'archive_entry_invalid'
  /** The manifest lists an asset whose bytes are not in the archive (say, it was truncated). */
  | 'archive_entry_missing'
  /** The bytes in the archive do not hash to the manifest's SHA-256: refused. */
  | 'archive_sha_mismatch'
  /** The archive or the export would pass a limit of the format or of this importer. */
  | 'archive_too_large'
  /** The export or import was stopped through its AbortSignal. */
  | 'canceled';

/**
 * An archive (or one asset in it) could not be written or restored; `code` says why. A
 * `MediaLibraryError`, so one `instanceof` check covers every failure of the library.
 */
export class ArchiveError extends MediaLibraryError {
  declare readonly code: ArchiveErrorCode;
  constructor(code: ArchiveErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'ArchiveError';
  }
}

/** Throws `ArchiveError('canceled')` when `signal` has aborted. */
export function throwIfArchiveAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) {
    throw new ArchiveError(
      'canceled',
      `The ${what} was canceled; nothing of it was kept. Start it again when ready.`,
      { cause: signal.reason },
    );
  }
}
