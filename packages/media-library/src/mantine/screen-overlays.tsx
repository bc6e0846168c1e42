// What the library screen shows over itself: the details as a drawer on a phone, the phone's
// library drawer, the generate dialog, the full-screen viewer, and the notices that load apart
// from the screen (storage, and the Undo offer after a delete).
import { Modal } from '@mantine/core';
import { lazy, type ReactNode, type RefObject, Suspense } from 'react';
import type {
  UseAIGenerationResult,
  UseDialogResult,
  UseLibraryFiltersResult,
  UseLibraryScreenResult,
} from '../react/index';
import { AssetDetailsDrawer } from './asset-details-drawer';
import { LibraryDrawer } from './library-drawer';
import type { useGenerateDialog } from './use-generate-dialog';

// Loaded on the first double click or "View": a visit may never open the viewer.
const AssetViewer = lazy(() =>
  import('./asset-viewer').then((module) => ({ default: module.AssetViewer })),
);
// Loaded once the screen is up: most visits show no storage notice.
const StorageNotices = lazy(() =>
  import('./storage-notices').then((module) => ({ default: module.StorageNotices })),
);

// Loaded once the screen is up: its offer shows only after a delete.
const UndoNotice = lazy(() =>
  import('./undo-notice').then((module) => ({ default: module.UndoNotice })),
);

/** Props of {@link ScreenOverlays}. */
export interface ScreenOverlaysProps {
  screen: UseLibraryScreenResult;
  view: UseLibraryFiltersResult;
  ai: UseAIGenerationResult;
  generate: ReturnType<typeof useGenerateDialog>;
  /** The phone's library drawer. */
  library: UseDialogResult;
  total: number;
  /** What failed in the details, shown in the drawer where the person is looking. */
  alert: ReactNode;
  /** The details panel. */
  details: ReactNode;
  /** The viewer, once first opened: kept mounted so it can give the focus back as it closes. */
  viewer?: { ids: readonly string[]; request?: { id: string }; onClose(): void };
  onError(error: Error): void;
}

/** The screen's dialogs and drawers. */
export function ScreenOverlays(props: ScreenOverlaysProps) {
  const { screen, view, ai, generate, library, total, viewer, onError } = props;
  const GeneratePanel = generate.Panel;
  return (
    <>
      {/* Mounted while narrow even when closed, so it sees itself open and returns the focus. */}
      {screen.narrow && (
        <>
          <AssetDetailsDrawer
            assetId={screen.detailsId}
            opened={screen.details.open}
            onClose={screen.details.close}
            alert={props.alert}
          >
            {props.details}
          </AssetDetailsDrawer>
          <LibraryDrawer dialog={library} total={total} view={view} onError={onError} />
        </>
      )}
      <Modal
        opened={generate.opened}
        onClose={generate.close}
        // A hidden dialog keeps its form mounted: the prompt, the run and how it ended.
        keepMounted={generate.form !== undefined}
        title="Generate images"
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {generate.form && GeneratePanel && (
          <GeneratePanel
            key={generate.form.key}
            generation={ai}
            initial={generate.form.initial}
            onGenerated={(assets) => {
              generate.finish();
              if (!assets[0]) return;
              screen.setSelection([assets[0].id]);
              screen.showDetails(assets[0].id);
            }}
          />
        )}
      </Modal>
      {viewer && (
        <Suspense fallback={null}>
          <AssetViewer {...viewer} onError={onError} />
        </Suspense>
      )}
    </>
  );
}

/**
 * The Undo offer after a delete, its code loaded apart. Rendered once the screen is up (after
 * hydration: a server's render has no code to wait for).
 */
export function ScreenUndo() {
  return (
    <Suspense fallback={null}>
      <UndoNotice />
    </Suspense>
  );
}

/** The storage notices, with the Backup menu's file input as the way to import a library. */
export function ScreenNotices({ root }: { root: RefObject<HTMLElement | null> }) {
  return (
    <Suspense fallback={null}>
      <StorageNotices
        onImportLibrary={() =>
          root.current
            ?.querySelector<HTMLInputElement>('input[aria-label="Library export file"]')
            ?.click()
        }
      />
    </Suspense>
  );
}
