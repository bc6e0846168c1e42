// The details of the asset the screen shows, loaded on the first asset opened: a visit that
// only uploads or browses never needs them. A failure in them is reported as theirs, so the
// screen can show it over them while they cover it.
import { lazy, Suspense } from 'react';
import type { Collection, MediaAIGenerateRequest } from '../core/index';
import type { UseLibraryScreenResult } from '../react/index';

const AssetDetailsPanel = lazy(() =>
  import('./asset-details-panel').then((module) => ({ default: module.AssetDetailsPanel })),
);

/** Props of {@link ScreenDetails}. */
export interface ScreenDetailsProps {
  assetId: string;
  screen: UseLibraryScreenResult;
  collections: readonly Collection[];
  onView(id: string): void;
  onReusePrompt?(request: MediaAIGenerateRequest): void;
}

/** The details panel wired to the screen: close, another asset, view, reuse, errors. */
export function ScreenDetails({
  assetId,
  screen,
  collections,
  onView,
  onReusePrompt,
}: ScreenDetailsProps) {
  return (
    <Suspense fallback={null}>
      <AssetDetailsPanel
        assetId={assetId}
        onClose={screen.details.close}
        onSelectAsset={screen.showDetails}
        onView={onView}
        collections={collections}
        onReusePrompt={
          onReusePrompt &&
          ((request) => {
            // The generate dialog takes the place of an overlay rather than stacking on it.
            if (screen.narrow) screen.details.close();
            onReusePrompt(request);
          })
        }
        onError={(error) => screen.report(error.message, true)}
      />
    </Suspense>
  );
}
