// The full-screen viewer in Tailwind: one asset at a time over the grid's order, in a native
// modal <dialog> (the page behind is inert while it is open). Which asset, the keys, swipes,
// zoom, pan and the focus's way back all come from useAssetViewer.
import { useEffect, useId, useRef } from 'react';
import { assetLabel } from '../core/index';
import { type UseAssetViewerResult, useAssetViewer } from '../react/index';
import { iconButton, muted, secondaryButton } from './classes';
import { ViewerStage } from './viewer-stage';

/** Props of {@link AssetViewer}. */
export interface AssetViewerProps {
  /** The ids in the order the person sees them; Previous and Next follow it. */
  ids: readonly string[];
  /** Which asset to open: a new object opens the viewer (again) on its id. */
  request?: { id: string };
  /** Called once the viewer has closed (Escape, the close button). */
  onClose(): void;
  /** Called when the shown file cannot be played or shown. */
  onError?(error: Error): void;
}

/**
 * A full-screen dialog named after the shown asset. Arrow keys, Home/End and swipes move
 * through `ids`; + / - / 0, the wheel, a double click and a drag zoom and pan an image; Escape
 * closes and gives the focus back to what had it before (the grid's tile).
 */
export function AssetViewer({ ids, request, onClose, onError }: AssetViewerProps) {
  const viewer = useAssetViewer({ ids });
  const { open, opened } = viewer;
  useEffect(() => {
    if (request) open(request.id);
  }, [request, open]);
  // However it closed, the host hears of it once.
  const wasOpen = useRef(false);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    if (opened) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      onCloseRef.current();
    }
  }, [opened]);
  return opened ? <ViewerDialog viewer={viewer} onError={onError} /> : null;
}

function ViewerDialog({
  viewer,
  onError,
}: {
  viewer: UseAssetViewerResult;
  onError?(error: Error): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return;
    element.showModal();
    // The keys go to the dialog from its first moment; the close button is a safe first stop.
    closeButton.current?.focus();
  }, []);
  const { asset } = viewer;
  const name = asset ? assetLabel(asset) : 'Asset';
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      {...viewer.getViewerProps()}
      // Escape is the hook's (it closes and returns the focus); the browser must not close alone.
      onCancel={(event) => {
        event.preventDefault();
        viewer.close();
      }}
      className="fixed inset-0 m-0 flex h-dvh max-h-none w-dvw max-w-none flex-col bg-white p-0 text-zinc-900 backdrop:bg-black/70 dark:bg-zinc-950 dark:text-zinc-100"
    >
      <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-700">
        <h2 id={titleId} className="min-w-0 flex-1 truncate text-base font-semibold">
          {name}
        </h2>
        <button
          ref={closeButton}
          type="button"
          aria-label="Close viewer"
          className={iconButton}
          onClick={viewer.close}
        >
          ×
        </button>
      </header>
      <ViewerToolbar viewer={viewer} />
      <div className="min-h-0 flex-1">
        {asset && <ViewerStage key={asset.id} asset={asset} viewer={viewer} onError={onError} />}
      </div>
    </dialog>
  );
}

function ViewerToolbar({ viewer }: { viewer: UseAssetViewerResult }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
      <div className="flex items-center gap-2">
        <button
          type="button"
          aria-label="Previous asset"
          className={iconButton}
          disabled={!viewer.hasPrevious}
          onClick={viewer.previous}
        >
          ‹
        </button>
        <button
          type="button"
          aria-label="Next asset"
          className={iconButton}
          disabled={!viewer.hasNext}
          onClick={viewer.next}
        >
          ›
        </button>
        <p className={`text-sm ${muted}`} aria-live="polite" data-testid="viewer-position">
          {viewer.index >= 0
            ? `${(viewer.index + 1).toLocaleString()} of ${viewer.count.toLocaleString()}`
            : ''}
        </p>
      </div>
      {viewer.asset?.kind === 'image' && (
        <div className="flex items-center gap-1">
          <button
            type="button"
            aria-label="Zoom out"
            className={iconButton}
            onClick={viewer.zoomOut}
          >
            −
          </button>
          <button type="button" className={secondaryButton} onClick={viewer.resetZoom}>
            <span className="sr-only">Fit to screen, now </span>
            {`${Math.round(viewer.zoom.scale * 100)} %`}
          </button>
          <button type="button" aria-label="Zoom in" className={iconButton} onClick={viewer.zoomIn}>
            +
          </button>
        </div>
      )}
    </div>
  );
}
