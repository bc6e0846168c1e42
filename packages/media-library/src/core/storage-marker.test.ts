// Noticing what the browser removed between two sessions, in Node: the decision table, then
// whole libraries whose bytes, records or both are cleared between two opens.
import { afterEach, describe, expect, it } from 'vitest';
import { libraryDbName } from './db';
import type { MediaLibraryInstance } from './library';
import { decideIncident, readStorageNote, type StorageNote } from './storage-marker';
import {
  bytesOf,
  createHarness,
  type Harness,
  pngFile,
  rawRecords,
} from './testing/library-harness';
import { memoryStorage } from './testing/memory-storage';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

function origin() {
  const storage = memoryStorage();
  const h = createHarness({ storageMarker: storage });
  return {
    h,
    storage,
    async open(): Promise<MediaLibraryInstance> {
      const library = h.open();
      opened.push(library);
      await library.ready;
      return library;
    },
  };
}

async function seeded(count = 3) {
  const o = origin();
  const first = await o.open();
  const results = await first.importFiles(
    Array.from({ length: count }, (_, i) => pngFile(500 + i)),
  );
  const ids = results.map((result) => (result.status === 'imported' ? result.asset.id : ''));
  const archive = await first.exportArchive();
  first.close();
  return { ...o, ids, archive, note: readStorageNote(o.storage, 'test') as StorageNote };
}

function deleteRecords(h: Harness): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = h.indexedDB.deleteDatabase(libraryDbName('test'));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

describe('decideIncident', () => {
  const note = { library: 'test', assetCount: 5, lastSeenAt: 1000 };
  const base = { note, recordCount: 5, blobMarker: true, sampleHasBytes: false, now: 2000 };

  it('sees nothing wrong when records and the marker are there', () => {
    expect(decideIncident(base)).toBeUndefined();
  });

  it('tells bytes, records and both apart', () => {
    expect(decideIncident({ ...base, blobMarker: false })).toEqual({
      kind: 'bytes-removed',
      detectedAt: 2000,
      lastSeenAt: 1000,
    });
    expect(decideIncident({ ...base, recordCount: 0 })?.kind).toBe('records-removed');
    expect(decideIncident({ ...base, recordCount: 0, blobMarker: false })?.kind).toBe(
      'all-removed',
    );
  });

  it('takes records with bytes but no marker for a library from before the marker', () => {
    expect(decideIncident({ ...base, blobMarker: false, sampleHasBytes: true })).toBeUndefined();
  });

  it('sees no loss in an empty library that was empty last time, or never seen', () => {
    const empty = { ...base, recordCount: 0, blobMarker: false };
    expect(decideIncident({ ...empty, note: { ...note, assetCount: 0 } })).toBeUndefined();
    expect(decideIncident({ ...empty, note: undefined })).toBeUndefined();
  });

  it('without a note, dates lost bytes by the newest record', () => {
    const found = decideIncident({
      ...base,
      note: undefined,
      blobMarker: false,
      newestUpdate: 1500,
    });
    expect(found).toEqual({ kind: 'bytes-removed', detectedAt: 2000, lastSeenAt: 1500 });
  });
});

describe('a library reopened after the browser cleared storage', () => {
  it('reports nothing on an ordinary reopen, and keeps the note up to date', async () => {
    const { open, storage, note } = await seeded();
    expect(note).toMatchObject({ library: 'test', assetCount: 3 });
    const library = await open();
    expect(library.getState().storageIncident).toBeUndefined();
    await library.deleteForever([...library.getState().assets.keys()][0] as string);
    expect(readStorageNote(storage, 'test')?.assetCount).toBe(2);
    expect(readStorageNote(storage, 'test')?.lastSeenAt).toBeGreaterThan(note.lastSeenAt);
  });

  it('bytes removed: reports it, keeps the records marked unreadable, deletes none', async () => {
    const { h, open, ids, note } = await seeded();
    await h.blobStore.clear();
    const library = await open();
    const incident = library.getState().storageIncident;
    expect(incident).toMatchObject({ kind: 'bytes-removed', lastSeenAt: note.lastSeenAt });
    expect(incident?.detectedAt).toBeGreaterThan(note.lastSeenAt);
    expect(library.lastSweep?.recordsRemoved).toBe(0);
    for (const id of ids) expect(library.get(id)?.unreadable).toBe(true);
    library.close();

    // Not yet acknowledged: the next session shows the same incident; the records stay.
    const again = await open();
    expect(again.getState().storageIncident).toEqual(incident);
    expect(again.getState().assets.size).toBe(3);
    expect(await again.sweep()).toMatchObject({ recordsRemoved: 0 });
    again.acknowledgeStorageIncident();
    expect(again.getState().storageIncident).toBeUndefined();
    again.close();

    const later = await open();
    expect(later.getState().storageIncident).toBeUndefined();
    expect(later.getState().assets.size).toBe(3);
  });

  it('bytes removed: importing an export brings the files back under the same names', async () => {
    const { h, open, ids, archive } = await seeded();
    await h.blobStore.clear();
    const library = await open();
    const names = ids.map((id) => library.get(id)?.name).sort();
    const report = await library.importArchive(archive);
    expect(report.assets.map((result) => result.status)).toEqual([
      'imported',
      'imported',
      'imported',
    ]);
    const assets = [...library.getState().assets.values()];
    expect(assets.map((asset) => asset.name).sort()).toEqual(names);
    for (const asset of assets) {
      expect(asset.unreadable).toBeUndefined();
      expect((await bytesOf(await library.getBlob(asset.id))).length).toBe(asset.size);
    }
    // Nothing doubled, nothing left without bytes, also after a reopen and a sweep.
    library.close();
    const reopened = await open();
    expect(reopened.getState().assets.size).toBe(3);
    expect(await reopened.sweep()).toMatchObject({ recordsRemoved: 0, orphanBlobsDeleted: 0 });
  });

  it('records removed: reports it', async () => {
    const { h, open, note } = await seeded();
    await deleteRecords(h);
    const library = await open();
    expect(library.getState().storageIncident).toMatchObject({
      kind: 'records-removed',
      lastSeenAt: note.lastSeenAt,
    });
    expect(library.getState().assets.size).toBe(0);
  });

  it('both removed: reports it', async () => {
    const { h, open } = await seeded();
    await deleteRecords(h);
    await h.blobStore.clear();
    const library = await open();
    expect(library.getState().storageIncident?.kind).toBe('all-removed');
    library.acknowledgeStorageIncident();
    library.close();
    expect((await open()).getState().storageIncident).toBeUndefined();
  });

  it('a library emptied by clear() is no incident', async () => {
    const { open } = await seeded();
    const library = await open();
    await library.clear();
    library.close();
    expect((await open()).getState().storageIncident).toBeUndefined();
  });

  it('a library from before the marker reports nothing and still removes a crashed record', async () => {
    const { h, open, ids, storage } = await seeded();
    // No note, no readable marker, and one record's bytes lost to a crashed delete.
    storage.items.clear();
    await h.blobStore.writeMarker?.('not a marker');
    const lost = (await rawAsset(h, ids[0] as string)).blobKey;
    await h.blobStore.delete(lost);
    const library = await open();
    expect(library.getState().storageIncident).toBeUndefined();
    expect(library.lastSweep?.recordsRemoved).toBe(1);
    expect(library.getState().assets.size).toBe(2);
  });
});

async function rawAsset(h: Harness, id: string): Promise<{ blobKey: string }> {
  const records = (await rawRecords(h.indexedDB)) as Array<{ id: string; blobKey: string }>;
  return records.find((record) => record.id === id) as { blobKey: string };
}
