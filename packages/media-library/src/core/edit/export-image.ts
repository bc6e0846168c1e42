// The browser's way to a platform format: decode, draw the cover crop scaled to the output
// size on one canvas, encode. Loaded on the first export that has no server to do it.
import { coverCrop } from './platform-formats';
import type { CropRect } from './transform-asset';
import { context2d, decodeBounded, encodeOrPng, makeCanvas } from './transform-image';

/** The resized image and the part of the original it shows. */
export interface ExportedImage {
  blob: Blob;
  crop: CropRect;
}

/**
 * Draws the centred cover crop of `blob` at `width` × `height` and encodes it as `type` (PNG
 * where the browser cannot write it).
 */
export async function resizeToCover(
  blob: Blob,
  width: number,
  height: number,
  type: string,
  maxPixels: number,
  tooLarge: (pixels: number) => Error,
): Promise<ExportedImage> {
  const bitmap = await decodeBounded(blob, maxPixels, tooLarge, 'exported');
  try {
    const crop = coverCrop(bitmap.width, bitmap.height, width, height);
    const canvas = makeCanvas(width, height);
    const context = context2d(canvas);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    if (type === 'image/jpeg') {
      // JPEG has no alpha: transparent pixels go on white, as the server's transform puts them.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
    }
    context.drawImage(bitmap, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
    return { blob: await encodeOrPng(canvas, type), crop };
  } finally {
    bitmap.close();
  }
}
