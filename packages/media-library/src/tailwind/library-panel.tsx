// The side of the screen: collections and tags to narrow the view to, and the storage meter.
// Beside the grid on a wide screen, in the Library drawer on a phone.
import type { UseLibraryFiltersResult } from '../react/index';
import { focusRing, muted } from './classes';
import { StorageMeter } from './storage-meter';

/** Props of {@link LibraryPanel}. */
export interface LibraryPanelProps {
  /** The screen's `useLibraryFilters()`. */
  view: UseLibraryFiltersResult;
}

const item = `flex w-full min-h-8 items-center justify-between gap-2 rounded-md px-2 text-left text-sm hover:bg-zinc-100 aria-pressed:bg-indigo-50 aria-pressed:font-semibold aria-pressed:text-indigo-900 dark:hover:bg-zinc-800 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-100 ${focusRing}`;
const heading = `mb-1 px-2 text-xs font-semibold tracking-wide uppercase ${muted}`;

/** Collections, tags and storage, each a filter a press away. */
export function LibraryPanel({ view }: LibraryPanelProps) {
  const { filters, facets, update } = view;
  return (
    <div className="flex flex-col gap-5">
      <nav aria-label="Collections">
        <h2 className={heading}>Collections</h2>
        <ul className="flex flex-col">
          <li>
            <button
              type="button"
              className={item}
              aria-pressed={filters.collectionId === undefined}
              onClick={() => update({ collectionId: undefined })}
            >
              All assets
            </button>
          </li>
          {facets.collections.map((collection) => (
            <li key={collection.id}>
              <button
                type="button"
                className={item}
                aria-pressed={filters.collectionId === collection.id}
                onClick={() => update({ collectionId: collection.id })}
              >
                {collection.name}
              </button>
            </li>
          ))}
        </ul>
        {facets.collections.length === 0 && (
          <p className={`px-2 text-xs ${muted}`}>Select assets, then “Add to collection”.</p>
        )}
      </nav>
      <nav aria-label="Tags">
        <h2 className={heading}>Tags</h2>
        {facets.tags.length === 0 ? (
          <p className={`px-2 text-xs ${muted}`}>No tags yet.</p>
        ) : (
          <ul className="flex flex-col">
            {facets.tags.slice(0, 30).map(({ tag, count }) => {
              const on = filters.tags.includes(tag);
              return (
                <li key={tag}>
                  <button
                    type="button"
                    className={item}
                    aria-pressed={on}
                    onClick={() =>
                      update({
                        tags: on ? filters.tags.filter((t) => t !== tag) : [...filters.tags, tag],
                      })
                    }
                  >
                    {tag}
                    <span className={`text-xs ${muted}`}>{count}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </nav>
      <StorageMeter className="px-2" />
    </div>
  );
}
