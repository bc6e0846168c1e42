// A thumbnail for text files (plain text, Markdown, JSON, CSV…): the first lines drawn in a
// monospace font. Only the first few KB are read, and the text is drawn as glyphs, never parsed
// as markup, so nothing in the file can run or load anything.
import { createPreviewCanvas, encodePreview, type PreviewRequest } from './preview-canvas';
import type { RenderedThumbnail } from './thumbnail-render';

/** How much of a text file is read for its preview; more lines than fit are never needed. */
export const TEXT_PREVIEW_BYTES = 4 * 1024;
/** Lines and columns drawn on a square thumbnail; font size follows from them. */
const LINES = 22;
const COLUMNS = 40;
const TAB = '  ';

/**
 * The first `maxLines` lines of `text`, each cut to `maxColumns` characters: line ends of
 * every platform, a leading byte-order mark and a character cut in half at the end of the
 * read window dropped, tabs as two spaces, other control characters removed. Trailing blank
 * lines are dropped.
 */
export function previewLines(text: string, maxLines: number, maxColumns: number): string[] {
  const cleaned = text
    .replace(/^\uFEFF/, '')
    .replace(/\uFFFD+$/, '')
    .replace(/\r\n?/g, '\n');
  const lines = cleaned.split('\n', maxLines).map((line) =>
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    Array.from(line.replace(/\t/g, TAB).replace(/[\u0000-\u001F\u007F]/g, ''))
      .slice(0, maxColumns)
      .join('')
      .trimEnd(),
  );
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Draws the first lines of a text file, dark on white, on a square of `maxSize`. Resolves
 * `undefined` when there is no canvas (Node) or nothing to draw (an empty or blank file).
 * Never throws.
 */
export async function createTextPreview(
  blob: Blob,
  request: PreviewRequest,
): Promise<RenderedThumbnail | undefined> {
  try {
    const text = await blob.slice(0, TEXT_PREVIEW_BYTES).text();
    const lines = previewLines(text, LINES, COLUMNS);
    if (lines.length === 0) return undefined;
    const size = Math.max(16, Math.floor(request.maxSize));
    const canvas = createPreviewCanvas(size, size);
    if (!canvas) return undefined;
    const { context } = canvas;
    const padding = Math.round(size / 20);
    const lineHeight = (size - 2 * padding) / LINES;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size, size);
    context.fillStyle = '#1f2328';
    context.font = `${Math.max(4, Math.floor(lineHeight * 0.8))}px ui-monospace, Menlo, Consolas, monospace`;
    context.textBaseline = 'top';
    lines.forEach((line, row) => {
      context.fillText(line, padding, padding + row * lineHeight, size - 2 * padding);
    });
    return await encodePreview(canvas, request, size, size);
  } catch {
    return undefined;
  }
}
