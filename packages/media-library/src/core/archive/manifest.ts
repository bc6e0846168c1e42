// The archive manifest: built from records on export, and checked field by field on import,
// where it is untrusted input (a hand-edited or hostile file). Every count, length and size
// is bounded; a bad field refuses that asset, never the whole archive.
import type {
  AssetKind,
  AssetMeta,
  AssetOperation,
  AssetSource,
  AssetTransformOperation,
  Collection,
  MediaAsset,
} from '../types';
import { ArchiveError } from './archive-errors';
import type {
  ArchiveManifest,
  ArchiveManifestAsset,
  ArchiveManifestCollection,
} from './archive-types';

export const ARCHIVE_FORMAT = 'medialoft-archive';
export const ARCHIVE_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
/** The largest manifest read: about 300 bytes an asset leaves room for 200,000 of them. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
export const MAX_ARCHIVE_ASSETS = 200_000;
export const MAX_ARCHIVE_COLLECTIONS = 10_000;
/** The largest asset restored (a long video); beyond it an entry is refused, not read. */
export const MAX_ASSET_BYTES = 8 * 1024 ** 3;

const MAX_TEXT = 20_000;
const MAX_NAME = 1_000;
const MAX_ID = 200;
const MAX_TAGS = 1_000;
const SHA256 = /^[0-9a-f]{64}$/;
const ASSET_FILE = /^assets\/([0-9a-f]{64})\.([a-z0-9]{1,10})$/;
const KINDS: readonly AssetKind[] = ['image', 'video', 'audio', 'text', 'document', 'other'];

/** True for an entry name that can hold asset bytes (`assets/<sha256>.<ext>`, nothing else). */
export function isAssetPath(path: string): boolean {
  return ASSET_FILE.test(path);
}

/** The entry name of an asset's bytes: its hash and a safe extension from its name or type. */
export function assetPath(asset: Pick<MediaAsset, 'sha256' | 'name' | 'mimeType'>): string {
  const fromName = /\.([a-z0-9]{1,10})$/.exec(asset.name.toLowerCase())?.[1];
  const fromType = /^[a-z]+\/([a-z0-9]{1,10})$/.exec(asset.mimeType.toLowerCase())?.[1];
  return `assets/${asset.sha256}.${fromName ?? fromType ?? 'bin'}`;
}

/** The manifest entry of one record. */
export function manifestAsset(asset: MediaAsset): ArchiveManifestAsset {
  const entry: ArchiveManifestAsset = {
    id: asset.id,
    name: asset.name,
    sha256: asset.sha256,
    kind: asset.kind,
    mimeType: asset.mimeType,
    size: asset.size,
    tags: [...asset.tags],
    favorite: asset.favorite,
    collections: [...asset.collectionIds],
    source: asset.source,
    createdAt: asset.createdAt,
    updatedAt: asset.updatedAt,
    file: assetPath(asset),
  };
  if (asset.title !== undefined) entry.title = asset.title;
  if (asset.description !== undefined) entry.description = asset.description;
  if (asset.alt !== undefined) entry.alt = asset.alt;
  if (asset.width !== undefined) entry.width = asset.width;
  if (asset.height !== undefined) entry.height = asset.height;
  if (asset.duration !== undefined) entry.duration = asset.duration;
  if (asset.sourceModule !== undefined) entry.sourceModule = asset.sourceModule;
  if (asset.meta !== undefined) entry.meta = asset.meta;
  return entry;
}

/** A manifest for `assets` and `collections` of the library `library`. */
export function buildManifest(
  library: string,
  exportedAt: number,
  assets: readonly MediaAsset[],
  collections: readonly Collection[],
): ArchiveManifest {
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    library,
    assets: assets.map(manifestAsset),
    collections: collections.map(({ id, name, createdAt, updatedAt }) => ({
      id,
      name,
      createdAt,
      updatedAt,
    })),
  };
}

/** A manifest entry that passed the checks, or why one did not. */
export type CheckedAsset =
  | { ok: true; asset: ArchiveManifestAsset }
  | { ok: false; id: string; name: string; error: ArchiveError };

/** The manifest's parts that passed the checks. */
export interface CheckedManifest {
  assets: CheckedAsset[];
  collections: ArchiveManifestCollection[];
}

/**
 * Parses and checks `manifest.json`. Throws `ArchiveError('archive_invalid')` when the text is
 * not a manifest of a version this reads, or lists absurd counts; a malformed asset entry
 * becomes a refused asset instead, and a malformed collection is left out.
 */
export function parseManifest(text: string): CheckedManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw invalid('its manifest.json is not JSON', error);
  }
  if (!isObject(raw) || raw.format !== ARCHIVE_FORMAT) {
    throw invalid(`its manifest.json does not say "format": "${ARCHIVE_FORMAT}"`);
  }
  if (raw.version !== ARCHIVE_VERSION) {
    throw new ArchiveError(
      'archive_invalid',
      `This archive is version ${String(raw.version)}; this app reads version ${ARCHIVE_VERSION}. ` +
        'Update the app, or export the library again from the app that made it.',
    );
  }
  const assets = raw.assets;
  const collections = raw.collections ?? [];
  if (!Array.isArray(assets) || !Array.isArray(collections)) {
    throw invalid('its manifest.json has no list of assets');
  }
  if (assets.length > MAX_ARCHIVE_ASSETS || collections.length > MAX_ARCHIVE_COLLECTIONS) {
    throw new ArchiveError(
      'archive_too_large',
      `This archive lists ${assets.length} assets and ${collections.length} collections; at most ` +
        `${MAX_ARCHIVE_ASSETS} and ${MAX_ARCHIVE_COLLECTIONS} are read. Export smaller parts ` +
        '(by collection) and import them one by one.',
    );
  }
  return {
    assets: assets.map(checkAsset),
    collections: collections.flatMap((value) => {
      const collection = checkCollection(value);
      return collection ? [collection] : [];
    }),
  };
}

function checkAsset(raw: unknown, index: number): CheckedAsset {
  const id = isObject(raw) && isText(raw.id, MAX_ID) ? raw.id : `#${index + 1}`;
  const rawName = isObject(raw) && typeof raw.name === 'string' ? raw.name : '';
  const refuse = (why: string): CheckedAsset => ({
    ok: false,
    id,
    name: rawName.slice(0, MAX_NAME) || id,
    error: new ArchiveError(
      'archive_entry_invalid',
      `Asset ${JSON.stringify(id)} in the manifest was refused: ${why}. The rest of the archive ` +
        'is restored; export this asset again to restore it.',
    ),
  });
  if (!isObject(raw) || !isText(raw.id, MAX_ID)) return refuse('it has no id');
  const name = baseName(rawName);
  if (!name) return refuse('its name is empty, too long or only a path');
  const { sha256, size, file } = raw;
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) return refuse('its sha256 is malformed');
  if (!Number.isSafeInteger(size) || (size as number) < 0 || (size as number) > MAX_ASSET_BYTES) {
    return refuse('its size is not a whole number of bytes within limits');
  }
  const match = typeof file === 'string' ? ASSET_FILE.exec(file) : null;
  if (!match || match[1] !== sha256) {
    return refuse('its file is not "assets/<sha256>.<ext>" of its own hash');
  }
  const tags = raw.tags ?? [];
  if (!Array.isArray(tags) || tags.length > MAX_TAGS || !tags.every((t) => isText(t, MAX_NAME))) {
    return refuse('its tags are not a list of short texts');
  }
  const collections = raw.collections ?? [];
  if (!Array.isArray(collections) || !collections.every((c) => isText(c, MAX_ID))) {
    return refuse('its collections are not a list of ids');
  }
  const asset: ArchiveManifestAsset = {
    id: raw.id,
    name,
    sha256,
    kind: KINDS.includes(raw.kind as AssetKind) ? (raw.kind as AssetKind) : 'other',
    mimeType: isText(raw.mimeType, 255) ? raw.mimeType : 'application/octet-stream',
    size: size as number,
    tags: tags as string[],
    favorite: raw.favorite === true,
    collections: collections.slice(0, MAX_ARCHIVE_COLLECTIONS) as string[],
    source: checkSource(raw.source),
    createdAt: time(raw.createdAt),
    updatedAt: time(raw.updatedAt),
    file: file as string,
  };
  for (const field of ['title', 'description', 'alt'] as const) {
    const value = raw[field];
    if (isText(value, MAX_TEXT)) asset[field] = value;
  }
  for (const field of ['width', 'height', 'duration'] as const) {
    const value = raw[field];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) asset[field] = value;
  }
  // The import pipeline checks these as it checks any import's; a bad one fails that asset.
  if (typeof raw.sourceModule === 'string' && raw.sourceModule.length <= MAX_ID) {
    asset.sourceModule = raw.sourceModule;
  }
  if (isObject(raw.meta)) asset.meta = raw.meta as AssetMeta;
  return { ok: true, asset };
}

function checkCollection(raw: unknown): ArchiveManifestCollection | undefined {
  if (!isObject(raw) || !isText(raw.id, MAX_ID) || !isText(raw.name, MAX_NAME)) return undefined;
  const name = raw.name.trim();
  if (!name) return undefined;
  return { id: raw.id, name, createdAt: time(raw.createdAt), updatedAt: time(raw.updatedAt) };
}

/** The source as far as it is well-formed; anything else counts as an upload. */
function checkSource(raw: unknown): AssetSource {
  if (!isObject(raw)) return { type: 'upload' };
  if (raw.type === 'url' && isText(raw.url, 8_192)) return { type: 'url', url: raw.url };
  if (
    raw.type === 'ai' &&
    isText(raw.provider, MAX_ID) &&
    isText(raw.model, MAX_NAME) &&
    typeof raw.prompt === 'string' &&
    raw.prompt.length <= MAX_TEXT
  ) {
    const source: AssetSource = {
      type: 'ai',
      provider: raw.provider,
      model: raw.model,
      prompt: raw.prompt,
    };
    if (isText(raw.negativePrompt, MAX_TEXT)) source.negativePrompt = raw.negativePrompt;
    if (isText(raw.requestId, MAX_ID)) source.requestId = raw.requestId;
    if (isOperation(raw.operation)) source.operation = raw.operation;
    if (isText(raw.parentId, MAX_ID)) source.parentId = raw.parentId;
    for (const field of ['seed', 'steps', 'width', 'height', 'costUsd', 'generationMs'] as const) {
      const value = raw[field];
      if (typeof value === 'number' && Number.isFinite(value)) source[field] = value;
    }
    return source;
  }
  if (raw.type === 'edit' && isText(raw.parentId, MAX_ID) && isTransform(raw.operation)) {
    const source: AssetSource = { type: 'edit', operation: raw.operation, parentId: raw.parentId };
    const crop = raw.crop;
    if (
      isObject(crop) &&
      [crop.x, crop.y, crop.width, crop.height].every((n) => typeof n === 'number' && n >= 0)
    ) {
      source.crop = {
        x: crop.x as number,
        y: crop.y as number,
        width: crop.width as number,
        height: crop.height as number,
      };
    }
    if (raw.rotate === 90 || raw.rotate === 180 || raw.rotate === 270) source.rotate = raw.rotate;
    if (raw.flip === 'horizontal' || raw.flip === 'vertical') source.flip = raw.flip;
    if (isText(raw.format, MAX_ID)) source.format = raw.format;
    return source;
  }
  return { type: 'upload' };
}

const OPERATIONS: ReadonlySet<unknown> = new Set<AssetOperation>([
  'generate',
  'edit',
  'inpaint',
  'outpaint',
  'variation',
  'upscale',
  'remove-background',
  'crop',
  'rotate',
  'flip',
  'export',
]);

function isOperation(value: unknown): value is AssetOperation {
  return OPERATIONS.has(value);
}

function isTransform(value: unknown): value is AssetTransformOperation {
  return value === 'crop' || value === 'rotate' || value === 'flip' || value === 'export';
}

/** The last part of a path, so a name can never point anywhere; empty for "..", "." or "". */
function baseName(name: string): string {
  const base = name.split(/[/\\]/).pop()?.trim() ?? '';
  return base === '.' || base === '..' || base.length > MAX_NAME ? '' : base;
}

function time(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(why: string, cause?: unknown): ArchiveError {
  return new ArchiveError(
    'archive_invalid',
    `This file is not a library archive: ${why}. Choose a .zip made by "Export library".`,
    cause === undefined ? undefined : { cause },
  );
}
