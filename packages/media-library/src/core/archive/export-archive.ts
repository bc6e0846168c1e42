// `exportArchive`: the library (or part of it) as one zip with `manifest.json` at its root and
// each distinct original once under `assets/<sha256>.<ext>`.
import { AssetNotFoundError, CollectionNotFoundError } from '../errors';
import type { LibraryContext } from '../library-context';
import type { Collection, MediaAsset } from '../types';
import { ArchiveError, throwIfArchiveAborted } from './archive-errors';
import type { ArchiveProgress, ExportArchiveOptions } from './archive-types';
import { assetPath, buildManifest, MANIFEST_PATH } from './manifest';
import { crc32, crc32OfBlob, type ZipEntry, zipBlob } from './zip-writer';

/**
 * Builds the archive of the chosen assets (all by default, oldest first). Each original is
 * read once, as a stream, for its CRC-32, and then becomes a part of the returned Blob as the
 * store's own Blob: nothing is copied, so a browser whose store keeps the bytes on disk (OPFS)
 * does not hold the library in memory. Assets whose bytes are gone from the store are left
 * out of the manifest as well.
 */
export async function exportArchive(
  ctx: LibraryContext,
  options: ExportArchiveOptions = {},
): Promise<Blob> {
  ctx.assertOpen();
  const { signal } = options;
  throwIfArchiveAborted(signal, 'export');
  await ctx.loaded;
  const blobs = await ctx.blobs();
  const state = ctx.store.getState();
  const chosen = chooseAssets(state.assets, state.collections, options);

  const progress: ArchiveProgress = {
    phase: 'reading',
    assetsDone: 0,
    assetsTotal: chosen.length,
    bytesDone: 0,
    bytesTotal: chosen.reduce((sum, asset) => sum + asset.size, 0),
  };
  options.onProgress?.({ ...progress });
  const exported: MediaAsset[] = [];
  const entries: ZipEntry[] = [];
  const written = new Set<string>();
  for (const asset of chosen) {
    throwIfArchiveAborted(signal, 'export');
    const path = assetPath(asset);
    if (!written.has(path)) {
      const data = await blobs.get(asset.blobKey);
      if (!data) {
        progress.assetsDone++;
        continue;
      }
      let crc: number;
      try {
        crc = await crc32OfBlob(
          data,
          (bytes) => {
            progress.bytesDone += bytes;
          },
          signal,
        );
      } catch (error) {
        throwIfArchiveAborted(signal, 'export');
        throw error;
      }
      entries.push({ name: path, data, crc });
      written.add(path);
    }
    exported.push(asset);
    progress.assetsDone++;
    options.onProgress?.({ ...progress });
  }
  throwIfArchiveAborted(signal, 'export');

  const exportedAt = ctx.now();
  const referenced = new Set(exported.flatMap((asset) => asset.collectionIds));
  const whole = options.ids === undefined && options.collectionId === undefined;
  const collections = [...state.collections.values()].filter(
    (collection) => whole || referenced.has(collection.id),
  );
  const manifest = buildManifest(ctx.name, exportedAt, exported, collections);
  const json = new TextEncoder().encode(JSON.stringify(manifest, null, 1));
  if (json.length > 2 ** 31) {
    throw new ArchiveError(
      'archive_too_large',
      'This export lists too many assets for one archive. Export it in parts, by collection.',
    );
  }
  const manifestEntry: ZipEntry = { name: MANIFEST_PATH, data: new Blob([json]), crc: crc32(json) };
  return zipBlob([manifestEntry, ...entries], new Date(exportedAt));
}

function chooseAssets(
  assets: ReadonlyMap<string, MediaAsset>,
  collections: ReadonlyMap<string, Collection>,
  { ids, collectionId }: ExportArchiveOptions,
): MediaAsset[] {
  if (collectionId !== undefined && !collections.has(collectionId)) {
    throw new CollectionNotFoundError(collectionId);
  }
  let chosen: MediaAsset[];
  if (ids !== undefined) {
    chosen = [...new Set(ids)].map((id) => {
      const asset = assets.get(id);
      if (!asset) throw new AssetNotFoundError(id);
      return asset;
    });
  } else {
    chosen = [...assets.values()];
  }
  if (collectionId !== undefined) {
    chosen = chosen.filter((asset) => asset.collectionIds.includes(collectionId));
  }
  return chosen.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
