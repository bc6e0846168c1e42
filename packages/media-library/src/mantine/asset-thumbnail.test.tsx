// @vitest-environment happy-dom
// A thumbnail draws an image no larger than it is: a 1×1 or 40×30 image sits at its own size in
// the middle of the tile, while a larger one still fills it.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAssets } from '../react/index';
import { AssetThumbnail } from './asset-thumbnail';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

function Thumbnails() {
  const { items } = useAssets({ sort: { field: 'name', direction: 'asc' } });
  return (
    <>
      {items.map((asset) => (
        <div key={asset.id} data-testid={asset.name} style={{ width: 200 }}>
          <AssetThumbnail asset={asset} />
        </div>
      ))}
    </>
  );
}

describe('AssetThumbnail', () => {
  it('draws a small image at its own size, centred, and a large one over the whole tile', async () => {
    const library = createTestLibrary();
    await library.ready;
    await library.importFiles([
      pngFile(1, 'a-pixel.png', 1, 1),
      pngFile(2, 'b-icon.png', 40, 30),
      pngFile(3, 'c-photo.png', 4000, 3000),
    ]);
    renderPreset(<Thumbnails />, { library });
    const image = async (name: string) => {
      const tile = await screen.findByTestId(name);
      return waitFor(() => within(tile).getByRole('presentation', { hidden: true }) as HTMLElement);
    };
    const size = ({ style }: HTMLElement) => [
      style.width,
      style.height,
      style.maxWidth,
      style.maxHeight,
    ];

    const pixel = await image('a-pixel.png');
    expect(size(pixel)).toEqual(['1px', '1px', '100%', '100%']);
    expect(pixel.style.margin).toBe('auto');
    expect(size(await image('b-icon.png'))).toEqual(['40px', '30px', '100%', '100%']);
    // Larger than the smallest tile: it fills the box, cropped to cover as before.
    expect(size(await image('c-photo.png'))).toEqual(['100%', '100%', '', '']);
  });
});
