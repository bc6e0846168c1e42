// @vitest-environment happy-dom
// The screen opens the full-screen viewer: a double click on a tile, or "View" in the details,
// shows a dialog named after the asset; Escape closes it.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaLibraryScreen } from './media-library-screen';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

async function screenWithTwo() {
  const library = createTestLibrary();
  await library.ready;
  await library.importFiles([pngFile(1, 'red-fox.png'), pngFile(2, 'blue-whale.png')]);
  const rendered = renderPreset(<MediaLibraryScreen height={800} />, { library });
  const grid = await screen.findByRole('grid', { name: 'Assets' });
  await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(2));
  return { ...rendered, grid };
}

describe('MediaLibraryScreen viewer', { timeout: 30_000 }, () => {
  it('opens on a double click on a tile and closes with Escape', async () => {
    const { user, grid } = await screenWithTwo();
    const [first] = within(grid).getAllByRole('gridcell') as [HTMLElement];
    const name = first.querySelector('[id$="-name"]')?.textContent ?? '';
    expect(name).not.toBe('');
    await user.dblClick(first);
    const dialog = await screen.findByRole('dialog', { name });
    expect(within(dialog).getByText(/of 2$/)).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name })).toBeNull());
  });

  it('opens from "View" in the details', async () => {
    const { user, grid } = await screenWithTwo();
    const [first] = within(grid).getAllByRole('gridcell') as [HTMLElement];
    const name = first.querySelector('[id$="-name"]')?.textContent ?? '';
    await user.click(first);
    await user.click(await screen.findByRole('button', { name: 'View' }));
    expect(await screen.findByRole('dialog', { name })).toBeTruthy();
  });
});
