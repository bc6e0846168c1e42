// An image resized to a social platform's format: through the image server's transform route
// when the generator offers one, else on a canvas in the browser. The result becomes a new
// asset that names its original and the format, or only bytes for a download.
import type { MediaAIGenerator } from '../ai-types';
import { AssetNotFoundError } from '../errors';
import type { AssetSource, ImportInput, ImportItemResult, MediaLibrary } from '../types';
import { EditNotSupportedError, ImageTooLargeError } from './edit-errors';
import { coverCrop, type PlatformFormat, platformFormat } from './platform-formats';
import type { CropRect } from './transform-asset';

/** Options of {@link exportForPlatform}. */
export interface ExportForPlatformOptions {
  /**
   * Resizes on the server when it has `transformImage` (the generator made by
   * `createRemoteGenerator` does); without one, or without this option, the browser resizes.
   */
  transformer?: Pick<MediaAIGenerator, 'transformImage'>;
  /** `'library'` (default) adds the result as a new asset; `'download'` only returns its bytes. */
  target?: 'library' | 'download';
  /** The most pixels of an original to resize in the browser. Default 40 million. */
  maxPixels?: number;
  /** Stops the export; nothing is added once it fires. */
  signal?: AbortSignal;
}

/** What {@link exportForPlatform} made. */
export interface ExportForPlatformResult {
  format: PlatformFormat;
  /** The resized image, named after the original and the format. */
  file: File;
  /** Where the resize ran. */
  via: 'server' | 'browser';
  /** The part of the original the result shows (a centred cover crop), in its pixels. */
  crop: CropRect;
  /** The import's outcome with `target: 'library'` (a `duplicate` gives the existing asset). */
  imported?: ImportItemResult;
}

const DEFAULT_MAX_PIXELS = 40_000_000;

const DECODABLE = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/bmp',
]);

/** The original's type where both paths write it; other types become PNG. */
const KEEP_TYPE: Record<string, 'png' | 'jpeg' | 'webp'> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
};

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/**
 * Resizes image asset `assetId` to platform format `format` (see `platformFormats()`): scaled to
 * cover the format's size, the overflow cut off around the middle, in the original's type
 * (PNG, JPEG, WebP; others as PNG). With `target: 'library'` the result is imported as a new
 * asset with `source: { type: 'edit', operation: 'export', parentId: assetId, format, crop }`
 * and the original's alt text and tags.
 *
 * @throws {AssetNotFoundError} when the asset, or its bytes, are not in the library.
 * @throws {EditNotSupportedError} when the asset is not a raster image.
 * @throws {ImageTooLargeError} when a browser resize would decode more than `maxPixels`.
 * @throws {MediaLibraryError} `invalid_input` for an unknown format name; the transformer's own
 * error when the server refuses.
 *
 * @example
 * const { imported } = await exportForPlatform(library, asset.id, 'instagram-story', {
 *   transformer: generator,
 * });
 * if (imported?.status === 'imported') select(imported.asset.id);
 */
export async function exportForPlatform(
  library: MediaLibrary,
  assetId: string,
  format: string,
  options: ExportForPlatformOptions = {},
): Promise<ExportForPlatformResult> {
  const spec = platformFormat(format);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const { signal } = options;
  const asset = library.get(assetId);
  if (!asset) throw new AssetNotFoundError(assetId);
  if (asset.kind !== 'image' || !DECODABLE.has(asset.mimeType)) {
    throw new EditNotSupportedError(
      `"${asset.name}" (${asset.mimeType}) is not a PNG, JPEG, WebP, GIF, AVIF or BMP image, ` +
        'so it cannot be exported to a platform format.',
    );
  }
  const blob = await library.getBlob(assetId);
  if (!blob) throw new AssetNotFoundError(assetId);
  signal?.throwIfAborted();
  const outputType = KEEP_TYPE[asset.mimeType] ?? 'png';
  const base = asset.name.replace(/\.[^.]+$/, '') || 'image';
  const name = (type: string) => `${base}-${spec.name}.${EXTENSIONS[type] ?? 'png'}`;

  let file: File;
  let crop: CropRect;
  let via: ExportForPlatformResult['via'];
  const transformImage = options.transformer?.transformImage;
  if (transformImage) {
    const image = new File([blob], asset.name, { type: asset.mimeType });
    const out = await transformImage.call(
      options.transformer,
      { image, width: spec.width, height: spec.height, preset: spec.name, format: outputType },
      signal ? { signal } : {},
    );
    file = new File([out], name(out.type), { type: out.type });
    // The server crops around the middle as the browser does; the record's size says where.
    crop = coverCrop(
      asset.width ?? spec.width,
      asset.height ?? spec.height,
      spec.width,
      spec.height,
    );
    via = 'server';
  } else {
    if (asset.width && asset.height && asset.width * asset.height > maxPixels) {
      throw new ImageTooLargeError(asset.width * asset.height, maxPixels);
    }
    const { resizeToCover } = await import('./export-image');
    const typed = blob.type === asset.mimeType ? blob : blob.slice(0, blob.size, asset.mimeType);
    const out = await resizeToCover(
      typed,
      spec.width,
      spec.height,
      `image/${outputType}`,
      maxPixels,
      (pixels) => new ImageTooLargeError(pixels, maxPixels),
    );
    file = new File([out.blob], name(out.blob.type), { type: out.blob.type });
    crop = out.crop;
    via = 'browser';
  }
  signal?.throwIfAborted();
  const result: ExportForPlatformResult = { format: spec, file, via, crop };
  if ((options.target ?? 'library') === 'download') return result;

  const source: AssetSource = {
    type: 'edit',
    operation: 'export',
    parentId: assetId,
    format: spec.name,
    crop,
  };
  const input: ImportInput = { blob: file, name: file.name, source, tags: [...asset.tags] };
  if (asset.alt) input.alt = asset.alt;
  const [imported] = await library.importFiles([input], signal ? { signal } : {});
  result.imported = imported as ImportItemResult;
  return result;
}
