// @vitest-environment happy-dom
// The Backup menu over real libraries: "Export library" saves a dated zip, "Import library"
// restores it into a fresh library and sums it up, and a file that is no export says so.
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibraryArchiveMenu } from './library-archive-menu';
import { LibraryHeader } from './library-header';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
  vi.restoreAllMocks();
});

/** Catches what saveBlob hands the browser: the Blob behind the link and the link's name. */
function catchDownloads() {
  const saved: { blob: Blob; name: string }[] = [];
  const blobs = new Map<string, Blob>();
  const create = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = create(blob as Blob);
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click(
    this: HTMLAnchorElement,
  ) {
    const blob = blobs.get(this.href);
    if (blob) saved.push({ blob, name: this.download });
  });
  return saved;
}

describe('LibraryArchiveMenu', () => {
  it('in the header, opens once loaded when its button was pressed while it loaded', async () => {
    const { user } = renderPreset(
      <LibraryHeader onUpload={() => {}} onImportUrl={async () => {}} />,
      { library: createTestLibrary() },
    );
    // The menu's code loads apart: the button standing in for it is pressed at once.
    const standIn = screen.getByRole('button', { name: 'Backup' });
    expect(standIn.getAttribute('aria-haspopup')).toBeNull();
    await user.click(standIn);
    expect(await screen.findByRole('menuitem', { name: 'Export library' })).toBeDefined();
  });

  it('exports a zip, then imports it into a fresh library with a summary', async () => {
    const saved = catchDownloads();
    const source = createTestLibrary();
    await source.importFiles([pngFile(1, 'a.png'), pngFile(2, 'b.png')]);
    const { user } = renderPreset(
      <LibraryHeader onUpload={() => {}} onImportUrl={async () => {}} />,
      { library: source },
    );
    await user.click(screen.getByRole('button', { name: 'Backup' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Export library' }));
    await screen.findByText(/^Saved as /);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toMatch(/^mantine-\w+-\d{4}-\d{2}-\d{2}\.medialoft\.zip$/);
    cleanup();

    const target = createTestLibrary();
    const fresh = renderPreset(<LibraryArchiveMenu />, { library: target });
    await fresh.user.click(screen.getByRole('button', { name: 'Backup' }));
    expect(await screen.findByRole('menuitem', { name: 'Import library' })).toBeDefined();
    const file = new File([saved[0]?.blob as Blob], 'backup.zip', { type: 'application/zip' });
    await fresh.user.upload(screen.getByLabelText('Library export file'), file);
    const alert = await screen.findByText('2 restored', {}, { timeout: 10_000 });
    expect(alert).toBeDefined();
    expect([...target.getState().assets.values()].map((asset) => asset.name).sort()).toEqual([
      'a.png',
      'b.png',
    ]);
  });

  it('exports the selection, or the collection on screen, on their own', async () => {
    const saved = catchDownloads();
    const library = createTestLibrary();
    const album = await library.createCollection('Album');
    const results = await library.importFiles([
      pngFile(1, 'a.png'),
      { blob: pngFile(2, 'b.png'), collectionIds: [album.id] },
      pngFile(3, 'c.png'),
    ]);
    const ids = results.map((r) => (r.status === 'imported' ? r.asset.id : ''));
    const { user } = renderPreset(
      <LibraryArchiveMenu
        selection={[ids[0] as string, ids[2] as string]}
        collectionId={album.id}
      />,
      { library },
    );
    const { unzipSync } = await import('fflate');
    const names = (blob: Blob) =>
      blob.arrayBuffer().then((buffer) => {
        const manifest = unzipSync(new Uint8Array(buffer))['manifest.json'] as Uint8Array;
        const assets = JSON.parse(new TextDecoder().decode(manifest)).assets as { name: string }[];
        return assets.map((asset) => asset.name).sort();
      });

    await user.click(screen.getByRole('button', { name: 'Backup' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Export selection (2)' }));
    await screen.findByText(/^Saved as /);
    expect(await names(saved[0]?.blob as Blob)).toEqual(['a.png', 'c.png']);

    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(screen.getByRole('button', { name: 'Backup' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Export collection' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(await names(saved[1]?.blob as Blob)).toEqual(['b.png']);
  });

  it('says in words when the file is not a library export', async () => {
    const { user } = renderPreset(<LibraryArchiveMenu />);
    const file = new File(['just text'], 'notes.zip', { type: 'application/zip' });
    await user.upload(screen.getByLabelText('Library export file'), file);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This file is not a MediaLoft library export.');
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  });
});
