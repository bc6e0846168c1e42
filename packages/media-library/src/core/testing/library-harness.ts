// Test helpers for library unit tests (Node): a fresh fake IndexedDB and memory blob store per
// test, a deterministic clock and ids, an in-process BroadcastChannel hub, and sample bytes.
// Not exported from the package.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createMediaLibrary, type MediaLibraryInstance } from '../library';
import { createMemoryBlobStore } from '../storage/memory-blob-store';
import type { BlobStore, BroadcastChannelLike, MediaLibraryOptions } from '../types';

/** Channels by name; a message reaches every other channel of that name, asynchronously. */
export function createBroadcastHub(): (name: string) => BroadcastChannelLike {
  const channels = new Map<string, Set<FakeChannel>>();
  class FakeChannel implements BroadcastChannelLike {
    private listeners = new Set<(event: MessageEvent) => void>();
    constructor(private readonly name: string) {
      const peers = channels.get(name) ?? new Set();
      peers.add(this);
      channels.set(name, peers);
    }
    postMessage(message: unknown): void {
      const data = structuredClone(message);
      for (const peer of channels.get(this.name) ?? []) {
        if (peer !== this) setTimeout(() => peer.deliver(data), 0);
      }
    }
    deliver(data: unknown): void {
      for (const listener of this.listeners) listener({ data } as MessageEvent);
    }
    addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
      this.listeners.add(listener);
    }
    removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
      this.listeners.delete(listener);
    }
    close(): void {
      channels.get(this.name)?.delete(this);
    }
  }
  return (name) => new FakeChannel(name);
}

/** One simulated origin: shared IndexedDB and blob store, a clock and ids, a channel hub. */
export interface Harness {
  indexedDB: IDBFactory;
  blobStore: BlobStore;
  broadcast: (name: string) => BroadcastChannelLike;
  /** Current fake time; every `now()` call advances it by 1 ms. */
  clock: { time: number };
  open(overrides?: Partial<MediaLibraryOptions>): MediaLibraryInstance;
}

/** A fresh origin; `open` creates library instances on it (like tabs). */
export function createHarness(base: Partial<MediaLibraryOptions> = {}): Harness {
  const indexedDB = new IDBFactory();
  const blobStore = base.blobStore ?? createMemoryBlobStore();
  const broadcast = createBroadcastHub();
  const clock = { time: 1_700_000_000_000 };
  let nextId = 0;
  return {
    indexedDB,
    blobStore,
    broadcast,
    clock,
    open(overrides = {}) {
      return createMediaLibrary({
        name: 'test',
        indexedDB,
        blobStore,
        broadcast: false,
        now: () => clock.time++,
        createId: () => `id-${String(++nextId).padStart(4, '0')}`,
        ...base,
        ...overrides,
      });
    },
  };
}

/**
 * A tiny PNG-looking file: a real signature and IHDR (so sniffing and measuring see a PNG of
 * `width`×`height`), then `seed` bytes so each seed hashes differently.
 */
export function pngBytes(
  seed: number,
  width = 4,
  height = 3,
  padding = 64,
): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(33 + padding);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 13);
  bytes.set([0x49, 0x48, 0x44, 0x52], 12); // IHDR
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  for (let i = 33; i < bytes.length; i++) bytes[i] = (seed * 31 + i) % 251;
  return bytes;
}

/** A PNG `File` from {@link pngBytes}. */
export function pngFile(seed: number, name = `image-${seed}.png`, padding = 64): File {
  return new File([pngBytes(seed, 4, 3, padding)], name, { type: 'image/png' });
}

/** Bytes of a Blob, for byte-for-byte comparisons. */
export async function bytesOf(blob: Blob | undefined): Promise<number[]> {
  return blob ? [...new Uint8Array(await blob.arrayBuffer())] : [];
}

/** Every record in the library's database, read directly (not through the store). */
export async function rawRecords(factory: IDBFactory, name = 'test'): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(`medialoft:${name}`);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    if (!db.objectStoreNames.contains('assets')) return [];
    return await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction('assets').objectStore('assets').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}
