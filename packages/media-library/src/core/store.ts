// The loaded index of a library in a zustand vanilla store. Every change is one immutable
// replacement of the state with a new revision, so subscribers compare cheaply.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { noteStep } from './asset-map-lineage';
import type { Collection, MediaAsset, MediaLibraryState, StorageIncident } from './types';

/** The store holding a library's state. */
export type LibraryStore = StoreApi<MediaLibraryState>;

/** One change to apply to the state in a single replacement. */
export interface StateChange {
  /** Assets to add or replace; one with `trashedAt` goes to the Trash, leaving the library. */
  upsert?: readonly MediaAsset[];
  /** Ids of assets to drop, from the library or the Trash. */
  remove?: readonly string[];
  upsertCollections?: readonly Collection[];
  removeCollections?: readonly string[];
  /** A whole new asset map, used by the load that replaces the first page. */
  replaceAssets?: ReadonlyMap<string, MediaAsset>;
  /** A whole new Trash, given with `replaceAssets`. */
  replaceTrash?: ReadonlyMap<string, MediaAsset>;
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
    trash: new Map(),
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
  let trash = previous.trash;
  let collections = previous.collections;
  if (change.reset) {
    assets = new Map();
    trash = new Map();
    collections = new Map();
  }
  if (change.replaceAssets) assets = change.replaceAssets;
  if (change.replaceTrash) trash = change.replaceTrash;
  if (change.upsert?.length || change.remove?.length) {
    // Each map is copied only when this change touches it, so a trash-free edit of one asset
    // leaves the Trash's map (and what is cached on it) as it was.
    let nextAssets: Map<string, MediaAsset> | undefined;
    let nextTrash: Map<string, MediaAsset> | undefined;
    const inAssets = () => (nextAssets ??= new Map(assets));
    const inTrash = () => (nextTrash ??= new Map(trash));
    for (const id of change.remove ?? []) {
      if (assets.has(id)) inAssets().delete(id);
      if (trash.has(id)) inTrash().delete(id);
    }
    for (const asset of change.upsert ?? []) {
      const trashed = asset.trashedAt !== undefined;
      (trashed ? inTrash() : inAssets()).set(asset.id, asset);
      if (trashed ? assets.has(asset.id) : trash.has(asset.id)) {
        (trashed ? inAssets() : inTrash()).delete(asset.id);
      }
    }
    // Views derived from the previous map follow the touched records rather than every record.
    // (Nothing follows the Trash, which is small: its map gets no note.)
    if (nextAssets) {
      const touched = [...(change.remove ?? []), ...(change.upsert ?? []).map((a) => a.id)];
      noteStep(nextAssets, assets, touched);
    }
    if (nextAssets) assets = nextAssets;
    if (nextTrash) trash = nextTrash;
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
    trash,
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
