// localStorage's shape over a Map, for the parts of a library that keep notes there.
import type { MarkerStorage } from '../types';

/** A `MarkerStorage` over a Map, one per simulated origin; `items` shows what it holds. */
export function memoryStorage(): MarkerStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}
