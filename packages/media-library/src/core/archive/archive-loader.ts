// Archives load on first use: the zip reader and writer are not part of what every page of an
// app downloads for its library.
import type { LibraryContext } from '../library-context';
import { ArchiveError } from './archive-errors';
import type {
  ArchiveImportReport,
  ExportArchiveOptions,
  ImportArchiveOptions,
} from './archive-types';

type ExportModule = typeof import('./export-archive');
type ImportModule = typeof import('./import-archive');

let exporter: Promise<ExportModule> | undefined;
let importer: Promise<ImportModule> | undefined;

function loadFailed(error: unknown): ArchiveError {
  return new ArchiveError(
    'archive_invalid',
    'The archive code could not be loaded (offline after an update?). Reload the page and try again.',
    { cause: error },
  );
}

/** `MediaLibrary.exportArchive`, once its module is loaded (a failed load is tried again). */
export async function exportArchiveLazily(
  ctx: LibraryContext,
  options?: ExportArchiveOptions,
): Promise<Blob> {
  ctx.assertOpen();
  exporter ??= import('./export-archive').catch((error: unknown) => {
    exporter = undefined;
    throw loadFailed(error);
  });
  const { exportArchive } = await exporter;
  return exportArchive(ctx, options);
}

/** `MediaLibrary.importArchive`, once its module is loaded (a failed load is tried again). */
export async function importArchiveLazily(
  ctx: LibraryContext,
  file: Blob,
  options?: ImportArchiveOptions,
): Promise<ArchiveImportReport> {
  ctx.assertOpen();
  importer ??= import('./import-archive').catch((error: unknown) => {
    importer = undefined;
    throw loadFailed(error);
  });
  const { importArchive } = await importer;
  return importArchive(ctx, file, options);
}
