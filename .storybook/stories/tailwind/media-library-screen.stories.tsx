// The Tailwind preset's whole screen over a real library: desktop light and dark, a 360 px
// phone, an empty library. Each play function works the screen as a person would.
import { type MediaLibrary, MediaLibraryProvider, transformAsset } from '@medialoft/media-library';
import { MediaLibraryScreen } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, screen, userEvent, waitFor, within } from 'storybook/test';
import '../../tailwind.css';
import { type CaughtDownload, catchDownloads } from '../../story-downloads';
import { storyGenerator } from '../../story-generators';
import { drawImage } from '../../story-images';
import { libraryLoaders, type StoryData } from '../../story-providers';
import { expectNoSidewaysScroll, expectOnScreen, onDesktop, onPhone } from '../../story-screen';

const meta = {
  title: 'Tailwind/MediaLibraryScreen',
  component: MediaLibraryScreen,
  parameters: { preset: 'tailwind' },
  args: { height: '100vh' },
  loaders: libraryLoaders(24, { ai: () => storyGenerator() }),
  render: (args, { loaded }) => {
    const { library, ai } = loaded as StoryData;
    return (
      <MediaLibraryProvider library={library} ai={ai}>
        <MediaLibraryScreen {...args} />
      </MediaLibraryProvider>
    );
  },
} satisfies Meta<typeof MediaLibraryScreen>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The grid with all its cells once the library has loaded. */
async function loadedGrid(count: number) {
  const grid = await screen.findByRole('grid', { name: 'Assets' });
  await waitFor(() => expect(within(grid).getAllByRole('gridcell').length).toBe(count));
  return grid;
}

/**
 * A picture uploaded through the file input lands and the summary says "1 added"; a search
 * narrows the grid; two assets picked, favourited and downloaded as a zip from the selection
 * bar; a click opens an asset's details beside the grid, whose Edit opens the edit studio,
 * and Escape there gives the focus back to the tile; a double click opens the viewer, named
 * after the asset, and Escape closes it back to the grid.
 */
export const DesktopLight: Story = {
  ...onDesktop,
  play: async ({ canvas, loaded }) => {
    const library = (loaded as StoryData).library as MediaLibrary;
    await loadedGrid(24);
    await expect(canvas.getByRole('complementary', { name: 'Library' })).toBeVisible();
    await expect(canvas.getByRole('region', { name: 'Storage' })).toBeVisible();

    const photo = new File([await drawImage('harbour at noon', 80, 60)], 'harbour.png', {
      type: 'image/png',
    });
    await userEvent.upload(canvas.getByLabelText('Files to upload'), photo);
    const summary = await canvas.findByRole('status', { name: 'Import summary' });
    await expect(summary).toHaveTextContent('1 added');
    await waitFor(() => expect(library.getState().assets.size).toBe(25));

    const search = canvas.getByRole('searchbox', { name: 'Search' });
    await userEvent.type(search, 'harbour');
    const grid = await loadedGrid(1);
    await expect(within(grid).getByRole('gridcell')).toHaveAccessibleName('harbour.png');
    await userEvent.clear(search);
    await loadedGrid(25);

    const boxes = within(grid).getAllByRole('checkbox');
    await userEvent.click(boxes[0] as HTMLElement);
    await userEvent.click(boxes[1] as HTMLElement);
    const bar = canvas.getByRole('toolbar', { name: 'Selection actions' });
    await expect(bar).toHaveTextContent('2 of 25 assets selected');
    const picked = within(grid)
      .getAllByRole('gridcell')
      .slice(0, 2)
      .map((cell) => cell.getAttribute('data-asset-id') ?? '');
    const favorite = within(bar).getByRole('button', { name: /favorite$/i });
    if (favorite.textContent === 'Unfavorite') await userEvent.click(favorite);
    // The label follows the library once the action has ended, a render later.
    await userEvent.click(await within(bar).findByRole('button', { name: 'Favorite' }));
    await waitFor(() => expect(picked.every((id) => library.get(id)?.favorite)).toBe(true));
    // Download saves the two as one zip, holding both files, and counts a download for each.
    const before = picked.map((id) => library.get(id)?.usage.downloads ?? 0);
    const downloads = catchDownloads();
    try {
      await userEvent.click(within(bar).getByRole('button', { name: 'Download' }));
      await waitFor(() => expect(downloads.saved).toHaveLength(1), { timeout: 10_000 });
    } finally {
      downloads.release();
    }
    const [zip] = downloads.saved as [CaughtDownload];
    await expect(zip.name).toBe('medialoft-2-assets.zip');
    // The zip is stored, not deflated, so the entries' names read as plain text.
    const entries = new TextDecoder('latin1').decode(await zip.blob.arrayBuffer());
    for (const id of picked) await expect(entries).toContain(library.get(id)?.name);
    await waitFor(() =>
      expect(picked.map((id) => library.get(id)?.usage.downloads)).toEqual(
        before.map((n) => n + 1),
      ),
    );

    // A click opens an asset beside the grid and leaves the selection as it was: the open tile
    // is marked apart from the ticked ones, so a bulk action never takes it silently.
    const cell = within(grid).getAllByRole('gridcell')[2] as HTMLElement;
    const asset = library.get(cell.getAttribute('data-asset-id') ?? '');
    if (!asset) throw new Error('The cell names no asset of the library');
    await userEvent.click(cell);
    await expect(bar).toHaveTextContent('2 of 25 assets selected');
    await waitFor(() => expect(cell).toHaveAttribute('data-open'));
    await expect(cell).toHaveAttribute('aria-current', 'true');
    await expect(cell).not.toHaveAttribute('data-selected');
    // zinc-900: a dark frame around the open tile, not the selection's indigo ring.
    await expect(getComputedStyle(cell).borderTopColor).not.toBe('rgba(0, 0, 0, 0)');
    const details = await canvas.findByRole('complementary', { name: 'Details' });
    const title = await within(details).findByRole(
      'textbox',
      { name: 'Title' },
      { timeout: 10_000 },
    );
    await expect(title).toHaveAttribute('placeholder', asset.name);
    await expect(grid.getBoundingClientRect().width).toBeGreaterThan(500);
    // Edit opens the edit studio on this image in its own dialog, loaded on first use.
    await userEvent.click(within(details).getByRole('button', { name: 'Edit' }));
    const studio = await screen.findByRole('dialog', { name: 'Edit image' });
    await expect(
      await within(studio).findByRole(
        'region',
        { name: `Edit ${asset.name}` },
        { timeout: 10_000 },
      ),
    ).toBeVisible();
    await userEvent.click(within(studio).getByRole('button', { name: 'Close edit image' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // Escape inside the panel closes it, and the tile gets the focus back.
    within(details).getByRole('button', { name: 'Close details' }).focus();
    await userEvent.keyboard('{Escape}');
    await expect(canvas.queryByRole('complementary', { name: 'Details' })).toBeNull();
    await expect(cell).toHaveFocus();

    const name = asset.title ?? asset.name;
    await userEvent.dblClick(cell);
    const viewer = await screen.findByRole('dialog', undefined, { timeout: 10_000 });
    await expect(within(viewer).getByRole('heading', { level: 2 })).toHaveTextContent(name);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  },
};

/**
 * The dark scheme: the screen's surface is dark, a filter from the side panel narrows the
 * grid, the Trash opens from the side panel, and the Generate dialog opens with its form
 * (both loaded on first use).
 */
export const DesktopDark: Story = {
  ...onDesktop,
  parameters: { ...onDesktop.parameters, colorScheme: 'dark' },
  play: async ({ canvas, canvasElement }) => {
    await loadedGrid(24);
    const root = canvasElement.querySelector('main')?.parentElement?.parentElement;
    if (!root) throw new Error('No screen root');
    await expect(getComputedStyle(root).backgroundColor).not.toBe('rgb(255, 255, 255)');
    const tags = canvas.getByRole('navigation', { name: 'Tags' });
    await userEvent.click(within(tags).getByRole('button', { name: /^nature/ }));
    await expect(within(tags).getByRole('button', { name: /^nature/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(canvas.getByRole('list', { name: 'Active filters' })).toHaveTextContent('nature');
    const grid = screen.getByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell').length).toBeLessThan(24));

    // The Trash opens from the side panel, loaded on first use, and closes back to its button.
    const trashButton = canvas.getByRole('button', { name: 'Trash' });
    await userEvent.click(trashButton);
    const trash = await screen.findByRole('dialog', { name: 'Trash' });
    await expect(
      await within(trash).findByText('The Trash is empty.', undefined, { timeout: 10_000 }),
    ).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(trashButton).toHaveFocus();

    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Generate images' });
    await expect(
      await within(dialog).findByRole('textbox', { name: 'Prompt' }, { timeout: 10_000 }),
    ).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(canvas.getByRole('button', { name: 'Generate' })).toHaveFocus();
  },
};

/**
 * A 360 px phone: the header's buttons fit, nothing scrolls sideways, a tap opens an asset's
 * details over the grid, and the side panel waits behind "Library", whose drawer holds
 * Collections, Tags and Storage and closes back to it.
 */
export const Phone: Story = {
  ...onPhone,
  loaders: libraryLoaders(12, { ai: () => storyGenerator() }),
  play: async ({ canvas }) => {
    await expect(window.innerWidth).toBe(360);
    const grid = await screen.findByRole('grid', { name: 'Assets' });
    // Only the rows in view render: the grid says how many rows all 12 make.
    await waitFor(() => expect(grid).toHaveAttribute('aria-rowcount', String(12 / 2)));
    await expect(canvas.queryByRole('complementary', { name: 'Library' })).toBeNull();
    for (const name of ['Library', 'Upload', 'Generate'])
      await expectOnScreen(canvas.getByRole('button', { name }));
    await expectNoSidewaysScroll();
    await expect(grid).toHaveAttribute('aria-colcount', '2');

    // A tap on an asset opens its details over the grid, named after it; closing gives the
    // grid back, the selection untouched.
    const [first] = within(grid).getAllByRole('gridcell');
    if (!first) throw new Error('No asset in the grid');
    await userEvent.click(first);
    const details = await screen.findByRole('dialog', { name: 'Asset details' });
    await expect(
      await within(details).findByRole('textbox', { name: 'Title' }, { timeout: 10_000 }),
    ).toBeVisible();
    await expectOnScreen(within(details).getByRole('button', { name: 'Close details' }));
    await expect(canvas.queryByRole('toolbar', { name: 'Selection actions' })).toBeNull();
    await userEvent.click(within(details).getByRole('button', { name: 'Close details' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const open = canvas.getByRole('button', { name: 'Library' });
    await userEvent.click(open);
    const drawer = await screen.findByRole('dialog', { name: 'Library' });
    await expect(within(drawer).getByRole('navigation', { name: 'Collections' })).toBeVisible();
    await expect(within(drawer).getByRole('navigation', { name: 'Tags' })).toBeVisible();
    await expect(within(drawer).getByRole('region', { name: 'Storage' })).toBeVisible();
    await userEvent.click(within(drawer).getByRole('button', { name: /^pets/ }));
    await userEvent.click(within(drawer).getByRole('button', { name: 'Close library' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(open).toHaveFocus();
    await expect(canvas.getByRole('list', { name: 'Active filters' })).toHaveTextContent('pets');
    await expectNoSidewaysScroll();
  },
};

/** No assets yet: the invitation to upload, whose button opens the picker's input. */
export const EmptyLibrary: Story = {
  ...onDesktop,
  loaders: libraryLoaders(0),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No assets yet')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Generate' })).toBeNull();
    const photo = new File([await drawImage('red kite', 40, 40)], 'kite.png', {
      type: 'image/png',
    });
    await userEvent.upload(canvas.getByLabelText('Files to upload'), photo);
    await loadedGrid(1);
    await expect(canvas.queryByText('No assets yet')).toBeNull();
  },
};

/** A version's details name the image it came from; that name opens the original's details. */
export const VersionOpensItsOriginal: Story = {
  ...onDesktop,
  play: async ({ loaded }) => {
    const library = (loaded as StoryData).library as MediaLibrary;
    const grid = await loadedGrid(24);
    const [original] = library.query({ kind: 'image' }).items;
    if (!original) throw new Error('The story library has no image');
    const { asset: crop } = await transformAsset(library, original.id, { crop: { aspect: '1:1' } });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(25));
    const cell = grid.querySelector<HTMLElement>(`[data-asset-id="${crop.id}"]`);
    if (!cell) throw new Error('The crop has no tile');
    await userEvent.click(cell);
    const details = await screen.findByRole('complementary', { name: 'Details' });
    const versions = await within(details).findByRole(
      'region',
      { name: 'Versions' },
      { timeout: 10_000 },
    );
    const derived = within(versions).getByText(/^Derived from/);
    await userEvent.click(within(derived).getByRole('button', { name: original.name }));
    await waitFor(() =>
      expect(grid.querySelector('[data-open]')).toBe(
        grid.querySelector(`[data-asset-id="${original.id}"]`),
      ),
    );
    const title = await within(details).findByRole('textbox', { name: 'Title' });
    await waitFor(() => expect(title).toHaveAttribute('placeholder', original.name));
  },
};
