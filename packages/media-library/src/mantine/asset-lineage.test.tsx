// @vitest-environment happy-dom
// The details panel's lineage: "Derived from" links the parent, the versions list names the
// family, and an asset without any shows neither.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AssetSource, MediaLibrary } from '../core/types';
import { AssetDetailsPanel } from './asset-details-panel';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

async function add(library: MediaLibrary, seed: number, name: string, source?: AssetSource) {
  const [result] = await library.importFiles([
    { blob: pngFile(seed, name), name, ...(source ? { source } : {}) },
  ]);
  if (result?.status !== 'imported') throw new Error(`could not import ${name}`);
  return result.asset.id;
}

describe('AssetDetailsPanel lineage', { timeout: 20_000 }, () => {
  it('links the parent and lists the other versions', async () => {
    const library = createTestLibrary();
    await library.ready;
    const original = await add(library, 1, 'fox.png');
    const crop = await add(library, 2, 'fox-crop.png', {
      type: 'edit',
      operation: 'crop',
      parentId: original,
    });
    const upscale = await add(library, 3, 'fox-upscale.png', {
      type: 'ai',
      provider: 'local',
      model: 'upscaler',
      prompt: '',
      operation: 'upscale',
      parentId: original,
    });
    const onSelectAsset = vi.fn();
    const { user } = renderPreset(
      <AssetDetailsPanel
        assetId={crop}
        onClose={() => {}}
        collections={[]}
        onSelectAsset={onSelectAsset}
      />,
      { library },
    );

    const section = await screen.findByRole('region', { name: 'Versions' });
    expect(section.textContent).toContain('Derived from fox.png');
    const items = within(section)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual(['fox-upscale.png · AI upscale', 'fox.png · original']);

    await user.click(within(section).getAllByRole('button', { name: 'fox.png' })[0] as HTMLElement);
    expect(onSelectAsset).toHaveBeenCalledWith(original);
    await user.click(within(section).getByRole('button', { name: 'fox-upscale.png' }));
    expect(onSelectAsset).toHaveBeenLastCalledWith(upscale);
  });

  it('shows nothing for an asset with no family', async () => {
    const library = createTestLibrary();
    await library.ready;
    const lone = await add(library, 4, 'lone.png');
    renderPreset(<AssetDetailsPanel assetId={lone} onClose={() => {}} collections={[]} />, {
      library,
    });
    await screen.findByRole('textbox', { name: 'Title' });
    // Give the lazily loaded part the time it would take to appear.
    await import('./asset-lineage');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText(/Derived from/)).toBeNull();
    expect(screen.queryByRole('region', { name: 'Versions' })).toBeNull();
  });
});
