// PDF previews in Chromium, from a PDF written here: two US Letter pages, the first with a dark
// block in its top-left corner, so the thumbnail must be page 1, drawn, on white.
import { describe, expect, it } from 'vitest';
import { libraryDbName } from '../db';
import { createMediaLibrary } from '../library';
import { opfsDirectoryName } from '../storage/default-blob-store';
import { createPdfPreview } from './pdf-preview';

/** A minimal valid PDF whose pages draw the given content streams. */
function pdf(pages: string[]): Blob {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 3 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  pages.forEach((content, i) => {
    const id = pageIds[i]!;
    objects[id] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = body.length;
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) {
    body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  }
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Blob([body], { type: 'application/pdf' });
}

async function readPixels(blob: Blob) {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const image = context.getImageData(0, 0, bitmap.width, bitmap.height);
  bitmap.close();
  return (x: number, y: number) =>
    Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3));
}

const request = { maxSize: 400, type: 'image/webp', quality: 0.85 };

describe('PDF previews in Chromium', () => {
  it('draws page 1 at thumbnail size and counts the pages', async () => {
    // Page 1: a dark block from (36, 656) to (236, 756) in PDF units, i.e. top left.
    const file = pdf(['0.1 0.1 0.1 rg 36 656 200 100 re f', '1 0 0 rg 0 0 612 792 re f']);
    const preview = await createPdfPreview(file, request, 60_000);
    expect(preview.pageCount).toBe(2);
    expect(preview.thumbnail).toBeDefined();
    const { thumbnail } = preview;
    expect(thumbnail!.type).toBe('image/webp');
    // 612 × 792 scaled so the height is 400.
    expect([thumbnail!.width, thumbnail!.height]).toEqual([309, 400]);
    const pixel = await readPixels(thumbnail!.blob);
    const dark = pixel(50, 40);
    expect(Math.max(...dark)).toBeLessThan(60);
    // The rest of page 1 is white, not page 2's red.
    expect(pixel(250, 300)).toEqual([255, 255, 255].map((v) => expect.closeTo(v, -1)));
  }, 90_000);

  it('runs pdf.js with its worker script, served as a file of its own', async () => {
    const { GlobalWorkerOptions } = await import('pdfjs-dist');
    expect(GlobalWorkerOptions.workerSrc).toMatch(/pdf\.worker\.min\.mjs/);
    const response = await fetch(GlobalWorkerOptions.workerSrc);
    expect(response.ok).toBe(true);
    expect(await response.text()).toContain('WorkerMessageHandler');
  }, 30_000);

  it('gives nothing, without throwing, for bytes that are not a PDF', async () => {
    const junk = new Blob(['%PDF-1.4\nnot really a pdf at all'], { type: 'application/pdf' });
    const preview = await createPdfPreview(junk, request, 60_000);
    expect(preview.thumbnail).toBeUndefined();
  }, 90_000);
});

describe('importing a PDF', () => {
  it('stores page 1 as the thumbnail and the page count on the record', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const library = createMediaLibrary({ name, broadcast: false });
    try {
      await library.ready;
      const file = new File(
        [pdf(['0 0 0 rg 36 656 200 100 re f', '', '0 0 1 rg 0 0 10 10 re f'])],
        'three.pdf',
        { type: 'application/pdf' },
      );
      const [result] = await library.importFiles([file]);
      if (result?.status !== 'imported') throw new Error(`not imported: ${result?.status}`);
      const { asset } = result;
      expect(asset.kind).toBe('document');
      expect(asset.pageCount).toBe(3);
      expect(asset.thumbnailType).toBe('image/webp');
      const thumbnail = await library.getBlob(asset.id, 'thumbnail');
      const pixel = await readPixels(thumbnail!);
      expect(Math.max(...pixel(50, 40))).toBeLessThan(60);
      // Read back from storage by another instance, the count is still there.
      const second = createMediaLibrary({ name, broadcast: false });
      await second.ready;
      expect(second.get(asset.id)?.pageCount).toBe(3);
      second.close();
    } finally {
      await library.clear().catch(() => undefined);
      library.close();
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(libraryDbName(name));
        request.onsuccess = request.onerror = request.onblocked = resolve;
      });
      const root = await navigator.storage.getDirectory();
      await root.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
    }
  }, 90_000);
});
