// Typed errors of the media library. Every error has a stable `code`; messages say what to do.

export type MediaLibraryErrorCode =
  | 'storage_full'
  | 'canceled'
  | 'import_failed'
  | 'not_found'
  | 'invalid_input'
  | 'fetch_failed'
  | 'storage_unavailable'
  | 'closed'
  | 'unreadable'
  | 'edit_unsupported'
  | 'image_too_large'
  | 'duplicate'
  | 'archive_invalid'
  | 'archive_entry_invalid'
  | 'archive_entry_missing'
  | 'archive_sha_mismatch'
  | 'archive_too_large';

/** Base class of every error the media library throws on purpose. */
export class MediaLibraryError extends Error {
  readonly code: MediaLibraryErrorCode;
  constructor(code: MediaLibraryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MediaLibraryError';
    this.code = code;
  }
}

/** The browser refused to store more bytes, or the library's own cap would be passed. */
export class StorageFullError extends MediaLibraryError {
  /** Bytes the operation needed. */
  readonly neededBytes: number;
  /** Bytes available when it failed, when known. */
  readonly availableBytes: number | undefined;
  constructor(
    neededBytes: number,
    availableBytes: number | undefined,
    options?: { cause?: unknown },
  ) {
    const available =
      availableBytes === undefined ? 'an unknown amount' : `${formatBytes(availableBytes)}`;
    super(
      'storage_full',
      `Not enough storage: this needs ${formatBytes(neededBytes)} and ${available} is available. ` +
        'Delete some assets or ask the browser to persist storage, then try again.',
      options,
    );
    this.name = 'StorageFullError';
    this.neededBytes = neededBytes;
    this.availableBytes = availableBytes;
  }
}

/** The operation was stopped through its AbortSignal; nothing it started was kept. */
export class ImportAbortedError extends MediaLibraryError {
  constructor(options?: { cause?: unknown }) {
    super('canceled', 'The import was canceled; nothing from this batch was kept.', options);
    this.name = 'ImportAbortedError';
  }
}

/**
 * A batch failed for a reason that is neither a cancel nor a full disk (say the records
 * transaction failed). Like a cancel, nothing from the batch was kept; `cause` says why.
 */
export class ImportFailedError extends MediaLibraryError {
  constructor(options?: { cause?: unknown }) {
    const reason = options?.cause instanceof Error ? ` (${options.cause.message})` : '';
    super(
      'import_failed',
      `The import could not be saved${reason}; nothing from this batch was kept. Try again.`,
      options,
    );
    this.name = 'ImportFailedError';
  }
}

/**
 * A file's bytes claim an image, video or audio type but do not decode (damaged, truncated, or
 * not that kind of file at all). The import's result when `unreadable: 'reject'` is passed;
 * otherwise such a file is kept with `asset.unreadable` set.
 */
export class UnreadableFileError extends MediaLibraryError {
  readonly fileName: string;
  readonly mimeType: string;
  constructor(fileName: string, mimeType: string) {
    super(
      'unreadable',
      `"${fileName}" can't be read as ${mimeType}: the file may be damaged. Open it in the app ` +
        'that made it and save or export it again, then import that copy.',
    );
    this.name = 'UnreadableFileError';
    this.fileName = fileName;
    this.mimeType = mimeType;
  }
}

/**
 * No asset with this id in the library (deleted, here or in another tab), or its file is no
 * longer stored; `message` says which when the thrower knows.
 */
export class AssetNotFoundError extends MediaLibraryError {
  readonly assetId: string;
  constructor(assetId: string, message = `No asset with id "${assetId}" in this library.`) {
    super('not_found', message);
    this.name = 'AssetNotFoundError';
    this.assetId = assetId;
  }
}

/** No collection with this id in the library (deleted here or in another tab). */
export class CollectionNotFoundError extends MediaLibraryError {
  readonly collectionId: string;
  constructor(collectionId: string) {
    super(
      'not_found',
      `No collection with id "${collectionId}" in this library; it may have been deleted. ` +
        'Pick a collection from the current list.',
    );
    this.name = 'CollectionNotFoundError';
    this.collectionId = collectionId;
  }
}

/** Human-readable byte count: 1536 -> "1.5 KB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
