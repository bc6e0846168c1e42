// The whole screen in its main states, and the generate flow as an interaction test.
import { Box } from '@mantine/core';
import type { StoryObj } from '@storybook/react-vite';
import { expect, screen, waitFor, within } from 'storybook/test';
import { createMockGenerator, storyGenerator } from '../story-generators';
import { libraryLoaders } from '../story-providers';
import { onDesktop, type ScreenMeta, screenMeta } from '../story-screen';

const meta = { ...screenMeta, title: 'Preset/MediaLibraryScreen' } satisfies ScreenMeta;

export default meta;
type Story = StoryObj<typeof meta>;

/** A new library: the drop area invites the first upload. */
export const Empty: Story = {
  loaders: libraryLoaders(0, { ai: () => storyGenerator() }),
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('button', { name: 'Drop, paste or choose files to add' }),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Generate' })).toBeVisible();
  },
};

/** Twelve assets, a third of them AI-generated with their badge. */
export const DozenAssets: Story = {
  loaders: libraryLoaders(12, { ai: () => storyGenerator() }),
  play: async ({ canvas }) => {
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(12));
    await expect(within(grid).getAllByText('AI').length).toBeGreaterThan(0);
  },
};

/** 10,000 assets: only the rows in view are in the DOM. */
export const TenThousandAssets: Story = {
  loaders: libraryLoaders(10_000, { thumbnails: false, ai: () => storyGenerator() }),
  play: async ({ canvas, userEvent, loaded }) => {
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    // (The storage meter counts them too; this is the grid's count.)
    await expect(within(canvas.getByRole('main')).getByText('10,000 assets')).toBeVisible();
    await expect(Number(grid.getAttribute('aria-rowcount'))).toBeGreaterThan(1000);
    // Only the rows in view (plus a few) are rendered.
    const cells = within(grid).getAllByRole('gridcell');
    await expect(cells.length).toBeLessThan(200);
    // Ctrl+End reaches the last of 10,000: the grid scrolls it in and focuses it.
    (cells[0] as HTMLElement).focus();
    await userEvent.keyboard('{Control>}{End}{/Control}');
    // Assets made in the same millisecond may sort either way, so ask the library which is last.
    const last = loaded.library.query().items.at(-1);
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('data-asset-id')).toBe(last?.id),
    );
  },
};

/** The list layout. */
export const ListView: Story = {
  args: { initialLayout: 'list' },
  loaders: libraryLoaders(12, { ai: () => storyGenerator() }),
};

/** Uploading a batch onto slow storage: the progress bar with its cancel. */
export const Uploading: Story = {
  loaders: libraryLoaders(3, { slowWritesMs: 400, ai: () => storyGenerator() }),
  play: async ({ canvasElement, userEvent }) => {
    const input = canvasElement.querySelector<HTMLInputElement>('input[type=file]');
    if (!input) throw new Error('No file input');
    const files = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const bytes = new Uint8Array(4096 + i);
        crypto.getRandomValues(bytes);
        return new File([bytes], `notes-${i + 1}.txt`, { type: 'text/plain' });
      }),
    );
    await userEvent.upload(input, files);
    const status = await within(canvasElement).findByText(/Importing .* files/);
    await expect(status).toBeVisible();
    await expect(
      within(canvasElement).getByRole('button', { name: 'Cancel import' }),
    ).toBeVisible();
  },
};

/** The screen in the dark scheme. */
export const DarkMode: Story = {
  parameters: { colorScheme: 'dark' },
  loaders: libraryLoaders(12, { ai: () => storyGenerator() }),
};

/** No generator on the provider: no Generate button. */
export const WithoutAI: Story = {
  loaders: libraryLoaders(12),
  play: async ({ canvas }) => {
    await canvas.findByRole('grid', { name: 'Assets' });
    await expect(canvas.queryByRole('button', { name: 'Generate' })).toBeNull();
  },
};

/** Generate from the header: progress, then the new image first in the grid with its badge. */
export const GenerateFlow: Story = {
  loaders: libraryLoaders(6, { ai: () => storyGenerator({ stepMs: 150 }) }),
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('grid', { name: 'Assets' });
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Generate images' }));
    await userEvent.type(
      dialog.getByRole('textbox', { name: 'Prompt' }),
      'a red fox asleep in snow',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Generate' }));
    await expect(await dialog.findByRole('progressbar')).toBeVisible();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 15_000 });
    const [first] = await canvas.findAllByRole('gridcell');
    await expect(first).toHaveAccessibleName(/^AI ai-/);
    await expect(within(first as HTMLElement).getByText('AI')).toBeVisible();
    const details = await canvas.findByRole('region', { name: 'Asset details' });
    await expect(within(details).getAllByText('a red fox asleep in snow').length).toBeGreaterThan(
      0,
    );
  },
};

/** Generate, then cancel midway: nothing is added. */
export const GenerateCanceled: Story = {
  loaders: libraryLoaders(6, { ai: () => createMockGenerator({ stepMs: 200 }) }),
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('grid', { name: 'Assets' });
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Generate images' }));
    await userEvent.type(dialog.getByRole('textbox', { name: 'Prompt' }), 'a lighthouse');
    await userEvent.click(dialog.getByRole('button', { name: 'Generate' }));
    await dialog.findByRole('progressbar');
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await expect(
      await dialog.findByText('Canceled. Nothing was added to the library.'),
    ).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.getAllByRole('gridcell')).toHaveLength(6));
  },
};

/**
 * The screen in a 500 px column of a 1280 px window lays itself out as on a phone: no
 * navigation column, and a tapped asset's details over the grid.
 */
export const EmbeddedNarrow: Story = {
  ...onDesktop,
  loaders: libraryLoaders(6),
  render: (args, context) => <Box w={500}>{meta.render(args, context)}</Box>,
  play: async ({ canvas, userEvent }) => {
    await expect(window.innerWidth).toBe(1280);
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await expect(canvas.queryByRole('navigation', { name: 'Library navigation' })).toBeNull();
    await expect(canvas.getByRole('main').getBoundingClientRect().width).toBeCloseTo(500, 0);
    const [cell] = await within(grid).findAllByRole('gridcell');
    if (!cell) throw new Error('No asset in the grid');
    await userEvent.click(cell);
    await screen.findByRole('dialog');
  },
};

/**
 * A double click on a tile: the first click opens the details beside the grid, which takes a
 * column away, so the second lands on another tile. The viewer opens on the tile clicked
 * first.
 */
export const DoubleClickWhileDetailsOpen: Story = {
  ...onDesktop,
  loaders: libraryLoaders(12),
  play: async ({ canvas, loaded }) => {
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(12));
    // The first tile of the second row: with a column fewer, it moves one place on.
    const row = within(grid).getAllByRole('row')[1] as HTMLElement;
    const tile = within(row).getAllByRole('gridcell')[0] as HTMLElement;
    const id = tile.getAttribute('data-asset-id') as string;
    const name = loaded.library.get(id)?.name as string;
    const { left, top, width, height } = tile.getBoundingClientRect();
    const [x, y] = [left + width / 2, top + height / 2];
    const init = { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y };
    tile.dispatchEvent(new MouseEvent('click', { ...init, detail: 1 }));
    await canvas.findByRole('region', { name: 'Asset details' });
    // The layout moved: another tile now lies under the pointer.
    const under = () => document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-asset-id]');
    await waitFor(() => expect(under()?.getAttribute('data-asset-id') ?? id).not.toBe(id));
    const other = under() as HTMLElement;
    other.dispatchEvent(new MouseEvent('click', { ...init, detail: 2 }));
    other.dispatchEvent(new MouseEvent('dblclick', { ...init, detail: 2 }));
    await expect(await screen.findByRole('dialog', { name }, { timeout: 10_000 })).toBeVisible();
  },
};
