// The loaded index of a library in a zustand vanilla store. Every change is one immutable
// replacement of the state with a new revision, so subscribers compare cheaply.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Collection, MediaAsset, MediaLibraryState, StorageIncident } from './types';

/** The store holding a library's state. */
export type LibraryStore = StoreApi<MediaLibraryState>;

/** One change to apply to the state in a single replacement. */
export interface StateChange {
  /** Assets to add or replace. */
  upsert?: readonly MediaAsset[];
  /** Ids of assets to drop. */
  remove?: readonly string[];
  upsertCollections?: readonly Collection[];
  removeCollections?: readonly string[];
  /** A whole new asset map, used by the load that replaces the first page. */
  replaceAssets?: ReadonlyMap<string, MediaAsset>;
  /** Drop every asset and collection before applying the rest. */
  reset?: boolean;
  status?: MediaLibraryState['status'];
  error?: Error;
  /** Sets the storage incident, or clears it with null. */
  storageIncident?: StorageIncident | null;
}

/** Creates the store of a library, empty and 'loading'. */
export function createLibraryStore(): LibraryStore {
  return createStore<MediaLibraryState>()(() => ({
    status: 'loading',
    assets: new Map(),
    collections: new Map(),
    revision: 0,
  }));
}

/**
 * Applies `change` as one state replacement and increments the revision. Maps are copied
 * only when their part changes, so a collection rename does not copy 100,000 assets.
 */
export function applyChange(store: LibraryStore, change: StateChange): void {
  const previous = store.getState();
  let assets = previous.assets;
  let collections = previous.collections;
  if (change.reset) {
    assets = new Map();
    collections = new Map();
  }
  if (change.replaceAssets) assets = change.replaceAssets;
  if (change.upsert?.length || change.remove?.length) {
    const next = new Map(assets);
    for (const id of change.remove ?? []) next.delete(id);
    for (const asset of change.upsert ?? []) next.set(asset.id, asset);
    assets = next;
  }
  if (change.upsertCollections?.length || change.removeCollections?.length) {
    const next = new Map(collections);
    for (const id of change.removeCollections ?? []) next.delete(id);
    for (const collection of change.upsertCollections ?? []) next.set(collection.id, collection);
    collections = next;
  }
  const state: MediaLibraryState = {
    status: change.status ?? previous.status,
    assets,
    collections,
    revision: previous.revision + 1,
  };
  const error = change.error ?? (change.status ? undefined : previous.error);
  if (error) state.error = error;
  const incident =
    change.storageIncident === undefined ? previous.storageIncident : change.storageIncident;
  if (incident) state.storageIncident = incident;
  store.setState(state, true);
}
