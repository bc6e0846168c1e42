// The library's bytes against the browser's storage estimate and the configured cap, and the
// request to keep the origin's storage. Loaded on first use: a view that shows no meter never
// asks.
import type { LibraryContext } from './library-context';
import { libraryBytes } from './library-statistics';
import type { StorageEstimate } from './types';

interface StorageManagerLike {
  estimate?(): Promise<{ usage?: number; quota?: number }>;
  persisted?(): Promise<boolean>;
  persist?(): Promise<boolean>;
}

function storageManager(): StorageManagerLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
}

/**
 * The library's bytes, the origin's usage and quota where the browser reports them, the
 * configured cap, and what is left: the smaller of quota headroom and cap headroom.
 */
export async function estimateStorage(ctx: LibraryContext): Promise<StorageEstimate> {
  await ctx.loaded;
  const libraryBytesUsed = libraryBytes(ctx.store.getState());
  const storage = storageManager();
  const [estimate, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => undefined),
    storage?.persisted?.().catch(() => false),
  ]);
  const result: StorageEstimate = { libraryBytes: libraryBytesUsed, persisted: persisted === true };
  const headroom: number[] = [];
  if (estimate?.usage !== undefined) result.originUsage = estimate.usage;
  if (estimate?.quota !== undefined) {
    result.originQuota = estimate.quota;
    headroom.push(estimate.quota - (estimate.usage ?? 0));
  }
  const cap = ctx.options.storageCap;
  if (cap !== undefined) {
    result.cap = cap;
    headroom.push(cap - libraryBytesUsed);
  }
  if (headroom.length > 0) result.available = Math.max(0, Math.min(...headroom));
  return result;
}

/** Asks the browser to keep this origin's storage; false where it cannot or will not. */
export async function requestPersistence(): Promise<boolean> {
  try {
    return (await storageManager()?.persist?.()) === true;
  } catch {
    return false;
  }
}
