// @vitest-environment happy-dom
// useLibraryArchive over real libraries: export names the file and reports progress, importing
// it into a fresh library (and again) sums the outcome in words, a non-archive is a typed
// error, and cancel keeps nothing.
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchiveError } from '../core/archive/archive-errors';
import type { ArchiveImportReport } from '../core/archive/archive-types';
import type { MediaLibraryInstance } from '../core/library';
import { createHarness, pngFile } from '../core/testing/library-harness';
import { MediaLibraryProvider } from './media-library-provider';
import { summarizeArchiveImport, useLibraryArchive } from './use-library-archive';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  cleanup();
  for (const library of opened.splice(0)) library.close();
});

function open(name = 'My photos'): MediaLibraryInstance {
  const library = createHarness({ name, thumbnails: false }).open();
  opened.push(library);
  return library;
}

function render(library: MediaLibraryInstance) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library}>{children}</MediaLibraryProvider>
  );
  return renderHook(() => useLibraryArchive(), { wrapper });
}

describe('useLibraryArchive', () => {
  it('exports with a dated file name, then restores into a fresh library and says so', async () => {
    const source = open();
    await source.importFiles([pngFile(1), pngFile(2), pngFile(3)]);
    const exporter = render(source);
    expect(exporter.result.current.status).toBe('idle');
    let made!: { blob: Blob; fileName: string };
    await act(async () => {
      made = await exporter.result.current.exportLibrary();
    });
    expect(made.fileName).toMatch(/^My-photos-\d{4}-\d{2}-\d{2}\.medialoft\.zip$/);
    expect(made.fileName).toContain(new Date().toISOString().slice(0, 10));
    expect(made.blob.size).toBeGreaterThan(0);
    expect(exporter.result.current.status).toBe('done');
    expect(exporter.result.current.progress?.assetsDone).toBe(3);

    const target = open('Fresh');
    await target.importFiles([pngFile(2)]);
    const importer = render(target);
    await act(async () => {
      await importer.result.current.importLibrary(made.blob);
    });
    expect(importer.result.current.status).toBe('done');
    expect(importer.result.current.result).toBe('2 restored, 1 already in your library');
    expect(importer.result.current.progress?.assetsTotal).toBe(3);
    expect(target.getState().assets).toHaveLength(3);

    await act(async () => {
      await importer.result.current.importLibrary(made.blob);
    });
    expect(importer.result.current.result).toBe('3 already in your library');
    expect(target.getState().assets).toHaveLength(3);
  });

  it('saves the archive into a file handle, reporting the writing as progress', async () => {
    const source = open();
    await source.importFiles([pngFile(1), pngFile(2)]);
    const chunks: Uint8Array[] = [];
    const handle = {
      name: 'picked.zip',
      createWritable: async () =>
        // A copy: the writer may read into the same buffer again once a write has ended.
        new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk.slice()) }),
    } as unknown as FileSystemFileHandle;
    const hook = render(source);
    let saved: { fileName: string; bytes: number; via: string } | undefined;
    await act(async () => {
      saved = await hook.result.current.saveLibrary({ fileHandle: handle });
    });
    expect(saved).toMatchObject({ fileName: 'picked.zip', via: 'file' });
    const written = await new Blob(chunks as BlobPart[]).arrayBuffer();
    expect(written.byteLength).toBe(saved?.bytes);
    // The same archive an export makes (the date in it is the same day's).
    const { unzipSync } = await import('fflate');
    expect(Object.keys(unzipSync(new Uint8Array(written))).sort()).toEqual(
      Object.keys(
        unzipSync(new Uint8Array(await (await source.exportArchive()).arrayBuffer())),
      ).sort(),
    );
    expect(hook.result.current.status).toBe('done');
    expect(hook.result.current.progress).toMatchObject({
      phase: 'writing',
      bytesDone: saved?.bytes,
      bytesTotal: saved?.bytes,
    });
  });

  it('sets a typed archive_invalid error for a file that is not an archive', async () => {
    const hook = render(open());
    let caught: unknown;
    await act(async () => {
      await hook.result.current
        .importLibrary(new Blob(['not a zip'], { type: 'application/zip' }))
        .catch((e) => {
          caught = e;
        });
    });
    expect(caught).toBeInstanceOf(ArchiveError);
    expect(hook.result.current.status).toBe('error');
    expect((hook.result.current.error as ArchiveError).code).toBe('archive_invalid');
    expect(hook.result.current.result).toBeUndefined();
  });

  it('cancel stops an import and keeps nothing of it', async () => {
    const source = open();
    await source.importFiles([pngFile(1), pngFile(2)]);
    const blob = await source.exportArchive();
    const target = open('Fresh');
    const hook = render(target);
    let running!: Promise<unknown>;
    act(() => {
      running = hook.result.current.importLibrary(blob).catch((e) => e);
    });
    await waitFor(() => expect(hook.result.current.status).toBe('importing'));
    act(() => hook.result.current.cancel());
    const error = (await running) as ArchiveError;
    expect(error.code).toBe('canceled');
    await waitFor(() => expect(hook.result.current.status).toBe('error'));
    expect(target.getState().assets).toHaveLength(0);
  });

  it('summarizes a mixed report, leaving out zero counts', () => {
    const asset = {} as never;
    const report: ArchiveImportReport = {
      assets: [
        { id: 'a', name: 'a', status: 'imported', asset },
        { id: 'b', name: 'b', status: 'failed', error: new Error('x') },
        { id: 'c', name: 'c', status: 'imported', asset },
      ],
      collections: { created: 0, reused: 0 },
      truncated: false,
      ignoredEntries: [],
    };
    expect(summarizeArchiveImport(report)).toBe('2 restored, 1 failed');
    expect(summarizeArchiveImport({ ...report, assets: [] })).toBe('The archive holds no assets');
    const fromTrash: ArchiveImportReport = {
      ...report,
      assets: [
        { id: 'd', name: 'd', status: 'duplicate', asset, restored: true },
        { id: 'e', name: 'e', status: 'duplicate', asset },
        { id: 'f', name: 'f', status: 'duplicate', asset, restored: true },
      ],
    };
    expect(summarizeArchiveImport(fromTrash)).toBe(
      '2 back from the Trash, 1 already in your library',
    );
  });
});
