// A PDF shown page by page in its details: the page drawn as an image (pdf.js loads on first
// use), Previous and Next, "Page 2 of 7", and every URL released when it is no longer shown.
import { useEffect, useState } from 'react';
import { createInertObjectURL } from '../core/object-url-cache';
import type { MediaAsset } from '../core/types';
import { useMediaLibrary } from './use-media-library';

/** The page being drawn, drawn, or why it could not be. */
export type PdfPageState =
  | { status: 'loading' }
  | { status: 'ready'; url: string; width: number; height: number }
  | { status: 'error'; message: string };

/** What {@link usePdfPages} returns. */
export interface UsePdfPagesResult {
  /** 1-based. */
  page: number;
  /** From the record until the file was opened, then from the file. */
  pageCount: number;
  state: PdfPageState;
  /** "Page 2 of 7". */
  label: string;
  canPrevious: boolean;
  canNext: boolean;
  previous(): void;
  next(): void;
}

/**
 * Draws page after page of a PDF asset at `width` CSS pixels (round it to steps, so resizing by a
 * few pixels does not draw again). Starts on page 1 for each asset and bytes.
 *
 * @example
 * const pdf = usePdfPages(asset, 640);
 * {pdf.state.status === 'ready' && <img src={pdf.state.url} alt={pdf.label} />}
 * <button disabled={!pdf.canNext} onClick={pdf.next}>Next page</button>
 */
export function usePdfPages(
  asset: Pick<MediaAsset, 'id' | 'sha256' | 'pageCount'>,
  width: number,
): UsePdfPagesResult {
  const library = useMediaLibrary();
  const key = `${asset.id}:${asset.sha256}`;
  const [at, setAt] = useState({ key, page: 1 });
  const page = at.key === key ? at.page : 1;
  const [state, setState] = useState<PdfPageState>({ status: 'loading' });
  const [read, setRead] = useState<{ key: string; pageCount: number }>();
  const pageCount = (read?.key === key ? read.pageCount : asset.pageCount) ?? 1;
  const id = asset.id;

  useEffect(() => {
    let active = true;
    let url: string | undefined;
    setState({ status: 'loading' });
    (async () => {
      const blob = await library.getBlob(id, 'original');
      if (!blob) throw new Error('This asset is no longer in the library.');
      const { renderPdfPage } = await import('../core/import/pdf-pages');
      const drawn = await renderPdfPage(blob, page, width);
      if (!active) return;
      url = createInertObjectURL(drawn.image);
      setRead({ key, pageCount: drawn.pageCount });
      setState({ status: 'ready', url, width: drawn.width, height: drawn.height });
    })().catch((error: unknown) => {
      if (active)
        setState({
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
    });
    return () => {
      active = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [library, id, key, page, width]);

  return {
    page,
    pageCount,
    state,
    label: `Page ${page} of ${pageCount}`,
    canPrevious: page > 1,
    canNext: page < pageCount,
    previous: () => setAt({ key, page: Math.max(1, page - 1) }),
    next: () => setAt({ key, page: Math.min(pageCount, page + 1) }),
  };
}
