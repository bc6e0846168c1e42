// @vitest-environment happy-dom
// The viewer over the grid and a real library, wired as the screen wires them: a double click on
// a tile opens a dialog named after the asset, the arrow keys follow the grid's order, and
// Escape gives the tile its focus back.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useMemo, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAssets } from '../react/index';
import { AssetGridView } from './asset-grid-view';
import { AssetViewer } from './asset-viewer';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

const cells = () => within(screen.getByRole('grid', { name: 'Assets' })).queryAllByRole('gridcell');
const cellName = (cell: HTMLElement) =>
  cell.querySelector('[id$="-name"]')?.textContent ?? 'no name';

function Library({ layout }: { layout: 'grid' | 'list' }) {
  const { items } = useAssets({ sort: { field: 'name', direction: 'asc' } });
  const ids = useMemo(() => items.map((asset) => asset.id), [items]);
  const [selection, setSelection] = useState<string[]>([]);
  const [viewing, setViewing] = useState<{ id: string }>();
  return (
    <div style={{ height: 800 }}>
      <AssetGridView
        assets={items}
        layout={layout}
        selection={selection}
        onSelectionChange={setSelection}
        onView={(id) => setViewing({ id })}
      />
      <AssetViewer ids={ids} request={viewing} onClose={() => setViewing(undefined)} />
    </div>
  );
}

async function showSeeded(layout: 'grid' | 'list' = 'grid') {
  const library = createTestLibrary();
  await library.ready;
  await library.importFiles([
    pngFile(1, 'red-fox.png'),
    pngFile(2, 'blue-whale.png'),
    pngFile(3, 'red-panda.png'),
  ]);
  const rendered = renderPreset(<Library layout={layout} />, { library });
  await waitFor(() => expect(cells()).toHaveLength(3));
  return rendered;
}

describe('AssetViewer', { timeout: 20_000 }, () => {
  it('opens on a double click, moves with the arrows and gives the tile its focus back', async () => {
    const { user } = await showSeeded();
    const [first, second, third] = cells() as [HTMLElement, HTMLElement, HTMLElement];
    await user.dblClick(first);
    const dialog = await screen.findByRole('dialog', { name: cellName(first) });
    expect(within(dialog).getByText('1 of 3')).toBeTruthy();
    expect(
      (within(dialog).getByRole('button', { name: 'Previous asset' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);

    fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    await screen.findByRole('dialog', { name: cellName(second) });
    expect(within(dialog).getByText('2 of 3')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Next asset' }));
    await screen.findByRole('dialog', { name: cellName(third) });
    expect(
      (within(dialog).getByRole('button', { name: 'Next asset' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    // The image shows fitted, from its own original.
    await waitFor(() =>
      expect(within(dialog).getByTestId('viewer-stage').querySelector('img')?.src).toMatch(
        /^blob:/,
      ),
    );

    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(first);
  });

  it('opens from the list layout too, and zooms the image with + and 0', async () => {
    const { user } = await showSeeded('list');
    const [, second] = cells() as [HTMLElement, HTMLElement];
    await user.dblClick(second);
    const dialog = await screen.findByRole('dialog', { name: cellName(second) });
    expect(within(dialog).getByText('2 of 3')).toBeTruthy();
    fireEvent.keyDown(dialog, { key: '+' });
    expect(within(dialog).getByRole('button', { name: '125 %' })).toBeTruthy();
    expect(within(dialog).getByTestId('viewer-stage').dataset.zoomed).toBe('true');
    fireEvent.keyDown(dialog, { key: '0' });
    expect(within(dialog).getByRole('button', { name: '100 %' })).toBeTruthy();
  });
});
