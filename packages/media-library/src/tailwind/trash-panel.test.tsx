// @vitest-environment happy-dom
// The Tailwind Trash lists each trashed asset with the preset's thumbnail: a trashed image's
// picture (its bytes are kept until the Trash is emptied), another kind's name in words.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLibraries, createTestLibrary, installDomShims, pngFile } from '../mantine/test-utils';
import { MediaLibraryProvider } from '../react/index';
import { TrashPanel } from './trash-panel';

afterEach(() => {
  cleanup();
  closeLibraries();
});

describe('Tailwind TrashPanel thumbnails', { timeout: 30_000 }, () => {
  it("shows a trashed image's picture and another kind's name", async () => {
    installDomShims();
    const library = createTestLibrary();
    await library.ready;
    const results = await library.importFiles([
      pngFile(1, 'red-fox.png'),
      new File([new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2])], 'backup.gz'),
    ]);
    await library.delete(results.map((r) => (r.status === 'imported' ? r.asset.id : '')));
    render(
      <MediaLibraryProvider library={library}>
        <TrashPanel />
      </MediaLibraryProvider>,
    );
    const trash = await screen.findByRole('list', { name: 'Assets in the Trash' });
    const row = (name: string) =>
      within(trash)
        .getByRole('button', { name: `Restore ${name}` })
        .closest('li') as HTMLElement;

    await waitFor(() =>
      expect(row('red-fox.png').querySelector('[data-status="ready"] img')).toBeTruthy(),
    );
    expect(row('red-fox.png').querySelector('img')?.getAttribute('src')).toMatch(/^blob:/);
    // No picture to show: the kind in words, never a broken image.
    expect(row('backup.gz').querySelector('[data-status="none"]')).toBeTruthy();
    expect(within(row('backup.gz')).getByText('other')).toBeTruthy();
    expect(row('backup.gz').querySelector('img')).toBeNull();
  });
});
