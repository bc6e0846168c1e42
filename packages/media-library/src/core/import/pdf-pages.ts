// One page of a PDF drawn for the details view, on demand: pdf.js loads (with its worker) the
// first time a PDF is looked at. PDFs are untrusted: no eval, no scripts, no XFA, nothing fetched.
import type * as PdfJs from 'pdfjs-dist';
import { openPdf, PDF_BUDGET_MS, PDF_MAX_BYTES } from './pdf-preview';
import { withDeadline } from './preview-canvas';

/** A page drawn by {@link renderPdfPage}: a PNG on white, and how many pages the file has. */
export interface RenderedPdfPage {
  image: Blob;
  width: number;
  height: number;
  pageCount: number;
}

/** Why a page could not be drawn; `code` is stable. */
export class PdfPageError extends Error {
  readonly code = 'pdf_page_unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PdfPageError';
  }
}

/**
 * Draws page `pageNumber` (1-based, clamped to the pages there are) of a PDF `width` CSS
 * pixels wide, on white, as a PNG. Script evaluation, XFA forms and network loads are off;
 * files over {@link PDF_MAX_BYTES} are refused and the job gives up after `budgetMs`.
 *
 * @throws {PdfPageError} for a damaged, encrypted or oversized file, or on timeout.
 */
export async function renderPdfPage(
  blob: Blob,
  pageNumber: number,
  width: number,
  budgetMs = PDF_BUDGET_MS,
): Promise<RenderedPdfPage> {
  if (typeof document === 'undefined')
    throw new PdfPageError('PDF pages are drawn in a browser only; download the file to read it.');
  if (blob.size > PDF_MAX_BYTES)
    throw new PdfPageError('This PDF is too large to show here; download it to read it.');
  let task: PdfJs.PDFDocumentLoadingTask | undefined;
  let drawn: RenderedPdfPage | undefined;
  let failure: unknown;
  const work = (async () => {
    task = await openPdf(blob);
    const pdf = await task.promise;
    const number = Math.min(pdf.numPages, Math.max(1, Math.round(pageNumber)));
    const page = await pdf.getPage(number);
    const natural = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.max(1, width) / natural.width });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(viewport.width));
    canvas.height = Math.max(1, Math.round(viewport.height));
    await page.render({ canvas, viewport, background: '#ffffff' }).promise;
    const image = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!image) throw new Error('The page could not be encoded.');
    drawn = { image, width: canvas.width, height: canvas.height, pageCount: pdf.numPages };
  })();
  try {
    await withDeadline(
      work.catch((error: unknown) => {
        failure = error;
      }),
      budgetMs,
    );
  } finally {
    await (task as PdfJs.PDFDocumentLoadingTask | undefined)?.destroy().catch(() => undefined);
  }
  if (drawn) return drawn;
  throw new PdfPageError(
    failure === undefined
      ? 'This PDF took too long to draw; download it to read it.'
      : 'This PDF could not be read (it may be damaged or encrypted); download it to read it.',
    { cause: failure },
  );
}
