// A thumbnail and page count for PDF: page 1 drawn by pdf.js, which loads (with its worker) on
// the first PDF only. PDFs are untrusted: no eval, no scripts, no XFA, nothing fetched.
import type * as PdfJs from 'pdfjs-dist';
import { type PreviewRequest, withDeadline } from './preview-canvas';
import type { RenderedThumbnail } from './thumbnail-render';

/** PDFs above this many bytes are not opened for a preview (50 MB). */
export const PDF_MAX_BYTES = 50 * 1024 * 1024;
/** Opening and drawing page 1 gives up after this long: no thumbnail, no page count then. */
export const PDF_BUDGET_MS = 10_000;

/** What {@link createPdfPreview} found; each part is missing when it could not be made. */
export interface PdfPreview {
  thumbnail?: RenderedThumbnail;
  pageCount?: number;
}

let pdfjs: Promise<typeof PdfJs> | undefined;

/**
 * pdf.js, once per page. Its worker is named with `new URL(…, import.meta.url)` so that the
 * host's bundler emits it as a file of its own; an app that set up pdf.js itself keeps its
 * worker. A failed load is tried again on the next PDF.
 */
function loadPdfJs(): Promise<typeof PdfJs> {
  pdfjs ??= import('pdfjs-dist')
    .then((module) => {
      const options = module.GlobalWorkerOptions;
      if (!options.workerSrc && !options.workerPort) {
        options.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).href;
      }
      return module;
    })
    .catch((error: unknown) => {
      pdfjs = undefined;
      throw error;
    });
  return pdfjs;
}

/**
 * Starts loading `blob` as a PDF with everything a hostile file could use turned off: no
 * script evaluation, no XFA forms, no system fonts, no worker fetches (fonts, character maps).
 * Shared by the thumbnail and the details' pages, so both open a file the same safe way.
 */
export async function openPdf(blob: Blob): Promise<PdfJs.PDFDocumentLoadingTask> {
  const { getDocument } = await loadPdfJs();
  return getDocument({
    data: new Uint8Array(await blob.arrayBuffer()),
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
  });
}

/**
 * Opens a PDF with pdf.js and draws its first page on a white canvas whose longest side is
 * `maxSize`, encoded as an image thumbnail is. Also gives the page count. Script evaluation,
 * XFA forms and every network load (fonts, character maps) are off; the whole job is bounded
 * by {@link PDF_BUDGET_MS} and files over {@link PDF_MAX_BYTES} are skipped. Resolves `{}`
 * without a DOM, for damaged or encrypted files, and on timeout. Never throws.
 */
export async function createPdfPreview(
  blob: Blob,
  request: PreviewRequest,
  budgetMs = PDF_BUDGET_MS,
): Promise<PdfPreview> {
  if (typeof document === 'undefined' || blob.size > PDF_MAX_BYTES) return {};
  let task: PdfJs.PDFDocumentLoadingTask | undefined;
  const found: PdfPreview = {};
  const work = (async () => {
    task = await openPdf(blob);
    const pdf = await task.promise;
    found.pageCount = pdf.numPages;
    const page = await pdf.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const scale = request.maxSize / Math.max(natural.width, natural.height);
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.round(viewport.width));
    const height = Math.max(1, Math.round(viewport.height));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    await page.render({ canvas, viewport, background: '#ffffff' }).promise;
    const encoded = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, request.type, request.quality),
    );
    if (encoded && encoded.size > 0) {
      found.thumbnail = { blob: encoded, type: encoded.type || request.type, width, height };
    }
  })();
  try {
    await withDeadline(
      work.catch(() => undefined),
      budgetMs,
    );
  } finally {
    // Ends the document and its share of the worker, also when the budget ran out.
    await (task as PdfJs.PDFDocumentLoadingTask | undefined)?.destroy().catch(() => undefined);
  }
  // A copy: a render that outlived the budget must not change what was already handed back.
  return { ...found };
}
