// @vitest-environment happy-dom
// useAssetVersions over a real library (fake-indexeddb, memory blob store): the parent and
// versions of an asset, live as edits land and go, and no re-render for unrelated changes.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import type { AssetSource, MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { useAssetVersions } from './use-asset-versions';

let libraries: MediaLibrary[] = [];
afterEach(() => {
  cleanup();
  for (const library of libraries) library.close();
  libraries = [];
});

async function openLibrary() {
  const library = createMediaLibrary({
    name: `use-asset-versions-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  libraries.push(library);
  await library.ready;
  return library;
}

async function add(library: MediaLibrary, name: string, source?: AssetSource): Promise<string> {
  const [result] = await library.importFiles([
    {
      blob: new Blob([`bytes of ${name}`], { type: 'text/plain' }),
      name,
      ...(source ? { source } : {}),
    },
  ]);
  if (result?.status !== 'imported') throw new Error(`could not import ${name}`);
  return result.asset.id;
}

function Versions({ id }: { id: string }) {
  const { parent, children, versions } = useAssetVersions(id);
  return (
    <p data-testid="versions">
      {`parent=${parent?.name ?? '-'} children=${children.map((a) => a.name).join(',')} versions=${versions
        .map((a) => a.name)
        .join(',')}`}
    </p>
  );
}

describe('useAssetVersions', () => {
  it('follows edits as they land and go, and ignores unrelated changes', async () => {
    const library = await openLibrary();
    const original = await add(library, 'original.txt');
    const crop = await add(library, 'crop.txt', {
      type: 'edit',
      operation: 'crop',
      parentId: original,
    });
    let commits = 0;
    render(
      <MediaLibraryProvider library={library}>
        <Profiler id="versions" onRender={() => commits++}>
          <Versions id={crop} />
        </Profiler>
      </MediaLibraryProvider>,
    );
    expect(screen.getByTestId('versions').textContent).toBe(
      'parent=original.txt children= versions=original.txt',
    );

    let flip = '';
    await act(async () => {
      flip = await add(library, 'flip.txt', { type: 'edit', operation: 'flip', parentId: crop });
    });
    await waitFor(() =>
      expect(screen.getByTestId('versions').textContent).toBe(
        'parent=original.txt children=flip.txt versions=flip.txt,original.txt',
      ),
    );

    const before = commits;
    await act(async () => {
      await add(library, 'unrelated.txt');
    });
    expect(commits).toBe(before);

    await act(async () => {
      await library.delete([flip]);
    });
    await waitFor(() =>
      expect(screen.getByTestId('versions').textContent).toBe(
        'parent=original.txt children= versions=original.txt',
      ),
    );
  });

  it('is empty without an id or for an asset with no family', async () => {
    const library = await openLibrary();
    const lone = await add(library, 'lone.txt');
    render(
      <MediaLibraryProvider library={library}>
        <Versions id={lone} />
      </MediaLibraryProvider>,
    );
    expect(screen.getByTestId('versions').textContent).toBe('parent=- children= versions=');
  });
});
