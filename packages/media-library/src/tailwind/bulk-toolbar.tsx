// Actions on the selected assets over useBulkActions: favourite, tag, add to a collection,
// download (when the screen passes `download`) and delete after a confirmation that says how
// many assets will go.
import { useState } from 'react';
import type { Collection } from '../core/index';
import type { UseBulkActionsResult } from '../react/index';
import { alertBox, dangerButton, inlineInput, linkButton, secondaryButton } from './classes';

/** Props of {@link BulkToolbar}. */
export interface BulkToolbarProps {
  /** The screen's `useBulkActions(...)`. */
  bulk: UseBulkActionsResult;
  /** The collections to add to. */
  collections: readonly Collection[];
}

/** The selection bar; renders nothing while nothing is selected. */
export function BulkToolbar({ bulk, collections }: BulkToolbarProps) {
  const [tag, setTag] = useState('');
  if (bulk.selectedIds.length === 0) return null;
  const small = `${secondaryButton} whitespace-nowrap`;
  return (
    <div className="flex flex-col gap-2">
      <div
        role="toolbar"
        aria-label="Selection actions"
        className="flex min-w-0 flex-wrap items-center gap-2 rounded-lg bg-indigo-50 px-3 py-2 dark:bg-indigo-950"
      >
        <span className="text-sm font-semibold" aria-live="polite">
          {bulk.summary}
        </span>
        <button
          type="button"
          className={small}
          aria-busy={bulk.busy === 'favorite'}
          onClick={() => void bulk.toggleFavorite()}
        >
          {bulk.allFavorite ? 'Unfavorite' : 'Favorite'}
        </button>
        <form
          className="flex items-center gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            const tags = tag
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean);
            void bulk.addTags(tags).then(() => setTag(''));
          }}
        >
          <input
            aria-label="Tag to add"
            placeholder="Tag"
            value={tag}
            onChange={(event) => setTag(event.currentTarget.value)}
            className={`${inlineInput} w-28`}
          />
          <button type="submit" className={small} disabled={tag.trim() === ''}>
            Add tag
          </button>
        </form>
        {collections.length > 0 && (
          <select
            aria-label="Add to collection"
            className={inlineInput}
            value=""
            onChange={(event) => {
              if (event.currentTarget.value) void bulk.addToCollection(event.currentTarget.value);
            }}
          >
            <option value="">Add to collection…</option>
            {collections.map((collection) => (
              <option key={collection.id} value={collection.id}>
                {collection.name}
              </option>
            ))}
          </select>
        )}
        {bulk.download && (
          <button
            type="button"
            className={small}
            aria-busy={bulk.busy === 'download'}
            onClick={() => void bulk.download?.()}
          >
            Download
          </button>
        )}
        <button type="button" className={dangerButton} onClick={bulk.requestDelete}>
          Delete
        </button>
        <button
          type="button"
          className={`${linkButton} px-1 py-1.5 whitespace-nowrap`}
          onClick={bulk.clear}
        >
          Clear selection
        </button>
      </div>
      {bulk.confirming === 'delete' && <ConfirmDelete bulk={bulk} />}
      {bulk.error && (
        <div role="alert" className={`${alertBox} flex items-center justify-between gap-2`}>
          {bulk.error}
          <button type="button" className={linkButton} onClick={bulk.dismissError}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

/** "Delete 3 assets?" with the way out focused first: a slip of the Enter key keeps them. */
function ConfirmDelete({ bulk }: { bulk: UseBulkActionsResult }) {
  return (
    <div
      role="alertdialog"
      aria-label={bulk.confirmTitle}
      className="flex flex-wrap items-center gap-2 rounded-lg border border-red-300 bg-white px-3 py-2 text-sm dark:border-red-800 dark:bg-zinc-900"
      onKeyDown={(event) => {
        if (event.key === 'Escape') bulk.cancel();
      }}
    >
      <p className="font-semibold">{bulk.confirmTitle}</p>
      {/* biome-ignore lint/a11y/noAutofocus: the question needs an answer before anything else. */}
      <button type="button" autoFocus className={secondaryButton} onClick={bulk.cancel}>
        Keep them
      </button>
      <button
        type="button"
        className={dangerButton}
        aria-busy={bulk.busy === 'delete'}
        onClick={() => void bulk.confirm()}
      >
        Delete
      </button>
    </div>
  );
}
