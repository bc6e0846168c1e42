// The import pipeline (sniffing, hashing, measuring, thumbnails) loads on the first import, so
// an app that only shows and searches its library does not download or parse it up front.
import { ImportFailedError } from './errors';
import type { LibraryContext } from './library-context';
import type { ImportInput, ImportItemResult, ImportOptions } from './types';

type ImportPipeline = typeof import('./library-import');

let pipeline: Promise<ImportPipeline> | undefined;

/**
 * The import pipeline's module, loaded once per page. A load that fails (say the app went
 * offline after a deploy) rejects with `ImportFailedError` and is tried again on the next call.
 */
export function loadImportPipeline(): Promise<ImportPipeline> {
  pipeline ??= import('./library-import').catch((error: unknown) => {
    pipeline = undefined;
    throw new ImportFailedError({ cause: error });
  });
  return pipeline;
}

/** `MediaLibrary.importFiles`, once the pipeline is loaded. */
export async function importFilesLazily(
  ctx: LibraryContext,
  inputs: Iterable<ImportInput>,
  options?: ImportOptions,
): Promise<ImportItemResult[]> {
  ctx.assertOpen();
  // Taken now, not after the load: a FileList empties when its <input> is reset right after.
  const items = Array.from(inputs);
  const { importBatch } = await loadImportPipeline();
  return importBatch(ctx, items, options);
}

/** `MediaLibrary.importFromUrl`, once the pipeline is loaded. */
export async function importFromUrlLazily(
  ctx: LibraryContext,
  url: string,
  options?: ImportOptions,
): Promise<ImportItemResult> {
  ctx.assertOpen();
  const { importFromUrl } = await loadImportPipeline();
  return importFromUrl(ctx, url, options);
}
