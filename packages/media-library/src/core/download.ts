// Saving assets to the person's disk: one original as itself, several as a zip, a generated
// image with its provenance written in. The zip is stored, not deflated: images and video are
// already compressed, so deflate only costs time.
// Needs the DOM (document, URL) but no React, so every preset saves files the same way.
import { AssetNotFoundError } from './errors';
import { createInertObjectURL } from './object-url-cache';
import { embedProvenance } from './provenance/provenance';
import type { MediaAsset, MediaLibrary } from './types';

/**
 * Hands a Blob to the browser's download machinery under `name`. The bytes are saved as they
 * are; the link's URL is typed so that even opened as a page it never runs (an SVG or HTML
 * original would otherwise run on this origin: it serves as plain text), and the file's name
 * carries its real type.
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = createInertObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; revoking on the next task frees the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The bytes a download saves: a generated PNG, JPEG or WebP with its prompt and settings
 * written in, so they travel with the file; every other original exactly as stored.
 * Resolves to `undefined` when the original is gone from storage.
 *
 * @example
 * ```ts
 * const asset = library.get(id);
 * const blob = asset && (await downloadableBlob(library, asset));
 * if (blob) await upload(blob, asset.name);
 * ```
 */
export async function downloadableBlob(
  library: MediaLibrary,
  asset: MediaAsset,
): Promise<Blob | undefined> {
  const blob = await library.getBlob(asset.id, 'original');
  if (!blob) return blob;
  try {
    // The embedding code loads with the first download of a generated image.
    return await embedProvenance(blob, asset.source, asset.createdAt);
  } catch {
    // A file without its provenance beats no file (the module may fail to load offline).
    return blob;
  }
}

/**
 * Saves one asset's original to the person's disk under its name, with a generated image's
 * provenance written in (see {@link downloadableBlob}), and counts the download in its usage.
 * Rejects with `AssetNotFoundError` (`not_found`) when the asset is no longer in the library
 * (in the Trash or deleted for good) or its file is no longer stored; nothing is saved then.
 *
 * @example
 * ```ts
 * button.onclick = () => downloadAsset(library, asset.id).catch(showError);
 * ```
 */
export async function downloadAsset(library: MediaLibrary, id: string): Promise<void> {
  const asset = library.get(id);
  if (!asset) {
    throw new AssetNotFoundError(
      id,
      'This asset is no longer in the library (deleted, perhaps in another tab), so there is ' +
        'nothing to download. Pick an asset from the current view.',
    );
  }
  const blob = await downloadableBlob(library, asset);
  if (!blob) {
    throw new AssetNotFoundError(
      id,
      `The file of "${asset.name}" is no longer stored in this browser, so it cannot be ` +
        'downloaded. Import it again, or restore it from a library archive.',
    );
  }
  saveBlob(blob, asset.name);
  await library.trackUsage(id, 'download');
}

/** A name not yet in `taken`: "photo.png", then "photo (2).png". */
function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Builds a zip of the downloadable bytes of `ids` (skipping any deleted meanwhile). */
export async function zipAssets(library: MediaLibrary, ids: readonly string[]): Promise<Blob> {
  const files: Record<string, Uint8Array> = {};
  const taken = new Set<string>();
  for (const id of ids) {
    const asset = library.get(id);
    const blob = asset && (await downloadableBlob(library, asset));
    if (!asset || !blob) continue;
    const name = uniqueName(asset.name, taken);
    taken.add(name);
    files[name] = new Uint8Array(await blob.arrayBuffer());
  }
  // fflate loads with the first zip: most sessions never make one.
  const { zipSync } = await import('fflate');
  const bytes = zipSync(files, { level: 0 });
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

/**
 * Saves the originals of `ids` as one "medialoft-<n>-assets.zip" (names made unique, assets
 * deleted meanwhile skipped) and counts a download for each. The zip code loads on first use.
 *
 * @example
 * ```ts
 * const bulk = useBulkActions({ ids, download: (selected) => downloadZip(library, selected) });
 * ```
 */
export async function downloadZip(library: MediaLibrary, ids: readonly string[]): Promise<void> {
  saveBlob(await zipAssets(library, ids), `medialoft-${ids.length}-assets.zip`);
  await Promise.all(ids.map((id) => library.trackUsage(id, 'download').catch(() => {})));
}
