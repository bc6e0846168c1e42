// The Tailwind preset's asset grid and list over a real seeded library: roles, keyboard,
// selection and activation, light and dark, each story an axe check.
import { type MediaLibrary, useAssets } from '@medialoft/media-library';
import { AssetGridView, type AssetGridViewProps } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import '../../tailwind.css';
import { libraryLoaders, WithLibrary } from '../../story-providers';

/** The grid over every asset, with its selection and the last opened asset shown in words. */
function GridDemo({ layout }: Pick<AssetGridViewProps, 'layout'>) {
  const { items } = useAssets({ sort: { field: 'createdAt', direction: 'asc' } });
  const [selection, setSelection] = useState<string[]>([]);
  const [opened, setOpened] = useState<string>();
  const name = items.find((asset) => asset.id === opened)?.name;
  return (
    <div className="flex h-[600px] w-[840px] flex-col gap-2 p-4">
      <p className="text-sm" data-testid="status">
        {selection.length} selected{name ? ` · opened ${name}` : ''}
      </p>
      <div className="min-h-0 flex-1 rounded-lg border border-zinc-200 dark:border-zinc-700">
        <AssetGridView
          assets={items}
          layout={layout}
          selection={selection}
          onSelectionChange={setSelection}
          onActivate={setOpened}
        />
      </div>
    </div>
  );
}

const meta = {
  title: 'Tailwind/AssetGridView',
  parameters: { preset: 'tailwind' },
  loaders: libraryLoaders(24),
  args: { layout: 'grid' },
  render: (args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <GridDemo layout={args.layout} />
    </WithLibrary>
  ),
} satisfies Meta<typeof GridDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The cell at `index` of the grid, in reading order. */
function cellAt(grid: HTMLElement, index: number): HTMLElement {
  const cell = within(grid).getAllByRole('gridcell')[index];
  if (!cell) throw new Error(`The grid has no cell ${index}`);
  return cell;
}

/**
 * Tab reaches the first asset; arrows move by one and by a row; Space ticks, Shift+Arrow
 * extends; Enter opens; Escape clears. Only the focused cell is in the tab order.
 */
export const Keyboard: Story = {
  play: async ({ canvas, userEvent, loaded }) => {
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell').length).toBe(24));
    const columns = Number(grid.getAttribute('aria-colcount'));
    await expect(columns).toBeGreaterThanOrEqual(3);
    await userEvent.tab();
    await expect(cellAt(grid, 0)).toHaveFocus();
    await expect(
      within(grid)
        .getAllByRole('gridcell')
        .filter((c) => c.tabIndex === 0),
    ).toHaveLength(1);
    await userEvent.keyboard('{ArrowRight}');
    await expect(cellAt(grid, 1)).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    await expect(cellAt(grid, 1 + columns)).toHaveFocus();
    await userEvent.keyboard(' ');
    await expect(cellAt(grid, 1 + columns)).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}');
    await expect(canvas.getByTestId('status')).toHaveTextContent('2 selected');
    await expect(within(cellAt(grid, 2 + columns)).getByRole('checkbox')).toBeChecked();
    await userEvent.keyboard('{Enter}');
    const library = (loaded as { library: MediaLibrary }).library;
    const opened = library.get(cellAt(grid, 2 + columns).getAttribute('data-asset-id') ?? '');
    await expect(canvas.getByTestId('status')).toHaveTextContent(`opened ${opened?.name}`);
    await userEvent.keyboard('{Escape}');
    await expect(canvas.getByTestId('status')).toHaveTextContent('0 selected');
    // The AI badge and the favourite star are part of a cell's name, as they show.
    const named = within(grid)
      .getAllByRole('gridcell')
      .map((cell) => cell.getAttribute('aria-labelledby') ?? '');
    await expect(named.some((ids) => ids.endsWith('-ai') || ids.includes('-ai '))).toBe(true);
    await expect(within(grid).getAllByRole('img', { name: 'Favorite' }).length).toBeGreaterThan(0);
  },
};

/** A click selects one asset, Ctrl+click adds, a checkbox toggles; thumbnails load. */
export const Pointer: Story = {
  play: async ({ canvas, userEvent }) => {
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(grid.querySelectorAll('img').length).toBeGreaterThan(3));
    await userEvent.click(cellAt(grid, 0));
    await expect(cellAt(grid, 0)).toHaveAttribute('data-state', 'selected');
    await userEvent.keyboard('{Control>}');
    await userEvent.click(cellAt(grid, 3));
    await userEvent.keyboard('{/Control}');
    await expect(canvas.getByTestId('status')).toHaveTextContent('2 selected');
    await userEvent.click(within(cellAt(grid, 5)).getByRole('checkbox'));
    await expect(canvas.getByTestId('status')).toHaveTextContent('3 selected');
    // A selected cell looks selected: the ring of the selected state is drawn.
    await expect(getComputedStyle(cellAt(grid, 0)).boxShadow).not.toBe('none');
    await expect(getComputedStyle(cellAt(grid, 1)).boxShadow).toBe('none');
  },
};

/** The list: one asset per row with its kind, size and date; arrows move by one row. */
export const List: Story = {
  args: { layout: 'list' },
  play: async ({ canvas, userEvent }) => {
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await expect(grid).toHaveAttribute('data-layout', 'list');
    await expect(grid).toHaveAttribute('aria-colcount', '1');
    await waitFor(() => expect(within(grid).getAllByRole('gridcell').length).toBeGreaterThan(5));
    // Only the rows in view (and a few more) render.
    await expect(within(grid).getAllByRole('gridcell').length).toBeLessThan(24);
    await expect(cellAt(grid, 0)).toHaveTextContent(/image · \d+ × \d+ · /);
    cellAt(grid, 0).focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await expect(cellAt(grid, 2)).toHaveFocus();
    // Ctrl+End reaches the last asset, scrolled into view though it was not rendered.
    await userEvent.keyboard('{Control>}{End}{/Control}');
    await waitFor(() =>
      expect(document.activeElement?.closest('[role="row"]')).toHaveAttribute(
        'aria-rowindex',
        '24',
      ),
    );
  },
};

/** The grid in the dark scheme, its names still readable (axe checks the contrast). */
export const Dark: Story = {
  parameters: { colorScheme: 'dark' },
  play: async ({ canvas }) => {
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell').length).toBe(24));
    await expect(getComputedStyle(cellAt(grid, 0)).color).not.toBe('rgb(24, 24, 27)');
  },
};
