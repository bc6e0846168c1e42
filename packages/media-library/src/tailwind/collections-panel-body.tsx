// Collections and tags to narrow the view to, over useCollections: a press shows a collection
// or toggles a tag; collections are created, renamed and deleted, and a tag renamed or removed
// from every asset, here (deleting and removing after a confirmation). Loaded apart from the
// screen (collections-panel.tsx).
import { type UseCollectionsResult, useCollections } from '../react/index';
import {
  alertBox,
  compactButton,
  dangerButton,
  focusRing,
  inlineInput,
  linkButton,
  muted,
  secondaryButton,
} from './classes';
import type { CollectionsPanelProps } from './collections-panel';

/** How many tags the panel lists, most used first. */
const LISTED_TAGS = 30;

const item = `flex min-h-8 min-w-0 flex-1 items-center justify-between gap-2 rounded-md px-2 text-left text-sm hover:bg-zinc-100 aria-pressed:bg-indigo-50 aria-pressed:font-semibold aria-pressed:text-indigo-900 dark:hover:bg-zinc-800 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-100 ${focusRing}`;
const heading = `px-2 text-xs font-semibold tracking-wide uppercase ${muted}`;

/** The Collections and Tags lists of the side panel. */
export function CollectionsPanelBody(props: CollectionsPanelProps) {
  const c = useCollections(props);
  return (
    <div className="flex flex-col gap-5">
      <nav aria-label="Collections" className="flex flex-col gap-1">
        <div className="flex items-center justify-between">
          <h2 className={heading}>Collections</h2>
          <button type="button" className={`${linkButton} text-xs`} onClick={c.startCreate}>
            New collection
          </button>
        </div>
        <ul className="flex flex-col">
          <li className="flex">
            <button
              type="button"
              className={item}
              aria-pressed={c.activeCollectionId === undefined}
              onClick={() => c.selectCollection(undefined)}
            >
              All assets
            </button>
          </li>
          {c.collections.map((collection) =>
            c.naming?.kind === 'collection' && c.naming.id === collection.id ? (
              <li key={collection.id}>
                <NameField c={c} />
              </li>
            ) : (
              <li key={collection.id} className="group flex items-center gap-1">
                <button
                  type="button"
                  className={item}
                  aria-pressed={collection.active}
                  onClick={() => c.selectCollection(collection.id)}
                >
                  <span className="truncate">{collection.name}</span>
                  <span className={`text-xs ${muted}`}>{collection.count}</span>
                </button>
                <button
                  type="button"
                  className={compactButton}
                  aria-label={`Rename ${collection.name}`}
                  onClick={() => c.startRename('collection', collection.id)}
                >
                  Rename
                </button>
                <button
                  type="button"
                  className={compactButton}
                  aria-label={`Delete ${collection.name}`}
                  onClick={() => c.requestDelete('collection', collection.id)}
                >
                  ×
                </button>
              </li>
            ),
          )}
        </ul>
        {c.naming?.kind === 'new' && <NameField c={c} />}
        {c.pendingDelete?.kind === 'collection' && <ConfirmDelete c={c} />}
        {c.error && (
          <p role="alert" className={alertBox}>
            {c.error}
          </p>
        )}
      </nav>
      <TagList c={c} />
    </div>
  );
}

/** The most used tags: a press filters by one; each can be renamed or removed everywhere. */
function TagList({ c }: { c: UseCollectionsResult }) {
  return (
    <nav aria-label="Tags" className="flex flex-col gap-1">
      <h2 className={heading}>Tags</h2>
      {c.tags.length === 0 ? (
        <p className={`px-2 text-xs ${muted}`}>No tags yet.</p>
      ) : (
        <ul className="flex flex-col">
          {c.tags.slice(0, LISTED_TAGS).map((tag) =>
            c.naming?.kind === 'tag' && c.naming.id === tag.tag ? (
              <li key={tag.tag}>
                <NameField c={c} />
              </li>
            ) : (
              <li key={tag.tag} className="flex items-center gap-1">
                <button
                  type="button"
                  className={item}
                  aria-pressed={tag.active}
                  onClick={() => c.toggleTag(tag.tag)}
                >
                  <span className="truncate">{tag.tag}</span>
                  <span className={`text-xs ${muted}`}>{tag.count}</span>
                </button>
                <button
                  type="button"
                  className={compactButton}
                  aria-label={`Rename tag ${tag.tag}`}
                  onClick={() => c.startRename('tag', tag.tag)}
                >
                  Rename
                </button>
                <button
                  type="button"
                  className={compactButton}
                  aria-label={`Remove tag ${tag.tag}`}
                  onClick={() => c.requestDelete('tag', tag.tag)}
                >
                  ×
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      {c.pendingDelete?.kind === 'tag' && <ConfirmDelete c={c} />}
    </nav>
  );
}

/** The name being typed: Enter or leaving the field saves, Escape cancels. */
function NameField({ c }: { c: UseCollectionsResult }) {
  return (
    // biome-ignore lint/a11y/noAutofocus: the field appears because a name is asked for now.
    <input autoFocus {...c.getNameInputProps()} className={`${inlineInput} w-full`} />
  );
}

/** "Delete the collection "Trips"? …" or "Remove the tag …?", with Cancel first. */
function ConfirmDelete({ c }: { c: UseCollectionsResult }) {
  const pending = c.pendingDelete;
  if (!pending) return null;
  return (
    <div
      role="alertdialog"
      aria-label={pending.question}
      className="flex flex-col gap-2 rounded-lg border border-red-300 p-2 text-sm dark:border-red-800"
    >
      <p>{pending.question}</p>
      <div className="flex gap-2">
        {/* biome-ignore lint/a11y/noAutofocus: the question needs an answer before anything else. */}
        <button type="button" autoFocus className={secondaryButton} onClick={c.cancelDelete}>
          Cancel
        </button>
        <button type="button" className={dangerButton} onClick={() => void c.confirmDelete()}>
          {pending.kind === 'tag' ? 'Remove' : 'Delete'}
        </button>
      </div>
    </div>
  );
}
