// The page of the two-tab stress test: a library on the origin's default storage (OPFS in
// Chromium, cross-tab sync on), driven from the test through `window.twoTabs`. Bundled with
// esbuild and served by library-page-server.ts.
import {
  createMediaLibrary,
  type MediaLibraryInstance,
} from '../packages/media-library/src/core/index';
import { opfsDirectoryName } from '../packages/media-library/src/core/storage/default-blob-store';
import { keyToFileName } from '../packages/media-library/src/core/storage/opfs-blob-store';

/** One step of the schedule. `pick`s in [0, 1) choose among the assets the page sees then. */
export type TwoTabsOp =
  | { kind: 'import'; items: Array<{ seed: number; png: boolean }> }
  | { kind: 'tag'; picks: number[]; tag: string }
  | { kind: 'untag'; picks: number[]; tag: string }
  | { kind: 'collect'; picks: number[]; collection: number }
  | { kind: 'uncollect'; picks: number[]; collection: number }
  | { kind: 'delete'; picks: number[] };

/** The state both tabs and a fresh reopen must agree on. */
export interface TwoTabsSnapshot {
  assets: Array<{ id: string; sha256: string; tags: string[]; collections: string[] }>;
  collections: Array<{ id: string; name: string }>;
  /** SHA-256 of the stored original (and thumbnail, when the record has one) of each asset. */
  bytes: Record<string, { original?: string; thumbnail?: string }>;
}

/** What a run did: operations done, and those refused because the other tab got there first. */
export interface TwoTabsRunReport {
  done: number;
  gone: number;
  imported: number;
  duplicates: number;
}

let library: MediaLibraryInstance | undefined;

function current(): MediaLibraryInstance {
  if (!library) throw new Error('Call twoTabs.open(name) first.');
  return library;
}

/** Deterministic bytes for a seed: a small PNG drawn by the browser, or noise. */
async function content(seed: number, png: boolean): Promise<File> {
  if (png) {
    // Larger than a thumbnail, so each gets one of its own.
    const canvas = new OffscreenCanvas(420 + (seed % 5) * 20, 440);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.fillStyle = `hsl(${(seed * 37) % 360} 70% 50%)`;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = `hsl(${(seed * 91) % 360} 60% 30%)`;
    context.fillRect(seed % 200, 50, 120, 120);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return new File([blob], `image-${seed}.png`, { type: 'image/png' });
  }
  const data = new Uint8Array(2048 + seed * 97);
  let x = seed + 1;
  for (let i = 0; i < data.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  return new File([data], `data-${seed}.bin`);
}

async function sha256(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function pickIds(picks: number[]): string[] {
  const ids = [...current().getState().assets.keys()].sort();
  if (ids.length === 0) return [];
  return [...new Set(picks.map((pick) => ids[Math.floor(pick * ids.length)] as string))];
}

function collectionId(index: number): string | undefined {
  const name = `Collection ${index}`;
  return [...current().getState().collections.values()].find((c) => c.name === name)?.id;
}

/** An asset or collection the other tab removed meanwhile: expected, and counted. */
function isGone(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'not_found';
}

async function runOne(op: TwoTabsOp, report: TwoTabsRunReport): Promise<void> {
  const lib = current();
  if (op.kind === 'import') {
    const files = await Promise.all(op.items.map((item) => content(item.seed, item.png)));
    const results = await lib.importFiles(files);
    for (const result of results) {
      if (result.status === 'failed') throw result.error;
      if (result.status === 'imported') report.imported++;
      else report.duplicates++;
    }
    return;
  }
  const ids = pickIds(op.picks);
  if (ids.length === 0) return;
  switch (op.kind) {
    case 'tag':
      return lib.addTags(ids, [op.tag]);
    case 'untag':
      return lib.removeTags(ids, [op.tag]);
    case 'delete':
      return lib.delete(ids);
    case 'collect':
    case 'uncollect': {
      const id = collectionId(op.collection);
      if (!id) return;
      return op.kind === 'collect'
        ? lib.addToCollection(id, ids)
        : lib.removeFromCollection(id, ids);
    }
  }
}

const api = {
  /** Opens the library (waits for `ready`, start-up sweep included); returns that sweep's report. */
  async open(name: string) {
    library = createMediaLibrary({ name });
    await library.ready;
    return { lastSweep: library.lastSweep ?? null, store: library.getState().assets.size };
  },
  /** Makes the collections `Collection 0..count-1` that do not exist yet. */
  async ensureCollections(count: number) {
    for (let i = 0; i < count; i++) {
      if (!collectionId(i)) await current().createCollection(`Collection ${i}`);
    }
  },
  collectionCount: () => current().getState().collections.size,
  /** Runs `ops` in order over `lanes` concurrent lanes (op i goes to lane i mod lanes). */
  async run(ops: TwoTabsOp[], lanes: number): Promise<TwoTabsRunReport> {
    const report: TwoTabsRunReport = { done: 0, gone: 0, imported: 0, duplicates: 0 };
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        for (let i = lane; i < ops.length; i += lanes) {
          try {
            await runOne(ops[i] as TwoTabsOp, report);
            report.done++;
          } catch (error) {
            if (!isGone(error)) {
              throw new Error(`Operation ${i} (${JSON.stringify(ops[i])}) failed: ${error}`);
            }
            report.gone++;
          }
        }
      }),
    );
    return report;
  },
  /** Records and the bytes behind them, sorted, as this tab sees them. */
  async snapshot(): Promise<TwoTabsSnapshot> {
    const lib = current();
    const state = lib.getState();
    const assets = [...state.assets.values()]
      .map((asset) => ({
        id: asset.id,
        sha256: asset.sha256,
        tags: [...asset.tags].sort(),
        collections: [...asset.collectionIds].sort(),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    const collections = [...state.collections.values()]
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => a.id.localeCompare(b.id));
    const bytes: TwoTabsSnapshot['bytes'] = {};
    for (const asset of state.assets.values()) {
      const original = await lib.getBlob(asset.id, 'original');
      const thumbnail = asset.thumbnailKey ? await lib.getBlob(asset.id, 'thumbnail') : undefined;
      bytes[asset.id] = {
        ...(original ? { original: await sha256(original) } : {}),
        ...(thumbnail ? { thumbnail: await sha256(thumbnail) } : {}),
      };
    }
    return { assets, collections, bytes };
  },
  /** The OPFS file names of the keys the records reference (originals and thumbnails). */
  referencedFiles(): string[] {
    // The Trash keeps its assets' bytes until it is emptied.
    const { assets, trash } = current().getState();
    return [...assets.values(), ...trash.values()]
      .flatMap((asset) =>
        asset.thumbnailKey ? [asset.blobKey, asset.thumbnailKey] : [asset.blobKey],
      )
      .map(keyToFileName)
      .sort();
  },
  /** Names of the files in the library's OPFS directory, read before any library opens. */
  async storedFiles(name: string): Promise<string[]> {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle(opfsDirectoryName(name)).catch(() => undefined);
    const names: string[] = [];
    if (!dir) return names;
    const walk = async (handle: FileSystemDirectoryHandle, prefix: string) => {
      for await (const [entry, child] of (
        handle as unknown as {
          entries(): AsyncIterable<[string, FileSystemHandle]>;
        }
      ).entries()) {
        if (child.kind === 'directory') {
          await walk(child as FileSystemDirectoryHandle, `${prefix}${entry}/`);
        } else names.push(`${prefix}${entry}`);
      }
    };
    await walk(dir, '');
    return names.sort();
  },
  sweep: () => current().sweep(),
};

(globalThis as unknown as { twoTabs: typeof api }).twoTabs = api;
export type TwoTabsApi = typeof api;
