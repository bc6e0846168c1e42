// The details' "Export for…" in Tailwind: opens the platform export in a modal. The export's
// code loads on the first click, so the details cost nothing more until someone exports.
import { lazy, Suspense } from 'react';
import type { MediaAsset } from '../core/index';
import { canExportForPlatform, useDialog } from '../react/index';
import { muted, secondaryButton } from './classes';
import { ModalSheet } from './modal-sheet';

const ExportForPanel = lazy(() =>
  import('./export-for-panel').then((module) => ({ default: module.ExportForPanel })),
);

/** Props of {@link ExportForButton}. */
export interface ExportForButtonProps {
  asset: MediaAsset;
  /** Shows the exported asset, from the "Show it" button (the export closes first). */
  onSelectAsset?: ((id: string) => void) | undefined;
}

/**
 * "Export for…" for a raster image of known size (nothing for other assets): each platform
 * format previewed over the image, then "Add to library" or "Download".
 */
export function ExportForButton({ asset, onSelectAsset }: ExportForButtonProps) {
  const dialog = useDialog();
  if (!canExportForPlatform(asset)) return null;
  const show = onSelectAsset
    ? (id: string) => {
        dialog.close();
        onSelectAsset(id);
      }
    : undefined;
  return (
    <>
      <button type="button" className={secondaryButton} {...dialog.getTriggerProps()}>
        Export for…
      </button>
      <ModalSheet dialog={dialog} title="Export for a platform">
        <Suspense fallback={<p className={`p-4 text-sm ${muted}`}>Loading the export…</p>}>
          <ExportForPanel assetId={asset.id} onSelectAsset={show} />
        </Suspense>
      </ModalSheet>
    </>
  );
}
