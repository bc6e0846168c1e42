// The start of a text file, read for its details: a bounded slice, decoded, never the whole of
// a large log, with a note when it was cut.
import { useEffect, useState } from 'react';
import type { MediaAsset } from '../core/types';
import { useMediaLibrary } from './use-media-library';

/** How much of a text file a preview reads (64 KB): enough to read, never the whole of a log. */
export const TEXT_PREVIEW_BYTES = 64 * 1024;

/** What {@link useTextPreview} returns. */
export type TextPreviewState =
  | { status: 'loading' }
  /** `cut` when the file is longer than what was read; `note` then says so in words. */
  | { status: 'ready'; text: string; cut: boolean; note: string | undefined }
  | { status: 'error'; message: string };

/**
 * Reads the first {@link TEXT_PREVIEW_BYTES} of a text asset as text (to show as text, never as
 * markup). Reads again when the asset's bytes change.
 *
 * @example
 * const text = useTextPreview(asset);
 * if (text.status === 'ready') return <pre>{text.text}</pre>;
 */
export function useTextPreview(
  asset: Pick<MediaAsset, 'id' | 'sha256'> | undefined,
): TextPreviewState {
  const library = useMediaLibrary();
  const [state, setState] = useState<TextPreviewState>({ status: 'loading' });
  const id = asset?.id;
  const bytes = asset?.sha256;
  useEffect(() => {
    let active = true;
    setState({ status: 'loading' });
    if (id === undefined) return;
    // Read again when the bytes change (a replaced file), not only the id.
    void bytes;
    (async () => {
      const blob = await library.getBlob(id, 'original');
      if (!blob) throw new Error('This asset is no longer in the library.');
      const cut = blob.size > TEXT_PREVIEW_BYTES;
      let text = await blob.slice(0, TEXT_PREVIEW_BYTES).text();
      // The cut may fall inside a character: its half decodes as U+FFFD.
      if (cut) text = text.replace(/\uFFFD+$/, '');
      const note = cut ? 'Showing the first 64 KB' : undefined;
      if (active) setState({ status: 'ready', text, cut, note });
    })().catch((error: unknown) => {
      if (active)
        setState({
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
    });
    return () => {
      active = false;
    };
  }, [library, id, bytes]);
  return state;
}
