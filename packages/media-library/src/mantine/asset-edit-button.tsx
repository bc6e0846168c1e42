// The details' "Edit" button: opens the edit studio in a modal. The studio's code loads on
// the first click, so the details cost nothing more until someone edits.
import { Button, Loader, Modal } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import type { MediaAIGenerateRequest, MediaAsset } from '../core/index';

const AssetEditPanel = lazy(() =>
  import('./asset-edit-panel').then((module) => ({ default: module.AssetEditPanel })),
);

/** Raster types the browser can crop, rotate and flip (and an AI edit takes). */
const EDITABLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif']);

/** Props of {@link AssetEditButton}. */
export interface AssetEditButtonProps {
  asset: MediaAsset;
  /** Shows a new version, from the result's "Show …" button. */
  onSelectAsset?: ((id: string) => void) | undefined;
  /**
   * Takes a generated image's settings back to the generate form ("Use all" in the studio);
   * the studio closes first.
   */
  onUseSettings?(settings: Partial<MediaAIGenerateRequest>): void;
}

/**
 * "Edit" for a raster image, opening the edit studio ({@link AssetEditPanel}) in a modal;
 * nothing for other assets. The studio's code loads on the first click.
 *
 * @example
 * <AssetEditButton asset={asset} onSelectAsset={select} onUseSettings={openGenerate} />
 */
export function AssetEditButton({ asset, onSelectAsset, onUseSettings }: AssetEditButtonProps) {
  const [opened, setOpened] = useState(false);
  if (!EDITABLE.has(asset.mimeType) || asset.unreadable) return null;
  const show = onSelectAsset
    ? (id: string) => {
        setOpened(false);
        onSelectAsset(id);
      }
    : undefined;
  const useSettings = onUseSettings
    ? (settings: Partial<MediaAIGenerateRequest>) => {
        setOpened(false);
        onUseSettings(settings);
      }
    : undefined;
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpened(true)}>
        Edit
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Edit image"
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close the editor' }}
      >
        {opened && (
          <Suspense fallback={<Loader size="sm" aria-label="Loading the editor" />}>
            <AssetEditPanel
              assetId={asset.id}
              {...(show ? { onSelectAsset: show } : {})}
              {...(useSettings ? { onUseSettings: useSettings } : {})}
            />
          </Suspense>
        )}
      </Modal>
    </>
  );
}

// The details load this file with React.lazy, which takes a default export.
export default AssetEditButton;
