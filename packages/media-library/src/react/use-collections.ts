// Collections and tags from React: the lists with their counts, the one picked as a filter,
// and their management (create, rename, delete with a confirmation step, tags across assets).
import { type ChangeEvent, type KeyboardEvent, useCallback, useRef, useState } from 'react';
import { computeCollectionCounts, computeTags } from '../core/library-statistics';
import type { Collection, MediaLibraryState } from '../core/types';
import { useLibraryState } from './use-library-state';
import { useMediaLibrary } from './use-media-library';

/** A collection with how many assets are in it and whether it is the filter. */
export interface CollectionEntry extends Collection {
  count: number;
  active: boolean;
}

/** A tag in use with how many assets have it and whether it is among the filters. */
export interface TagEntry {
  tag: string;
  count: number;
  active: boolean;
}

/** A name being typed: for a new collection, or to rename a collection or a tag. */
export interface CollectionsNaming {
  kind: 'new' | 'collection' | 'tag';
  /** The collection's id or the tag being renamed ('' for a new collection). */
  id: string;
  value: string;
  /** What to call the field, e.g. "Rename tag winter". */
  label: string;
}

/** What is waiting for "Delete" to be confirmed. */
export interface PendingDelete {
  kind: 'collection' | 'tag';
  /** The collection's id, or the tag. */
  id: string;
  name: string;
  /** Assets in the collection, or with the tag. */
  count: number;
  /** The question to ask, in words. */
  question: string;
}

/** Options of {@link useCollections}; the filter is controlled when its value is given. */
export interface UseCollectionsOptions {
  /** The collection shown (controlled); `undefined` is "all assets". */
  collectionId?: string;
  onCollectionChange?(id: string | undefined): void;
  /** The tags filtered by (controlled). */
  tags?: readonly string[];
  onTagsChange?(tags: string[]): void;
  /** Every failure, besides `error`. */
  onError?(error: Error): void;
}

/** What {@link useCollections} returns. */
export interface UseCollectionsResult {
  /** Collections by name, with counts. */
  collections: CollectionEntry[];
  /** Tags in use, most used first. */
  tags: TagEntry[];
  activeCollectionId: string | undefined;
  activeTags: readonly string[];
  /** Shows one collection, or all assets with `undefined`. */
  selectCollection(id: string | undefined): void;
  /** Adds the tag to the filters, or takes it out. */
  toggleTag(tag: string): void;
  createCollection(name: string): Promise<Collection | undefined>;
  renameCollection(id: string, name: string): Promise<void>;
  /** Deletes at once (its assets stay); the filter goes back to all assets if it was shown. */
  deleteCollection(id: string): Promise<void>;
  /** Renames a tag on every asset that has it, and in the filters. */
  renameTag(from: string, to: string): Promise<void>;
  /** Takes a tag off every asset that has it, and out of the filters. */
  removeTag(tag: string): Promise<void>;
  /** The name being typed, if any; see `getNameInputProps`. */
  naming: CollectionsNaming | undefined;
  startCreate(): void;
  startRename(kind: 'collection' | 'tag', id: string): void;
  cancelNaming(): void;
  /** Creates or renames with the typed name (an empty name changes nothing). */
  saveName(): Promise<void>;
  /** Value, change, blur (saves), Enter (saves), Escape (cancels) and label for the name field. */
  getNameInputProps(): {
    'aria-label': string;
    value: string;
    onChange(event: ChangeEvent<HTMLInputElement>): void;
    onBlur(): void;
    onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
  };
  /** A delete waiting for confirmation; see `requestDelete`. */
  pendingDelete: PendingDelete | undefined;
  requestDelete(kind: 'collection' | 'tag', id: string): void;
  confirmDelete(): Promise<void>;
  cancelDelete(): void;
  /** The latest failure, in words; cleared by the next success. */
  error: string | undefined;
}

interface Lists {
  collections: Array<Collection & { count: number }>;
  tags: Array<{ tag: string; count: number }>;
}

const listsCache = new WeakMap<MediaLibraryState['assets'], WeakMap<object, Lists>>();

/** Collections with counts and tags with counts, computed once per state. */
function lists(state: MediaLibraryState): Lists {
  const byCollections = listsCache.get(state.assets) ?? new WeakMap<object, Lists>();
  listsCache.set(state.assets, byCollections);
  const cached = byCollections.get(state.collections);
  if (cached) return cached;
  // Cached per asset map, and warmed while the library opens.
  const counts = computeCollectionCounts(state.assets);
  const result: Lists = {
    collections: [...state.collections.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((collection) => ({ ...collection, count: counts.get(collection.id) ?? 0 })),
    tags: computeTags(state),
  };
  byCollections.set(state.collections, result);
  return result;
}

/**
 * The library's collections and tags with their counts, a filter over them (controlled or
 * not), and their management: create, rename and delete a collection (at once, or after a
 * confirmation), rename or remove a tag across every asset, with the name being typed kept here.
 *
 * @example
 * const c = useCollections({ collectionId, onCollectionChange: setCollectionId });
 * {c.collections.map((col) => (
 *   <button aria-pressed={col.active} onClick={() => c.selectCollection(col.id)}>
 *     {col.name} ({col.count})
 *   </button>
 * ))}
 * <button onClick={c.startCreate}>New collection</button>
 * {c.naming && <input {...c.getNameInputProps()} />}
 */
export function useCollections(options: UseCollectionsOptions = {}): UseCollectionsResult {
  const library = useMediaLibrary();
  const data = useLibraryState(lists, Object.is, 'useCollections');
  const [ownCollection, setOwnCollection] = useState<string>();
  const [ownTags, setOwnTags] = useState<readonly string[]>([]);
  const [naming, setNamingState] = useState<CollectionsNaming>();
  // Enter saves and unmounts the field, whose blur would save again: the ref says it is done.
  const namingRef = useRef<CollectionsNaming | undefined>(undefined);
  const setNaming = (
    next:
      | CollectionsNaming
      | undefined
      | ((n: CollectionsNaming | undefined) => CollectionsNaming | undefined),
  ) => {
    namingRef.current = typeof next === 'function' ? next(namingRef.current) : next;
    setNamingState(namingRef.current);
  };
  const [pendingDelete, setPendingDelete] = useState<PendingDelete>();
  const [error, setError] = useState<string>();
  const latest = useRef(options);
  latest.current = options;

  const activeCollectionId = 'collectionId' in options ? options.collectionId : ownCollection;
  const activeTags = options.tags ?? ownTags;
  const selectCollection = (id: string | undefined) => {
    setOwnCollection(id);
    latest.current.onCollectionChange?.(id);
  };
  const setTags = (next: string[]) => {
    setOwnTags(next);
    latest.current.onTagsChange?.(next);
  };

  const run = useCallback(async <T>(change: () => Promise<T>): Promise<T | undefined> => {
    try {
      const result = await change();
      setError(undefined);
      return result;
    } catch (caught) {
      const failure = caught instanceof Error ? caught : new Error(String(caught));
      setError(failure.message || 'That did not work. Try again.');
      latest.current.onError?.(failure);
      return undefined;
    }
  }, []);

  const deleteCollection = async (id: string) => {
    if (activeCollectionId === id) selectCollection(undefined);
    await run(() => library.deleteCollection(id));
  };
  const renameTag = async (from: string, to: string) => {
    const target = to.trim();
    if (!target || target === from) return;
    await run(() => library.renameTag(from, target));
    if (activeTags.includes(from)) {
      setTags([...new Set(activeTags.map((t) => (t === from ? target : t)))]);
    }
  };
  const removeTag = async (tag: string) => {
    const ids = [...library.getState().assets.values()]
      .filter((asset) => asset.tags.includes(tag))
      .map((asset) => asset.id);
    if (activeTags.includes(tag)) setTags(activeTags.filter((t) => t !== tag));
    if (ids.length > 0) await run(() => library.removeTags(ids, [tag]));
  };

  const saveName = async () => {
    const naming = namingRef.current;
    if (!naming) return;
    const value = naming.value.trim();
    setNaming(undefined);
    if (!value) return;
    if (naming.kind === 'new') await run(() => library.createCollection(value));
    else if (naming.kind === 'collection')
      await run(() => library.renameCollection(naming.id, value));
    else await renameTag(naming.id, value);
  };
  const nameOf = (kind: 'collection' | 'tag', id: string) =>
    kind === 'tag' ? id : (data.collections.find((c) => c.id === id)?.name ?? id);
  const countOf = (kind: 'collection' | 'tag', id: string) =>
    (kind === 'tag'
      ? data.tags.find((t) => t.tag === id)
      : data.collections.find((c) => c.id === id)
    )?.count ?? 0;

  return {
    collections: data.collections.map((c) => ({ ...c, active: c.id === activeCollectionId })),
    tags: data.tags.map((t) => ({ ...t, active: activeTags.includes(t.tag) })),
    activeCollectionId,
    activeTags,
    selectCollection,
    toggleTag: (tag) =>
      setTags(
        activeTags.includes(tag) ? activeTags.filter((t) => t !== tag) : [...activeTags, tag],
      ),
    createCollection: (name) => run(() => library.createCollection(name)),
    renameCollection: async (id, name) => {
      await run(() => library.renameCollection(id, name));
    },
    deleteCollection,
    renameTag,
    removeTag,
    naming,
    startCreate: () => setNaming({ kind: 'new', id: '', value: '', label: 'New collection name' }),
    startRename: (kind, id) => {
      const name = nameOf(kind, id);
      const label = kind === 'tag' ? `Rename tag ${id}` : `Rename ${name}`;
      setNaming({ kind, id, value: name, label });
    },
    cancelNaming: () => setNaming(undefined),
    saveName,
    getNameInputProps: () => ({
      'aria-label': naming?.label ?? '',
      value: naming?.value ?? '',
      onChange: (event) => {
        const value = event.currentTarget.value;
        setNaming((current) => current && { ...current, value });
      },
      onBlur: () => void saveName(),
      onKeyDown: (event) => {
        if (event.key === 'Enter') void saveName();
        if (event.key === 'Escape') setNaming(undefined);
      },
    }),
    pendingDelete,
    requestDelete: (kind, id) => {
      const name = nameOf(kind, id);
      const count = countOf(kind, id);
      const assets = `${count} asset${count === 1 ? '' : 's'}`;
      const question =
        kind === 'collection'
          ? `Delete the collection "${name}"? Its ${assets} stay in the library.`
          : `Remove the tag "${name}" from ${assets}?`;
      setPendingDelete({ kind, id, name, count, question });
    },
    confirmDelete: async () => {
      const pending = pendingDelete;
      setPendingDelete(undefined);
      if (pending?.kind === 'collection') await deleteCollection(pending.id);
      else if (pending) await removeTag(pending.id);
    },
    cancelDelete: () => setPendingDelete(undefined),
    error,
  };
}
