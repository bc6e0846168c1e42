// "Replace file…" in the details: a new file for the same asset, which keeps its id, texts,
// tags, collections and usage. The replace itself is library.replaceFile; this module asks for
// the file and says how it went.
import { useRef, useState } from 'react';
import { DuplicateAssetError, ReplaceCanceledError } from '../core/index';
import { useMediaLibrary } from '../react/index';
import { alertBox, compactButton, linkButton, muted, secondaryButton } from './classes';

/** Props of {@link ReplaceFileButton}. */
export interface ReplaceFileButtonProps {
  assetId: string;
  /** Shows the asset that already holds a refused file's bytes. */
  onSelectAsset?(id: string): void;
  /** Why a replace was refused (a duplicate, an unreadable file, a full disk). */
  onError?(error: Error): void;
}

type Refusal = { message: string; existingId?: string };

/** A button that asks for a file and replaces the asset's bytes with it. */
export function ReplaceFileButton({ assetId, onSelectAsset, onError }: ReplaceFileButtonProps) {
  const library = useMediaLibrary();
  const input = useRef<HTMLInputElement>(null);
  const [running, setRunning] = useState<AbortController>();
  const [refusal, setRefusal] = useState<Refusal>();

  const replace = async (file: File) => {
    const controller = new AbortController();
    setRunning(controller);
    setRefusal(undefined);
    try {
      await library.replaceFile(assetId, file, { signal: controller.signal });
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      // Canceling is the user's own choice, not a failure to report.
      if (!(error instanceof ReplaceCanceledError)) {
        setRefusal({
          message: error.message,
          existingId: error instanceof DuplicateAssetError ? error.assetId : undefined,
        });
        onError?.(error);
      }
    } finally {
      setRunning(undefined);
    }
  };

  return (
    <div className="flex flex-col gap-2">
      {running ? (
        <p role="status" className={`flex items-center gap-2 text-sm ${muted}`}>
          <span className="flex-1">Replacing the file…</span>
          <button type="button" className={compactButton} onClick={() => running.abort()}>
            Cancel
          </button>
        </p>
      ) : (
        <button type="button" className={secondaryButton} onClick={() => input.current?.click()}>
          Replace file…
        </button>
      )}
      <input
        ref={input}
        type="file"
        hidden
        aria-label="New file for this asset"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so choosing the same file again still fires a change.
          event.currentTarget.value = '';
          if (file) void replace(file);
        }}
      />
      {refusal && (
        <div role="alert" className={alertBox}>
          <p>{refusal.message}</p>
          {refusal.existingId && onSelectAsset && (
            <button
              type="button"
              className={linkButton}
              onClick={() => refusal.existingId && onSelectAsset(refusal.existingId)}
            >
              Show that asset
            </button>
          )}
        </div>
      )}
    </div>
  );
}
