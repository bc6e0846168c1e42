// @vitest-environment happy-dom
// The virtualised grid by keyboard and pointer over many assets: the focus stays on its cell
// when selecting re-lays the grid out (as the details opening beside it does), and a Shift-click
// on a checkbox selects a range as one on the cell does.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAssets } from '../react/index';
import { AssetGridView } from './asset-grid-view';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

const names = Array.from({ length: 60 }, (_, i) => `asset-${String(i).padStart(2, '0')}.png`);

/** The grid over the library's assets; a selection of one narrows its cells, as details do. */
function Grid({
  narrowOnSelect = false,
  touch = false,
  openOnClick = false,
}: {
  narrowOnSelect?: boolean;
  touch?: boolean;
  /** A plain click opens an asset (as into details) and the grid marks it open. */
  openOnClick?: boolean;
}) {
  const { items } = useAssets({ sort: { field: 'name', direction: 'asc' } });
  const [selection, setSelection] = useState<string[]>([]);
  const [open, setOpen] = useState<string>();
  return (
    <div style={{ height: 800 }}>
      <AssetGridView
        assets={items}
        selection={selection}
        onSelectionChange={setSelection}
        minCellWidth={narrowOnSelect && selection.length === 1 ? 300 : 160}
        touchTargets={touch}
        {...(openOnClick ? { activateOnClick: true, onActivate: setOpen, openId: open } : {})}
      />
      <output data-testid="selection">{selection.length}</output>
      <output data-testid="selected">
        {items
          .filter((asset) => selection.includes(asset.id))
          .map((asset) => asset.name)
          .join(',')}
      </output>
    </div>
  );
}

async function showMany(
  props: { narrowOnSelect?: boolean; touch?: boolean; openOnClick?: boolean } = {},
) {
  const library = createTestLibrary();
  await library.ready;
  await library.importFiles(names.map((name, i) => pngFile(i + 1, name)));
  const rendered = renderPreset(<Grid {...props} />, { library });
  const grid = await screen.findByRole('grid', { name: 'Assets' });
  await waitFor(() => expect(within(grid).queryAllByRole('gridcell').length).toBeGreaterThan(20));
  return { ...rendered, grid };
}

const focusedName = () =>
  document.activeElement?.getAttribute('role') === 'gridcell'
    ? document.activeElement.getAttribute('data-asset-id') &&
      within(document.activeElement as HTMLElement).getAllByText(/^asset-/)[0]?.textContent
    : `not a cell: ${document.activeElement?.tagName}`;

describe('AssetGridView', { timeout: 30_000 }, () => {
  it('keeps the focus on a cell below the second row when Space re-lays the grid out', async () => {
    const { user, grid } = await showMany({ narrowOnSelect: true });
    const columns = Number(grid.getAttribute('aria-colcount'));
    within(grid).getAllByRole('gridcell')[0]?.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}');
    const index = columns * 2 + 1;
    expect(focusedName()).toBe(names[index]);
    await user.keyboard(' ');
    await waitFor(() => expect(grid.getAttribute('aria-colcount')).not.toBe(String(columns)));
    await waitFor(() => expect(focusedName()).toBe(names[index]));
    // The keys that follow still work from there.
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    expect(focusedName()).toBe(names[index + 1]);
    expect(screen.getByTestId('selection').textContent).toBe('2');
    await user.keyboard('{End}');
    expect(document.activeElement?.getAttribute('role')).toBe('gridcell');
  });

  for (const touch of [false, true]) {
    it(`selects a range on a Shift-click of a checkbox${touch ? ' (touch targets)' : ''}`, async () => {
      const { user } = await showMany({ touch });
      const box = (i: number) => screen.getByRole('checkbox', { name: `Select ${names[i]}` });
      const selected = () => screen.getByTestId('selected').textContent;
      await user.click(box(2));
      expect(selected()).toBe(names[2]);
      await user.keyboard('{Shift>}');
      await user.click(box(5));
      await user.keyboard('{/Shift}');
      expect(selected()).toBe(names.slice(2, 6).join(','));
      // A plain click on a checkbox still toggles only that one.
      await user.click(box(3));
      expect(selected()).toBe([names[2], names[4], names[5]].join(','));
    });
  }

  it('opens a clicked asset apart from the ticked ones, which alone are selected', async () => {
    const { user, grid } = await showMany({ openOnClick: true });
    const columns = Number(grid.getAttribute('aria-colcount'));
    const box = (i: number) => screen.getByRole('checkbox', { name: `Select ${names[i]}` });
    const tile = (i: number) => within(grid).getByRole('gridcell', { name: names[i] });
    await user.click(box(0));
    await user.click(box(1));
    // A tile in the third row, clicked plainly, opens: the selection stays the two ticked.
    const below = columns * 2 + 1;
    await user.click(tile(below));
    expect(screen.getByTestId('selected').textContent).toBe(`${names[0]},${names[1]}`);
    expect(tile(below).hasAttribute('data-open')).toBe(true);
    expect(tile(below).hasAttribute('data-selected')).toBe(false);
    expect((box(below) as HTMLInputElement).checked).toBe(false);
    expect(tile(0).hasAttribute('data-selected')).toBe(true);
    expect(tile(0).hasAttribute('data-open')).toBe(false);
    expect((box(0) as HTMLInputElement).checked).toBe(true);
    // The focus is on the opened tile, in the grid, and the keyboard goes on from it.
    expect(focusedName()).toBe(names[below]);
    await user.keyboard(' ');
    expect(screen.getByTestId('selected').textContent).toBe(
      [names[0], names[1], names[below]].join(','),
    );
    expect(focusedName()).toBe(names[below]);
    // Opening another moves the outline; the selection does not follow it.
    await user.click(tile(3));
    expect(tile(3).hasAttribute('data-open')).toBe(true);
    expect(tile(below).hasAttribute('data-open')).toBe(false);
    expect(screen.getByTestId('selection').textContent).toBe('3');
  });
});
