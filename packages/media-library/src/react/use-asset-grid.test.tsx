// @vitest-environment happy-dom
// The headless grid through the keyboard and the mouse, as a person would use it: ARIA roles,
// roving tabindex, arrows/Home/End, selection with Space, Shift, Ctrl/Meta, select all, Escape.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type UseAssetGridOptions, useAssetGrid } from './use-asset-grid';

afterEach(() => cleanup());

const ids = Array.from({ length: 10 }, (_, i) => `a${i}`);

function Grid(props: Partial<UseAssetGridOptions> & { columns: number }) {
  const grid = useAssetGrid({ ids, ...props });
  const rows = Array.from({ length: Math.ceil(ids.length / props.columns) }, (_, r) =>
    ids.slice(r * props.columns, (r + 1) * props.columns),
  );
  return (
    <div {...grid.getGridProps({ 'aria-label': 'Assets' })}>
      {rows.map((row, r) => (
        <div key={row[0]} {...grid.getRowProps(r)}>
          {row.map((id, c) => (
            <div key={id} {...grid.getItemProps(id, r * props.columns + c)}>
              {id}
            </div>
          ))}
        </div>
      ))}
      <output data-testid="selection">{grid.selectedIds.join(',')}</output>
      <button type="button" onClick={grid.selectAll}>
        all
      </button>
      <button type="button" onClick={grid.clearSelection}>
        none
      </button>
      <button type="button" onClick={() => grid.toggle('a2')}>
        toggle a2
      </button>
    </div>
  );
}

const cell = (id: string) => screen.getByRole('gridcell', { name: id });
const selection = () => screen.getByTestId('selection').textContent;

async function setup(props: Partial<UseAssetGridOptions> & { columns?: number } = {}) {
  const user = userEvent.setup();
  render(<Grid columns={4} {...props} />);
  return user;
}

/** A grid whose owner holds the selection and refuses to select a3. */
function Controlled({ onSelectionChange }: { onSelectionChange: (ids: string[]) => void }) {
  const [selected, setSelected] = useState<string[]>(['a0']);
  return (
    <Grid
      columns={4}
      selection={selected}
      onSelectionChange={(next) => {
        onSelectionChange(next);
        setSelected(next.filter((id) => id !== 'a3'));
      }}
    />
  );
}

/** Selecting one narrows the grid to three columns, as details opening beside it would. */
function Relayout() {
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <Grid
      columns={selected.length === 1 ? 3 : 4}
      selection={selected}
      onSelectionChange={setSelected}
    />
  );
}

describe('useAssetGrid', () => {
  it('exposes ARIA grid roles, indexes and data-state', async () => {
    await setup({ defaultSelection: ['a5'] });
    const grid = screen.getByRole('grid', { name: 'Assets' });
    expect(grid.getAttribute('aria-multiselectable')).toBe('true');
    expect(grid.getAttribute('aria-rowcount')).toBe('3');
    expect(grid.getAttribute('aria-colcount')).toBe('4');
    const rows = screen.getAllByRole('row');
    expect(rows.map((r) => r.getAttribute('aria-rowindex'))).toEqual(['1', '2', '3']);
    expect(cell('a5').getAttribute('aria-colindex')).toBe('2');
    expect(cell('a5').getAttribute('aria-selected')).toBe('true');
    expect(cell('a5').dataset.state).toBe('selected');
    expect(cell('a4').getAttribute('aria-selected')).toBe('false');
    expect(cell('a4').dataset.state).toBe('unselected');
  });

  it('keeps exactly one item in the tab order (roving tabindex)', async () => {
    const user = await setup();
    const tabbable = () => screen.getAllByRole('gridcell').filter((c) => c.tabIndex === 0);
    expect(tabbable().map((c) => c.textContent)).toEqual(['a0']);
    await user.tab();
    expect(document.activeElement).toBe(cell('a0'));
    expect(cell('a0').dataset.focused).toBe('');
    await user.keyboard('{ArrowRight}');
    expect(tabbable().map((c) => c.textContent)).toEqual(['a1']);
    expect(cell('a0').dataset.focused).toBeUndefined();
  });

  it('moves with arrows by one and by a row, with Home/End and Ctrl+Home/End', async () => {
    const user = await setup();
    await user.tab();
    const steps: Array<[string, string]> = [
      ['{ArrowRight}', 'a1'],
      ['{ArrowDown}', 'a5'],
      ['{ArrowDown}', 'a9'],
      // The last row is short: Down from a5's column stays; from row 1 it goes to the last.
      ['{ArrowDown}', 'a9'],
      ['{ArrowUp}', 'a5'],
      ['{ArrowUp}', 'a1'],
      ['{ArrowUp}', 'a1'],
      ['{ArrowLeft}', 'a0'],
      ['{ArrowLeft}', 'a0'],
      ['{End}', 'a3'],
      ['{ArrowRight}', 'a4'],
      ['{Home}', 'a4'],
      ['{End}', 'a7'],
      ['{Home}', 'a4'],
      ['{Control>}{End}{/Control}', 'a9'],
      ['{Control>}{Home}{/Control}', 'a0'],
    ];
    for (const [keys, expected] of steps) {
      await user.keyboard(keys);
      expect(document.activeElement?.textContent, keys).toBe(expected);
    }
    // Moving never selects on its own.
    expect(selection()).toBe('');
  });

  it('goes to the last item when Down leaves a row above a short last row', async () => {
    const user = await setup();
    await user.click(cell('a7'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('a9');
  });

  it('Space toggles, Shift+arrows extend from the anchor, Ctrl+A selects all, Escape clears', async () => {
    const user = await setup();
    await user.tab();
    await user.keyboard('{ArrowRight}[Space]');
    expect(selection()).toBe('a1');
    await user.keyboard('[Space]');
    expect(selection()).toBe('');
    await user.keyboard('[Space]{Shift>}{ArrowRight}{ArrowRight}{/Shift}');
    expect(selection()).toBe('a1,a2,a3');
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    expect(selection()).toBe('a1,a2,a3,a4,a5,a6,a7');
    await user.keyboard('{Shift>}{ArrowUp}{ArrowLeft}{ArrowLeft}{ArrowLeft}{/Shift}');
    // The range is always anchor..focus, so going back past the anchor flips it.
    expect(selection()).toBe('a0,a1');
    await user.keyboard('{Escape}');
    expect(selection()).toBe('');
    await user.keyboard('{Control>}a{/Control}');
    expect(selection()).toBe(ids.join(','));
    await user.keyboard('{Escape}{Meta>}a{/Meta}');
    expect(selection()).toBe(ids.join(','));
  });

  it('Enter and double click activate', async () => {
    const onActivate = vi.fn();
    const user = await setup({ onActivate });
    await user.tab();
    await user.keyboard('{ArrowDown}{Enter}');
    await user.dblClick(cell('a8'));
    expect(onActivate.mock.calls).toEqual([['a4'], ['a8']]);
  });

  it('a double click whose first click moved the grid acts on the item clicked first', async () => {
    const onActivate = vi.fn();
    await setup({ onActivate });
    // The first click opened something that moved the tiles: the second lands on a5.
    fireEvent.click(cell('a2'), { detail: 1 });
    fireEvent.click(cell('a5'), { detail: 2 });
    fireEvent.doubleClick(cell('a5'), { detail: 2 });
    expect(onActivate.mock.calls).toEqual([['a2']]);
    expect(selection()).toBe('a2');
    // Later, a double click on one item is that item's, and a single click selects as ever.
    await new Promise((resolve) => setTimeout(resolve, 550));
    fireEvent.click(cell('a5'), { detail: 2 });
    fireEvent.doubleClick(cell('a5'), { detail: 2 });
    expect(onActivate.mock.calls).toEqual([['a2'], ['a5']]);
    expect(selection()).toBe('a5');
  });

  it('click selects one, Ctrl/Meta+click toggles, Shift+click selects a range from the anchor', async () => {
    const user = await setup();
    await user.click(cell('a2'));
    expect(selection()).toBe('a2');
    expect(document.activeElement).toBe(cell('a2'));
    await user.keyboard('{Control>}');
    await user.click(cell('a5'));
    await user.keyboard('{/Control}');
    expect(selection()).toBe('a2,a5');
    await user.keyboard('{Meta>}');
    await user.click(cell('a2'));
    await user.keyboard('{/Meta}');
    expect(selection()).toBe('a5');
    // The anchor is now a2 (the last toggled): Shift+click selects a2..a6.
    await user.keyboard('{Shift>}');
    await user.click(cell('a6'));
    await user.keyboard('{/Shift}');
    expect(selection()).toBe('a2,a3,a4,a5,a6');
    // A later Shift+arrow extends from the same anchor to the new focus.
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    expect(selection()).toBe('a2,a3,a4,a5,a6,a7');
    await user.click(cell('a9'));
    expect(selection()).toBe('a9');
  });

  it('selectAll() and clearSelection() from outside the grid', async () => {
    const user = await setup();
    await user.click(screen.getByRole('button', { name: 'all' }));
    expect(selection()).toBe(ids.join(','));
    await user.click(screen.getByRole('button', { name: 'none' }));
    expect(selection()).toBe('');
  });

  it('toggle() from a checkbox in an item sets where a Shift+click range starts', async () => {
    const user = await setup();
    await user.click(screen.getByRole('button', { name: 'toggle a2' }));
    expect(selection()).toBe('a2');
    await user.keyboard('{Shift>}');
    await user.click(cell('a5'));
    await user.keyboard('{/Shift}');
    expect(selection()).toBe('a2,a3,a4,a5');
    await user.click(screen.getByRole('button', { name: 'toggle a2' }));
    expect(selection()).toBe('a3,a4,a5');
  });

  it('works as a list with one column', async () => {
    const user = await setup({ columns: 1 });
    expect(screen.getAllByRole('row')).toHaveLength(10);
    expect(cell('a3').getAttribute('aria-colindex')).toBe('1');
    await user.tab();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('a2');
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('a1');
    await user.keyboard('{Control>}{End}{/Control}{Shift>}{ArrowUp}{/Shift}');
    expect(selection()).toBe('a8,a9');
  });

  it('keeps the focus on the item when a selection re-lays the rows out and re-creates it', async () => {
    const user = userEvent.setup();
    render(<Relayout />);
    await user.tab();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}');
    expect(document.activeElement?.textContent).toBe('a9');
    await user.keyboard('[Space]');
    expect(selection()).toBe('a9');
    expect(screen.getByRole('grid').getAttribute('aria-colcount')).toBe('3');
    expect(document.activeElement).toBe(cell('a9'));
    await user.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    expect(document.activeElement).toBe(cell('a8'));
    expect(selection()).toBe('a8,a9');
  });

  it('can be controlled: reports changes and shows only what the owner passes', async () => {
    const onSelectionChange = vi.fn();
    const user = userEvent.setup();
    render(<Controlled onSelectionChange={onSelectionChange} />);
    expect(selection()).toBe('a0');
    await user.tab();
    await user.keyboard('{Shift>}{End}{/Shift}');
    expect(onSelectionChange).toHaveBeenLastCalledWith(['a0', 'a1', 'a2', 'a3']);
    expect(selection()).toBe('a0,a1,a2');
    expect(cell('a3').getAttribute('aria-selected')).toBe('false');
  });

  it('with activateOnClick, a plain click opens without touching the selection', async () => {
    const onActivate = vi.fn();
    const user = await setup({ onActivate, activateOnClick: true, defaultSelection: ['a1'] });
    await user.click(cell('a5'));
    expect(onActivate).toHaveBeenCalledWith('a5');
    expect(selection()).toBe('a1');
    // The clicked item became the tab stop, so the keyboard goes on from there.
    expect(cell('a5').getAttribute('tabindex')).toBe('0');
    // Modified clicks still select, and open nothing.
    await user.keyboard('{Control>}');
    await user.click(cell('a2'));
    await user.keyboard('{/Control}');
    expect(selection()).toBe('a1,a2');
    await user.keyboard('{Shift>}');
    await user.click(cell('a4'));
    await user.keyboard('{/Shift}');
    expect(selection()).toBe('a2,a3,a4');
    expect(onActivate).toHaveBeenCalledTimes(1);
  });

  it('marks the open item apart from the selected ones', async () => {
    await setup({ openId: 'a3', defaultSelection: ['a1', 'a2'] });
    expect(cell('a3').hasAttribute('data-open')).toBe(true);
    expect(cell('a3').getAttribute('aria-current')).toBe('true');
    expect(cell('a3').hasAttribute('data-selected')).toBe(false);
    expect(cell('a3').getAttribute('aria-selected')).toBe('false');
    for (const id of ['a1', 'a2']) {
      expect(cell(id).hasAttribute('data-selected')).toBe(true);
      expect(cell(id).hasAttribute('data-open')).toBe(false);
      expect(cell(id).hasAttribute('aria-current')).toBe(false);
    }
    expect(cell('a0').hasAttribute('data-selected')).toBe(false);
  });
});
