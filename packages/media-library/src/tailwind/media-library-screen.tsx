// The complete media library screen in Tailwind: header, upload (drop anywhere, paste, pick),
// search and filters, the virtualised grid or list, the selection bar, collections, tags and
// storage beside the grid (in a drawer on a phone), and the generate dialog and the viewer,
// which load on first use. Built only from the public hooks.
import { type RefObject, startTransition, useMemo, useRef, useState } from 'react';
import { downloadZip } from '../core/download';
import type { MediaAIGenerateRequest } from '../core/index';
import {
  type LibraryFilters,
  useAIGeneration,
  useAssets,
  useBulkActions,
  useDialog,
  useDropzone,
  useElementWidth,
  useImport,
  useLibraryFilters,
  useMediaLibrary,
} from '../react/index';
import { useScreenStages } from '../react/use-hold-index-load';
import { AssetGridView } from './asset-grid-view';
import { BulkToolbar } from './bulk-toolbar';
import { DetailsSlot } from './details-slot';
import { DropOverlay, ImportStatus } from './import-status';
import { EmptyLibrary, NoMatchingAssets } from './library-empty-state';
import { LibraryPanel, LibrarySidebar } from './library-panel';
import { LibraryToolbar } from './library-toolbar';
import { ModalSheet } from './modal-sheet';
import { EditDialog, GenerateDialog, TrashDialog, UndoSlot, ViewerSlot } from './screen-dialogs';
import { ScreenHeader } from './screen-header';

/** Props of {@link MediaLibraryScreen}. */
export interface MediaLibraryScreenProps {
  /** Heading of the screen. Default "Media library". */
  title?: string;
  /** Height of the screen. Default '100dvh'. */
  height?: number | string;
  /** Which files the pickers and drops accept. Default: any. */
  accept?: string | string[];
  /** Starting filters, e.g. for a story or a deep link. */
  initialFilters?: Partial<LibraryFilters>;
  /** Starting layout. Default 'grid'. */
  initialLayout?: 'grid' | 'list';
}

/**
 * The screen's root. It is mounted alone first: its width (phone or desktop) is read in that
 * commit, which makes the browser lay out at once what the commit added. With nothing in it,
 * that costs next to nothing; read with the header and toolbar in it, their first layout came
 * inside the commit's task.
 */
const rootClass =
  'relative flex flex-col overflow-hidden bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100';

/** Below this width (CSS px of the screen itself) the screen lays itself out for a phone. */
const phoneWidth = 640;

/**
 * The media library, ready to use with Tailwind CSS v4: render it inside
 * `MediaLibraryProvider` (pass an `ai` generator there to get Generate), and let the host's
 * Tailwind build scan the package (see the module's first lines).
 *
 * @example
 * <MediaLibraryProvider library={library}>
 *   <MediaLibraryScreen />
 * </MediaLibraryProvider>
 */
export function MediaLibraryScreen({
  title = 'Media library',
  height = '100dvh',
  accept,
  initialFilters,
  initialLayout,
}: MediaLibraryScreenProps) {
  // Mounted in steps (useMountStages), the rest of the library's index read after the last
  // (useScreenStages): the bare root (measured, see rootClass), header and toolbar, grid,
  // side panel, dialogs.
  const stage = useScreenStages(4);
  const rootRef = useRef<HTMLDivElement>(null);
  const narrow = useElementWidth(rootRef, 1024, [phoneWidth]) < phoneWidth;
  const view = useLibraryFilters({ initialFilters, initialLayout });
  const { items, total, pending } = useAssets(view.query);
  const ids = useMemo(() => items.map((asset) => asset.id), [items]);
  const library = useMediaLibrary();
  const bulk = useBulkActions({
    ids,
    total,
    matching: view.filtered,
    download: (selected) => downloadZip(library, selected),
  });
  const ai = useAIGeneration();
  const importer = useImport();
  const onFiles = (files: File[]) => {
    importer.importFiles(files, { keepFinished: true }).catch(() => undefined);
  };
  const dropzone = useDropzone({ onFiles, accept, paste: true });
  // The whole screen takes drops; only the drag handlers of the root props are wanted here.
  const { onDragEnter, onDragOver, onDragLeave, onDrop } = dropzone.getRootProps();
  const generate = useDialog();
  const drawer = useDialog();
  const trash = useDialog();
  const [viewing, setViewing] = useState<{ id: string }>();
  const [details, setDetails, closeDetails] = useDetails(rootRef);
  const studio = useEditStudio(setDetails);
  const [generateWith, setGenerateWith] = useState<Partial<MediaAIGenerateRequest>>();
  const openViewer = (id: string) => startTransition(() => setViewing({ id })); // never blocks
  const reuse = ai.aiAvailable
    ? (request: MediaAIGenerateRequest) => {
        if (narrow) setDetails(undefined);
        setGenerateWith(request);
        generate.show();
      }
    : undefined;

  // The root alone first: see rootClass.
  if (stage === 0) return <div ref={rootRef} style={{ height }} className={rootClass} />;

  return (
    <div
      ref={rootRef}
      style={{ height }}
      className={rootClass}
      {...{ onDragEnter, onDragOver, onDragLeave, onDrop }}
      data-state={dropzone.isDragActive ? 'drag-over' : 'idle'}
    >
      <input {...dropzone.getInputProps()} aria-label="Files to upload" />
      <ScreenHeader
        title={title}
        onUpload={dropzone.open}
        ai={ai}
        generateTrigger={generate.getTriggerProps()}
        libraryTrigger={narrow ? drawer.getTriggerProps() : undefined}
      />
      <div className="flex min-h-0 flex-1">
        {!narrow && <LibrarySidebar view={view} onOpenTrash={trash.show} empty={stage < 3} />}
        <main className="flex min-w-0 flex-1 flex-col gap-2 p-3">
          <LibraryToolbar view={view} total={total} />
          <BulkToolbar bulk={bulk} collections={view.facets.collections} />
          <ImportStatus importer={importer} onShowAsset={(id) => bulk.setSelection([id])} />
          <div className="min-h-0 flex-1" aria-busy={pending}>
            {stage < 2 ? null : items.length > 0 ? (
              <AssetGridView
                assets={items}
                layout={view.layout}
                selection={bulk.selectedIds}
                // Ticking assets never opens one: a click or Enter opens, so what is looked
                // at is never silently the target of a bulk action.
                onSelectionChange={bulk.setSelection}
                onActivate={setDetails}
                activateOnClick
                openId={details}
                onView={openViewer}
                touchTargets={narrow}
                minCellWidth={narrow ? 120 : 160}
              />
            ) : pending ? null : view.filtered ? (
              <NoMatchingAssets onClear={view.clearAll} />
            ) : (
              <EmptyLibrary onUpload={dropzone.open} />
            )}
          </div>
        </main>
        {details && (
          <DetailsSlot
            assetId={details}
            over={narrow}
            onClose={closeDetails}
            onView={openViewer}
            onReusePrompt={reuse}
            onEdit={studio.open}
            onSelectAsset={setDetails}
          />
        )}
      </div>
      {dropzone.isDragActive && <DropOverlay />}
      {narrow && (
        <ModalSheet dialog={drawer} title="Library" placement="start">
          <LibraryPanel view={view} onOpenTrash={trash.show} />
        </ModalSheet>
      )}
      {stage >= 4 && (
        <>
          <GenerateDialog dialog={generate} ai={ai} initial={generateWith} />
          <EditDialog
            dialog={studio.dialog}
            assetId={studio.assetId}
            onSelectAsset={studio.showVersion}
          />
          <TrashDialog dialog={trash} />
          <UndoSlot />
          <ViewerSlot ids={ids} request={viewing} onClose={() => setViewing(undefined)} />
        </>
      )}
    </div>
  );
}

/**
 * The asset whose details are open, its setter, and a close that hands the focus (which was in
 * the panel) to the grid's tab stop.
 */
function useDetails(rootRef: RefObject<HTMLDivElement | null>) {
  const [details, setDetails] = useState<string>();
  const close = () => {
    setDetails(undefined);
    rootRef.current?.querySelector<HTMLElement>('[role="grid"] [tabindex="0"]')?.focus();
  };
  return [details, setDetails, close] as const;
}

/** The edit studio's dialog and the asset it edits; a version made there gets its details. */
function useEditStudio(showDetails: (id: string) => void) {
  const dialog = useDialog();
  const [assetId, setAssetId] = useState<string>();
  return {
    dialog,
    assetId,
    open(id: string) {
      setAssetId(id);
      dialog.show();
    },
    showVersion(id: string) {
      dialog.close();
      showDetails(id);
    },
  };
}
