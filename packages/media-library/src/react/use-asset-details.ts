// Editing one asset's details from React: title, alt text and description saved on blur, tags,
// collections and favorite saved at once, failures in words, and its facts read only.
import {
  type ChangeEvent,
  type KeyboardEvent,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { MediaAIGenerateRequest } from '../core/ai-types';
import { assetLabel } from '../core/format';
import type { Collection, MediaAsset, MediaLibraryState } from '../core/types';
import {
  type AssetFact,
  type AssetProvenance,
  assetFileFacts,
  assetHostData,
  assetProvenance,
  reuseRequestOf,
} from './asset-details-facts';
import { copyAssetImage } from './copy-asset-image';
import { useAsset } from './use-asset';
import { useLibraryState } from './use-library-state';
import { useMediaLibrary } from './use-media-library';

/** The text fields of an asset a person edits. */
export type AssetTextField = 'title' | 'alt' | 'description';

/** Options of {@link useAssetDetails}. */
export interface UseAssetDetailsOptions {
  /** Every failure to save, besides `error` (say, to show it where the person is looking). */
  onError?(error: Error): void;
}

/** Props for a text input or textarea bound to one field (see `getFieldProps`). */
export type AssetTextFieldProps = {
  name: AssetTextField;
  value: string;
  onChange(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): void;
  onBlur(): void;
  onKeyDown(event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>): void;
  /** `editing` while the draft differs from what is saved. */
  'data-state': 'saved' | 'editing';
};

/** What {@link useAssetDetails} returns. */
export interface UseAssetDetailsResult {
  /** The asset, live; `undefined` when there is none (deleted, or not loaded yet). */
  asset: MediaAsset | undefined;
  /** Its title, else its file name ("" without an asset). */
  label: string;
  /** Whether alt text and "copy image" apply: pictures only, not a video or a PDF. */
  isImage: boolean;
  /** The field's draft: what the person typed, else what is saved. */
  drafts: Readonly<Record<AssetTextField, string>>;
  setDraft(field: AssetTextField, value: string): void;
  /** Saves the field's draft if it differs from what is saved. */
  commit(field: AssetTextField): Promise<void>;
  /** Value, change, blur (saves) and, for the title, Enter (saves), for an input. */
  getFieldProps(field: AssetTextField): AssetTextFieldProps;
  /** Its tags, in order. */
  tags: readonly string[];
  /** Adds tags: trimmed, split at commas, empty and repeated ones dropped, case kept. */
  addTags(tags: string | readonly string[]): Promise<void>;
  removeTag(tag: string): Promise<void>;
  /** Makes the tags exactly `next` (normalised as `addTags` does), as a tag input reports them. */
  setTags(next: readonly string[]): Promise<void>;
  /** The collections it is in, and those it is not in (for a picker), by name. */
  collections: Collection[];
  otherCollections: Collection[];
  /** Adds it to a collection: an existing one's id, or `{ name }` to create one first. */
  addToCollection(pick: string | { name: string }): Promise<void>;
  removeFromCollection(collectionId: string): Promise<void>;
  favorite: boolean;
  toggleFavorite(): Promise<void>;
  /** Puts an image on the clipboard (as PNG) and counts a share. */
  copyImage(): Promise<void>;
  /** The latest failure, in words; cleared by the next change that succeeds or `clearError`. */
  error: string | undefined;
  clearError(): void;
  /** For a file whose bytes do not decode: what that means, in words. */
  unreadableNote: string | undefined;
  /** The file's facts (name, size, dimensions, duration, pages, source, dates…). */
  facts: AssetFact[];
  /** How an AI asset was made (prompt, negative prompt, model, seed, size, cost…). */
  provenance: AssetProvenance | undefined;
  /** What the host app filed (`sourceModule`, each `meta` key), read only. */
  hostData: AssetFact[];
  /** For an AI asset: the request that generates it again ("use again"). */
  reuseRequest: MediaAIGenerateRequest | undefined;
}

const noCollections: Collection[] = [];

/** Trimmed, split at commas, without empties or repeats (case kept, as the library stores). */
function normalizeTags(tags: string | readonly string[]): string[] {
  const list = typeof tags === 'string' ? [tags] : tags;
  return [...new Set(list.flatMap((tag) => tag.split(',')).map((tag) => tag.trim()))].filter(
    Boolean,
  );
}

const byName = (state: MediaLibraryState) =>
  state.collections.size === 0
    ? noCollections
    : [...state.collections.values()].sort((a, b) => a.name.localeCompare(b.name));

/**
 * The details of asset `id`, ready to edit: drafts for its text fields saved on blur (the title
 * on Enter too), tags, collections and favorite saved as they change, and its facts in words.
 * Drafts start again when `id` changes.
 *
 * @example
 * const details = useAssetDetails(id);
 * <input aria-label="Title" {...details.getFieldProps('title')} />
 * {details.tags.map((tag) => <button onClick={() => details.removeTag(tag)}>{tag} ×</button>)}
 * {details.error && <p role="alert">{details.error}</p>}
 */
export function useAssetDetails(
  id: string | undefined,
  options: UseAssetDetailsOptions = {},
): UseAssetDetailsResult {
  const library = useMediaLibrary();
  const asset = useAsset(id);
  const allCollections = useLibraryState(byName, Object.is, 'useAssetDetails');
  const [edits, setEdits] = useState<{
    id?: string;
    values: Partial<Record<AssetTextField, string>>;
  }>({ values: {} });
  const [error, setError] = useState<string>();
  const onError = useRef(options.onError);
  onError.current = options.onError;

  const values = edits.id === id ? edits.values : {};
  const saved = (field: AssetTextField) => asset?.[field] ?? '';
  const drafts = {
    title: values.title ?? saved('title'),
    alt: values.alt ?? saved('alt'),
    description: values.description ?? saved('description'),
  };

  // Every change goes through here, so a failure is said once in words and the next success
  // clears it.
  const run = useCallback(async (change: () => Promise<unknown> | undefined) => {
    try {
      await change();
      setError(undefined);
    } catch (caught) {
      const failure = caught instanceof Error ? caught : new Error(String(caught));
      setError(failure.message || 'Saving failed. Try again.');
      onError.current?.(failure);
    }
  }, []);

  const setDraft = (field: AssetTextField, value: string) =>
    setEdits((current) => ({
      id,
      values: { ...(current.id === id ? current.values : {}), [field]: value },
    }));
  const commit = async (field: AssetTextField) => {
    if (!asset || saved(field) === drafts[field]) return;
    await run(() => library.update(asset.id, { [field]: drafts[field] }));
  };
  const tags = asset?.tags ?? [];
  const setTags = async (next: readonly string[]) => {
    if (!asset) return;
    const wanted = normalizeTags(next);
    const added = wanted.filter((tag) => !asset.tags.includes(tag));
    const removed = asset.tags.filter((tag) => !wanted.includes(tag));
    await run(() =>
      Promise.all([
        added.length ? library.addTags(asset.id, added) : undefined,
        removed.length ? library.removeTags(asset.id, removed) : undefined,
      ]),
    );
  };
  const collectionIds = asset?.collectionIds;
  const [collections, otherCollections] = useMemo(() => {
    const inIt = new Set(collectionIds);
    return [
      allCollections.filter((c) => inIt.has(c.id)),
      allCollections.filter((c) => !inIt.has(c.id)),
    ];
  }, [allCollections, collectionIds]);
  const derived = useMemo(
    () => ({
      facts: asset ? assetFileFacts(asset) : [],
      provenance: asset && assetProvenance(asset),
      hostData: asset ? assetHostData(asset) : [],
      reuseRequest: asset && reuseRequestOf(asset),
    }),
    [asset],
  );

  return {
    asset,
    label: asset ? assetLabel(asset) : '',
    isImage: asset?.kind === 'image',
    drafts,
    setDraft,
    commit,
    getFieldProps: (field) => ({
      name: field,
      value: drafts[field],
      onChange: (event) => setDraft(field, event.currentTarget.value),
      onBlur: () => void commit(field),
      onKeyDown: (event) => {
        // A textarea keeps Enter for new lines; the one-line title saves on it.
        if (event.key === 'Enter' && field === 'title') void commit(field);
      },
      'data-state': saved(field) === drafts[field] ? 'saved' : 'editing',
    }),
    tags,
    addTags: (next) => setTags([...tags, ...normalizeTags(next)]),
    removeTag: (tag) => setTags(tags.filter((other) => other !== tag)),
    setTags,
    collections,
    otherCollections,
    addToCollection: async (pick) => {
      if (!asset) return;
      await run(async () => {
        const target =
          typeof pick === 'string' ? pick : (await library.createCollection(pick.name)).id;
        await library.addToCollection(target, asset.id);
      });
    },
    removeFromCollection: async (collectionId) => {
      if (asset) await run(() => library.removeFromCollection(collectionId, asset.id));
    },
    favorite: asset?.favorite ?? false,
    toggleFavorite: async () => {
      if (asset) await run(() => library.update(asset.id, { favorite: !asset.favorite }));
    },
    copyImage: async () => {
      if (asset) await run(() => copyAssetImage(library, asset));
    },
    error,
    clearError: () => setError(undefined),
    unreadableNote: asset?.unreadable
      ? `This file's bytes don't decode as ${asset.mimeType}. Download keeps it exactly as it was imported.`
      : undefined,
    ...derived,
  };
}
