// The screen after the browser cleared a library's files (the notice, and Import from it), and
// the note the first import shows while asking the browser to keep the files.
import { createMediaLibrary, type MarkerStorage } from '@medialoft/media-library';
import type { StoryObj } from '@storybook/react-vite';
import { expect, spyOn, waitFor, within } from 'storybook/test';
import { createMemoryBlobStore } from '../../packages/media-library/src/core/storage/memory-blob-store';
import { drawImage } from '../story-images';
import { seedLibrary } from '../story-library';
import { libraryLoaders, type StoryData } from '../story-providers';
import { type ScreenMeta, screenMeta } from '../story-screen';

const meta = { ...screenMeta, title: 'Preset/StorageNotices' } satisfies ScreenMeta;

export default meta;
type Story = StoryObj<typeof meta>;

const evictedNames: string[] = [];

/**
 * A library of three images whose files the browser removed between two visits: seeded,
 * closed, its bytes cleared, then opened again (its note of the last visit kept in memory).
 */
async function evictedLibrary(): Promise<StoryData> {
  const name = `story-evicted-${crypto.randomUUID()}`;
  evictedNames.push(name);
  const notes = new Map<string, string>();
  const storageMarker: MarkerStorage = {
    getItem: (key) => notes.get(key) ?? null,
    setItem: (key, value) => void notes.set(key, value),
    removeItem: (key) => void notes.delete(key),
  };
  const bytes = createMemoryBlobStore();
  const options = { name, blobStore: bytes, storageMarker, broadcast: false as const };
  const before = createMediaLibrary(options);
  await seedLibrary(before, 3);
  before.close();
  await bytes.clear();
  const library = createMediaLibrary(options);
  await library.ready;
  return { library };
}

/** The browser removed the files: the notice says so once, and Import opens the Backup import. */
export const FilesRemovedByTheBrowser: Story = {
  loaders: [evictedLibrary],
  beforeEach: () => () => {
    for (const name of evictedNames.splice(0)) indexedDB.deleteDatabase(`medialoft:${name}`);
  },
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library;
    await expect(library.getState().storageIncident?.kind).toBe('bytes-removed');
    const notice = await canvas.findByRole('alert');
    await expect(notice).toHaveTextContent(
      /Your browser removed this library's files after your visit on .+; restore them from an export\./,
    );
    // The records stay, each showing that it can't be shown rather than a broken image.
    const grid = await canvas.findByRole('grid', { name: 'Assets' });
    await waitFor(() => expect(within(grid).getAllByRole('gridcell')).toHaveLength(3));
    await expect([...library.getState().assets.values()].every((a) => a.unreadable)).toBe(true);

    // Import goes to the Backup menu's file input, whose dialog shows the restore.
    const archiveInput = canvas.getByLabelText('Library export file');
    const picked = spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    try {
      await userEvent.click(within(notice).getByRole('button', { name: 'Import library' }));
      await expect(picked.mock.contexts).toContain(archiveInput);
    } finally {
      picked.mockRestore();
    }
    // Said once: gone now, and acknowledged for the next visit too.
    await waitFor(() => expect(canvas.queryByRole('alert')).toBeNull());
    await expect(library.getState().storageIncident).toBeUndefined();
  },
};

/** The first import asks the browser to keep the files, and says why it may ask. */
export const FirstImportAsksToKeepFiles: Story = {
  loaders: libraryLoaders(0),
  play: async ({ canvas, userEvent, loaded }) => {
    const library = loaded.library;
    const asked = spyOn(library, 'requestPersistence').mockResolvedValue(false);
    spyOn(library, 'estimateStorage').mockResolvedValue({ libraryBytes: 0, persisted: false });
    await canvas.findByRole('button', { name: 'Drop, paste or choose files to add' });
    await expect(canvas.queryByText('Keeping your files')).toBeNull();

    const photo = new File([await drawImage('first photo', 64, 48)], 'first.png', {
      type: 'image/png',
    });
    await userEvent.upload(canvas.getByLabelText('Files to upload'), photo);
    const note = await canvas.findByRole('status', { name: /Keeping your files/ });
    await expect(note).toHaveTextContent(/may ask to let this site store data persistently/);
    await expect(asked).toHaveBeenCalledTimes(1);

    await userEvent.click(within(note).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(canvas.queryByText('Keeping your files')).toBeNull());
    // Asked once: a second import asks nothing more.
    const second = new File([await drawImage('second photo', 64, 48)], 'second.png', {
      type: 'image/png',
    });
    await userEvent.upload(canvas.getByLabelText('Files to upload'), second);
    await waitFor(() => expect(library.getState().assets.size).toBe(2));
    await expect(asked).toHaveBeenCalledTimes(1);
    await expect(canvas.queryByText('Keeping your files')).toBeNull();
  },
};
