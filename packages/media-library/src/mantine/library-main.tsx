// The screen's main column: search, sort and filters, the import under way and how the last
// one ended, what failed, the count or the selection's actions, and the grid (or what stands
// in for it when there is nothing to show). Drop files anywhere on it.
import { Box, Stack, Text } from '@mantine/core';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import type { MediaAsset } from '../core/index';
import type {
  UseDropzoneResult,
  UseLibraryFiltersResult,
  UseLibraryScreenResult,
} from '../react/index';
import { AssetGridView } from './asset-grid-view';
import type { BulkToolbar as BulkToolbarType } from './bulk-toolbar';
import { FilterChips } from './filter-chips';
import { FiltersButton } from './filters-button';
import { ImportProgressBar } from './import-progress';
import { EmptyLibrary, NoMatchingAssets } from './library-empty-state';
import { LibraryToolbar } from './library-toolbar';
import { mutedText } from './preset-colors';

// Loaded when a batch of files ends: its summary and the files not added.
const ImportOutcomePanel = lazy(() =>
  import('./import-outcome').then((module) => ({ default: module.ImportOutcomePanel })),
);

// The selection's actions (and the zip writer behind Download) load once the screen is up, not
// with it; until then a selection shows as the count line does.
let BulkToolbar: typeof BulkToolbarType | undefined;
const loadBulkToolbar = () =>
  import('./bulk-toolbar').then((module) => {
    BulkToolbar = module.BulkToolbar;
  });

/** Props of {@link LibraryMain}. */
export interface LibraryMainProps {
  view: UseLibraryFiltersResult;
  /** Which of the search and sort row, the filter chips and the grid show yet (mounting in steps). */
  controls: { toolbar: boolean; chips: boolean; grid: boolean };
  screen: UseLibraryScreenResult;
  dropzone: UseDropzoneResult;
  /** The query's results; `pending` while newer ones are being computed (see `useAssets`). */
  assets: { items: MediaAsset[]; total: number; status: string; ids: string[]; pending: boolean };
  canGenerate: boolean;
  filtersSheet: { opened: boolean; onOpenedChange(opened: boolean): void };
  /** The alert of what failed, when it shows here rather than over the details. */
  alert: ReactNode;
  /** Storage notices, loaded apart. */
  notices: ReactNode;
  onView(id: string): void;
}

/** "Drop to upload" over the column while files are dragged over it. */
function DropOverlay() {
  return (
    // Lets the drag through, or entering the label would count as leaving the library.
    <Box
      pos="absolute"
      inset={0}
      style={{
        zIndex: 1,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        pointerEvents: 'none',
      }}
    >
      <Text fw={600} size="lg" c="var(--mantine-primary-color-filled)">
        Drop to upload
      </Text>
    </Box>
  );
}

/** Everything between the header and the details. */
export function LibraryMain(props: LibraryMainProps) {
  const { view, screen, dropzone, assets, canGenerate, filtersSheet, alert, notices } = props;
  const { narrow, importer } = screen;
  const { onDragEnter, onDragOver, onDragLeave, onDrop, ...root } = dropzone.getRootProps();
  const dragOver = root['data-state'] === 'drag-over';
  const { total, status, pending } = assets;
  const [, setLoaded] = useState(BulkToolbar !== undefined);
  useEffect(() => {
    if (!BulkToolbar)
      loadBulkToolbar().then(
        () => setLoaded(true),
        () => undefined,
      );
  }, []);
  return (
    <Box
      component="main"
      className="medialoft-drop-target"
      {...{ onDragEnter, onDragOver, onDragLeave, onDrop, 'data-state': root['data-state'] }}
      style={{
        flex: 1,
        minWidth: 0,
        display: 'flex',
        flexDirection: 'column',
        position: 'relative',
      }}
    >
      {dragOver && <DropOverlay />}
      <Stack gap="xs" p="md" pb="xs">
        {props.controls.toolbar && (
          <LibraryToolbar
            filters={view.filters}
            onFiltersChange={view.setFilters}
            layout={view.layout}
            onLayoutChange={view.setLayout}
            narrow={narrow}
            filtersButton={
              narrow && (
                <FiltersButton
                  filters={view.filters}
                  onFiltersChange={view.setFilters}
                  facets={view.facets}
                  total={total}
                  opened={filtersSheet.opened}
                  onOpenedChange={filtersSheet.onOpenedChange}
                />
              )
            }
          />
        )}
        {props.controls.chips && !narrow && (
          <FilterChips
            filters={view.filters}
            onFiltersChange={view.setFilters}
            facets={view.facets}
          />
        )}
        {importer.importing && (
          <ImportProgressBar progress={importer.progress} onCancel={importer.cancel} />
        )}
        {screen.outcome && !importer.importing && (
          <Suspense fallback={null}>
            <ImportOutcomePanel
              results={screen.outcome}
              onShowAsset={screen.showDetails}
              onDismiss={screen.dismissOutcome}
            />
          </Suspense>
        )}
        {alert}
        {notices}
        {/* A fixed-height row: the count, or the selection's actions in its place. */}
        <Box mih={30} style={{ display: 'flex', alignItems: 'center' }}>
          {screen.selection.length > 0 && BulkToolbar ? (
            <BulkToolbar
              selection={screen.selection}
              onSelectionChange={screen.setSelection}
              collections={view.facets.collections}
              allIds={assets.ids}
              total={total}
              matching={view.filtered}
              onError={(error) => screen.report(error.message)}
            />
          ) : (
            <Text size="sm" c={mutedText} aria-live="polite">
              {status === 'loading'
                ? 'Loading…'
                : `${total.toLocaleString()} asset${total === 1 ? '' : 's'}${view.filtered ? ' match' : ''}`}
            </Text>
          )}
        </Box>
      </Stack>
      <Box style={{ flex: 1, minHeight: 0 }} aria-busy={pending} {...screen.getGridAreaProps()}>
        {/* Once the rows above it are in place, so nothing here moves down as they come; a
            step of its own, as the filters' selects render twice as they mount (Mantine's ids). */}
        {!props.controls.grid ? null : total > 0 ? (
          <AssetGridView
            assets={assets.items}
            layout={view.layout}
            selection={screen.selection}
            onSelectionChange={screen.changeSelection}
            onActivate={screen.showDetails}
            onView={props.onView}
            // A click opens, apart from the ticked ones a bulk action would touch.
            activateOnClick
            openId={screen.details.open ? screen.detailsId : undefined}
            touchTargets={narrow}
          />
        ) : status === 'loading' || pending ? null : view.filtered ? (
          <NoMatchingAssets onClear={view.clearAll} />
        ) : (
          <EmptyLibrary
            dropzone={dropzone.getRootProps({ 'aria-label': 'Drop, paste or choose files to add' })}
            canGenerate={canGenerate}
          />
        )}
      </Box>
    </Box>
  );
}
