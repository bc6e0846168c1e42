// Upload on its own: a drop area that also opens the file picker, an Upload button, the running
// batch's progress and, once it ends, what it did. Files commit as they finish, so a cancel
// keeps what was done and the summary says so.
import { type ReactNode, useState } from 'react';
import type { ImportItemResult } from '../core/index';
import { useDropzone, useImport } from '../react/index';
import { alertBox, focusRing, muted, primaryButton } from './classes';
import { ImportOutcomePanel } from './import-outcome';
import { ImportProgressBar } from './import-progress';

/** Props of {@link UploadButton}. */
export interface UploadButtonProps {
  onFiles(files: File[]): void;
  /** Which files the picker offers. Default: any. */
  accept?: string | string[];
  disabled?: boolean;
  /** The button's words. Default "Upload". */
  children?: ReactNode;
  className?: string;
}

/** A button that opens the file picker and hands the files picked to `onFiles`. */
export function UploadButton({
  onFiles,
  accept,
  disabled,
  children = 'Upload',
  className = primaryButton,
}: UploadButtonProps) {
  const dropzone = useDropzone({ onFiles, accept, disabled });
  return (
    <>
      <input {...dropzone.getInputProps()} aria-label="Files to upload" />
      <button type="button" className={className} disabled={disabled} onClick={dropzone.open}>
        {children}
      </button>
    </>
  );
}

/** Props of {@link UploadDropzone}. */
export interface UploadDropzoneProps {
  /** Which files are taken. Default: any. */
  accept?: string | string[];
  /** Reveals the asset a duplicate already is; shows "Show" beside duplicates. */
  onShowAsset?(id: string): void;
  className?: string;
}

/** A drop area ("Drop to upload" while files are dragged over it) with import feedback. */
export function UploadDropzone({ accept, onShowAsset, className = '' }: UploadDropzoneProps) {
  const importer = useImport();
  const [dismissed, setDismissed] = useState<readonly ImportItemResult[]>();
  const onFiles = (files: File[]) => {
    importer.importFiles(files, { keepFinished: true }).catch(() => undefined);
  };
  const dropzone = useDropzone({ onFiles, accept });
  const { results, error } = importer;
  return (
    <div className={`flex flex-col gap-2 ${className}`}>
      <div
        {...dropzone.getRootProps({ 'aria-label': 'Upload files' })}
        className={`flex min-h-32 cursor-pointer flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed border-zinc-300 p-4 text-center text-sm data-[state=drag-over]:border-indigo-600 data-[state=drag-over]:bg-indigo-50 dark:border-zinc-600 dark:data-[state=drag-over]:border-indigo-400 dark:data-[state=drag-over]:bg-indigo-950 ${focusRing}`}
      >
        <input {...dropzone.getInputProps()} aria-label="Files to upload" />
        {dropzone.isDragActive ? (
          <p className="font-semibold">Drop to upload</p>
        ) : (
          <>
            <p className="font-medium">Drop files here</p>
            <p className={`text-xs ${muted}`}>or press to choose them</p>
          </>
        )}
      </div>
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
    </div>
  );
}
