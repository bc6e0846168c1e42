// The page of the two-tab Trash test: a library on the origin's default storage (OPFS in
// Chromium, cross-tab sync on), driven from the test through `window.trashTabs`. Bundled with
// esbuild and served by library-page-server.ts.
import {
  createMediaLibrary,
  type MediaLibraryInstance,
} from '../packages/media-library/src/core/index';
import { opfsDirectoryName } from '../packages/media-library/src/core/storage/default-blob-store';

/** What one tab shows: the assets in its views and those in its Trash, sorted by id. */
export interface TrashTabsView {
  assets: Array<{ id: string; tags: string[]; collections: string[] }>;
  trash: Array<{ id: string; tags: string[]; collections: string[] }>;
  /** `query({ collectionId })` of each collection, so views and not only records are checked. */
  byCollection: Record<string, string[]>;
}

let library: MediaLibraryInstance | undefined;

function current(): MediaLibraryInstance {
  if (!library) throw new Error('Call trashTabs.open(name) first.');
  return library;
}

/** A PNG drawn by the browser, larger than a thumbnail so it gets one of its own. */
async function image(hue: number): Promise<File> {
  const canvas = new OffscreenCanvas(400, 420);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = `hsl(${hue} 70% 50%)`;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = `hsl(${(hue + 180) % 360} 60% 30%)`;
  context.fillRect(hue % 200, 60, 120, 120);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], `hue-${hue}.png`, { type: 'image/png' });
}

function row(asset: { id: string; tags: readonly string[]; collectionIds: readonly string[] }) {
  return {
    id: asset.id,
    tags: [...asset.tags].sort(),
    collections: [...asset.collectionIds].sort(),
  };
}

const api = {
  /** Opens the library and waits for `ready`. */
  async open(name: string) {
    library = createMediaLibrary({ name });
    await library.ready;
  },
  /** Imports one PNG per hue; returns the new assets' ids in order. */
  async importImages(hues: number[]): Promise<string[]> {
    const results = await current().importFiles(await Promise.all(hues.map(image)));
    return results.map((result) => {
      if (result.status !== 'imported') throw new Error(`Import was ${result.status}.`);
      return result.asset.id;
    });
  },
  addTags: (id: string, tags: string[]) => current().addTags(id, tags),
  /** Creates a collection holding `ids`; returns its id. */
  async collect(name: string, ids: string[]): Promise<string> {
    const collection = await current().createCollection(name);
    await current().addToCollection(collection.id, ids);
    return collection.id;
  },
  delete: (ids: string[]) => current().delete(ids),
  restore: (ids: string[]) => current().restore(ids),
  emptyTrash: () => current().emptyTrash(),
  /** This tab's views: `query()`, `query({ trashed: true })` and one query per collection. */
  view(): TrashTabsView {
    const lib = current();
    const all = { limit: 10_000 };
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const byCollection: Record<string, string[]> = {};
    for (const collection of lib.getState().collections.values()) {
      byCollection[collection.id] = lib
        .query({ ...all, collectionId: collection.id })
        .items.map((asset) => asset.id)
        .sort();
    }
    return {
      assets: lib.query(all).items.map(row).sort(byId),
      trash: lib
        .query({ ...all, trashed: true })
        .items.map(row)
        .sort(byId),
      byCollection,
    };
  },
  /** Names of the files in the library's OPFS directory, however deep. */
  async storedFiles(name: string): Promise<string[]> {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle(opfsDirectoryName(name)).catch(() => undefined);
    const names: string[] = [];
    const walk = async (handle: FileSystemDirectoryHandle, prefix: string) => {
      const entries = (
        handle as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }
      ).entries();
      for await (const [entry, child] of entries) {
        if (child.kind === 'directory') {
          await walk(child as FileSystemDirectoryHandle, `${prefix}${entry}/`);
        } else names.push(`${prefix}${entry}`);
      }
    };
    if (dir) await walk(dir, '');
    return names.sort();
  },
};

(globalThis as unknown as { trashTabs: typeof api }).trashTabs = api;
export type TrashTabsApi = typeof api;
