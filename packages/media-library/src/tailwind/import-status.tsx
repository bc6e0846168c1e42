// The screen's word on imports: the running batch's progress, then how the batch ended until
// dismissed, a failure that was not a cancel, and the overlay while files are dragged over.
import { useState } from 'react';
import type { ImportItemResult } from '../core/index';
import type { UseImportResult } from '../react/index';
import { alertBox } from './classes';
import { ImportOutcomePanel } from './import-outcome';
import { ImportProgressBar } from './import-progress';

/** Props of {@link ImportStatus}. */
export interface ImportStatusProps {
  /** The screen's `useImport()`. */
  importer: UseImportResult;
  /** Reveals the asset a duplicate already is. */
  onShowAsset(id: string): void;
}

/** Progress while a batch runs; its outcome once it ends; nothing otherwise. */
export function ImportStatus({ importer, onShowAsset }: ImportStatusProps) {
  const [dismissed, setDismissed] = useState<readonly ImportItemResult[]>();
  const { results, error } = importer;
  return (
    <>
      {importer.importing && (
        <ImportProgressBar progress={importer.progress} onCancel={importer.cancel} />
      )}
      {!importer.importing && results && results !== dismissed && (
        <ImportOutcomePanel
          results={results}
          onShowAsset={onShowAsset}
          onDismiss={() => setDismissed(results)}
        />
      )}
      {error && (error as { code?: string }).code !== 'canceled' && (
        <p role="alert" className={alertBox}>
          {error.message}
        </p>
      )}
    </>
  );
}

/** "Drop to upload" over the whole screen while files are dragged over it. */
export function DropOverlay() {
  return (
    <div className="pointer-events-none absolute inset-2 flex items-center justify-center rounded-xl border-4 border-dashed border-indigo-600 bg-white/85 text-xl font-semibold dark:border-indigo-400 dark:bg-zinc-950/85">
      Drop to upload
    </div>
  );
}
