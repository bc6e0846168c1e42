// The browser's way to a platform format: decode, draw the cover crop scaled to the output
// size on one canvas, encode. Loaded on the first export that has no server to do it.
import { MediaLibraryError } from '../errors';
import { coverCrop } from './platform-formats';
import type { CropRect } from './transform-asset';
import { encode, makeCanvas } from './transform-image';

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
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch (cause) {
    throw new MediaLibraryError(
      'unreadable',
      'The browser could not decode this image, so it cannot be exported here; try a PNG, JPEG or WebP copy.',
      { cause },
    );
  }
  try {
    const pixels = bitmap.width * bitmap.height;
    if (pixels > maxPixels) throw tooLarge(pixels);
    const crop = coverCrop(bitmap.width, bitmap.height, width, height);
    const canvas = makeCanvas(width, height);
    const context = canvas.getContext('2d') as
      | CanvasRenderingContext2D
      | OffscreenCanvasRenderingContext2D
      | null;
    if (!context) {
      throw new MediaLibraryError(
        'storage_unavailable',
        'This browser gave no 2D canvas (out of memory?); close other tabs and try again.',
      );
    }
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    if (type === 'image/jpeg') {
      // JPEG has no alpha: transparent pixels go on white, as the server's transform puts them.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
    }
    context.drawImage(bitmap, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
    let out = await encode(canvas, type);
    if (out.type !== type && out.type !== 'image/png') out = await encode(canvas, 'image/png');
    return { blob: out, crop };
  } finally {
    bitmap.close();
  }
}
