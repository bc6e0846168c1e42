// "Export for …" of one image, headless: the platform formats with each one's crop and safe
// zone over the original (for a preview), the chosen format, and the export into the library
// or as a file for a download, with its running state, error in words and cancel.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { saveBlob } from '../core/download';
import { type ExportForPlatformResult, exportForPlatform } from '../core/edit/export-for-platform';
import {
  coverCrop,
  type PlatformFormat,
  type PlatformFormatName,
  platformFormats,
  safeZoneInSource,
} from '../core/edit/platform-formats';
import type { CropRect } from '../core/edit/transform-asset';
import type { MediaAsset } from '../core/types';
import { explainEditError } from './asset-edit-form';
import { useMediaLibraryContext } from './media-library-provider';
import { useAsset } from './use-asset';
import { useAssetUrl } from './use-asset-url';

/** A platform format and where it falls on the image, in the image's pixels. */
export interface PlatformFormatPreview {
  format: PlatformFormat;
  /** The part of the image the format keeps. */
  crop: CropRect;
  /** The part of `crop` the platform leaves uncovered (equal to `crop` when nothing covers it). */
  safeZone: CropRect;
}

const HINT =
  "The bright area is what each format keeps; keep text and faces inside the dashed line, where the platform's buttons and names do not cover them.";
const UNKNOWN_SIZE =
  "This image's size is not known, so it cannot be fitted to a platform's format.";

/** Raster types both the browser and the image server resize. */
const EXPORTABLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif']);

/**
 * Whether `asset` can be exported for a platform: a readable raster image of known size. A
 * preset offers "Export for…" only then.
 */
export function canExportForPlatform(asset: MediaAsset): boolean {
  return (
    EXPORTABLE.has(asset.mimeType) && !asset.unreadable && Boolean(asset.width && asset.height)
  );
}

/** How a preset draws a format's preview over the image, in the image's pixels. */
export interface PlatformFormatOverlay {
  /** SVG path of the shade over everything the format leaves out (fill rule evenodd). */
  shade: string;
  /** The area to keep text and faces in, when the platform covers part of the crop. */
  safeZone: CropRect | undefined;
  /** A line width that reads the same at any image size. */
  stroke: number;
}

/**
 * The overlay of `preview` over an image of `size`: a shade with the format's crop cut out, and
 * the safe zone's outline where the platform's own buttons and names cover part of the crop.
 */
export function platformFormatOverlay(
  preview: PlatformFormatPreview,
  size: { width: number; height: number },
): PlatformFormatOverlay {
  const { crop, safeZone } = preview;
  const covered = safeZone.width < crop.width - 0.5 || safeZone.height < crop.height - 0.5;
  return {
    shade: `M0 0H${size.width}V${size.height}H0Z M${crop.x} ${crop.y}v${crop.height}h${crop.width}v${-crop.height}Z`,
    safeZone: covered ? safeZone : undefined,
    stroke: Math.max(size.width, size.height) / 150,
  };
}

/** What {@link useExportForPlatform} returns. */
export interface UseExportForPlatformResult {
  /** Every format with its crop and safe zone; empty until the image's size is known. */
  previews: PlatformFormatPreview[];
  /** The image's size, for drawing the previews over it. */
  size: { width: number; height: number } | undefined;
  /** The image's URL, to show under the previews (undefined while it loads). */
  imageUrl: string | undefined;
  format: PlatformFormatName;
  setFormat(format: PlatformFormatName): void;
  /** Where the export will run: on the image server when the generator resizes, else here. */
  via: 'server' | 'browser';
  running: boolean;
  /** The latest failure in words. */
  error: string | undefined;
  /** The asset the latest "add" made (or the one with the same bytes already there). */
  added: MediaAsset | undefined;
  /** Exports the chosen format as a new asset; resolves it (undefined on failure or cancel). */
  addToLibrary(): Promise<MediaAsset | undefined>;
  /** Exports the chosen format as a file only, for the caller to save; undefined on failure. */
  exportFile(): Promise<File | undefined>;
  /** Exports the chosen format as a file and saves it (the browser's download). */
  download(): Promise<void>;
  /** The words a preset shows. */
  words: {
    /** How to read the previews (the bright area, the dashed line). */
    hint: string;
    /** The chosen format, its size and where it is resized: "Instagram story, 1080 × 1920, …". */
    summary: string;
    /** Shown instead of the previews when the image's size is not known. */
    unknownSize: string;
  };
  /** Stops a running export; nothing of it is added. */
  cancel(): void;
}

/**
 * Drives "Export for …" of image asset `assetId` with `exportForPlatform`: through the
 * provider's `ai.transformImage` (the image server) when there is one, else in the browser.
 *
 * @example
 * const exporter = useExportForPlatform(asset.id);
 * exporter.setFormat('instagram-story');
 * const story = await exporter.addToLibrary();
 */
export function useExportForPlatform(assetId: string): UseExportForPlatformResult {
  const { library, ai } = useMediaLibraryContext('useExportForPlatform');
  const asset = useAsset(assetId);
  const { url: imageUrl } = useAssetUrl(assetId);
  const [format, setFormat] = useState<PlatformFormatName>('instagram-square');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const [added, setAdded] = useState<MediaAsset>();
  const controller = useRef<AbortController>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const width = asset?.width;
  const height = asset?.height;
  const previews = useMemo(() => {
    if (!width || !height) return [];
    return platformFormats().map((f) => {
      const crop = coverCrop(width, height, f.width, f.height);
      return { format: f, crop, safeZone: safeZoneInSource(f, crop) };
    });
  }, [width, height]);

  const transformer = typeof ai?.transformImage === 'function' ? ai : undefined;

  const settle = useCallback(
    async (target: 'library' | 'download'): Promise<ExportForPlatformResult | undefined> => {
      controller.current?.abort();
      const own = new AbortController();
      controller.current = own;
      setRunning(true);
      setError(undefined);
      try {
        return await exportForPlatform(library, assetId, format, {
          target,
          signal: own.signal,
          ...(transformer ? { transformer } : {}),
        });
      } catch (thrown) {
        if (controller.current === own && !own.signal.aborted) {
          setError(explainEditError(thrown).message);
        }
        return undefined;
      } finally {
        if (controller.current === own) {
          controller.current = undefined;
          setRunning(false);
        }
      }
    },
    [assetId, format, library, transformer],
  );

  const addToLibrary = useCallback(async () => {
    const result = await settle('library');
    const imported = result?.imported;
    if (!imported) return undefined;
    if (imported.status === 'failed') {
      setError(explainEditError(imported.error).message);
      return undefined;
    }
    setAdded(imported.asset);
    return imported.asset;
  }, [settle]);

  const exportFile = useCallback(async () => (await settle('download'))?.file, [settle]);
  const download = useCallback(async () => {
    const file = await exportFile();
    if (file) saveBlob(file, file.name);
  }, [exportFile]);
  const via = transformer ? 'server' : 'browser';
  const chosen = previews.find((preview) => preview.format.name === format)?.format;
  const cancel = useCallback(() => controller.current?.abort(), []);

  return {
    previews,
    size: width && height ? { width, height } : undefined,
    imageUrl,
    format,
    setFormat,
    via,
    running,
    error,
    added,
    addToLibrary,
    exportFile,
    download,
    cancel,
    words: {
      hint: HINT,
      summary:
        (chosen ? `${chosen.label}, ${chosen.width} × ${chosen.height}, ` : '') +
        (via === 'server' ? 'resized on the image server' : 'resized in this browser'),
      unknownSize: UNKNOWN_SIZE,
    },
  };
}
