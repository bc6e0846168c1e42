// @vitest-environment happy-dom
// The end of an upload on the screen: the batch summary in words, the file that was already
// in the library listed with "Show", which opens the asset it already is (selecting nothing).
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaLibraryScreen } from './media-library-screen';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

describe('MediaLibraryScreen after an upload', { timeout: 20_000 }, () => {
  it('sums the batch up and reveals the asset a duplicate already is', async () => {
    const library = createTestLibrary();
    const [fox] = await library.importFiles([pngFile(1, 'fox.png')]);
    const foxId = fox?.status === 'imported' ? fox.asset.id : '';
    const { user } = renderPreset(<MediaLibraryScreen height={800} />, { library });
    const grid = await screen.findByRole('grid', { name: 'Assets' });
    const input = screen.getByLabelText('Files to upload') as HTMLInputElement;
    await user.upload(input, [
      new File([pngFile(1, 'x.png')], 'fox copy.png', { type: 'image/png' }),
      pngFile(2, 'owl.png'),
    ]);

    const summary = await screen.findByRole(
      'status',
      { name: 'Import summary' },
      {
        timeout: 10_000,
      },
    );
    expect(within(summary).getByText('1 added, 1 already in your library')).toBeTruthy();
    expect(within(summary).getByRole('listitem').textContent).toContain(
      'fox copy.png: already in your library as fox.png',
    );
    await user.click(within(summary).getByRole('button', { name: 'Show fox.png' }));
    const cell = within(grid).getByRole('gridcell', { name: 'fox.png' });
    await waitFor(() => expect(cell.hasAttribute('data-open')).toBe(true));
    expect(cell.getAttribute('aria-selected')).toBe('false');
    expect(library.getState().assets.has(foxId)).toBe(true);
    expect(library.getState().assets.size).toBe(2);
  });
});
