// "Replace file…" in the details: a new file for the same asset, which keeps its id, texts,
// tags, collections and usage. Loaded with the first details shown, not with the library.
import { Button } from '@mantine/core';
import { useRef, useState } from 'react';
import { useMediaLibrary } from '../react/index';

/** Props of {@link ReplaceFileButton}. */
export interface ReplaceFileButtonProps {
  assetId: string;
  /** Why a replace was refused (a duplicate, an unreadable file, a full disk). */
  onError?(error: Error): void;
}

/** A button that asks for a file and replaces the asset's bytes with it. */
export function ReplaceFileButton({ assetId, onError }: ReplaceFileButtonProps) {
  const library = useMediaLibrary();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const replace = async (file: File) => {
    setBusy(true);
    try {
      await library.replaceFile(assetId, file);
    } catch (error) {
      onError?.(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="xs"
        variant="default"
        loading={busy}
        data-state={busy ? 'replacing' : 'idle'}
        onClick={() => input.current?.click()}
      >
        Replace file…
      </Button>
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
    </>
  );
}
