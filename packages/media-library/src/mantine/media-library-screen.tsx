// The complete media library screen: header, import (drop, paste, pick, URL), filters, the
// virtualised grid or list, bulk actions, details, collections and tags, storage, generate.
// Built only from the public hooks; render it inside MantineProvider and MediaLibraryProvider.
import { Box, Divider, px, useMantineTheme } from '@mantine/core';
import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import {
  type LibraryFilters,
  useAIGeneration,
  useAssets,
  useDialog,
  useDropzone,
  useLibraryFilters,
  useLibraryScreen,
} from '../react/index';
import { useElementWidth } from '../react/use-element-width';
import { useScreenStages } from '../react/use-hold-index-load';
import { LibraryHeader, LibraryHeaderFrame } from './library-header';
import { LibraryMain } from './library-main';
import { LibraryDrawerButton, LibraryNavigation } from './library-navigation';
import { PresetStyles } from './preset-styles';
import { ProblemAlert } from './problem-alert';
import { ScreenDetails } from './screen-details';
import { ScreenNotices, ScreenOverlays, ScreenUndo } from './screen-overlays';
import { TrashButton } from './trash-button';
import { useGenerateDialog } from './use-generate-dialog';
import { useViewerRequest } from './use-viewer-request';

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
 * The media library, ready to use. Needs Mantine's stylesheet (`@mantine/core/styles.css`)
 * once in the app; pass an `ai` generator to the provider to get the Generate button.
 *
 * @example
 * import '@mantine/core/styles.css';
 * <MantineProvider>
 *   <MediaLibraryProvider library={library} ai={createRemoteGenerator({ baseUrl: '/api/ai' })}>
 *     <MediaLibraryScreen />
 *   </MediaLibraryProvider>
 * </MantineProvider>
 */
export function MediaLibraryScreen({
  title,
  height = '100dvh',
  accept,
  initialFilters,
  initialLayout = 'grid',
}: MediaLibraryScreenProps) {
  // Mounted in steps on a client-only render, each a task of its own, the rest of the index
  // read after them (useScreenStages): the bare root (measured, see below), the frame, the
  // header, the search and sort, the filters, the grid, the side panel and the dialogs.
  const stage = useScreenStages(7);
  const view = useLibraryFilters({ initialFilters, initialLayout });
  const { items, total, status, pending } = useAssets(view.query);
  const ids = useMemo(() => items.map((a) => a.id), [items]);
  // The screen's own width decides, not the window's: a host may embed it in a narrow column.
  const rootRef = useRef<HTMLDivElement>(null);
  const breakpoint = Number(px(useMantineTheme().breakpoints.sm));
  const width = useElementWidth(rootRef, 1024, [breakpoint]); // which side only
  const screen = useLibraryScreen({ width, breakpoint, ids });
  const { narrow, details, problem } = screen;
  // Kept here, not in the panel, so a generation's progress and cancel outlive its dialog.
  const ai = useAIGeneration();
  const generate = useGenerateDialog(ai, screen.report);
  const viewer = useViewerRequest();
  const openViewer = viewer.open;
  const library = useDialog();
  const [filtersOpened, setFiltersOpened] = useState(false);
  const dropzone = useDropzone({ onFiles: screen.importFiles, accept, paste: true });
  // After hydration, so the server's HTML and the first render in the browser agree.
  const [notices, setNotices] = useState(false);
  useEffect(() => {
    startTransition(() => setNotices(true)); // re-renders the screen: a few ms at a time
    // Fetched once the screen is up, so the first asset opened rarely waits for its details.
    import('./asset-details-panel').catch(() => undefined);
  }, []);
  const onError = (error: Error) => screen.report(error.message);
  // While the details cover the screen, an alert behind them would go unseen until they close.
  const detailsOverScreen = narrow && details.open;
  // Mantine's dialogs do not hide what is behind them from screen readers; the screen does,
  // while one of its own is open. The filters sheet and the library drawer exist only narrow.
  const dialogOpen =
    generate.opened ||
    detailsOverScreen ||
    (narrow && (filtersOpened || library.open)) ||
    viewer.request !== undefined;
  const alert = problem && (
    <ProblemAlert onDismiss={screen.dismissProblem}>{problem.text}</ProblemAlert>
  );
  const detailsPanel = screen.detailsId !== undefined && (
    <ScreenDetails
      assetId={screen.detailsId}
      screen={screen}
      collections={view.facets.collections}
      onView={openViewer}
      onReusePrompt={ai.aiAvailable ? generate.open : undefined}
    />
  );

  const rootStyle = { display: 'flex', flexDirection: 'column', overflow: 'hidden' } as const;
  // The first step is the root alone: its width (phone or desktop) is read in the commit, which
  // makes the browser lay out at once what the commit added. With nothing in it, that costs
  // next to nothing; read with the frame in it, the first layout of the frame came inside the
  // commit's task.
  if (stage === 0) return <Box ref={rootRef} h={height} style={rootStyle} />;

  return (
    <Box ref={rootRef} h={height} style={rootStyle} aria-hidden={dialogOpen ? true : undefined}>
      <PresetStyles />
      <input {...dropzone.getInputProps()} aria-label="Files to upload" />
      {stage < 2 && <LibraryHeaderFrame title={title} />}
      {stage >= 2 && (
        <LibraryHeader
          title={title}
          onUpload={dropzone.open}
          onImportUrl={screen.importUrl}
          onGenerate={ai.aiAvailable ? () => generate.open() : undefined}
          generation={generate.status}
          selection={screen.selection}
          collectionId={view.filters.collectionId}
          navigation={
            <>
              {narrow && <LibraryDrawerButton dialog={library} />}
              <TrashButton />
            </>
          }
        />
      )}
      <Divider />
      <Box style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <LibraryNavigation hidden={narrow} empty={stage < 6} view={view} onError={onError} />
        <LibraryMain
          view={view}
          controls={{ toolbar: stage >= 3, chips: stage >= 4, grid: stage >= 5 }}
          screen={screen}
          dropzone={dropzone}
          assets={{ items, total, status, ids, pending }}
          canGenerate={ai.aiAvailable}
          filtersSheet={{ opened: filtersOpened, onOpenedChange: setFiltersOpened }}
          alert={!(detailsOverScreen && problem?.inDetails) && alert}
          notices={notices && <ScreenNotices root={rootRef} />}
          onView={openViewer}
        />
        {!narrow && details.open && (
          <Box
            w={340}
            style={{ flex: 'none', borderLeft: '1px solid var(--mantine-color-default-border)' }}
            {...screen.getDetailsAreaProps()}
          >
            {detailsPanel}
          </Box>
        )}
      </Box>
      {stage >= 7 && (
        <ScreenOverlays
          screen={screen}
          view={view}
          ai={ai}
          generate={generate}
          library={library}
          total={total}
          alert={problem?.inDetails && alert}
          details={detailsPanel}
          viewer={viewer.used ? { ids, request: viewer.request, onClose: viewer.close } : undefined}
          onError={onError}
        />
      )}
      {notices && <ScreenUndo />}
    </Box>
  );
}
