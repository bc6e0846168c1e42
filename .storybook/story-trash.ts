// A Trash holding every sort of asset, for the stories of both presets' Trash: two images, a
// sound (drawn as a waveform), a CSV (drawn as its first lines) and a gzip archive (which has no
// picture and shows its kind). Made in the browser; nothing on disk.
import type { MediaAsset } from '@medialoft/media-library';
import { toneWav } from './stories/tailwind/story-media-files';
import { createStoryLibrary, seedLibrary } from './story-library';
import type { StoryData } from './story-providers';

/** The names of the trashed assets that are not images. */
export const trashedFileNames = ['tuning-fork.wav', 'counts.csv', 'backup.gz'] as const;

/** Loaders for a library whose five assets (two images, three other kinds) are all in the Trash. */
export function mixedTrashLoaders() {
  return [
    async (): Promise<StoryData> => {
      const library = createStoryLibrary();
      await seedLibrary(library, 2);
      const gzip = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
      await library.importFiles([
        toneWav(),
        new File(['name,count\nfox,3\nwhale,1\n'], 'counts.csv', { type: 'text/csv' }),
        new File([gzip], 'backup.gz', { type: 'application/gzip' }),
      ]);
      await library.delete(library.query().items.map((asset) => asset.id));
      return { library };
    },
  ];
}

/**
 * What an asset's thumbnail box should say in the Trash: `ready` where the asset has a picture
 * (an image, or another kind with a drawn preview), `none` (its kind in words) where it has not.
 */
export function expectedThumbnailStatus(asset: MediaAsset): 'ready' | 'none' {
  return asset.kind === 'image' || asset.thumbnailKey !== undefined ? 'ready' : 'none';
}
