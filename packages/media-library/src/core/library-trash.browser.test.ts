// The Trash in real Chromium across two instances of one library (as two tabs: a real
// BroadcastChannel, OPFS bytes, IndexedDB records): a delete in one leaves its grid and fills
// the other's Trash, a restore there brings tags and collections back here, and emptying
// removes the OPFS files for both.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { libraryDbName } from './db';
import { createMediaLibrary, type MediaLibraryInstance } from './library';
import { opfsDirectoryName } from './storage/default-blob-store';

const names: string[] = [];
const open: MediaLibraryInstance[] = [];
afterEach(async () => {
  for (const library of open.splice(0)) library.close();
  for (const name of names.splice(0)) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
  }
});

async function png(hue: number): Promise<File> {
  const canvas = new OffscreenCanvas(48, 48);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = `hsl(${hue} 70% 50%)`;
  context.fillRect(0, 0, 48, 48);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], `hue-${hue}.png`);
}

/** The file names in the library's OPFS directory, however deep. */
async function opfsFiles(name: string): Promise<string[]> {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle(opfsDirectoryName(name)).catch(() => undefined);
  const found: string[] = [];
  const walk = async (handle: FileSystemDirectoryHandle, prefix: string) => {
    const entries = (
      handle as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }
    ).entries();
    for await (const [entry, child] of entries) {
      if (child.kind === 'directory')
        await walk(child as FileSystemDirectoryHandle, `${prefix}${entry}/`);
      else found.push(`${prefix}${entry}`);
    }
  };
  if (dir) await walk(dir, '');
  return found;
}

describe('the Trash in Chromium, two instances', () => {
  it('delete, restore and empty reach the other instance; emptying removes the OPFS files', async () => {
    const name = `trash-${crypto.randomUUID()}`;
    names.push(name);
    const a = createMediaLibrary({ name });
    const b = createMediaLibrary({ name });
    open.push(a, b);
    await Promise.all([a.ready, b.ready]);
    const results = await a.importFiles([await png(10), await png(200)]);
    const [fox, whale] = results.map((r) => (r.status === 'imported' ? r.asset.id : '')) as [
      string,
      string,
    ];
    const collection = await a.createCollection('Trip');
    await a.addToCollection(collection.id, fox);
    await a.addTags(fox, ['kept']);
    await vi.waitFor(() => expect(b.get(fox)?.tags).toEqual(['kept']));
    const filesBefore = (await opfsFiles(name)).length;
    expect(filesBefore).toBeGreaterThanOrEqual(2);

    await a.delete([fox, whale]);
    await vi.waitFor(() => expect(b.query({ trashed: true }).total).toBe(2));
    expect(b.query().total).toBe(0);
    expect(await opfsFiles(name)).toHaveLength(filesBefore);

    await b.restore(fox);
    await vi.waitFor(() => expect(a.get(fox)).toBeDefined());
    expect(a.get(fox)).toMatchObject({ tags: ['kept'], collectionIds: [collection.id] });
    expect(a.query({ collectionId: collection.id }).items.map((x) => x.id)).toEqual([fox]);

    expect(await b.emptyTrash()).toBe(1);
    await vi.waitFor(() => expect(a.getState().trash.size).toBe(0));
    const left = await opfsFiles(name);
    expect(left.length).toBeLessThan(filesBefore);
    expect(left.some((file) => file.includes(whale))).toBe(false);
    expect(await a.getBlob(whale)).toBeUndefined();
    expect(await a.getBlob(fox)).toBeDefined();
  });
});
