// The Tailwind preset's toolbar (search, filters, chips, sort, grid/list) and selection bar
// over useLibraryFilters and useBulkActions, with the grid they drive.
import { useAssets, useBulkActions, useLibraryFilters } from '@medialoft/media-library';
import { AssetGridView, BulkToolbar, LibraryToolbar } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import '../../tailwind.css';
import { libraryLoaders, WithLibrary } from '../../story-providers';

/** The toolbar, the selection bar and the grid of what they leave. */
function ToolbarDemo() {
  const view = useLibraryFilters({ persist: false });
  const { items, total } = useAssets(view.query);
  const ids = items.map((asset) => asset.id);
  const bulk = useBulkActions({ ids, total, matching: view.filtered });
  return (
    <div className="flex h-[640px] w-[900px] flex-col gap-3 p-4">
      <LibraryToolbar view={view} total={total} />
      <BulkToolbar bulk={bulk} collections={view.facets.collections} />
      <div className="min-h-0 flex-1">
        <AssetGridView
          assets={items}
          layout={view.layout}
          selection={bulk.selectedIds}
          onSelectionChange={bulk.setSelection}
        />
      </div>
    </div>
  );
}

const meta = {
  title: 'Tailwind/LibraryToolbar',
  parameters: { preset: 'tailwind' },
  loaders: libraryLoaders(12),
  render: (_args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <ToolbarDemo />
    </WithLibrary>
  ),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * A search narrows the grid; a filter from the panel becomes a chip whose remove takes it off;
 * the sort and the list view apply.
 */
export const SearchFilterSort: Story = {
  play: async ({ canvas, userEvent }) => {
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(12));
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search' }), 'fox');
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(1));
    await expect(canvas.getByText('1 asset match')).toBeVisible();
    await userEvent.clear(canvas.getByRole('searchbox', { name: 'Search' }));

    await userEvent.click(canvas.getByText('Filters'));
    await userEvent.click(canvas.getByRole('checkbox', { name: 'AI generated' }));
    await expect(canvas.getByText('Filters (1)')).toBeVisible();
    const chips = canvas.getByRole('list', { name: 'Active filters' });
    await expect(chips).toHaveTextContent('AI generated');
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(4));
    for (const cell of within(grid).getAllByRole('gridcell'))
      await expect(within(cell).getByText('AI')).toBeVisible();
    await userEvent.click(within(chips).getByRole('button', { name: /^Remove filter / }));
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(12));
    await expect(canvas.queryByRole('list', { name: 'Active filters' })).toBeNull();

    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Sort' }), 'Name A–Z');
    const names = within(grid)
      .getAllByRole('gridcell')
      .map((cell) => cell.querySelector('[id$="-name"]')?.textContent ?? '');
    await expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    await userEvent.click(canvas.getByRole('radio', { name: 'List' }));
    await expect(grid).toHaveAttribute('data-layout', 'list');
  },
};

/**
 * Two picked assets: the bar counts them, Favorite stars both, a tag lands on both, and Delete
 * asks first — Keep them keeps them, Delete removes them.
 */
export const BulkActions: Story = {
  play: async ({ canvas, userEvent, loaded }) => {
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(12));
    await expect(canvas.queryByRole('toolbar', { name: 'Selection actions' })).toBeNull();
    const boxes = within(grid).getAllByRole('checkbox');
    await userEvent.click(boxes[1] as HTMLElement);
    await userEvent.click(boxes[2] as HTMLElement);
    const bar = canvas.getByRole('toolbar', { name: 'Selection actions' });
    await expect(bar).toHaveTextContent('2 of 12 assets selected');
    const picked = within(grid)
      .getAllByRole('gridcell')
      .slice(1, 3)
      .map((cell) => cell.getAttribute('data-asset-id') ?? '');
    const library = loaded.library as import('@medialoft/media-library').MediaLibrary;

    const favorite = within(bar).getByRole('button', { name: /^(Un)?[Ff]avorite$/ });
    if (favorite.textContent === 'Unfavorite') await userEvent.click(favorite);
    // The label follows the library once the action has ended, a render later.
    await userEvent.click(await within(bar).findByRole('button', { name: 'Favorite' }));
    await waitFor(() => expect(picked.every((id) => library.get(id)?.favorite)).toBe(true));
    await expect(await within(bar).findByRole('button', { name: 'Unfavorite' })).toBeVisible();

    await userEvent.type(within(bar).getByRole('textbox', { name: 'Tag to add' }), 'picked{Enter}');
    await waitFor(() =>
      expect(picked.every((id) => library.get(id)?.tags.includes('picked'))).toBe(true),
    );

    await userEvent.click(within(bar).getByRole('button', { name: 'Delete' }));
    const confirm = canvas.getByRole('alertdialog', { name: 'Delete 2 assets?' });
    await expect(within(confirm).getByRole('button', { name: 'Keep them' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(canvas.queryByRole('alertdialog')).toBeNull();
    await expect(library.get(picked[0] as string)).toBeDefined();
    await userEvent.click(within(bar).getByRole('button', { name: 'Delete' }));
    await userEvent.click(
      within(canvas.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(10));
    await expect(picked.every((id) => library.get(id) === undefined)).toBe(true);
  },
};

/** The same in the dark scheme with a filter on and one asset picked (axe checks contrast). */
export const Dark: Story = {
  parameters: { colorScheme: 'dark' },
  play: async ({ canvas, userEvent }) => {
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(12));
    await userEvent.click(canvas.getByText('Filters'));
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Images' }));
    await userEvent.click(within(grid).getAllByRole('checkbox')[0] as HTMLElement);
    await expect(canvas.getByRole('toolbar', { name: 'Selection actions' })).toBeVisible();
  },
};
