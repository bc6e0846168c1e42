// The Trash in Tailwind: what it holds and how much room that takes, each asset with Restore
// and Delete forever, Empty Trash, and the confirmation a destructive action waits for. The
// list, the actions and the confirmation's state are useTrash's; the dialog's wiring useDialog's.
import { useRef } from 'react';
import { assetLabel, formatBytes, formatDate, type MediaAsset } from '../core/index';
import {
  type UseTrashResult,
  useDialog,
  useTrash,
  useVirtualList,
  type VirtualListRow,
} from '../react/index';
import { AssetThumbnail } from './asset-thumbnail';
import { alertBox, compactButton, dangerButton, focusRing, iconButton, muted } from './classes';
import { TrashConfirmDialog } from './trash-confirm-dialog';

/** A small action that deletes: red words on the compact button's frame. */
const compactDanger = `inline-flex items-center justify-center gap-1 rounded border border-red-300 bg-white px-2 py-0.5 text-xs font-medium text-red-800 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-red-800 dark:bg-zinc-800 dark:text-red-200 dark:hover:bg-red-950 ${focusRing}`;

/** Props of {@link TrashPanel}. */
export interface TrashPanelProps {
  /** Shows a close button that calls this. */
  onClose?(): void;
  /** Extra classes for the section, e.g. its width in the host's layout. */
  className?: string;
}

/**
 * The Trash: its assets (each with its thumbnail: the bytes stay until the Trash is emptied)
 * with Restore and Delete forever, and Empty Trash.
 */
export function TrashPanel({ onClose, className = '' }: TrashPanelProps) {
  const trash = useTrash();
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useDialog({
    open: trash.confirming !== undefined,
    onOpenChange: (open) => {
      if (!open) trash.cancel();
    },
    // A deleted asset's button is gone with it: the focus goes to the Trash's heading.
    fallbackFocus: () => heading.current,
  });
  const count = trash.count;
  return (
    <section aria-label="Trash" className={`flex min-h-0 flex-col gap-3 p-3 ${className}`}>
      <header className="flex items-center gap-2">
        <div className="min-w-0 flex-1">
          <h2 ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
            Trash
          </h2>
          <p className={`text-xs ${muted}`}>
            {count === 0
              ? 'The Trash is empty.'
              : `${count.toLocaleString()} asset${count === 1 ? '' : 's'} · ${formatBytes(trash.bytes)}, freed when deleted for good`}
          </p>
        </div>
        <button
          type="button"
          className={dangerButton}
          disabled={count === 0 || trash.busy}
          onClick={(event) => {
            dialog.show(event.currentTarget);
            trash.requestEmpty();
          }}
        >
          Empty Trash
        </button>
        {onClose && (
          <button type="button" aria-label="Close Trash" className={iconButton} onClick={onClose}>
            ×
          </button>
        )}
      </header>
      {trash.error && (
        <p role="alert" className={alertBox}>
          {trash.error}
        </p>
      )}
      {count > 0 && (
        <TrashList
          trash={trash}
          onDeleteForever={(asset, opener) => {
            dialog.show(opener);
            trash.requestDeleteForever(asset.id);
          }}
        />
      )}
      {trash.confirming && <TrashConfirmDialog trash={trash} dialog={dialog} />}
    </section>
  );
}

/** Height of a row of the Trash (its thumbnail, padding and border), and the gap between. */
const ROW_HEIGHT = 74;
const ROW_GAP = 8;

/**
 * The Trash's assets. Only the rows in view render (the list scrolls within the panel, at most
 * 60 % of the window's height), so a Trash of thousands opens at once.
 */
function TrashList({
  trash,
  onDeleteForever,
}: {
  trash: UseTrashResult;
  onDeleteForever(asset: MediaAsset, opener: HTMLElement): void;
}) {
  const list = useVirtualList<HTMLDivElement>({
    count: trash.items.length,
    rowHeight: ROW_HEIGHT,
    gap: ROW_GAP,
  });
  return (
    <div ref={list.scrollRef} className="max-h-[60vh] min-h-0 flex-1 overflow-y-auto">
      <ul aria-label="Assets in the Trash" {...list.listProps}>
        {list.rows.map(({ index, ...row }) => {
          const asset = trash.items[index] as MediaAsset;
          return (
            <TrashItem
              key={asset.id}
              row={row}
              asset={asset}
              trash={trash}
              onDeleteForever={(opener) => onDeleteForever(asset, opener)}
            />
          );
        })}
      </ul>
    </div>
  );
}

interface TrashItemProps {
  /** Where the row goes in the list (useVirtualList). */
  row: Omit<VirtualListRow, 'index'>;
  asset: MediaAsset;
  trash: UseTrashResult;
  onDeleteForever(opener: HTMLElement): void;
}

function TrashItem({ row, asset, trash, onDeleteForever }: TrashItemProps) {
  const name = assetLabel(asset);
  return (
    <li
      {...row}
      className="box-border flex items-center gap-3 rounded-md border border-zinc-200 p-2 dark:border-zinc-700"
    >
      {/* The preset's thumbnail: a drawn preview, the kind in words, or "can't be shown". */}
      <div className="w-14 flex-none">
        <AssetThumbnail asset={asset} />
      </div>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium">{name}</p>
        <p className={`text-xs ${muted}`}>
          {asset.trashedAt === undefined
            ? 'In the Trash'
            : `Deleted ${formatDate(asset.trashedAt)}`}
        </p>
      </div>
      <button
        type="button"
        aria-label={`Restore ${name}`}
        className={compactButton}
        disabled={trash.busy}
        onClick={() => void trash.restore(asset.id)}
      >
        Restore
      </button>
      <button
        type="button"
        aria-label={`Delete forever ${name}`}
        className={compactDanger}
        disabled={trash.busy}
        onClick={(event) => onDeleteForever(event.currentTarget)}
      >
        Delete forever
      </button>
    </li>
  );
}
