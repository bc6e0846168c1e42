// PDF pages drawn on demand in Chromium, from a PDF written here: page 1 dark in its top-left
// corner, page 2 red all over, so each page's pixels say which page was drawn.
import { describe, expect, it } from 'vitest';
import { PdfPageError, renderPdfPage } from './pdf-pages';
import { pdfOfPages, TWO_PAGES } from './test-pdf';

async function pixelAt(blob: Blob, x: number, y: number): Promise<number[]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return Array.from(context.getImageData(x, y, 1, 1).data.subarray(0, 3));
}

describe('renderPdfPage in Chromium', () => {
  it('draws the page asked for at the width asked for', { timeout: 60_000 }, async () => {
    const file = pdfOfPages(TWO_PAGES);
    const first = await renderPdfPage(file, 1, 306, 50_000);
    const second = await renderPdfPage(file, 2, 306, 50_000);
    expect(first.pageCount).toBe(2);
    expect(second.pageCount).toBe(2);
    // 612 × 792 at half scale.
    expect([first.width, first.height]).toEqual([306, 396]);
    expect(first.image.type).toBe('image/png');
    // Top left: dark on page 1, red on page 2. Bottom right: white on page 1.
    const [r1, g1, b1] = await pixelAt(first.image, 40, 20);
    expect(Math.max(r1 ?? 255, g1 ?? 255, b1 ?? 255)).toBeLessThan(60);
    const [r2, g2, b2] = await pixelAt(second.image, 40, 20);
    expect(r2).toBeGreaterThan(200);
    expect(Math.max(g2 ?? 255, b2 ?? 255)).toBeLessThan(60);
    expect(await pixelAt(first.image, 300, 390)).toEqual([255, 255, 255]);
    // A page past the end is the last one.
    const past = await renderPdfPage(file, 9, 100, 50_000);
    expect(await pixelAt(past.image, 50, 60)).toEqual(await pixelAt(past.image, 10, 10));
    expect((await pixelAt(past.image, 10, 10))[0]).toBeGreaterThan(200);
  });

  it('refuses bytes that are not a PDF with a typed error', { timeout: 60_000 }, async () => {
    const junk = new Blob(['%PDF-1.4 not really'], { type: 'application/pdf' });
    const error = await renderPdfPage(junk, 1, 200, 50_000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PdfPageError);
    expect((error as PdfPageError).code).toBe('pdf_page_unavailable');
  });
});
