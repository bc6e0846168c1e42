// The Trash in the screen: empty, holding assets (Restore, Delete forever, Empty Trash) with
// their thumbnails, holding thousands (only the rows in view render), the Undo notice after a delete, and the question before deleting for good.
import type { MediaLibrary } from '@medialoft/media-library';
import type { StoryObj } from '@storybook/react-vite';
import { expect, screen, waitFor, within } from 'storybook/test';
import { libraryLoaders } from '../story-providers';
import { type ScreenMeta, screenMeta } from '../story-screen';
import { expectedThumbnailStatus, mixedTrashLoaders, trashedFileNames } from '../story-trash';

const meta = { ...screenMeta, title: 'Preset/Trash' } satisfies ScreenMeta;

export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing deleted yet: the Trash button opens an empty Trash that says so. */
export const TrashEmpty: Story = {
  loaders: libraryLoaders(3),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Trash' }));
    const dialog = await screen.findByRole('dialog', { name: 'Trash' });
    const empty = await within(dialog).findByText('The Trash is empty.');
    await waitFor(() => expect(empty).toBeVisible()); // the dialog fades in
  },
};

/** Two assets deleted: the button counts them and the Trash lists each with its actions. */
export const TrashWithItems: Story = {
  loaders: libraryLoaders(3),
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library;
    const ids = library.query().items.map((asset) => asset.id);
    await library.delete(ids.slice(0, 2));
    await userEvent.click(await canvas.findByRole('button', { name: 'Trash, 2 items' }));
    const list = await screen.findByRole('list', { name: 'Trash' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    await expect(within(list).getAllByRole('button', { name: /^Restore / })).toHaveLength(2);
    // The dialog fades in.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Empty Trash' })).toBeVisible());
  },
};

/**
 * Images and other kinds in the Trash: each row shows the asset's thumbnail (the bytes stay
 * until the Trash is emptied), a drawn preview where there is one, else its kind in words.
 */
export const TrashWithEveryKind: Story = {
  loaders: mixedTrashLoaders(),
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library as MediaLibrary;
    await userEvent.click(await canvas.findByRole('button', { name: 'Trash, 5 items' }));
    const list = await screen.findByRole('list', { name: 'Trash' });
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
    // The archive has no picture: its box names its kind.
    const gzip = within(list)
      .getByRole('button', { name: `Restore ${trashedFileNames[2]}` })
      .closest('li') as HTMLElement;
    // The dialog fades in: when every thumbnail is ready at once, the check may land before.
    await waitFor(() => expect(within(gzip).getByText('other')).toBeVisible());
  },
};

/**
 * A Trash of 2,000 after a bulk delete: only the rows in view render, and the list scrolls to
 * the last one.
 */
export const TrashOfThousands: Story = {
  loaders: libraryLoaders(2_000, { thumbnails: false }),
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library;
    await library.delete(library.query().items.map((asset) => asset.id));
    await userEvent.click(await canvas.findByRole('button', { name: 'Trash, 2000 items' }));
    const list = await screen.findByRole('list', { name: 'Trash' });
    const rows = () => within(list).getAllByRole('listitem');
    await waitFor(() => expect(rows().length).toBeGreaterThan(3));
    await expect(rows().length).toBeLessThan(40);
    // Each row's fixed height holds its content: nothing spills onto the next.
    const first = rows()[0] as HTMLElement;
    await expect(first.scrollHeight).toBeLessThanOrEqual(first.clientHeight);
    await expect(rows()[0]).toHaveAttribute('aria-setsize', '2000');
    const scroller = list.parentElement as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight;
    await waitFor(() => expect(rows().at(-1)).toHaveAttribute('aria-posinset', '2000'));
    await expect(rows().length).toBeLessThan(40);
  },
};

/** Right after a delete: "2 assets moved to Trash." with Undo, which brings them back. */
export const UndoAfterDelete: Story = {
  loaders: libraryLoaders(3),
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library;
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(3));
    const ids = library.query().items.map((asset) => asset.id);
    await library.delete(ids.slice(0, 2));
    const notice = await canvas.findByText('2 assets moved to Trash.');
    await expect(notice).toBeVisible();
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(1));
    const status = notice.closest('[role="status"]') as HTMLElement;
    await userEvent.click(within(status).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(3));
  },
};

/** Empty Trash asks first, with Cancel focused; nothing is deleted while it asks. */
export const ConfirmEmptyTrash: Story = {
  loaders: libraryLoaders(3),
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library;
    await library.delete(library.query().items.map((asset) => asset.id));
    await userEvent.click(await canvas.findByRole('button', { name: 'Trash, 3 items' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Empty Trash' }));
    const ask = await screen.findByRole('dialog', { name: 'Empty the Trash?' });
    await waitFor(() => expect(within(ask).getByText(/This cannot be undone\./)).toBeVisible());
    await waitFor(() => expect(within(ask).getByRole('button', { name: 'Cancel' })).toHaveFocus());
    await expect(library.getState().trash.size).toBe(3);
  },
};
