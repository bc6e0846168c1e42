// @vitest-environment happy-dom
// Video, audio and text assets with a drawn preview show it as an image, in the grid and as the
// "original" of the details view; without one they keep their labelled box.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaLibrary, type MediaLibrary } from '../core/index';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { useAssets } from '../react/index';
import { AssetThumbnail } from './asset-thumbnail';
import { renderPreset } from './test-utils';

// This DOM has no canvas: the import's preview maker hands back a fixed PNG for text only.
vi.mock('../core/import/thumbnail', async (original) => ({
  ...(await original<typeof import('../core/import/thumbnail')>()),
  createThumbnail: async (_blob: Blob, options: { kind?: string }) =>
    options.kind === 'text'
      ? {
          blob: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }),
          type: 'image/png',
          width: 400,
          height: 400,
        }
      : undefined,
}));

const libraries: MediaLibrary[] = [];
afterEach(() => {
  cleanup();
  for (const library of libraries.splice(0)) library.close();
});

function Tiles({ variant }: { variant: 'thumbnail' | 'original' }) {
  const { items } = useAssets({ sort: { field: 'name', direction: 'asc' } });
  return (
    <>
      {items.map((asset) => (
        <div key={asset.id} data-testid={asset.name}>
          <AssetThumbnail asset={asset} variant={variant} />
        </div>
      ))}
    </>
  );
}

describe('AssetThumbnail for kinds other than image', () => {
  for (const variant of ['thumbnail', 'original'] as const) {
    it(`shows a text file's preview as an image (${variant}), a file without one its kind`, async () => {
      const library = createMediaLibrary({
        name: `previews-${Math.random().toString(36).slice(2)}`,
        indexedDB: new IDBFactory(),
        blobStore: createMemoryBlobStore(),
        broadcast: false,
      });
      libraries.push(library);
      await library.ready;
      const [note] = await library.importFiles([
        new File(['first line\nsecond line\n'], 'a-note.txt', { type: 'text/plain' }),
        new File([new Uint8Array([1, 2, 3, 4])], 'b-data.bin'),
      ]);
      expect(note?.status === 'imported' && note.asset.thumbnailKey).toBeTruthy();
      renderPreset(<Tiles variant={variant} />, { library });
      const noteTile = await screen.findByTestId('a-note.txt');
      const image = await waitFor(() =>
        within(noteTile).getByRole('presentation', { hidden: true }),
      );
      expect(image.getAttribute('src')).toMatch(/^blob:/);
      const otherTile = await screen.findByTestId('b-data.bin');
      expect(within(otherTile).queryByRole('presentation', { hidden: true })).toBeNull();
      expect(otherTile.textContent).toBe('other');
    });
  }
});
