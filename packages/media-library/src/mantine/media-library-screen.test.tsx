// @vitest-environment happy-dom
// The whole screen over a real library: search narrows the grid, bulk delete asks first, the
// details sit beside the grid or, on a narrow screen, over it, and a generation outlives its
// closed dialog with its progress and cancel on the header.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaLibraryScreen } from './media-library-screen';
import { gatedGenerator } from './test-generators';
import {
  closeLibraries,
  createTestLibrary,
  pngFile,
  renderPreset,
  setLayoutWidth,
} from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
  setLayoutWidth(1200);
});

async function seeded() {
  const library = createTestLibrary();
  await library.ready;
  await library.importFiles([
    pngFile(1, 'red-fox.png'),
    pngFile(2, 'blue-whale.png'),
    pngFile(3, 'red-panda.png'),
  ]);
  return library;
}

/** The screen over the three seeded assets, once the grid shows them. */
async function showSeeded() {
  const library = await seeded();
  const rendered = renderPreset(<MediaLibraryScreen height={800} />, { library });
  await waitFor(() => expect(cells()).toHaveLength(3));
  return rendered;
}

const cells = () => within(screen.getByRole('grid', { name: 'Assets' })).queryAllByRole('gridcell');

// Typing through Mantine inputs in happy-dom is slow; the budget is for that, not the app.
describe('MediaLibraryScreen', { timeout: 20_000 }, () => {
  it('shows the assets in a grid and narrows it as the person types a search', async () => {
    const { user } = await showSeeded();
    expect(screen.getByRole('button', { name: 'Upload' })).toBeTruthy();

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'red');
    await waitFor(() => expect(cells()).toHaveLength(2));
    expect(screen.getByRole('gridcell', { name: 'red-fox.png' })).toBeTruthy();
    expect(screen.getByRole('gridcell', { name: 'red-panda.png' })).toBeTruthy();
    expect(screen.getByText('2 assets match')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Select red-fox.png' }));
    const toolbar = screen.getByRole('toolbar', { name: 'Selection actions' });
    expect(within(toolbar).getByText('1 of 2 matching assets selected')).toBeTruthy();

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), ' panda');
    await waitFor(() => expect(cells()).toHaveLength(1));
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'nothing like this');
    await waitFor(() => expect(screen.getByText('No assets match these filters.')).toBeTruthy());
  });

  it('asks before deleting the selection and deletes only after confirming', async () => {
    const { user, library } = await showSeeded();

    await user.click(screen.getByRole('checkbox', { name: 'Select red-fox.png' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select blue-whale.png' }));
    const toolbar = screen.getByRole('toolbar', { name: 'Selection actions' });
    // The bar stands where the count was, and still says how many there are.
    expect(within(toolbar).getByText('2 of 3 assets selected')).toBeTruthy();
    expect(within(screen.getByRole('main')).queryByText('3 assets')).toBeNull();

    await user.click(within(toolbar).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 assets?' });
    expect(library.query().total).toBe(3);
    await user.click(within(dialog).getByRole('button', { name: 'Keep them' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(library.query().total).toBe(3);

    await user.click(within(toolbar).getByRole('button', { name: 'Delete' }));
    const again = await screen.findByRole('dialog', { name: 'Delete 2 assets?' });
    await user.click(within(again).getByRole('button', { name: 'Delete 2 assets' }));
    await waitFor(() => expect(library.query().total).toBe(1));
    await waitFor(() => expect(cells()).toHaveLength(1));
    expect(library.query().items[0]?.name).toBe('red-panda.png');
  });

  it('brings back the sort and the layout last chosen in this library', async () => {
    const { user, library, unmount } = await showSeeded();
    await user.click(screen.getByRole('button', { name: 'Sort: Newest first' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Name A–Z' }));
    await user.click(screen.getByRole('radio', { name: 'List' }));
    expect(screen.getByRole('grid', { name: 'Assets' }).dataset.layout).toBe('list');
    unmount();

    renderPreset(<MediaLibraryScreen height={800} />, { library });
    await waitFor(() => expect(cells()).toHaveLength(3));
    await waitFor(() =>
      expect(screen.getByRole('grid', { name: 'Assets' }).dataset.layout).toBe('list'),
    );
    expect(screen.getByRole('button', { name: 'Sort: Name A–Z' })).toBeTruthy();
    expect(cells().map((cell) => cell.textContent?.match(/[a-z-]+\.png/)?.[0])).toEqual([
      'blue-whale.png',
      'red-fox.png',
      'red-panda.png',
    ]);
  });

  it('imports files dropped anywhere on the library', async () => {
    const library = createTestLibrary();
    await library.ready;
    renderPreset(<MediaLibraryScreen height={800} />, { library });
    await screen.findByText('Your library is empty');
    const main = screen.getByRole('main');
    const files = [pngFile(4, 'dropped-a.png'), pngFile(5, 'dropped-b.png')];
    fireEvent.dragEnter(main, { dataTransfer: { files, types: ['Files'] } });
    expect(main.getAttribute('data-state')).toBe('drag-over');
    expect(within(main).getByText('Drop to upload')).toBeTruthy();
    fireEvent.drop(main, { dataTransfer: { files, types: ['Files'] } });
    await waitFor(() => expect(cells()).toHaveLength(2));
    expect(main.getAttribute('data-state')).toBe('idle');
    expect(within(main).queryByText('Drop to upload')).toBeNull();
    expect(library.query().total).toBe(2);
  });

  it('marks AI-generated assets with an AI badge', async () => {
    const library = createTestLibrary();
    await library.ready;
    await library.importFiles([
      {
        blob: pngFile(9, 'fox.png'),
        name: 'fox.png',
        source: { type: 'ai', provider: 'local', model: 'placeholder', prompt: 'a fox' },
      },
    ]);
    renderPreset(<MediaLibraryScreen height={800} />, { library });
    const cell = await screen.findByRole('gridcell', { name: 'AI fox.png' });
    expect(within(cell).getByText('AI')).toBeTruthy();
  });

  it('opens a clicked asset beside the grid on a wide screen, apart from the selection', async () => {
    const { user } = await showSeeded();
    // Read afresh: a cell is re-created as the details change the column count.
    const fox = () => screen.getByRole('gridcell', { name: 'red-fox.png' });
    await user.click(fox());
    const details = await screen.findByRole('region', { name: 'Asset details' });
    expect(within(details).getByRole('heading', { name: 'red-fox.png' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    // Opened, not selected: a bulk action would touch nothing.
    expect(screen.queryByRole('toolbar', { name: 'Selection actions' })).toBeNull();
    expect(within(screen.getByRole('main')).getByText('3 assets')).toBeTruthy();
    expect(fox().hasAttribute('data-open')).toBe(true);
    expect(fox().getAttribute('aria-current')).toBe('true');
    expect(fox().hasAttribute('data-selected')).toBe(false);

    // Ticking another selects that one alone; the open asset stays open and out of it.
    await user.click(screen.getByRole('checkbox', { name: 'Select blue-whale.png' }));
    const toolbar = screen.getByRole('toolbar', { name: 'Selection actions' });
    expect(within(toolbar).getByText('1 of 3 assets selected')).toBeTruthy();
    const whale = screen.getByRole('gridcell', { name: 'blue-whale.png' });
    expect(whale.hasAttribute('data-selected')).toBe(true);
    expect(whale.hasAttribute('data-open')).toBe(false);
    expect(fox().hasAttribute('data-selected')).toBe(false);
    expect(fox().hasAttribute('data-open')).toBe(true);
    expect(within(details).getByRole('heading', { name: 'red-fox.png' })).toBeTruthy();

    // Shift+click and Ctrl+click still select, as they did.
    await user.keyboard('{Control>}');
    await user.click(screen.getByRole('gridcell', { name: 'red-panda.png' }));
    await user.keyboard('{/Control}');
    expect(within(toolbar).getByText('2 of 3 assets selected')).toBeTruthy();
  });

  it('closes the details beside the grid on Escape, from the grid or from the details', async () => {
    const { user } = await showSeeded();
    const fox = screen.getByRole('gridcell', { name: 'red-fox.png' });
    await user.click(fox);
    await screen.findByRole('region', { name: 'Asset details' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Asset details' })).toBeNull();
    expect(within(screen.getByRole('main')).getByText('3 assets')).toBeTruthy();

    await user.click(fox);
    const details = await screen.findByRole('region', { name: 'Asset details' });
    within(details).getByRole('button', { name: 'Close details' }).focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Asset details' })).toBeNull();
    // The focus goes back to the grid rather than to the page.
    expect(document.activeElement).toBe(fox);
  });

  it('shows them over the grid on a narrow screen, named after the asset', async () => {
    setLayoutWidth(360);
    const { user } = await showSeeded();
    const cell = screen.getByRole('gridcell', { name: 'red-fox.png' });
    await user.click(cell);
    const dialog = await screen.findByRole('dialog', { name: 'red-fox.png' });
    expect(within(dialog).getByRole('region', { name: 'Asset details' })).toBeTruthy();
    // Modal: the rest of the screen is out of reach until the details close.
    expect(screen.queryByRole('main')).toBeNull();
    const close = within(dialog).getByRole('button', { name: 'Close details' });
    await waitFor(() => expect(document.activeElement).toBe(close));

    await user.click(close);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The focus is back on the asset; opening it selected nothing.
    await waitFor(() => expect(document.activeElement).toBe(cell));
    expect(within(screen.getByRole('main')).getByText('3 assets')).toBeTruthy();
  });

  it('leaves out the navigation column where the screen itself is narrow', async () => {
    const { unmount, library } = await showSeeded();
    expect(screen.getByRole('navigation', { name: 'Library navigation' })).toBeTruthy();
    unmount();
    // A 500 px column of a wide window: the screen's width decides, not the window's.
    setLayoutWidth(500);
    renderPreset(<MediaLibraryScreen height={800} />, { library });
    await waitFor(() => expect(cells()).toHaveLength(3));
    expect(screen.queryByRole('navigation', { name: 'Library navigation' })).toBeNull();
  });

  it('picks several on a narrow screen without the details covering the grid', async () => {
    setLayoutWidth(360);
    const { user } = await showSeeded();

    await user.click(screen.getByRole('checkbox', { name: 'Select red-fox.png' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Select blue-whale.png' }));
    const toolbar = screen.getByRole('toolbar', { name: 'Selection actions' });
    expect(within(toolbar).getByText('2 of 3 assets selected')).toBeTruthy();
    // Back down to one is still picking, not opening.
    await user.click(screen.getByRole('checkbox', { name: 'Select blue-whale.png' }));
    expect(within(toolbar).getByText('1 of 3 assets selected')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();

    // Space on the focused cell selects too; Enter opens it.
    const whale = screen.getByRole('gridcell', { name: 'blue-whale.png' });
    whale.focus();
    await user.keyboard(' ');
    expect(within(toolbar).getByText('2 of 3 assets selected')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.keyboard('{Enter}');
    await screen.findByRole('dialog', { name: 'blue-whale.png' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // A tap on another asset opens it and keeps what was picked.
    await user.click(screen.getByRole('gridcell', { name: 'red-panda.png' }));
    await screen.findByRole('dialog', { name: 'red-panda.png' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(screen.getByRole('main')).getByText('2 of 3 assets selected')).toBeTruthy();
  });

  it('hides the screen from assistive technology while the filters sheet is open', async () => {
    setLayoutWidth(360);
    const { user } = await showSeeded();
    const grid = screen.getByRole('grid', { name: 'Assets' });
    const button = screen.getByRole('button', { name: 'Filters' });
    await user.click(button);
    await screen.findByRole('dialog', { name: 'Filters' });
    // As behind the details: only the sheet is left to read.
    expect(grid.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(screen.queryByRole('main')).toBeNull();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(grid.closest('[aria-hidden]')).toBeNull();
    expect(screen.getByRole('main')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it('says inside the details overlay when an action in it fails', async () => {
    setLayoutWidth(360);
    const { user } = await showSeeded();
    await user.click(screen.getByRole('gridcell', { name: 'red-fox.png' }));
    const dialog = await screen.findByRole('dialog', { name: 'red-fox.png' });
    // Whatever the clipboard can do here, copying must fail (happy-dom may lack ClipboardItem,
    // which fails it too, with a message of its own).
    const own = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { write: () => Promise.reject(new Error('Copying was blocked.')) },
    });
    try {
      await user.click(within(dialog).getByRole('button', { name: 'Copy image' }));
      const alert = await within(dialog).findByRole('alert');
      expect(alert.textContent).toMatch(/copy/i);
    } finally {
      if (own) Object.defineProperty(navigator, 'clipboard', own);
      else Reflect.deleteProperty(navigator, 'clipboard');
    }
    // Not seen through the overlay: it stays until dismissed, on the screen once they close.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const left = within(screen.getByRole('main')).getByRole('alert');
    await user.click(within(left).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  describe('a generation whose dialog is closed', () => {
    /**
     * Renders the screen over an empty library and a generator that waits to be told how to
     * end; opens the dialog from the header, starts `prompt`, waits for its progress, closes it.
     */
    async function startThenClose(prompt: string) {
      const library = createTestLibrary();
      await library.ready;
      const gated = gatedGenerator();
      const { user } = renderPreset(<MediaLibraryScreen height={800} />, {
        library,
        ai: gated.ai,
      });
      await screen.findByText('Your library is empty');
      await user.click(screen.getByRole('button', { name: 'Generate' }));
      const dialog = await screen.findByRole('dialog', { name: 'Generate images' });
      await user.type(within(dialog).getByRole('textbox', { name: 'Prompt' }), prompt);
      await user.click(within(dialog).getByRole('button', { name: 'Generate' }));
      await within(dialog).findByRole('progressbar', { name: 'Generation progress' });
      await user.click(within(dialog).getByRole('button', { name: 'Close' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      return { library, gated, user };
    }

    it('shows its progress on the header, and Cancel there aborts it', async () => {
      const { library, gated, user } = await startThenClose('a fox');

      // Outside the dialog, the running generation and its cancel are in plain sight.
      const busy = screen.getByRole('button', { name: 'Generating… 40%' });
      expect(busy.textContent).toContain('40%');
      expect(screen.queryByRole('button', { name: 'Generate' })).toBeNull();
      // Closing handed the focus back to that button; Cancel is the next stop, by keyboard.
      expect(document.activeElement).toBe(busy);
      await user.tab();
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Cancel generation' }),
      );
      await user.keyboard('{Enter}');

      await waitFor(() => expect(gated.signals[0]?.aborted).toBe(true));
      await screen.findByRole('button', { name: 'Generate' });
      expect(screen.queryByRole('button', { name: 'Cancel generation' })).toBeNull();
      // Even if the generator had gone on to finish, a canceled run adds nothing.
      gated.finish();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(library.query().total).toBe(0);
      expect(screen.getByText('Your library is empty')).toBeTruthy();
    });

    it('shows the running generation again when the dialog reopens', async () => {
      const { library, gated, user } = await startThenClose('a fox in the snow');

      await user.click(screen.getByRole('button', { name: 'Generating… 40%' }));
      const dialog = await screen.findByRole('dialog', { name: 'Generate images' });
      // The same form, still busy: the prompt it runs, the bar, the stage and Cancel.
      expect(within(dialog).getByRole('textbox', { name: 'Prompt' })).toHaveProperty(
        'value',
        'a fox in the snow',
      );
      const bar = within(dialog).getByRole('progressbar', { name: 'Generation progress' });
      expect(bar.getAttribute('aria-valuenow')).toBe('40');
      expect(within(dialog).getByRole('status').textContent).toBe('Rendering · 40%');
      expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeTruthy();

      gated.finish();
      // It lands as before: the dialog closes and the new image is selected. Landing goes
      // through the import pipeline, which loads on first use: slow on a loaded machine.
      const landing = { timeout: 10_000 };
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), landing);
      expect(library.query().total).toBe(1);
      await screen.findByRole('region', { name: 'Asset details' }, landing);
      expect(screen.getByRole('button', { name: 'Generate' })).toBeTruthy();
    }, 20_000);

    it('says on the header when it fails, and reopening shows why', async () => {
      const { library, gated, user } = await startThenClose('a fox');

      gated.fail(Object.assign(new Error('The model is busy.'), { code: 'provider_error' }));
      await user.click(await screen.findByRole('button', { name: 'Generation failed' }));
      const dialog = await screen.findByRole('dialog', { name: 'Generate images' });
      const alert = within(dialog).getByRole('alert');
      expect(alert.textContent).toContain('The image was not generated');
      expect(within(dialog).getByRole('textbox', { name: 'Prompt' })).toHaveProperty(
        'value',
        'a fox',
      );
      // Once seen and closed, the header is back to a plain Generate, with a fresh form.
      await user.click(within(dialog).getByRole('button', { name: 'Close' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      await user.click(screen.getByRole('button', { name: 'Generate' }));
      const fresh = await screen.findByRole('dialog', { name: 'Generate images' });
      expect(within(fresh).getByRole('textbox', { name: 'Prompt' })).toHaveProperty('value', '');
      expect(library.query().total).toBe(0);
    });
  });
});
