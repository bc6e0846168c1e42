// @vitest-environment happy-dom
// The whole screen over a real library: search narrows the grid, bulk delete asks first.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaLibraryScreen } from './media-library-screen';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

async function seeded() {
  const library = createTestLibrary();
  await library.ready;
  await library.importFiles([
    pngFile(1, 'red-fox.png'),
    pngFile(2, 'blue-whale.png'),
    pngFile(3, 'red-panda.png'),
  ]);
  return library;
}

const cells = () => within(screen.getByRole('grid', { name: 'Assets' })).queryAllByRole('gridcell');

// Typing through Mantine inputs in happy-dom is slow; the budget is for that, not the app.
describe('MediaLibraryScreen', { timeout: 20_000 }, () => {
  it('shows the assets in a grid and narrows it as the person types a search', async () => {
    const library = await seeded();
    const { user } = renderPreset(<MediaLibraryScreen height={800} />, { library });
    await waitFor(() => expect(cells()).toHaveLength(3));
    expect(screen.getByRole('button', { name: 'Upload' })).toBeTruthy();

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'red');
    await waitFor(() => expect(cells()).toHaveLength(2));
    expect(screen.getByRole('gridcell', { name: 'red-fox.png' })).toBeTruthy();
    expect(screen.getByRole('gridcell', { name: 'red-panda.png' })).toBeTruthy();
    expect(screen.getByText('2 assets match')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Select red-fox.png' }));
    const toolbar = screen.getByRole('toolbar', { name: 'Selection actions' });
    expect(within(toolbar).getByText('1 of 2 matching assets selected')).toBeTruthy();

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), ' panda');
    await waitFor(() => expect(cells()).toHaveLength(1));
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'nothing like this');
    await waitFor(() => expect(screen.getByText('No assets match these filters.')).toBeTruthy());
  });

  it('asks before deleting the selection and deletes only after confirming', async () => {
    const library = await seeded();
    const { user } = renderPreset(<MediaLibraryScreen height={800} />, { library });
    await waitFor(() => expect(cells()).toHaveLength(3));

    await user.click(screen.getByRole('checkbox', { name: 'Select red-fox.png' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select blue-whale.png' }));
    const toolbar = screen.getByRole('toolbar', { name: 'Selection actions' });
    // The bar stands where the count was, and still says how many there are.
    expect(within(toolbar).getByText('2 of 3 assets selected')).toBeTruthy();
    expect(within(screen.getByRole('main')).queryByText('3 assets')).toBeNull();

    await user.click(within(toolbar).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 assets?' });
    expect(library.query().total).toBe(3);
    await user.click(within(dialog).getByRole('button', { name: 'Keep them' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(library.query().total).toBe(3);

    await user.click(within(toolbar).getByRole('button', { name: 'Delete' }));
    const again = await screen.findByRole('dialog', { name: 'Delete 2 assets?' });
    await user.click(within(again).getByRole('button', { name: 'Delete 2 assets' }));
    await waitFor(() => expect(library.query().total).toBe(1));
    await waitFor(() => expect(cells()).toHaveLength(1));
    expect(library.query().items[0]?.name).toBe('red-panda.png');
  });

  it('imports files dropped anywhere on the library', async () => {
    const library = createTestLibrary();
    await library.ready;
    renderPreset(<MediaLibraryScreen height={800} />, { library });
    await screen.findByText('Your library is empty');
    const main = screen.getByRole('main');
    const files = [pngFile(4, 'dropped-a.png'), pngFile(5, 'dropped-b.png')];
    fireEvent.dragEnter(main, { dataTransfer: { files, types: ['Files'] } });
    expect(main.getAttribute('data-state')).toBe('drag-over');
    fireEvent.drop(main, { dataTransfer: { files, types: ['Files'] } });
    await waitFor(() => expect(cells()).toHaveLength(2));
    expect(main.getAttribute('data-state')).toBe('idle');
    expect(library.query().total).toBe(2);
  });

  it('marks AI-generated assets with an AI badge', async () => {
    const library = createTestLibrary();
    await library.ready;
    await library.importFiles([
      {
        blob: pngFile(9, 'fox.png'),
        name: 'fox.png',
        source: { type: 'ai', provider: 'local', model: 'placeholder', prompt: 'a fox' },
      },
    ]);
    renderPreset(<MediaLibraryScreen height={800} />, { library });
    const cell = await screen.findByRole('gridcell', { name: 'AI fox.png' });
    expect(within(cell).getByText('AI')).toBeTruthy();
  });
});
