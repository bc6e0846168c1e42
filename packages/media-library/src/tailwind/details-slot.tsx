// Where the screen shows an asset's details: beside the grid on a wide screen, over it in a
// native modal on a phone (beside it they would leave the grid no width). The panel itself
// loads on the first asset opened.
import { lazy, type ReactNode, Suspense, useEffect, useRef } from 'react';
import type { MediaAIGenerateRequest } from '../core/index';
import { useDialog } from '../react/index';

const AssetDetailsPanel = lazy(() =>
  import('./asset-details-panel').then((module) => ({ default: module.AssetDetailsPanel })),
);

/** Props of {@link DetailsSlot}. */
export interface DetailsSlotProps {
  assetId: string;
  /** Over the grid (a phone) rather than beside it. */
  over: boolean;
  onClose(): void;
  onView(id: string): void;
  onReusePrompt?(request: MediaAIGenerateRequest): void;
  /** "Edit" on an image: opens the edit studio. */
  onEdit?(id: string): void;
  /** Shows another asset's details ("Derived from", a version, an existing duplicate). */
  onSelectAsset?(id: string): void;
}

/** The details of `assetId`, placed for the screen's width. */
export function DetailsSlot(props: DetailsSlotProps) {
  const { assetId, over, onClose, onView, onReusePrompt, onEdit } = props;
  // Beside the grid, Escape inside the panel (not from a field) closes it, as a dialog's would.
  const beside = useDialog({
    open: true,
    onOpenChange: (open) => {
      if (!open) onClose();
    },
    returnFocus: false,
    modal: false,
  });
  const panel = (
    <Suspense fallback={null}>
      <AssetDetailsPanel
        assetId={assetId}
        onClose={onClose}
        onView={onView}
        onReusePrompt={onReusePrompt}
        onEdit={onEdit}
        onSelectAsset={props.onSelectAsset}
      />
    </Suspense>
  );
  if (over) return <DetailsDialog onClose={onClose}>{panel}</DetailsDialog>;
  return (
    <aside
      aria-label="Details"
      onKeyDown={beside.getDialogProps().onKeyDown}
      className="w-80 flex-none overflow-hidden border-l border-zinc-200 dark:border-zinc-700"
    >
      {panel}
    </aside>
  );
}

/** A full-screen modal: the page behind is inert, and closing gives the focus back. */
function DetailsDialog({ onClose, children }: { onClose(): void; children: ReactNode }) {
  const element = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const node = element.current;
    if (node && !node.open) node.showModal();
    return () => node?.close();
  }, []);
  return (
    <dialog
      ref={element}
      aria-label="Asset details"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="fixed inset-0 m-0 h-dvh max-h-none w-dvw max-w-none bg-white p-0 text-zinc-900 backdrop:bg-black/50 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {children}
    </dialog>
  );
}
