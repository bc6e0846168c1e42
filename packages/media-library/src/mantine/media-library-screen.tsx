// The complete media library screen: header, import (drop, paste, pick, URL), filters, the
// virtualised grid or list, bulk actions, details, collections and tags, storage, generate.
// Built only from the public hooks; render it inside MantineProvider and MediaLibraryProvider.
import { Box, Divider, Modal, px, ScrollArea, Stack, Text, useMantineTheme } from '@mantine/core';
import { type KeyboardEvent, lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { ImportItemResult, MediaAIGenerateRequest } from '../core/index';
import { useAIGeneration, useAssets, useDropzone, useImport } from '../react/index';
import { useSavedLibraryView } from '../react/use-saved-library-view';
import { AssetDetailsDrawer } from './asset-details-drawer';
import { AssetGridView } from './asset-grid-view';
import { BulkToolbar } from './bulk-toolbar';
import { CollectionsPanel } from './collections-panel';
import { FilterChips } from './filter-chips';
import { FiltersButton } from './filters-button';
import { loadedGeneratePanel, loadGeneratePanel } from './generate-panel-loader';
import { ImportProgressBar } from './import-progress';
import { EmptyLibrary, NoMatchingAssets } from './library-empty-state';
import {
  activeFilterCount,
  emptyFilters,
  filtersToQuery,
  type LibraryFilters,
} from './library-filters';
import { LibraryHeader } from './library-header';
import { LibraryToolbar } from './library-toolbar';
import { mutedText } from './preset-colors';
import { PresetStyles } from './preset-styles';
import { ProblemAlert } from './problem-alert';
import { StorageMeter } from './storage-meter';
import { useElementWidth } from './use-element-width';
import { useLibraryFacets } from './use-library-facets';

// Loaded on the first asset opened: a visit that only uploads or browses never needs it.
const AssetDetailsPanel = lazy(() =>
  import('./asset-details-panel').then((module) => ({ default: module.AssetDetailsPanel })),
);
// Loaded on the first double click or "View": a visit may never open the viewer.
const AssetViewer = lazy(() =>
  import('./asset-viewer').then((module) => ({ default: module.AssetViewer })),
);
// Loaded once the screen is up: most visits show no storage notice.
const StorageNotices = lazy(() =>
  import('./storage-notices').then((module) => ({ default: module.StorageNotices })),
);
// Loaded when a batch of files ends: its summary and the files that were not added.
const ImportOutcomePanel = lazy(() =>
  import('./import-outcome').then((module) => ({ default: module.ImportOutcomePanel })),
);

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

/** The asset whose details show, and whether they do: kept while an overlay slides out. */
interface Details {
  id: string;
  opened: boolean;
}

/** What failed, and whether in the details, so that it shows over them while they cover all. */
interface Problem {
  text: string;
  inDetails?: boolean;
}

/** The generate dialog: the form's starting values, which form it is, and whether it shows. */
interface GenerateDialog {
  initial?: Partial<MediaAIGenerateRequest>;
  key: number;
  opened: boolean;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

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
  const [filters, setFilters] = useState<LibraryFilters>({ ...emptyFilters, ...initialFilters });
  const [layout, setLayout] = useState(initialLayout);
  // The sort and layout last chosen in this library come back once mounted (after hydration).
  useSavedLibraryView({ sort: filters.sort, direction: filters.direction, layout }, (saved) => {
    setFilters((current) => ({ ...current, sort: saved.sort, direction: saved.direction }));
    setLayout(saved.layout);
  });
  const [selection, setSelection] = useState<string[]>([]);
  const [details, setDetails] = useState<Details>();
  // Each opening is a new object, so opening the same asset again reopens the viewer.
  const [viewing, setViewing] = useState<{ id: string }>();
  // Kept mounted after the first opening, so that it can give the focus back as it closes.
  const [viewerUsed, setViewerUsed] = useState(false);
  const [generate, setGenerate] = useState<GenerateDialog>();
  const [filtersOpened, setFiltersOpened] = useState(false);
  const forms = useRef(0);
  const [problem, setProblem] = useState<Problem>();
  const facets = useLibraryFacets();
  // Below the theme's `sm` the screen lays itself out for a phone: no navigation column, and the
  // details go over the grid (beside it they would leave the grid no width) and open only when
  // an asset is opened. The screen's own width decides, not the window's: a host may embed it
  // in a narrow column.
  const rootRef = useRef<HTMLDivElement>(null);
  const small = Number(px(useMantineTheme().breakpoints.sm));
  const narrow = useElementWidth(rootRef, 1024) < small;
  // A date window counts from the minute it was chosen, so the query stays stable meanwhile.
  const now = useMemo(
    () => (filters.date === 'any' ? 0 : Math.floor(Date.now() / 60_000) * 60_000),
    [filters.date],
  );
  const { items, total, status } = useAssets(filtersToQuery(filters, now));
  const ids = useMemo(() => items.map((a) => a.id), [items]);
  const visibleSelection = useMemo(() => {
    const shown = new Set(ids);
    return selection.filter((id) => shown.has(id));
  }, [ids, selection]);
  // Kept here, not in the panel, so a generation's progress and cancel outlive its dialog.
  const ai = useAIGeneration();
  const importer = useImport();
  /** The latest batch of files that ended, until dismissed or the next starts. */
  const [outcome, setOutcome] = useState<ImportItemResult[]>();

  // Closing the dialog mid-generation only hides it: reopened, it shows that generation as it
  // is, running or how it ended. Otherwise each opening is a fresh form.
  const openGenerate = (initial?: Partial<MediaAIGenerateRequest>) => {
    // The form loads apart from the screen; the dialog opens with it, so its focus lands.
    if (!loadedGeneratePanel()) {
      loadGeneratePanel().then(
        () => openGenerate(initial),
        () => report('The generate form could not load. Check the connection and try again.'),
      );
      return;
    }
    forms.current += 1;
    const key = forms.current;
    setGenerate((kept) =>
      kept && (initial === undefined || ai.aiGenerating)
        ? { ...kept, opened: true }
        : { initial, key, opened: true },
    );
  };
  useEffect(() => {
    if (ai.aiAvailable) loadGeneratePanel().catch(() => undefined);
  }, [ai.aiAvailable]);
  // After hydration, so the server's HTML and the first render in the browser agree.
  const [notices, setNotices] = useState(false);
  useEffect(() => {
    setNotices(true);
    // Fetched once the screen is up, so the first asset opened rarely waits for its details.
    import('./asset-details-panel').catch(() => undefined);
  }, []);
  const GeneratePanel = loadedGeneratePanel();
  const closeGenerate = () => {
    // A resumed generation's failure has been shown in the dialog: said once.
    ai.resumed?.dismissNotices();
    setGenerate((kept) => (kept && ai.aiGenerating ? { ...kept, opened: false } : undefined));
  };
  const generation = {
    running: ai.aiGenerating,
    progress: ai.progress,
    // Failed while hidden (a generation started before a reload too): the header says so
    // until the dialog shows why.
    failed:
      !generate?.opened &&
      !ai.aiGenerating &&
      ai.aiError !== undefined &&
      (generate !== undefined || ai.resumed?.error !== undefined),
    onCancel: ai.cancel,
  };

  const report = (text: string) => setProblem({ text });
  const reportFailures = (results: ImportItemResult[]) => {
    // Files a cancel left out are no failure: the batch summary counts them.
    const failed = results.filter(
      (r) => r.status === 'failed' && (r.error as { code?: unknown }).code !== 'canceled',
    );
    const first = failed[0];
    // Kept, but damaged: the batch summary says so, not only the grid.
    const unreadable = results.flatMap((r) =>
      r.status === 'imported' && r.asset.unreadable ? [r.asset.name] : [],
    );
    const lines = [
      ...(first?.status === 'failed'
        ? [
            `${failed.length} file${failed.length === 1 ? '' : 's'} could not be imported` +
              ` (${first.name}: ${first.error.message})`,
          ]
        : []),
      ...(unreadable.length > 0
        ? [
            `${unreadable.length} imported file${unreadable.length === 1 ? '' : 's'} can't be ` +
              `shown and may be damaged (${unreadable.slice(0, 3).join(', ')})`,
          ]
        : []),
    ];
    if (lines.length > 0) report(`${lines.join('. ')}.`);
  };
  const onFiles = (files: File[]) => {
    setProblem(undefined);
    setOutcome(undefined);
    // Committed as they finish, so a cancel keeps what was done and the summary says so.
    importer.importFiles(files, { keepFinished: true }).then(
      (results) => {
        setOutcome(results);
        reportFailures(results);
      },
      (error) => {
        if ((error as { code?: string })?.code !== 'canceled') report(message(error));
      },
    );
  };
  const importUrl = (url: string) => {
    setProblem(undefined);
    return importer.importFromUrl(url).then(
      (result) => reportFailures([result]),
      (error) => report(message(error)),
    );
  };
  const dropzone = useDropzone({ onFiles, accept, paste: true });
  const { onDragEnter, onDragOver, onDragLeave, onDrop, ...rootState } = dropzone.getRootProps();
  const dragProps = {
    onDragEnter,
    onDragOver,
    onDragLeave,
    onDrop,
    'data-state': rootState['data-state'],
  };

  const showDetails = (id: string) => setDetails({ id, opened: true });
  const openViewer = (id: string) => {
    setViewerUsed(true);
    setViewing({ id });
  };
  const closeDetails = () => setDetails((shown) => shown && { ...shown, opened: false });
  // Beside the grid the details follow a single selection. Over it they would cover the grid
  // at each tick of a checkbox, so there only opening an asset shows them.
  const changeSelection = (next: string[]) => {
    setSelection(next);
    if (!narrow && next.length === 1 && next[0] !== undefined) showDetails(next[0]);
  };
  // Escape in the grid (after it cleared the selection) or in the details beside it closes them.
  // Only from within their own elements: a menu or field portalled from them handles its own.
  const escapeCloses = (event: KeyboardEvent<HTMLElement>, from: 'grid' | 'details') => {
    if (event.key !== 'Escape' || narrow || !details?.opened) return;
    const target = event.target as HTMLElement;
    if (!event.currentTarget.contains(target) || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
      return;
    if (from === 'details' && event.defaultPrevented) return;
    closeDetails();
    // The panel goes with the focus in it: hand it to the grid's tab stop.
    if (from === 'details')
      rootRef.current?.querySelector<HTMLElement>('[role="grid"] [tabindex="0"]')?.focus();
  };
  const filtered = activeFilterCount(filters) > 0 || filters.text.trim() !== '';
  const onError = (error: Error) => report(error.message);
  // While the details cover the screen, an alert behind them would go unseen until they close.
  const detailsOverScreen = narrow && details?.opened === true;
  // Mantine's dialogs do not hide what is behind them from screen readers; the screen does,
  // while one of its own is open. The filters sheet exists only while narrow.
  const dialogOpen =
    generate?.opened || detailsOverScreen || (narrow && filtersOpened) || viewing !== undefined;
  const detailsPanel = details && (
    <Suspense fallback={null}>
      <AssetDetailsPanel
        assetId={details.id}
        onClose={closeDetails}
        onSelectAsset={showDetails}
        onView={openViewer}
        collections={facets.collections}
        onReusePrompt={
          ai.aiAvailable
            ? (request) => {
                // The generate dialog takes the place of an overlay rather than stacking on it.
                if (narrow) closeDetails();
                openGenerate(request);
              }
            : undefined
        }
        onError={(error) => setProblem({ text: error.message, inDetails: true })}
      />
    </Suspense>
  );
  const problemAlert = problem && (
    <ProblemAlert onDismiss={() => setProblem(undefined)}>{problem.text}</ProblemAlert>
  );

  return (
    <Box
      ref={rootRef}
      h={height}
      style={{ display: 'flex', flexDirection: 'column', overflow: 'hidden' }}
      aria-hidden={dialogOpen ? true : undefined}
    >
      <PresetStyles />
      <input {...dropzone.getInputProps()} aria-label="Files to upload" />
      <LibraryHeader
        title={title}
        onUpload={dropzone.open}
        onImportUrl={importUrl}
        onGenerate={ai.aiAvailable ? () => openGenerate() : undefined}
        generation={generation}
        selection={visibleSelection}
        collectionId={filters.collectionId}
      />
      <Divider />
      <Box style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <ScrollArea
          w={240}
          p="md"
          style={{ flex: 'none', borderRight: '1px solid var(--mantine-color-default-border)' }}
          // Hidden, not unmounted, so a panel half-way through a rename survives a resize.
          display={narrow ? 'none' : undefined}
          component="nav"
          aria-label="Library navigation"
        >
          <Stack gap="lg">
            <CollectionsPanel
              facets={facets}
              collectionId={filters.collectionId}
              onCollectionChange={(collectionId) => setFilters({ ...filters, collectionId })}
              tags={filters.tags}
              onTagsChange={(tags) => setFilters({ ...filters, tags })}
              onError={onError}
            />
            <StorageMeter />
          </Stack>
        </ScrollArea>
        <Box
          component="main"
          className="medialoft-drop-target"
          {...dragProps}
          style={{
            flex: 1,
            minWidth: 0,
            display: 'flex',
            flexDirection: 'column',
            position: 'relative',
          }}
        >
          {dragProps['data-state'] === 'drag-over' && (
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
          )}
          <Stack gap="xs" p="md" pb="xs">
            <LibraryToolbar
              filters={filters}
              onFiltersChange={setFilters}
              layout={layout}
              onLayoutChange={setLayout}
              narrow={narrow}
              filtersButton={
                narrow && (
                  <FiltersButton
                    filters={filters}
                    onFiltersChange={setFilters}
                    facets={facets}
                    total={total}
                    opened={filtersOpened}
                    onOpenedChange={setFiltersOpened}
                  />
                )
              }
            />
            {!narrow && (
              <FilterChips filters={filters} onFiltersChange={setFilters} facets={facets} />
            )}
            {importer.importing && (
              <ImportProgressBar progress={importer.progress} onCancel={importer.cancel} />
            )}
            {outcome && !importer.importing && (
              <Suspense fallback={null}>
                <ImportOutcomePanel
                  results={outcome}
                  onShowAsset={(id) => changeSelection([id])}
                  onDismiss={() => setOutcome(undefined)}
                />
              </Suspense>
            )}
            {!(detailsOverScreen && problem?.inDetails) && problemAlert}
            {notices && (
              <Suspense fallback={null}>
                <StorageNotices
                  // The Backup menu's file input: its import dialog, progress and summary.
                  onImportLibrary={() =>
                    rootRef.current
                      ?.querySelector<HTMLInputElement>('input[aria-label="Library export file"]')
                      ?.click()
                  }
                />
              </Suspense>
            )}
            {/* A fixed-height row: the count, or the selection's actions in its place. */}
            <Box mih={30} style={{ display: 'flex', alignItems: 'center' }}>
              {visibleSelection.length > 0 ? (
                <BulkToolbar
                  selection={visibleSelection}
                  onSelectionChange={setSelection}
                  collections={facets.collections}
                  allIds={ids}
                  total={total}
                  matching={filtered}
                  onError={onError}
                />
              ) : (
                <Text size="sm" c={mutedText} aria-live="polite">
                  {status === 'loading'
                    ? 'Loading…'
                    : `${total.toLocaleString()} asset${total === 1 ? '' : 's'}${filtered ? ' match' : ''}`}
                </Text>
              )}
            </Box>
          </Stack>
          <Box style={{ flex: 1, minHeight: 0 }} onKeyDown={(event) => escapeCloses(event, 'grid')}>
            {total > 0 ? (
              <AssetGridView
                assets={items}
                layout={layout}
                selection={visibleSelection}
                onSelectionChange={changeSelection}
                onActivate={showDetails}
                onView={openViewer}
                activateOnClick={narrow}
                touchTargets={narrow}
              />
            ) : status === 'loading' ? null : filtered ? (
              <NoMatchingAssets
                onClear={() =>
                  setFilters({ ...emptyFilters, sort: filters.sort, direction: filters.direction })
                }
              />
            ) : (
              <EmptyLibrary
                dropzone={dropzone.getRootProps({
                  'aria-label': 'Drop, paste or choose files to add',
                })}
                canGenerate={ai.aiAvailable}
              />
            )}
          </Box>
        </Box>
        {!narrow && details?.opened && (
          <Box
            w={340}
            style={{ flex: 'none', borderLeft: '1px solid var(--mantine-color-default-border)' }}
            onKeyDown={(event) => escapeCloses(event, 'details')}
          >
            {detailsPanel}
          </Box>
        )}
      </Box>
      {/* Mounted while narrow even when closed, so it sees itself open and returns the focus. */}
      {narrow && (
        <AssetDetailsDrawer
          assetId={details?.id}
          opened={details?.opened ?? false}
          onClose={closeDetails}
          alert={problem?.inDetails && problemAlert}
        >
          {detailsPanel}
        </AssetDetailsDrawer>
      )}
      <Modal
        opened={generate?.opened ?? false}
        onClose={closeGenerate}
        // A hidden dialog keeps its form mounted: the prompt, the run and how it ended.
        keepMounted={generate !== undefined}
        title="Generate images"
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {generate && GeneratePanel && (
          <GeneratePanel
            key={generate.key}
            generation={ai}
            initial={generate.initial}
            onGenerated={(assets) => {
              setGenerate(undefined);
              if (!assets[0]) return;
              setSelection([assets[0].id]);
              showDetails(assets[0].id);
            }}
          />
        )}
      </Modal>
      {viewerUsed && (
        <Suspense fallback={null}>
          <AssetViewer
            ids={ids}
            request={viewing}
            onClose={() => setViewing(undefined)}
            onError={onError}
          />
        </Suspense>
      )}
    </Box>
  );
}
