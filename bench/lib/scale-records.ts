// The scale bench's 100,000 records, shared by the page that measures (scale-run.ts) and the
// worker that writes them (scale-seed.worker.ts).
import type { StoredAsset } from '../../packages/media-library/src/core/db';

/** How many assets the scale bench opens. */
export const COUNT = 100_000;

const idOf = (index: number) => `scale-${index.toString(36).padStart(6, '0')}`;

/** A plausible record: tags, a prompt for a third, times spread over two years. */
export function record(index: number): StoredAsset {
  const id = idOf(index);
  const ai = index % 3 === 0;
  return {
    id,
    kind: 'image',
    name: `photo-${index}.jpg`,
    mimeType: 'image/jpeg',
    size: 50_000 + ((index * 7919) % 2_000_000),
    width: 1024 + (index % 512),
    height: 768 + (index % 256),
    sha256: index.toString(16).padStart(64, '0'),
    blobKey: `o/${id}`,
    thumbnailKey: `t/${id}`,
    thumbnailType: 'image/png',
    title: index % 4 === 0 ? `Holiday ${index}` : undefined,
    tags: [`tag-${index % 50}`, `group-${index % 7}`],
    favorite: index % 13 === 0 ? 1 : 0,
    collectionIds: [],
    source: ai
      ? { type: 'ai', provider: 'local', model: 'sdxl', prompt: `a red fox number ${index}` }
      : { type: 'upload' },
    sourceType: ai ? 'ai' : 'upload',
    usage: { downloads: 0, shares: 0, uses: 0 },
    createdAt: 1_600_000_000_000 + ((index * 104_729) % 63_072_000_000),
    updatedAt: 1_600_000_000_000 + index,
  } as StoredAsset;
}

/** The blob keys of every record (original and thumbnail), as the blob store lists them. */
export function recordKeys(): string[] {
  const keys: string[] = [];
  for (let i = 0; i < COUNT; i++) keys.push(`o/${idOf(i)}`, `t/${idOf(i)}`);
  return keys;
}
