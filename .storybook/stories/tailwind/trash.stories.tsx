// The Tailwind preset's Trash and Undo notice over a seeded library: a delete offers Undo and
// Undo brings the assets back; the Trash lists what was deleted with thumbnails, restores one,
// asks before deleting one for good (Escape keeps it) and before emptying; light and dark; a
// Trash of thousands renders only the rows in view.
import type { MediaLibrary } from '@medialoft/media-library';
import { TrashPanel, UndoNotice } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, screen, waitFor, within } from 'storybook/test';
import '../../tailwind.css';
import { libraryLoaders, WithLibrary } from '../../story-providers';
import { expectedThumbnailStatus, mixedTrashLoaders, trashedFileNames } from '../../story-trash';

const meta = {
  title: 'Tailwind/Trash',
  parameters: { preset: 'tailwind' },
  loaders: libraryLoaders(5),
  render: (_args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <div className="flex max-w-lg flex-col gap-4 p-4">
        <UndoNotice />
        <TrashPanel />
      </div>
    </WithLibrary>
  ),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

const firstIds = (library: MediaLibrary, count: number) =>
  library
    .query()
    .items.slice(0, count)
    .map((asset) => asset.id);

/** Two assets deleted: the notice says so, Undo brings both back and the notice goes. */
export const UndoADelete: Story = {
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    await expect(await canvas.findByText('The Trash is empty.')).toBeVisible();
    await library.delete(firstIds(library, 2));
    await expect(await canvas.findByText('2 assets moved to the Trash.')).toBeVisible();
    await expect(library.query().total).toBe(3);
    await expect(await canvas.findByText(/^2 assets · /)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(library.query().total).toBe(5));
    await waitFor(() => expect(canvas.queryByText('2 assets moved to the Trash.')).toBeNull());
    await expect(await canvas.findByText('The Trash is empty.')).toBeVisible();
  },
};

/** Restore one; Delete forever asks first (Escape keeps it), then deletes; Empty asks too. */
export const RestoreAndDeleteForever: Story = {
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    const ids = firstIds(library, 3);
    const names = ids.map((id) => library.get(id)?.name ?? id);
    await library.delete(ids);
    const list = await canvas.findByRole('list', { name: 'Assets in the Trash' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    await userEvent.click(canvas.getByRole('button', { name: `Restore ${names[0]}` }));
    await waitFor(() => expect(library.get(ids[0] as string)?.trashedAt).toBeUndefined());
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));

    const forever = canvas.getByRole('button', { name: `Delete forever ${names[1]}` });
    await userEvent.click(forever);
    const ask = await screen.findByRole('alertdialog', { name: 'Delete for good?' });
    await expect(ask).toHaveAccessibleDescription(/1 asset will be deleted for good/);
    await expect(within(ask).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await expect(forever).toHaveFocus();
    await expect(library.getState().trash.has(ids[1] as string)).toBe(true);

    await userEvent.click(forever);
    await userEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', {
        name: 'Delete forever',
      }),
    );
    await waitFor(() => expect(library.getState().trash.has(ids[1] as string)).toBe(false));
    await expect(library.get(ids[1] as string)).toBeUndefined();

    await userEvent.click(canvas.getByRole('button', { name: 'Empty Trash' }));
    const empty = await screen.findByRole('alertdialog', { name: 'Empty the Trash?' });
    await userEvent.click(within(empty).getByRole('button', { name: 'Empty Trash' }));
    await expect(await canvas.findByText('The Trash is empty.')).toBeVisible();
    await expect(library.getState().trash.size).toBe(0);
    await expect(library.query().total).toBe(3);
  },
};

/** The Trash with assets in it and the notice, in the dark scheme; the confirmation open. */
export const Dark: Story = {
  parameters: { colorScheme: 'dark' },
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    await library.delete(firstIds(library, 2));
    await expect(await canvas.findByText('2 assets moved to the Trash.')).toBeVisible();
    await userEvent.click(await canvas.findByRole('button', { name: 'Empty Trash' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Empty the Trash?' });
    await expect(getComputedStyle(ask).backgroundColor).not.toMatch(/rgb\(255, 255, 255\)/);
  },
};

/**
 * Images and other kinds in the Trash: each row shows the preset's thumbnail (the bytes stay
 * until the Trash is emptied), a drawn preview where there is one, else its kind in words.
 */
export const EveryKind: Story = {
  loaders: mixedTrashLoaders(),
  play: async ({ canvas, loaded }) => {
    const library = loaded.library as MediaLibrary;
    const list = await canvas.findByRole('list', { name: 'Assets in the Trash' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(5));
    for (const asset of library.getState().trash.values()) {
      const row = within(list)
        .getByRole('button', { name: `Restore ${asset.title ?? asset.name}` })
        .closest('li') as HTMLElement;
      const want = expectedThumbnailStatus(asset);
      const box = () => row.querySelector('[data-status]');
      await waitFor(() => expect(box()).toHaveAttribute('data-status', want), { timeout: 10_000 });
      if (want === 'ready') {
        await waitFor(() => expect(row.querySelector('img')?.naturalWidth).toBeGreaterThan(0));
      }
    }
    // The archive has no picture: its box names its kind instead of showing a broken image.
    const gzip = within(list)
      .getByRole('button', { name: `Restore ${trashedFileNames[2]}` })
      .closest('li') as HTMLElement;
    await expect(within(gzip).getByText('other')).toBeVisible();
    await expect(gzip.querySelector('img')).toBeNull();
  },
};

/** A Trash of 2,000 after a bulk delete: only the rows in view render, to the last one. */
export const Thousands: Story = {
  loaders: libraryLoaders(2_000, { thumbnails: false }),
  play: async ({ canvas, loaded }) => {
    const library = loaded.library as MediaLibrary;
    await library.delete(library.query().items.map((asset) => asset.id));
    await expect(await canvas.findByText(/^2,000 assets · /)).toBeVisible();
    const list = await canvas.findByRole('list', { name: 'Assets in the Trash' });
    const rows = () => within(list).getAllByRole('listitem');
    await waitFor(() => expect(rows().length).toBeGreaterThan(3));
    await expect(rows().length).toBeLessThan(40);
    // Each row's fixed height holds its content: nothing spills onto the next.
    const first = rows()[0] as HTMLElement;
    await expect(first.scrollHeight).toBeLessThanOrEqual(first.clientHeight);
    const scroller = list.parentElement as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight;
    await waitFor(() => expect(rows().at(-1)).toHaveAttribute('aria-posinset', '2000'));
    await expect(rows().length).toBeLessThan(40);
  },
};
