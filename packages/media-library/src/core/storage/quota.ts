// Recognises the browser's many ways of saying "out of space" and turns them into the
// library's typed StorageFullError, with the space still available when the browser says.
import { StorageFullError } from '../errors';

/** What `navigator.storage.estimate()` returns; injectable for tests. */
export type EstimateStorage = () => Promise<{ quota?: number; usage?: number }>;

/**
 * Whether an error means the storage quota was exceeded: a `QuotaExceededError` DOMException
 * (OPFS writes, IndexedDB transactions), Firefox's legacy name, the legacy code 22, or an
 * error that is already a `StorageFullError`.
 */
export function isQuotaExceeded(error: unknown): boolean {
  if (error instanceof StorageFullError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    (error instanceof DOMException && code === 22)
  );
}

/**
 * Bytes still free for this origin according to the browser, or undefined when it can't say.
 * Never throws.
 */
export async function availableBytes(estimate?: EstimateStorage): Promise<number | undefined> {
  try {
    const read = estimate ?? globalThis.navigator?.storage?.estimate?.bind(navigator.storage);
    if (!read) return undefined;
    const { quota, usage } = await read();
    return quota === undefined || usage === undefined ? undefined : Math.max(0, quota - usage);
  } catch {
    return undefined;
  }
}

/**
 * A `StorageFullError` for a failed write of `neededBytes`, with the cause kept and the
 * available space from `navigator.storage.estimate()` (or the injected `estimate`). An error
 * that already is a `StorageFullError` is returned as is.
 */
export async function toStorageFullError(
  error: unknown,
  neededBytes: number,
  estimate?: EstimateStorage,
): Promise<StorageFullError> {
  if (error instanceof StorageFullError) return error;
  return new StorageFullError(neededBytes, await availableBytes(estimate), { cause: error });
}
