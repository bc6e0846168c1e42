// The glue of a whole library screen that no single component owns: phone or desktop layout by
// the screen's width, the selection and the details kept apart from it (opening an asset never
// changes what a bulk action would touch), Escape closing the details beside the grid, imports started from anywhere with their outcome, and what failed, in words.
import { type KeyboardEvent, startTransition, useMemo, useRef, useState } from 'react';
import type { ImportItemResult } from '../core/index';
import { isEditableTarget } from './grid-target-index';
import { type UseDialogResult, useDialog } from './use-dialog';
import { type UseImportResult, useImport } from './use-import';

/** Options of {@link useLibraryScreen}. */
export interface UseLibraryScreenOptions {
  /** The screen's own width in CSS pixels (a host may embed it in a narrow column). */
  width: number;
  /** Below this width the screen lays itself out for a phone. */
  breakpoint: number;
  /** The ids shown, in order; the selection is kept to them. */
  ids: readonly string[];
}

/** What failed, and whether in the details, so a preset can show it over them. */
export interface ScreenProblem {
  text: string;
  inDetails?: boolean;
}

/** What {@link useLibraryScreen} returns. */
export interface UseLibraryScreenResult {
  /** Phone layout: no navigation column, details over the grid. */
  narrow: boolean;
  /** The selected ids that are shown. */
  selection: string[];
  /**
   * Sets the selection from the grid. The details stay as they are: they open by activation
   * ({@link UseLibraryScreenResult.showDetails}), so the asset looked at is never silently the
   * target of a bulk action, nor does ticking one replace what is being looked at.
   */
  changeSelection(ids: string[]): void;
  /** Sets the selection (bulk actions, a new image); like `changeSelection`, opens nothing. */
  setSelection(ids: string[]): void;
  /** The asset whose details show, kept while they close so they can slide out. */
  detailsId?: string;
  /** The details' open state, trigger and focus return. */
  details: UseDialogResult;
  /** Opens an asset's details (a click, Enter, "Show" after an import); the selection is kept. */
  showDetails(id: string): void;
  /** For the grid's container: Escape there closes the details beside it. */
  getGridAreaProps(): {
    ref(element: HTMLElement | null): void;
    onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  };
  /** For the details' container beside the grid: Escape in it closes them. */
  getDetailsAreaProps(): Pick<ReturnType<UseDialogResult['getDialogProps']>, 'ref' | 'onKeyDown'>;
  problem?: ScreenProblem;
  report(text: string, inDetails?: boolean): void;
  dismissProblem(): void;
  importer: UseImportResult;
  /** Imports files, committed as they finish; failures and damaged files are reported. */
  importFiles(files: File[]): void;
  importUrl(url: string): Promise<void>;
  /** The latest batch that ended, until dismissed or the next starts. */
  outcome?: ImportItemResult[];
  dismissOutcome(): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The state a library screen shares between its parts. The preset measures the width and
 * lays out; everything else here is behaviour.
 *
 * @example
 * const screen = useLibraryScreen({ width, breakpoint: 768, ids });
 * <div {...screen.getGridAreaProps()}>
 *   <Grid selection={screen.selection} onSelectionChange={screen.changeSelection}
 *     onActivate={screen.showDetails} activateOnClick
 *     openId={screen.details.open ? screen.detailsId : undefined} />
 * </div>
 * {screen.details.open && screen.detailsId && (
 *   <aside {...screen.getDetailsAreaProps()}><Details id={screen.detailsId} /></aside>
 * )}
 * {screen.problem && <p role="alert">{screen.problem.text}</p>}
 */
export function useLibraryScreen(options: UseLibraryScreenOptions): UseLibraryScreenResult {
  const { width, breakpoint, ids } = options;
  const narrow = width < breakpoint;
  const [selected, setSelected] = useState<string[]>([]);
  const [detailsId, setDetailsId] = useState<string>();
  const [problem, setProblem] = useState<ScreenProblem>();
  const [outcome, setOutcome] = useState<ImportItemResult[]>();
  const gridArea = useRef<HTMLElement | null>(null);
  const details = useDialog({
    // Over the grid a modal drawer returns the focus itself.
    returnFocus: !narrow,
    // A virtualised cell is re-created as the details change the column count: the grid's
    // tab stop stands in for it.
    fallbackFocus: () =>
      gridArea.current?.querySelector<HTMLElement>('[role="grid"] [tabindex="0"]'),
  });
  const importer = useImport();
  // Only what is still shown stays selected; with nothing selected (most renders) no set of
  // every shown id is made, which over 100,000 assets is a task of its own.
  const selection = useMemo(() => {
    if (selected.length === 0) return selected;
    const shown = new Set(ids);
    return selected.filter((id) => shown.has(id));
  }, [selected, ids]);
  const report = (text: string, inDetails?: boolean) => setProblem({ text, inDetails });

  const reportProblems = (results: ImportItemResult[]) => {
    // Most batches have nothing to say: the words load only when one ends.
    void import('./import-problems').then(({ describeImportProblems }) => {
      const text = describeImportProblems(results);
      if (text) report(text);
    });
  };
  const showDetails = (id: string) => {
    // Rendered as a transition, a few milliseconds at a time: the details of an asset in a
    // large library (its versions, its fields) never block the click that opened them.
    startTransition(() => {
      setDetailsId(id);
      details.show();
    });
  };
  const { ref, onKeyDown } = details.getDialogProps();
  return {
    narrow,
    selection,
    changeSelection: setSelected,
    setSelection: setSelected,
    detailsId,
    details,
    showDetails,
    getGridAreaProps: () => ({
      ref: (element) => {
        gridArea.current = element;
      },
      onKeyDown: (event) => {
        // After the grid has cleared the selection, Escape goes on to close the details.
        if (event.key !== 'Escape' || narrow || !details.open) return;
        const target = event.target as HTMLElement;
        if (!event.currentTarget.contains(target) || isEditableTarget(target)) return;
        details.close();
      },
    }),
    getDetailsAreaProps: () => ({
      ref,
      onKeyDown: (event) => {
        if (!narrow) onKeyDown(event);
      },
    }),
    problem,
    report,
    dismissProblem: () => setProblem(undefined),
    importer,
    importFiles: (files) => {
      setProblem(undefined);
      setOutcome(undefined);
      // Committed as they finish, so a cancel keeps what was done and the summary says so.
      importer.importFiles(files, { keepFinished: true }).then(
        (results) => {
          setOutcome(results);
          reportProblems(results);
        },
        (error) => {
          if ((error as { code?: string })?.code !== 'canceled') report(message(error));
        },
      );
    },
    importUrl: (url) => {
      setProblem(undefined);
      return importer.importFromUrl(url).then(
        (result) => reportProblems([result]),
        (error) => report(message(error)),
      );
    },
    outcome,
    dismissOutcome: () => setOutcome(undefined),
  };
}
