// The details' "Export for…" button: opens the platform export in a modal. The export's code
// loads on the first click, so the details cost nothing more until someone exports.
import { Button, Loader, Modal } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import type { MediaAsset } from '../core/index';
import { canExportForPlatform } from '../react/use-export-for-platform';

const ExportForPanel = lazy(() =>
  import('./export-for-dialog').then((module) => ({ default: module.ExportForPanel })),
);

/** Props of {@link ExportForButton}. */
export interface ExportForButtonProps {
  asset: MediaAsset;
  /** Shows the exported asset, from the "Show it" button. */
  onSelectAsset?: ((id: string) => void) | undefined;
  /** Button size; default `xs`. */
  size?: 'xs' | 'sm';
}

/** "Export for…" for a raster image of known size; nothing for other assets. */
export function ExportForButton({ asset, onSelectAsset, size = 'xs' }: ExportForButtonProps) {
  const [opened, setOpened] = useState(false);
  if (!canExportForPlatform(asset)) return null;
  const show = onSelectAsset
    ? (id: string) => {
        setOpened(false);
        onSelectAsset(id);
      }
    : undefined;
  return (
    <>
      <Button size={size} variant="default" onClick={() => setOpened(true)}>
        Export for…
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Export for a platform"
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close the export' }}
      >
        {opened && (
          <Suspense fallback={<Loader size="sm" aria-label="Loading the export" />}>
            <ExportForPanel assetId={asset.id} onSelectAsset={show} />
          </Suspense>
        )}
      </Modal>
    </>
  );
}

// The details load this file with React.lazy, which takes a default export.
export default ExportForButton;
