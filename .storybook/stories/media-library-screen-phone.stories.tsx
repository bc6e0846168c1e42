// The whole screen on a 360×740 phone: an asset's details open over the grid instead of
// squeezing it away, and the header wraps so a running generation's button and Cancel fit.
import type { StoryObj } from '@storybook/react-vite';
import { expect, screen, waitFor, within } from 'storybook/test';
import { createMockGenerator, storyGenerator } from '../story-generators';
import { libraryLoaders } from '../story-providers';
import {
  expectNoSidewaysScroll,
  expectOnScreen,
  expectTargetSize,
  onPhone,
  type ScreenMeta,
  screenMeta,
  startThenClose,
} from '../story-screen';

const meta = {
  ...screenMeta,
  ...onPhone,
  title: 'Preset/MediaLibraryScreenOnPhone',
} satisfies ScreenMeta;

export default meta;
type Story = StoryObj<typeof meta>;

/** The buttons of the header: Upload, From URL, Generate and the colour-scheme switch. */
async function headerButtons(canvasElement: HTMLElement) {
  const header = within(canvasElement).getByRole('heading', { level: 1 }).parentElement;
  if (!header) throw new Error('The title has no header around it');
  const buttons = within(header).getAllByRole('button');
  await expect(buttons.length).toBeGreaterThanOrEqual(4);
  return buttons;
}

/** Every button of the header, each wholly on screen. */
async function expectHeaderOnScreen(canvasElement: HTMLElement) {
  for (const button of await headerButtons(canvasElement)) await expectOnScreen(button);
}

/**
 * Ticking two assets picks them with the grid in view; tapping one (its thumbnail) opens its
 * details over the grid, named after it; closing them hands the focus back to the asset, the
 * two still picked, and the selection bar below the header has every action on screen.
 */
export const DetailsOnPhone: Story = {
  loaders: libraryLoaders(12, { ai: () => storyGenerator() }),
  play: async ({ canvas, canvasElement, userEvent, loaded }) => {
    // The test runner sizes the page from the story's viewport; make sure it did.
    await expect(window.innerWidth).toBe(360);
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    const main = canvas.getByRole('main');
    await expectHeaderOnScreen(canvasElement);
    const [cell, second] = await within(grid).findAllByRole('gridcell');
    if (!cell || !second) throw new Error('Fewer than two assets in the grid');
    const asset = loaded.library.get(cell.getAttribute('data-asset-id') ?? '');
    if (!asset) throw new Error('The cell names no asset of the library');

    for (const picked of [cell, second]) {
      await userEvent.click(within(picked).getByRole('checkbox'));
      await expect(screen.queryByRole('dialog')).toBeNull();
    }
    const bar = canvas.getByRole('toolbar', { name: 'Selection actions' });
    await expect(within(bar).getByText('2 of 12 assets selected')).toBeVisible();

    const thumbnail = await waitFor(() => {
      const image = cell.querySelector('img');
      if (!image) throw new Error('The cell shows no thumbnail yet');
      return image;
    });
    await userEvent.click(thumbnail);
    const details = await screen.findByRole('dialog', { name: asset.name });
    // The details load apart from the screen's first load, so they may follow the overlay.
    const title = await within(details).findByRole('textbox', { name: 'Title' });
    // (Once the overlay has slid in.)
    await waitFor(() => expectOnScreen(title));
    await expect(title).toHaveAttribute('placeholder', asset.name);
    // The grid keeps the whole width behind the overlay rather than giving it to the details.
    await expect(main.getBoundingClientRect().width).toBeCloseTo(
      document.documentElement.clientWidth,
      0,
    );
    await expectNoSidewaysScroll();

    await userEvent.click(within(details).getByRole('button', { name: 'Close details' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(cell).toHaveFocus());
    await expect(within(bar).getByText('2 of 12 assets selected')).toBeVisible();
    const actions = within(bar).getAllByRole('button');
    await expect(actions.length).toBeGreaterThanOrEqual(7);
    for (const action of actions) await expectOnScreen(action);
    await expectNoSidewaysScroll();
  },
};

/** A generation runs with its dialog closed: the busy button and its Cancel both fit. */
export const GeneratingOnPhone: Story = {
  loaders: libraryLoaders(6, { ai: () => createMockGenerator({ hang: true, stepMs: 300 }) }),
  play: async (context) => {
    const { canvas, canvasElement } = context;
    await expect(window.innerWidth).toBe(360);
    await startThenClose(context, 'a lighthouse at dusk');
    await expectOnScreen(await canvas.findByRole('button', { name: /^Generating… \d+%$/ }));
    await expectOnScreen(canvas.getByRole('button', { name: 'Cancel generation' }));
    await expectHeaderOnScreen(canvasElement);
    await expectNoSidewaysScroll();
  },
};

/**
 * The search keeps the whole width of a phone on a row of its own, and the filters wait behind
 * one button instead of taking half the screen: the grid starts close below the search. The
 * button opens them in a sheet, by keyboard too, with the screen behind it hidden from screen
 * readers, and then says how many are on.
 */
export const FiltersOnPhone: Story = {
  loaders: libraryLoaders(12),
  play: async ({ canvas, userEvent }) => {
    await expect(window.innerWidth).toBe(360);
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    const search = canvas.getByRole('searchbox', { name: 'Search' });
    await expect(search.getBoundingClientRect().width).toBeGreaterThanOrEqual(250);
    const filters = canvas.getByRole('button', { name: 'Filters' });
    await expectOnScreen(filters);
    await expectOnScreen(canvas.getByRole('button', { name: /^Sort: / }));
    await expectOnScreen(canvas.getByText('List'));
    // Search, then one row of Filters, Sort and the view switch, then the count: no more.
    const top = search.getBoundingClientRect().top;
    await expect(filters.getBoundingClientRect().bottom - top).toBeLessThanOrEqual(90);
    await expect(grid.getBoundingClientRect().top - top).toBeLessThanOrEqual(140);
    await expectNoSidewaysScroll();

    filters.focus();
    await userEvent.keyboard('{Enter}');
    const sheet = await screen.findByRole('dialog', { name: 'Filters' });
    // The screen behind the sheet is hidden from assistive technology, as behind the details.
    await expect(grid.closest('[aria-hidden="true"]')).not.toBeNull();
    // (A chip's checkbox is hidden behind its label, which is what a finger taps.)
    const video = within(sheet).getByText('Video');
    await waitFor(() => expectOnScreen(video));
    await userEvent.click(video);
    await expect(within(sheet).getByRole('checkbox', { name: 'Video' })).toBeChecked();
    await expect(await within(sheet).findByRole('button', { name: 'Show 0 assets' })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const on = canvas.getByRole('button', { name: 'Filters (1)' });
    await waitFor(() => expect(on).toHaveFocus());
    await expect(grid.closest('[aria-hidden]')).toBeNull();
    await expect(canvas.getByText('No assets match these filters.')).toBeVisible();
  },
};

/**
 * Every control a finger needs is at least 24 px each way, and each checkbox takes the taps
 * of a 44 px square around it: the header, the toolbar, the grid's and the list's
 * checkboxes, the selection bar, and the close buttons of the details and the filters sheet.
 */
export const TouchTargetsOnPhone: Story = {
  loaders: libraryLoaders(12, { ai: () => storyGenerator() }),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expect(window.innerWidth).toBe(360);
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    for (const button of await headerButtons(canvasElement)) await expectTargetSize(button);
    await expectTargetSize(canvas.getByRole('button', { name: 'Filters' }));
    await expectTargetSize(canvas.getByRole('button', { name: /^Sort: / }));
    // (The view switch's radios are hidden; their labels take the taps.)
    for (const view of ['Grid', 'List']) await expectTargetSize(canvas.getByText(view));
    const boxes = within(grid).getAllByRole('checkbox');
    await expect(boxes.length).toBeGreaterThanOrEqual(2);
    for (const box of boxes) await expectTargetSize(box, 44);

    await userEvent.click(boxes[0] as HTMLElement);
    const bar = canvas.getByRole('toolbar', { name: 'Selection actions' });
    for (const button of within(bar).getAllByRole('button')) await expectTargetSize(button);

    await userEvent.click(canvas.getByText('List'));
    await waitFor(() => expect(grid).toHaveAttribute('data-layout', 'list'));
    const rows = within(grid).getAllByRole('gridcell');
    for (const row of rows) await expectTargetSize(within(row).getByRole('checkbox'), 44);
    await userEvent.click(rows[1] as HTMLElement);
    const details = await screen.findByRole('dialog');
    const close = within(details).getByRole('button', { name: 'Close details' });
    await expectTargetSize(close);
    await userEvent.click(close);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await userEvent.click(canvas.getByRole('button', { name: 'Filters' }));
    const sheet = await screen.findByRole('dialog', { name: 'Filters' });
    await expectTargetSize(within(sheet).getByRole('button', { name: 'Close filters' }));
  },
};

/** Copying an image fails inside the details overlay: the alert shows in it, on screen. */
export const CopyFailsOnPhone: Story = {
  loaders: libraryLoaders(3),
  play: async ({ canvas, userEvent }) => {
    await expect(window.innerWidth).toBe(360);
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    const [cell] = await within(grid).findAllByRole('gridcell');
    if (!cell) throw new Error('No asset in the grid');
    await userEvent.click(cell);
    const details = await screen.findByRole('dialog');
    const copy = within(details).getByRole('button', { name: 'Copy image' });
    const { clipboard } = navigator;
    const write = clipboard.write;
    clipboard.write = () => Promise.reject(new Error('Copying was blocked.'));
    try {
      await userEvent.click(copy);
      const alert = await within(details).findByRole('alert');
      await expect(alert).toHaveTextContent('Copying was blocked.');
      await waitFor(() => expectOnScreen(alert));
    } finally {
      clipboard.write = write;
    }
    await userEvent.click(within(details).getByRole('button', { name: 'Dismiss' }));
    await expect(within(details).queryByRole('alert')).toBeNull();
  },
};

/**
 * The navigation column does not fit a phone, so the header's "Library" button opens it in a
 * drawer: collections (a new one made there), tags (one picked, narrowing the grid) and the
 * storage meter with "Keep files on this device", each reached and on screen. Closing hands
 * the focus back to the button.
 */
export const LibraryOnPhone: Story = {
  loaders: libraryLoaders(12),
  play: async ({ canvas, userEvent }) => {
    await expect(window.innerWidth).toBe(360);
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await expect(canvas.queryByRole('navigation', { name: 'Library navigation' })).toBeNull();
    const button = canvas.getByRole('button', { name: 'Library' });
    await expectOnScreen(button);
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(button);
    const drawer = await screen.findByRole('dialog', { name: 'Library' });
    await expect(grid.closest('[aria-hidden="true"]')).not.toBeNull();

    const collections = within(drawer).getByRole('region', { name: 'Collections' });
    await waitFor(() => expectOnScreen(collections));
    await userEvent.click(within(collections).getByRole('button', { name: 'New collection' }));
    await userEvent.type(
      within(collections).getByRole('textbox', { name: 'New collection name' }),
      'Holiday{Enter}',
    );
    await expect(await within(collections).findByText('Holiday')).toBeVisible();

    const tags = within(drawer).getByRole('region', { name: 'Tags' });
    // Each tag has its rename button beside it, named after it.
    const rename = within(tags).getAllByRole('button', { name: /^Rename tag / })[0];
    const name = rename?.getAttribute('aria-label')?.replace(/^Rename tag /, '');
    if (!name) throw new Error('The library lists no tag');
    const tag = within(tags).getByText(name);
    tag.scrollIntoView({ block: 'nearest' });
    await expectOnScreen(tag);
    const before = grid.getAttribute('aria-rowcount');
    await userEvent.click(tag);

    const storage = within(drawer).getByRole('region', { name: 'Storage' });
    storage.scrollIntoView({ block: 'nearest' });
    await waitFor(() => expectOnScreen(storage));
    await expect(within(storage).getByText('Keep files on this device')).toBeVisible();

    const show = within(drawer).getByRole('button', { name: /^Show \d+ assets?$/ });
    await expect(show).not.toHaveTextContent('Show 12 assets');
    await userEvent.click(show);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(button).toHaveFocus());
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).not.toBe(before));
    await expectNoSidewaysScroll();
  },
};
