// Eviction simulated in real Chromium: a library's OPFS directory, its IndexedDB databases or
// both are deleted between two opens, as a browser clearing site data would, and the next open
// names what went. The note of the last session lives in the real localStorage.
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from './db';
import { createMediaLibrary, type MediaLibraryInstance } from './library';
import { idbBlobDatabaseName, opfsDirectoryName } from './storage/default-blob-store';
import { storageNoteKey } from './storage-marker';
import type { BlobStorePath, StorageIncident } from './types';

const names: string[] = [];
const opened: MediaLibraryInstance[] = [];

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

async function removeOpfsDirectory(name: string): Promise<void> {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(opfsDirectoryName(name), { recursive: true });
}

afterEach(async () => {
  for (const library of opened.splice(0)) library.close();
  for (const name of names.splice(0)) {
    localStorage.removeItem(storageNoteKey(name));
    await deleteDatabase(libraryDbName(name)).catch(() => undefined);
    await deleteDatabase(idbBlobDatabaseName(name)).catch(() => undefined);
    await removeOpfsDirectory(name).catch(() => undefined);
  }
});

async function png(hue: number): Promise<File> {
  const canvas = new OffscreenCanvas(64, 48);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = `hsl(${hue} 70% 50%)`;
  context.fillRect(0, 0, 64, 48);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], `hue-${hue}.png`, {
    type: 'image/png',
  });
}

async function openLibrary(name: string, path?: BlobStorePath): Promise<MediaLibraryInstance> {
  const library = createMediaLibrary({
    name,
    broadcast: false,
    ...(path ? { blobStorePath: path } : {}),
  });
  opened.push(library);
  await library.ready;
  return library;
}

/** A library of two real images, closed; resolves once its connections are released. */
async function seeded(path?: BlobStorePath): Promise<string> {
  const name = `evict-${crypto.randomUUID()}`;
  names.push(name);
  const library = await openLibrary(name, path);
  await library.importFiles([await png(10), await png(200)]);
  library.close();
  return name;
}

async function incidentAfter(
  name: string,
  evict: () => Promise<void>,
  path?: BlobStorePath,
): Promise<{ incident: StorageIncident | undefined; library: MediaLibraryInstance }> {
  await evict();
  const library = await openLibrary(name, path);
  return { incident: library.getState().storageIncident, library };
}

describe('eviction between two opens', () => {
  it('an ordinary reopen reports nothing', async () => {
    const name = await seeded();
    const library = await openLibrary(name);
    expect(library.getState().storageIncident).toBeUndefined();
    expect(library.getState().assets.size).toBe(2);
  });

  it('the OPFS directory deleted: bytes-removed, the records kept as unreadable', async () => {
    const name = await seeded();
    const { incident, library } = await incidentAfter(name, () => removeOpfsDirectory(name));
    expect(incident?.kind).toBe('bytes-removed');
    const assets = [...library.getState().assets.values()];
    expect(assets).toHaveLength(2);
    expect(assets.every((asset) => asset.unreadable === true)).toBe(true);
    expect(await library.getBlob(assets[0]?.id as string)).toBeUndefined();
  });

  it('the records database deleted: records-removed', async () => {
    const name = await seeded();
    const { incident } = await incidentAfter(name, () => deleteDatabase(libraryDbName(name)));
    expect(incident?.kind).toBe('records-removed');
  });

  it('both deleted: all-removed', async () => {
    const name = await seeded();
    const { incident } = await incidentAfter(name, async () => {
      await deleteDatabase(libraryDbName(name));
      await removeOpfsDirectory(name);
    });
    expect(incident?.kind).toBe('all-removed');
  });

  it('the IndexedDB blob database deleted (the path without OPFS): bytes-removed', async () => {
    const name = await seeded('indexeddb');
    const { incident } = await incidentAfter(
      name,
      () => deleteDatabase(idbBlobDatabaseName(name)),
      'indexeddb',
    );
    expect(incident?.kind).toBe('bytes-removed');
  });

  it('the worker-written OPFS path: its directory deleted is bytes-removed', async () => {
    const name = await seeded('opfs-sync');
    const { incident } = await incidentAfter(name, () => removeOpfsDirectory(name), 'opfs-sync');
    expect(incident?.kind).toBe('bytes-removed');
  });
});
