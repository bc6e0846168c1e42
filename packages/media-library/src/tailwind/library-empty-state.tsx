// What the grid's place shows when there is nothing to show: an empty library invites an
// upload; a search or filters that match nothing offer to clear them.
import { muted, primaryButton, secondaryButton } from './classes';

/** An empty library: where files go and the button that picks them. */
export function EmptyLibrary({ onUpload }: { onUpload(): void }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed border-zinc-300 p-6 text-center dark:border-zinc-600">
      <p className="text-base font-semibold">No assets yet</p>
      <p className={`text-sm ${muted}`}>Drop files anywhere here, or paste them, or</p>
      <button type="button" className={primaryButton} onClick={onUpload}>
        Upload files
      </button>
    </div>
  );
}

/** Nothing matches: the way back to everything. */
export function NoMatchingAssets({ onClear }: { onClear(): void }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-sm">No assets match these filters.</p>
      <button type="button" className={secondaryButton} onClick={onClear}>
        Clear search and filters
      </button>
    </div>
  );
}
