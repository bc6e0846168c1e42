// Saving an export in real Chromium: through the save picker (stubbed with an OPFS file, whose
// handle writes like a picked one) the archive streams into the file and reads back as a valid
// library archive; a cancel mid-write leaves the file as it was; without a picker the archive
// goes to a download.
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { libraryDbName } from '../db';
import { createMediaLibrary, type MediaLibraryInstance } from '../library';
import { opfsDirectoryName } from '../storage/default-blob-store';
import type { ArchiveManifest, ArchiveProgress } from './archive-types';
import { saveLibraryArchive } from './save-archive';

const opened: MediaLibraryInstance[] = [];
const outputs: string[] = [];

async function openLibrary(): Promise<MediaLibraryInstance> {
  const library = createMediaLibrary({ name: `save-${crypto.randomUUID()}`, broadcast: false });
  opened.push(library);
  await library.ready;
  return library;
}

/** A fresh OPFS file, as the save picker would hand it over. */
async function outputFile(): Promise<FileSystemFileHandle> {
  const name = `save-test-${crypto.randomUUID()}.zip`;
  outputs.push(name);
  const root = await navigator.storage.getDirectory();
  return root.getFileHandle(name, { create: true });
}

/** Distinct bytes of `size`, different for each `seed`. */
function bytes(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(size);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  return data;
}

afterEach(async () => {
  vi.unstubAllGlobals();
  const root = await navigator.storage.getDirectory();
  for (const library of opened.splice(0)) {
    await library.clear().catch(() => undefined);
    library.close();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(library.name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
    await root.removeEntry(opfsDirectoryName(library.name), { recursive: true }).catch(() => {});
  }
  for (const name of outputs.splice(0)) await root.removeEntry(name).catch(() => undefined);
});

// Megabytes are hashed, written to OPFS and unzipped again on a loaded machine.
describe('saveLibraryArchive in Chromium', { timeout: 60_000 }, () => {
  it('streams the archive into the file the save picker returns', async () => {
    const library = await openLibrary();
    const album = await library.createCollection('Album');
    const files = [
      new File([bytes(1536 * 1024, 1)], 'one.bin'),
      new File([bytes(2560 * 1024, 2)], 'two.bin'),
      new File([bytes(1000, 3)], 'three.bin'),
    ];
    await library.importFiles([
      { blob: files[0] as File, tags: ['kept'], collectionIds: [album.id] },
      { blob: files[1] as File },
      { blob: files[2] as File, collectionIds: [album.id] },
    ]);
    const handle = await outputFile();
    const picker = vi.fn(async (_options: { suggestedName: string }) => handle);
    vi.stubGlobal('showSaveFilePicker', picker);
    const phases: ArchiveProgress[] = [];

    const saved = await saveLibraryArchive(library, {
      collectionId: album.id,
      onProgress: (p) => phases.push(p),
    });

    expect(picker).toHaveBeenCalledTimes(1);
    expect(picker.mock.calls[0]?.[0].suggestedName).toMatch(/\.medialoft\.zip$/);
    expect(saved.via).toBe('file');
    expect(saved.fileName).toBe(handle.name);
    const written = await handle.getFile();
    expect(written.size).toBe(saved.bytes);
    const writing = phases.filter((p) => p.phase === 'writing');
    expect(writing.at(-1)?.bytesDone).toBe(written.size);
    expect(phases.some((p) => p.phase === 'reading')).toBe(true);

    const entries = unzipSync(new Uint8Array(await written.arrayBuffer()));
    const manifest = JSON.parse(
      new TextDecoder().decode(entries['manifest.json']),
    ) as ArchiveManifest;
    expect(manifest.format).toBe('medialoft-archive');
    // The collection's two assets, not the third.
    expect(manifest.assets.map((a) => a.name).sort()).toEqual(['one.bin', 'three.bin']);
    for (const asset of manifest.assets) {
      const original = files.find((f) => f.name === asset.name) as File;
      expect(entries[asset.file]).toEqual(new Uint8Array(await original.arrayBuffer()));
    }

    // And the library restores it.
    const target = await openLibrary();
    const report = await target.importArchive(written);
    expect(report.assets.map((r) => r.status)).toEqual(['imported', 'imported']);
  });

  it('keeps nothing of a save canceled while it writes', async () => {
    const library = await openLibrary();
    await library.importFiles([new File([bytes(12 * 1024 * 1024, 4)], 'big.bin')]);
    const handle = await outputFile();
    const controller = new AbortController();

    const saving = saveLibraryArchive(library, {
      fileHandle: handle,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'writing' && p.bytesDone > 0) controller.abort();
      },
    });

    await expect(saving).rejects.toMatchObject({ name: 'ArchiveError', code: 'canceled' });
    expect((await handle.getFile()).size).toBe(0);
  });

  it('says canceled when the person closes the picker', async () => {
    const library = await openLibrary();
    vi.stubGlobal('showSaveFilePicker', async () => {
      throw new DOMException('The user aborted a request.', 'AbortError');
    });
    await expect(saveLibraryArchive(library)).rejects.toMatchObject({ code: 'canceled' });
  });

  it('downloads the archive where there is no save picker', async () => {
    const library = await openLibrary();
    await library.importFiles([new File([bytes(2048, 5)], 'small.bin')]);
    vi.stubGlobal('showSaveFilePicker', undefined);
    const clicked: Array<{ href: string; download: string; blob: Promise<Blob> }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      // Read the URL's bytes now: it is revoked once the download has started.
      clicked.push({
        href: this.href,
        download: this.download,
        blob: fetch(this.href).then((r) => r.blob()),
      });
    });
    try {
      const saved = await saveLibraryArchive(library, { fileName: 'mine.medialoft.zip' });
      expect(saved).toMatchObject({ via: 'download', fileName: 'mine.medialoft.zip' });
      expect(clicked).toHaveLength(1);
      expect(clicked[0]?.download).toBe('mine.medialoft.zip');
      const archive = await clicked[0]?.blob;
      expect(archive?.size).toBe(saved.bytes);
      const entries = unzipSync(new Uint8Array(await (archive as Blob).arrayBuffer()));
      expect(Object.keys(entries).sort()).toHaveLength(2);
      expect(entries['manifest.json']).toBeDefined();
    } finally {
      click.mockRestore();
    }
  });
});
