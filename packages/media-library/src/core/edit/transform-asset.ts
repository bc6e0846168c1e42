// Crop, rotate and flip in the browser, without a server: the original stays as it is and the
// result is a new asset whose source names the operation and the original. The canvas code
// loads on the first transform.
import { AssetNotFoundError, MediaLibraryError } from '../errors';
import type {
  AssetSource,
  AssetTransformOperation,
  ImportInput,
  ImportItemResult,
  MediaLibrary,
} from '../types';
import { EditNotSupportedError, ImageTooLargeError } from './edit-errors';

/** A rectangle in an image's pixels. */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Ratios offered for a fixed-ratio crop; any "width:height" string works. */
export type CropAspect = '1:1' | '4:5' | '5:4' | '3:2' | '2:3' | '4:3' | '3:4' | '16:9' | '9:16';

/**
 * What {@link transformAsset} does, in this order: crop (in the original's pixels; a ratio
 * takes the largest centred area), rotate clockwise, flip (as seen after the rotation).
 */
export interface AssetTransform {
  /** A free rectangle (clamped to the image) or a fixed ratio such as `'16:9'`. */
  crop?: CropRect | { aspect: CropAspect | `${number}:${number}` };
  rotate?: 90 | 180 | 270;
  flip?: 'horizontal' | 'vertical';
}

/** Options of {@link transformAsset}. */
export interface TransformAssetOptions {
  /**
   * The most pixels (width × height) of an image to transform. Default 40 million: each
   * decoded copy takes 4 bytes a pixel, and a phone's canvas gives up well before the desktop's.
   */
  maxPixels?: number;
  /** Stops the transform; nothing is added once it fires. */
  signal?: AbortSignal;
}

/** Default {@link TransformAssetOptions.maxPixels}. */
const DEFAULT_TRANSFORM_MAX_PIXELS = 40_000_000;

/** Raster types the browser decodes for a canvas. SVG is refused: it has no pixels to crop. */
const DECODABLE = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/bmp',
]);

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/**
 * Crops, rotates and/or flips image asset `assetId` in the browser and imports the result as
 * a new asset, first in the default (newest first) order, with
 * `source: { type: 'edit', operation, parentId: assetId, crop?, rotate?, flip? }` and the
 * original's alt text and tags. Written in the original's type where the browser encodes it
 * (PNG, JPEG, WebP), else as PNG. Bytes equal to an asset already in the library give that
 * asset back (`status: 'duplicate'`), as an upload would.
 *
 * @throws {AssetNotFoundError} when the asset, or its bytes, are not in the library.
 * @throws {EditNotSupportedError} when the asset is not a raster image.
 * @throws {ImageTooLargeError} when the image has more than `maxPixels` pixels.
 * @throws {MediaLibraryError} `invalid_input` for no operation, an unknown angle, flip or
 * ratio, or a crop outside the image.
 *
 * @example
 * const result = await transformAsset(library, asset.id, { crop: { aspect: '1:1' }, rotate: 90 });
 * if (result.status !== 'failed') select(result.asset.id);
 */
export async function transformAsset(
  library: MediaLibrary,
  assetId: string,
  transform: AssetTransform,
  options: TransformAssetOptions = {},
): Promise<ImportItemResult> {
  const operation = checkTransform(transform);
  const maxPixels = options.maxPixels ?? DEFAULT_TRANSFORM_MAX_PIXELS;
  const asset = library.get(assetId);
  if (!asset) throw new AssetNotFoundError(assetId);
  if (asset.kind !== 'image' || !DECODABLE.has(asset.mimeType)) {
    throw new EditNotSupportedError(
      `"${asset.name}" (${asset.mimeType}) is not a PNG, JPEG, WebP, GIF, AVIF or BMP image, ` +
        'so it cannot be cropped, rotated or flipped here.',
    );
  }
  const tooLarge = (pixels: number) => new ImageTooLargeError(pixels, maxPixels);
  // Refused from the record before anything is read or decoded.
  if (asset.width && asset.height && asset.width * asset.height > maxPixels) {
    throw tooLarge(asset.width * asset.height);
  }
  const blob = await library.getBlob(assetId);
  if (!blob) throw new AssetNotFoundError(assetId);
  options.signal?.throwIfAborted();
  const { transformImage } = await import('./transform-image');
  const typed = blob.type === asset.mimeType ? blob : blob.slice(0, blob.size, asset.mimeType);
  const result = await transformImage(typed, transform, maxPixels, tooLarge);
  options.signal?.throwIfAborted();
  const source: AssetSource = { type: 'edit', operation, parentId: assetId };
  if (result.crop) source.crop = result.crop;
  if (transform.rotate) source.rotate = transform.rotate;
  if (transform.flip) source.flip = transform.flip;
  const base = asset.name.replace(/\.[^.]+$/, '') || 'image';
  const input: ImportInput = {
    blob: result.blob,
    name: `${base}-${operation}.${EXTENSIONS[result.blob.type] ?? 'png'}`,
    source,
    tags: [...asset.tags],
  };
  if (asset.alt) input.alt = asset.alt;
  const [imported] = await library.importFiles(
    [input],
    options.signal ? { signal: options.signal } : {},
  );
  return imported as ImportItemResult;
}

function checkTransform(transform: AssetTransform): AssetTransformOperation {
  const { crop, rotate, flip } = transform ?? {};
  if (rotate !== undefined && rotate !== 90 && rotate !== 180 && rotate !== 270) {
    throw new MediaLibraryError(
      'invalid_input',
      `rotate must be 90, 180 or 270 (degrees clockwise), not ${String(rotate)}.`,
    );
  }
  if (flip !== undefined && flip !== 'horizontal' && flip !== 'vertical') {
    throw new MediaLibraryError(
      'invalid_input',
      `flip must be 'horizontal' or 'vertical', not ${String(flip)}.`,
    );
  }
  if (crop !== undefined) {
    const valid =
      typeof crop === 'object' &&
      crop !== null &&
      ('aspect' in crop
        ? typeof crop.aspect === 'string'
        : [crop.x, crop.y, crop.width, crop.height].every(Number.isFinite));
    if (!valid) {
      throw new MediaLibraryError(
        'invalid_input',
        'crop takes { x, y, width, height } in pixels or { aspect: "width:height" }.',
      );
    }
    return 'crop';
  }
  if (rotate !== undefined) return 'rotate';
  if (flip !== undefined) return 'flip';
  throw new MediaLibraryError(
    'invalid_input',
    'Nothing to do: pass crop, rotate or flip to transformAsset.',
  );
}
