// A complete, plain asset record for unit tests of code that takes records (the store, look-ups),
// with every field filled so tests name only what they are about.
import type { MediaAsset } from '../types';

/** An uploaded 1-byte PNG named `<id>.png` whose hash is its id, unless `fields` say otherwise. */
export function sampleAsset(id: string, fields: Partial<MediaAsset> = {}): MediaAsset {
  return {
    id,
    kind: 'image',
    name: `${id}.png`,
    mimeType: 'image/png',
    size: 1,
    sha256: id,
    blobKey: `o/${id}`,
    tags: [],
    favorite: false,
    collectionIds: [],
    source: { type: 'upload' },
    usage: { downloads: 0, shares: 0, uses: 0 },
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}
