// @vitest-environment happy-dom
// useLibraryScreen through plain markup: the layout by width, details opened apart from the
// selection (ticking one opens nothing, opening one selects nothing), Escape closing them with
// the focus back on the grid, and an import's problems in words.
import 'fake-indexeddb/auto';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportItemResult } from '../core/index';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { sampleAsset } from '../core/testing/sample-asset';
import type { MediaLibrary } from '../core/types';
import { describeImportProblems } from './import-problems';
import { MediaLibraryProvider } from './media-library-provider';
import { useLibraryScreen } from './use-library-screen';

const libraries: MediaLibrary[] = [];
afterEach(() => {
  cleanup();
  for (const library of libraries.splice(0)) library.close();
});

function wrapper({ children }: { children: ReactNode }) {
  const library = createMediaLibrary({
    name: `screen-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
  });
  libraries.push(library);
  return <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>;
}

const ids = ['a', 'b', 'c'];

/** A grid of buttons that open, one per id, a tick box for each, and the details beside it. */
function Screen({ width }: { width: number }) {
  const s = useLibraryScreen({ width, breakpoint: 768, ids });
  return (
    <>
      <div {...s.getGridAreaProps()}>
        {/* biome-ignore lint/a11y/useSemanticElements: stands in for the grid's tab stop */}
        <div role="grid">
          {ids.map((id, index) => (
            <button
              key={id}
              type="button"
              tabIndex={index === 0 ? 0 : -1}
              onClick={() => s.showDetails(id)}
            >
              {id}
            </button>
          ))}
          {ids.map((id) => (
            <input
              key={id}
              type="checkbox"
              aria-label={`Select ${id}`}
              checked={s.selection.includes(id)}
              onChange={(event) =>
                s.changeSelection(
                  event.target.checked
                    ? [...s.selection, id]
                    : s.selection.filter((other) => other !== id),
                )
              }
            />
          ))}
        </div>
      </div>
      {!s.narrow && s.details.open && (
        <aside aria-label="Details" {...s.getDetailsAreaProps()}>
          {s.detailsId}
          <button type="button" onClick={s.details.close}>
            Close details
          </button>
        </aside>
      )}
      <output>{`${s.narrow ? 'narrow' : 'wide'} ${s.selection.join(',')}`}</output>
    </>
  );
}

describe('useLibraryScreen', () => {
  it('opens the details beside the grid apart from the selection, and Escape closes them', async () => {
    const user = userEvent.setup();
    render(<Screen width={1200} />, { wrapper });
    // A single tick opens nothing: what is looked at and what is ticked stay apart.
    await user.click(screen.getByRole('checkbox', { name: 'Select a' }));
    expect(screen.getByRole('status').textContent).toBe('wide a');
    expect(screen.queryByRole('complementary')).toBeNull();

    const b = screen.getByRole('button', { name: 'b' });
    await user.click(b);
    expect(screen.getByRole('status').textContent).toBe('wide a');
    expect(screen.getByRole('complementary', { name: 'Details' }).textContent).toContain('b');
    // Ticking another changes the selection only; the details stay on b.
    await user.click(screen.getByRole('checkbox', { name: 'Select c' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select a' }));
    expect(screen.getByRole('status').textContent).toBe('wide c');
    expect(screen.getByRole('complementary', { name: 'Details' }).textContent).toContain('b');

    // From inside the details: closed, and the focus goes back to the asset.
    screen.getByRole('button', { name: 'Close details' }).focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(document.activeElement).toBe(b);

    // From the grid: closed too, the focus staying where it is.
    await user.click(screen.getByRole('button', { name: 'c' }));
    expect(screen.getByRole('status').textContent).toBe('wide c');
    expect(screen.getByRole('complementary').textContent).toContain('c');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'c' }));
  });

  it('lays out for a phone below the breakpoint, where picking opens nothing', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<Screen width={360} />, { wrapper });
    await user.click(screen.getByRole('checkbox', { name: 'Select a' }));
    expect(screen.getByRole('status').textContent).toBe('narrow a');
    // Widened with one ticked: still nothing opens by itself.
    rerender(<Screen width={1200} />);
    expect(screen.getByRole('status').textContent).toBe('wide a');
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('keeps the selection to the ids shown and reports problems in words', () => {
    const { result, rerender } = renderHook(
      ({ shown }) => useLibraryScreen({ width: 1200, breakpoint: 768, ids: shown }),
      { wrapper, initialProps: { shown: ids } },
    );
    act(() => result.current.setSelection(['a', 'c']));
    rerender({ shown: ['a', 'b'] });
    expect(result.current.selection).toEqual(['a']);
    expect(result.current.details.open).toBe(false);

    act(() => result.current.report('The copy failed.', true));
    expect(result.current.problem).toEqual({ text: 'The copy failed.', inDetails: true });
    act(() => result.current.dismissProblem());
    expect(result.current.problem).toBeUndefined();
  });
});

describe('describeImportProblems', () => {
  it('names the first failure and the damaged files, and not what a cancel left out', () => {
    const canceled = Object.assign(new Error('Canceled.'), { code: 'canceled' });
    const results: ImportItemResult[] = [
      { status: 'failed', name: 'a.heic', error: new Error('This type is not supported.') },
      { status: 'failed', name: 'b.heic', error: new Error('This type is not supported.') },
      { status: 'failed', name: 'c.png', error: canceled },
      { status: 'imported', asset: sampleAsset('d', { name: 'd.png', unreadable: true }) },
    ];
    expect(describeImportProblems(results)).toBe(
      "2 files could not be imported (a.heic: This type is not supported.). 1 imported file can't be shown and may be damaged (d.png).",
    );
    expect(describeImportProblems([{ status: 'failed', name: 'c.png', error: canceled }])).toBe(
      undefined,
    );
  });
});
