// Documents in their details: a PDF page by page (drawn by usePdfPages) and the start of a text
// file (read by useTextPreview), shown as text, never as markup.
import type { MediaAsset } from '../core/index';
import { usePdfPages, useTextPreview } from '../react/index';
import { compactButton, muted } from './classes';

/** A PDF's pages with Previous and Next. */
export function DetailsPdfPages({ asset }: { asset: MediaAsset }) {
  // Drawn at a fixed width: the details column is about this wide, and a redraw costs.
  const pdf = usePdfPages(asset, 640);
  const { state } = pdf;
  return (
    <figure className="flex shrink-0 flex-col gap-2">
      <div className="flex aspect-[3/4] w-full items-center justify-center overflow-hidden rounded-md bg-zinc-100 dark:bg-zinc-800">
        {state.status === 'ready' ? (
          <img src={state.url} alt={pdf.label} className="max-h-full max-w-full object-contain" />
        ) : (
          <p className={`p-2 text-sm ${muted}`}>
            {state.status === 'error'
              ? `This page could not be drawn: ${state.message}`
              : 'Drawing the page…'}
          </p>
        )}
      </div>
      <figcaption className="flex items-center justify-between gap-2 text-xs">
        <button
          type="button"
          className={compactButton}
          disabled={!pdf.canPrevious}
          onClick={pdf.previous}
        >
          Previous page
        </button>
        <span aria-live="polite">{pdf.label}</span>
        <button type="button" className={compactButton} disabled={!pdf.canNext} onClick={pdf.next}>
          Next page
        </button>
      </figcaption>
    </figure>
  );
}

/** The first part of a text file, with a note when it was cut. */
export function DetailsTextStart({ asset }: { asset: MediaAsset }) {
  const text = useTextPreview(asset);
  if (text.status !== 'ready')
    return (
      <p className={`text-sm ${muted}`}>
        {text.status === 'error' ? `This file could not be read: ${text.message}` : 'Reading…'}
      </p>
    );
  return (
    <div className="flex shrink-0 flex-col gap-1">
      <section
        aria-label={`Start of ${asset.name}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls on its own; the keyboard needs a way in.
        tabIndex={0}
        className="max-h-64 overflow-auto rounded-md bg-zinc-100 p-2 dark:bg-zinc-800"
      >
        <pre className="text-xs whitespace-pre-wrap text-zinc-900 dark:text-zinc-100">
          {text.text}
        </pre>
      </section>
      {text.note && <p className={`text-xs ${muted}`}>{text.note}</p>}
    </div>
  );
}
