// @vitest-environment happy-dom
// The details panel shows what the host app filed on an asset, read only, and nothing otherwise.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AssetDetailsPanel } from './asset-details-panel';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

describe('AssetDetailsPanel host data', { timeout: 20_000 }, () => {
  it('lists the module and each meta key with its value, and follows an update', async () => {
    const library = createTestLibrary();
    await library.ready;
    const [result] = await library.importFiles([
      {
        blob: pngFile(1, 'scene.png'),
        sourceModule: 'story-writer',
        meta: { storyId: 'abc', scene: 3, cast: ['fox', 'owl'], note: '' },
      },
    ]);
    const id = result?.status === 'imported' ? result.asset.id : '';
    renderPreset(<AssetDetailsPanel assetId={id} onClose={() => {}} collections={[]} />, {
      library,
    });

    const table = await screen.findByRole('table', { name: 'Host data' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual([
      'Modulestory-writer',
      'storyIdabc',
      'scene3',
      'cast["fox","owl"]',
      'note""',
    ]);
    expect(within(table).queryByRole('textbox')).toBeNull();

    await library.update(id, { meta: { storyId: 'xyz' } });
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'Host data' }))
          .getAllByRole('row')
          .map((row) => row.textContent),
      ).toEqual(['Modulestory-writer', 'storyIdxyz']),
    );
  });

  it('shows no host data block for an asset without any', async () => {
    const library = createTestLibrary();
    await library.ready;
    const [result] = await library.importFiles([pngFile(2, 'plain.png')]);
    const id = result?.status === 'imported' ? result.asset.id : '';
    renderPreset(<AssetDetailsPanel assetId={id} onClose={() => {}} collections={[]} />, {
      library,
    });
    await screen.findByRole('table', { name: 'File details' });
    expect(screen.queryByRole('table', { name: 'Host data' })).toBeNull();
    expect(screen.queryByText('Host data')).toBeNull();
  });
});
