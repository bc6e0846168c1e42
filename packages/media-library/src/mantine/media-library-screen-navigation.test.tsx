// @vitest-environment happy-dom
// The screen's ways to the library's collections, tags and storage on a phone (a "Library"
// drawer), and the filter by the host module that made the assets.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaLibraryScreen } from './media-library-screen';
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
    { blob: pngFile(1, 'scene-1.png'), name: 'scene-1.png', sourceModule: 'story-writer' },
    { blob: pngFile(2, 'hero.png'), name: 'hero.png', sourceModule: 'blog-writer' },
    pngFile(3, 'upload.png'),
  ]);
  const hero = library.query({ text: 'hero' }).items[0];
  if (!hero) throw new Error('The hero image was not imported');
  await library.addTags([hero.id], ['banner']);
  return library;
}

const cells = () => within(screen.getByRole('grid', { name: 'Assets' })).queryAllByRole('gridcell');

describe('MediaLibraryScreen navigation', { timeout: 20_000 }, () => {
  it('reaches collections, tags and storage from a "Library" drawer on a phone', async () => {
    setLayoutWidth(360);
    const library = await seeded();
    const { user } = renderPreset(<MediaLibraryScreen height={740} />, { library });
    await waitFor(() => expect(cells()).toHaveLength(3));
    expect(screen.queryByRole('navigation', { name: 'Library navigation' })).toBeNull();

    const button = screen.getByRole('button', { name: 'Library' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await user.click(button);
    const drawer = await screen.findByRole('dialog', { name: 'Library' });
    expect(within(drawer).getByRole('region', { name: 'Collections' })).toBeTruthy();
    expect(within(drawer).getByRole('region', { name: 'Storage' })).toBeTruthy();
    const tags = within(drawer).getByRole('region', { name: 'Tags' });
    // The screen behind is hidden from assistive technology meanwhile.
    expect(screen.queryByRole('main')).toBeNull();

    // Picking a tag there narrows the grid; the drawer's button says how far.
    const tag = within(tags).getByRole('button', { name: 'banner (1)' });
    expect(tag.getAttribute('aria-pressed')).toBe('false');
    await user.click(tag);
    await waitFor(() => expect(tag.getAttribute('aria-pressed')).toBe('true'));
    await within(drawer).findByRole('button', { name: 'Show 1 asset' });
    await user.click(within(drawer).getByRole('button', { name: 'Show 1 asset' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(cells()).toHaveLength(1));
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it('filters by the host module when assets name one', async () => {
    const library = await seeded();
    const { user } = renderPreset(<MediaLibraryScreen height={800} />, { library });
    await waitFor(() => expect(cells()).toHaveLength(3));
    const filters = screen.getByRole('group', { name: 'Filters' });
    // The facet selects load after the first screen.
    await user.click(await within(filters).findByRole('combobox', { name: 'Made by' }));
    await user.click(await screen.findByRole('option', { name: 'story-writer' }));
    await waitFor(() => expect(cells()).toHaveLength(1));
    expect(screen.getByRole('gridcell', { name: 'scene-1.png' })).toBeTruthy();
    expect(within(filters).getByRole('button', { name: 'Clear filters (1)' })).toBeTruthy();
  });

  it('offers no host module filter in a library whose assets name none', async () => {
    const library = createTestLibrary();
    await library.ready;
    await library.importFiles([pngFile(4, 'plain.png')]);
    renderPreset(<MediaLibraryScreen height={800} />, { library });
    await waitFor(() => expect(cells()).toHaveLength(1));
    const filters = screen.getByRole('group', { name: 'Filters' });
    // Once the facet selects have loaded (a library with tags shows Tags), none is Made by.
    await library.addTags([library.query().items[0]?.id ?? ''], ['plain']);
    await within(filters).findByRole('combobox', { name: 'Tags' });
    expect(within(filters).queryByRole('combobox', { name: 'Made by' })).toBeNull();
  });
});
