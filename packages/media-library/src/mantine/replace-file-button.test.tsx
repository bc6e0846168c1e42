// @vitest-environment happy-dom
// "Replace file…" in the details: the chosen file becomes the asset's, which keeps its title;
// a file already in the library is refused and reported.
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DuplicateAssetError } from '../core/index';
import { AssetDetailsPanel } from './asset-details-panel';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

async function libraryWith(...files: File[]) {
  const library = createTestLibrary();
  await library.ready;
  const results = await library.importFiles(files);
  return { library, ids: results.map((r) => (r.status === 'imported' ? r.asset.id : '')) };
}

describe('Replace file…', { timeout: 20_000 }, () => {
  it('replaces the bytes of the asset shown, keeping its title', async () => {
    const { library, ids } = await libraryWith(pngFile(1, 'fox.png'));
    const id = ids[0] as string;
    await library.update(id, { title: 'Hero' });
    const before = library.get(id);
    const onError = vi.fn();
    const { user } = renderPreset(
      <AssetDetailsPanel assetId={id} onClose={() => {}} collections={[]} onError={onError} />,
      { library },
    );

    await screen.findByRole('button', { name: 'Replace file…' });
    const next = pngFile(9, 'fox-2.png', 120, 80);
    await user.upload(screen.getByLabelText('New file for this asset'), next);

    await waitFor(() => expect(library.get(id)?.sha256).not.toBe(before?.sha256));
    expect(library.get(id)).toMatchObject({
      id,
      title: 'Hero',
      name: 'fox-2.png',
      width: 120,
      height: 80,
    });
    expect(new Uint8Array(await ((await library.getBlob(id)) as Blob).arrayBuffer())).toEqual(
      new Uint8Array(await next.arrayBuffer()),
    );
    expect(onError).not.toHaveBeenCalled();
  });

  it('reports a file that is already another asset, and changes nothing', async () => {
    const { library, ids } = await libraryWith(pngFile(1, 'fox.png'), pngFile(2, 'owl.png'));
    const [fox, owl] = ids as [string, string];
    const before = library.get(fox);
    const onError = vi.fn();
    const { user } = renderPreset(
      <AssetDetailsPanel assetId={fox} onClose={() => {}} collections={[]} onError={onError} />,
      { library },
    );

    await screen.findByRole('button', { name: 'Replace file…' });
    await user.upload(screen.getByLabelText('New file for this asset'), pngFile(2, 'copy.png'));

    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    const error = onError.mock.calls[0]?.[0];
    expect(error).toBeInstanceOf(DuplicateAssetError);
    expect(error).toMatchObject({ assetId: owl });
    expect(library.get(fox)).toEqual(before);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Replace file…' }).getAttribute('data-state')).toBe(
        'idle',
      ),
    );
  });
});
