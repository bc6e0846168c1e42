// The full-screen viewer over the grid of a seeded library: a double click opens it, the arrow
// keys move through the grid's order, Escape closes it and the tile has the focus again.
import { Box } from '@mantine/core';
import { useAssets } from '@medialoft/media-library';
import { AssetGridView } from '@medialoft/media-library/mantine';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { lazy, Suspense, useMemo, useState } from 'react';
import { expect, screen, waitFor, within } from 'storybook/test';
import { libraryLoaders, WithLibrary } from '../story-providers';

// Loaded on first use, as the screen loads it.
const AssetViewer = lazy(() =>
  import('../../packages/media-library/src/mantine/asset-viewer').then((module) => ({
    default: module.AssetViewer,
  })),
);

const meta = {
  title: 'Preset/Asset viewer',
  loaders: libraryLoaders(12),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

function GridWithViewer() {
  const { items } = useAssets();
  const ids = useMemo(() => items.map((asset) => asset.id), [items]);
  const [selection, setSelection] = useState<string[]>([]);
  const [viewing, setViewing] = useState<{ id: string }>();
  return (
    <Box h="100vh">
      <AssetGridView
        assets={items}
        selection={selection}
        onSelectionChange={setSelection}
        onView={(id) => setViewing({ id })}
      />
      <Suspense fallback={null}>
        <AssetViewer ids={ids} request={viewing} onClose={() => setViewing(undefined)} />
      </Suspense>
    </Box>
  );
}

/** Double click a tile; arrows move, Escape closes and the tile has the focus back. */
export const Viewer: Story = {
  render: (_, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <GridWithViewer />
    </WithLibrary>
  ),
  play: async ({ canvas, userEvent }) => {
    const cells = await canvas.findAllByRole('gridcell');
    const first = cells[0] as HTMLElement;
    await userEvent.dblClick(first);
    const dialog = await screen.findByRole('dialog', undefined, { timeout: 10_000 });
    await waitFor(() => expect(within(dialog).getByText('1 of 12')).toBeVisible());
    // The dialog takes the focus once it has opened; the keys then go to it.
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(within(dialog).getByText(/^2 of /)).toBeVisible());
    await waitFor(() => expect(dialog.querySelector('img')?.src ?? '').toMatch(/^blob:/));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(document.activeElement).toBe(first);
  },
};
