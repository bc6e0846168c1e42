// @vitest-environment happy-dom
// The Trash in the Mantine screen: a delete offers Undo ("2 assets moved to Trash."), the
// Trash button counts what it holds and opens the panel, where Restore brings an asset back
// and Delete forever and Empty Trash ask first.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaLibraryScreen } from './media-library-screen';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';
import { TrashPanel } from './trash-panel';

afterEach(() => {
  cleanup();
  closeLibraries();
});

const cells = () => within(screen.getByRole('grid', { name: 'Assets' })).queryAllByRole('gridcell');

async function showSeeded() {
  const library = createTestLibrary();
  await library.ready;
  await library.importFiles([
    pngFile(1, 'red-fox.png'),
    pngFile(2, 'blue-whale.png'),
    pngFile(3, 'red-panda.png'),
  ]);
  const rendered = renderPreset(<MediaLibraryScreen height={800} />, { library });
  await waitFor(() => expect(cells()).toHaveLength(3));
  return rendered;
}

describe('Trash in the screen', { timeout: 30_000 }, () => {
  it('offers Undo after a delete, and Undo brings the assets back', async () => {
    const { user, library } = await showSeeded();
    await user.click(screen.getByRole('checkbox', { name: 'Select red-fox.png' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select blue-whale.png' }));
    const toolbar = screen.getByRole('toolbar', { name: 'Selection actions' });
    await user.click(within(toolbar).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 assets?' });
    expect(within(dialog).getByText(/move to the Trash/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Delete 2 assets' }));
    await waitFor(() => expect(cells()).toHaveLength(1));
    const notice = await screen.findByText('2 assets moved to Trash.');
    expect(screen.getByRole('button', { name: 'Trash, 2 items' })).toBeTruthy();

    await user.click(
      within(notice.closest('[role="status"]') as HTMLElement).getByRole('button', {
        name: 'Undo',
      }),
    );
    await waitFor(() => expect(cells()).toHaveLength(3));
    expect(library.getState().trash.size).toBe(0);
    expect(screen.queryByText('2 assets moved to Trash.')).toBeNull();
    expect(screen.getByRole('button', { name: 'Trash' })).toBeTruthy();
  });

  it('lists the Trash with Restore, Delete forever and Empty Trash, asking before the last two', async () => {
    const { user, library } = await showSeeded();
    const ids = library.query({ sort: { field: 'name', direction: 'asc' } }).items.map((a) => a.id);
    await library.delete(ids);
    await user.click(await screen.findByRole('button', { name: 'Trash, 3 items' }));
    const trash = await screen.findByRole('list', { name: 'Trash' });
    expect(within(trash).getAllByRole('listitem')).toHaveLength(3);

    await user.click(within(trash).getByRole('button', { name: 'Restore red-fox.png' }));
    await waitFor(() => expect(within(trash).getAllByRole('listitem')).toHaveLength(2));
    expect(library.query().items.map((a) => a.name)).toEqual(['red-fox.png']);

    await user.click(within(trash).getByRole('button', { name: 'Delete blue-whale.png forever' }));
    const ask = await screen.findByRole('dialog', { name: 'Delete forever?' });
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(library.getState().trash.size).toBe(2);
    // The question stood alone; the Trash comes back after it.
    const again = await screen.findByRole('list', { name: 'Trash' });
    await user.click(within(again).getByRole('button', { name: 'Delete blue-whale.png forever' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Delete forever?' })).getByRole('button', {
        name: 'Delete forever',
      }),
    );
    await waitFor(() => expect(library.getState().trash.size).toBe(1));

    await user.click(await screen.findByRole('button', { name: 'Empty Trash' }));
    const empty = await screen.findByRole('dialog', { name: 'Empty the Trash?' });
    await user.click(within(empty).getByRole('button', { name: 'Empty Trash' }));
    await waitFor(() => expect(library.getState().trash.size).toBe(0));
    expect(await screen.findByText('The Trash is empty.')).toBeTruthy();
  });
});

describe('TrashPanel thumbnails', { timeout: 30_000 }, () => {
  it("shows a trashed image's picture and another kind's name, until the asset leaves", async () => {
    const library = createTestLibrary();
    await library.ready;
    const results = await library.importFiles([
      pngFile(1, 'red-fox.png'),
      new File([new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2])], 'backup.gz'),
    ]);
    const [fox, gzip] = results.map((r) => (r.status === 'imported' ? r.asset.id : ''));
    await library.delete([fox as string, gzip as string]);
    renderPreset(<TrashPanel />, { library });
    const trash = await screen.findByRole('list', { name: 'Trash' });
    const row = (name: string) =>
      within(trash)
        .getByRole('button', { name: `Restore ${name}` })
        .closest('li') as HTMLElement;

    // The bytes stay until the Trash is emptied: the library hands out a URL for them.
    await waitFor(() =>
      expect(row('red-fox.png').querySelector('[data-status="ready"] img')).toBeTruthy(),
    );
    const src = row('red-fox.png').querySelector('img')?.getAttribute('src');
    expect(src).toMatch(/^blob:/);
    expect(row('backup.gz').querySelector('[data-status="none"]')).toBeTruthy();
    expect(within(row('backup.gz')).getByText('other')).toBeTruthy();
    expect(row('backup.gz').querySelector('img')).toBeNull();

    await library.deleteForever(fox as string);
    await waitFor(() => expect(within(trash).getAllByRole('listitem')).toHaveLength(1));
  });
});

describe('TrashPanel with a Trash of thousands', { timeout: 30_000 }, () => {
  it('renders only the rows in view, each saying its place in the whole list', async () => {
    const library = createTestLibrary();
    await library.ready;
    const [result] = await library.importFiles([pngFile(1, 'red-fox.png')]);
    if (result?.status !== 'imported') throw new Error('not imported');
    // A Trash after a bulk delete of 5,000, as the hook would hand it to the panel.
    const items = Array.from({ length: 5_000 }, (_, i) => ({
      ...result.asset,
      id: `trashed-${i}`,
      name: `photo-${i + 1}.png`,
      trashedAt: 1_000 + i,
    }));
    const trash = {
      items,
      count: items.length,
      bytes: items.length * result.asset.size,
      delete: async () => {},
      restore: async () => {},
      lastDeleted: undefined,
      undo: async () => {},
      dismissUndo: () => {},
      requestDeleteForever: () => {},
      requestEmpty: () => {},
      confirming: undefined,
      confirm: async () => {},
      cancel: () => {},
      busy: false,
      error: undefined,
    };
    renderPreset(<TrashPanel trash={trash} />, { library });
    const list = await screen.findByRole('list', { name: 'Trash' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(within(list).getByRole('button', { name: 'Restore photo-1.png' })).toBeTruthy();
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('5000');
    expect(screen.getByText(/^5,000 assets/)).toBeTruthy();
  });
});
