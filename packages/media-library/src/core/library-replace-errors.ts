// Typed errors of replacing an asset's file in place.
import { MediaLibraryError } from './errors';
import type { MediaAsset } from './types';

/** The new file's bytes are already another asset of the library; nothing was changed. */
export class DuplicateAssetError extends MediaLibraryError {
  /** The asset that already holds these bytes. */
  readonly assetId: string;
  constructor(existing: Pick<MediaAsset, 'id' | 'name' | 'title'>) {
    super(
      'duplicate',
      `This file is already in the library as "${existing.title ?? existing.name}" ` +
        `(id "${existing.id}"). Use that asset, or delete it first and replace again.`,
    );
    this.name = 'DuplicateAssetError';
    this.assetId = existing.id;
  }
}

/** The replace was stopped through its AbortSignal; the asset and its bytes are as before. */
export class ReplaceCanceledError extends MediaLibraryError {
  constructor(options?: { cause?: unknown }) {
    super('canceled', 'The replace was canceled; the asset keeps its previous file.', options);
    this.name = 'ReplaceCanceledError';
  }
}
