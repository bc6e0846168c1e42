// The details' editable parts: title, alt text (pictures only), description, tags and
// collections, each bound to useAssetDetails (texts save on blur, the rest at once).
import { useId, useState } from 'react';
import type { UseAssetDetailsResult } from '../react/index';
import { chip, input, label, muted, secondaryButton } from './classes';
import { PanelField } from './panel-field';

const removeButton =
  'rounded-full px-1 leading-none text-zinc-700 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-zinc-200 dark:hover:bg-zinc-700';

/** Title, alt text, description and tags. */
export function DetailsFields({ details }: { details: UseAssetDetailsResult }) {
  const id = useId();
  const [tag, setTag] = useState('');
  const addTag = () => {
    if (tag.trim()) void details.addTags(tag);
    setTag('');
  };
  return (
    <div className="flex flex-col gap-3">
      <PanelField label="Title" htmlFor={`${id}-title`}>
        <input
          id={`${id}-title`}
          {...details.getFieldProps('title')}
          placeholder={details.asset?.name}
          className={input}
        />
      </PanelField>
      {details.isImage && (
        <PanelField
          label="Alt text"
          htmlFor={`${id}-alt`}
          hint="Describes the image for people who cannot see it"
        >
          <textarea
            id={`${id}-alt`}
            rows={2}
            {...details.getFieldProps('alt')}
            aria-describedby={`${id}-alt-hint`}
            className={input}
          />
        </PanelField>
      )}
      <PanelField label="Description" htmlFor={`${id}-description`}>
        <textarea
          id={`${id}-description`}
          rows={2}
          {...details.getFieldProps('description')}
          className={input}
        />
      </PanelField>
      <PanelField label="Tags" htmlFor={`${id}-tags`}>
        {details.tags.length > 0 && (
          <ul aria-label="Tags" className="flex flex-wrap gap-1">
            {details.tags.map((t) => (
              <li key={t} className={chip}>
                {t}
                <button
                  type="button"
                  aria-label={`Remove tag ${t}`}
                  className={removeButton}
                  onClick={() => void details.removeTag(t)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={`${id}-tags`}
          value={tag}
          placeholder="Add a tag, press Enter"
          className={input}
          onChange={(event) => setTag(event.currentTarget.value)}
          onBlur={addTag}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' && event.key !== ',') return;
            event.preventDefault();
            addTag();
          }}
        />
      </PanelField>
    </div>
  );
}

/** The collections the asset is in, each removable; a picker adds it to another or a new one. */
export function DetailsCollections({ details }: { details: UseAssetDetailsResult }) {
  const id = useId();
  const [name, setName] = useState('');
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className={label}>Collections</legend>
      {details.collections.length > 0 ? (
        <ul aria-label="In collections" className="flex flex-wrap gap-1">
          {details.collections.map((c) => (
            <li key={c.id} className={chip}>
              {c.name}
              <button
                type="button"
                aria-label={`Remove from ${c.name}`}
                className={removeButton}
                onClick={() => void details.removeFromCollection(c.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className={`text-xs ${muted}`}>In no collection.</p>
      )}
      {details.otherCollections.length > 0 && (
        <select
          aria-label="Add to collection"
          value=""
          className={input}
          onChange={(event) =>
            event.currentTarget.value && void details.addToCollection(event.currentTarget.value)
          }
        >
          <option value="">Add to collection…</option>
          {details.otherCollections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return;
          void details.addToCollection({ name: name.trim() });
          setName('');
        }}
      >
        <label htmlFor={`${id}-new`} className="sr-only">
          New collection
        </label>
        <input
          id={`${id}-new`}
          value={name}
          placeholder="New collection"
          className={input}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <button type="submit" className={secondaryButton}>
          Add
        </button>
      </form>
    </fieldset>
  );
}
