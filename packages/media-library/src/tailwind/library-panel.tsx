// The side of the screen: collections and tags to narrow the view to, and the storage meter.
// Beside the grid on a wide screen, in the Library drawer on a phone.
import type { UseLibraryFiltersResult } from '../react/index';
import { secondaryButton } from './classes';
import { CollectionsPanel } from './collections-panel';
import { StorageMeter } from './storage-meter';

/** Props of {@link LibraryPanel}. */
export interface LibraryPanelProps {
  /** The screen's `useLibraryFilters()`. */
  view: UseLibraryFiltersResult;
  /** Opens the Trash; shows a Trash button when given. */
  onOpenTrash?(): void;
}

/** Collections and tags, each a filter a press away, and the storage meter. */
export function LibraryPanel({ view, onOpenTrash }: LibraryPanelProps) {
  const { filters, update } = view;
  return (
    <div className="flex flex-col gap-5">
      <CollectionsPanel
        collectionId={filters.collectionId}
        onCollectionChange={(collectionId) => update({ collectionId })}
        tags={filters.tags}
        onTagsChange={(tags) => update({ tags })}
      />
      {onOpenTrash && (
        <button type="button" className={`${secondaryButton} mx-2`} onClick={() => onOpenTrash()}>
          Trash
        </button>
      )}
      <StorageMeter className="px-2" />
    </div>
  );
}

/** The panel in its column beside the grid, on a wide screen. */
export function LibrarySidebar({ empty, ...props }: LibraryPanelProps & { empty?: boolean }) {
  return (
    <aside
      aria-label="Library"
      className="w-60 flex-none overflow-y-auto border-r border-zinc-200 p-3 dark:border-zinc-700"
    >
      {/* Empty while the screen mounts: the column keeps its width until the panel comes. */}
      {!empty && <LibraryPanel {...props} />}
    </aside>
  );
}
