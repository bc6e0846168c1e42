// "Export for …" in Tailwind: each platform format previewed over the image (what the format
// keeps, and the part the platform's own buttons and names leave uncovered), then "Add to
// library" or "Download". The formats, the export and its words are useExportForPlatform's.
import { useId } from 'react';
import { assetLabel } from '../core/index';
import { type PlatformFormatPreview, useExportForPlatform } from '../react/index';
import { PlatformFormatSvg } from '../react/platform-format-svg';
import {
  alertBox,
  compactButton,
  focusRing,
  muted,
  primaryButton,
  secondaryButton,
} from './classes';

/** Props of {@link ExportForPanel}. */
export interface ExportForPanelProps {
  assetId: string;
  /** Shows the exported asset (e.g. selects it in the grid). */
  onSelectAsset?: ((id: string) => void) | undefined;
}

/** Picks a platform format for image `assetId` and exports it into the library or to disk. */
export function ExportForPanel({ assetId, onSelectAsset }: ExportForPanelProps) {
  const exporter = useExportForPlatform(assetId);
  const hintId = useId();
  const size = exporter.size;
  if (!size) {
    return <p className={`p-4 text-sm ${muted}`}>{exporter.words.unknownSize}</p>;
  }
  const added = exporter.added;
  return (
    <div className="flex flex-col gap-3 p-4" aria-busy={exporter.running}>
      <p id={hintId} className={`text-xs ${muted}`}>
        {exporter.words.hint}
      </p>
      <fieldset
        aria-label="Platform formats"
        aria-describedby={hintId}
        className="grid min-w-0 grid-cols-2 gap-2 sm:grid-cols-3"
      >
        {exporter.previews.map((preview) => (
          <FormatCard
            key={preview.format.name}
            preview={preview}
            size={size}
            url={exporter.imageUrl}
            chosen={preview.format.name === exporter.format}
            onChoose={() => exporter.setFormat(preview.format.name)}
          />
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={primaryButton}
          disabled={exporter.running}
          onClick={() => void exporter.addToLibrary()}
        >
          Add to library
        </button>
        <button
          type="button"
          className={secondaryButton}
          disabled={exporter.running}
          onClick={() => void exporter.download()}
        >
          Download
        </button>
        {exporter.running && (
          <button type="button" className={compactButton} onClick={exporter.cancel}>
            Cancel
          </button>
        )}
        <span className={`text-xs ${muted}`}>{exporter.words.summary}</span>
      </div>
      {exporter.running && (
        <p role="status" className={`text-xs ${muted}`}>
          Resizing…
        </p>
      )}
      {exporter.error && (
        <p role="alert" className={alertBox}>
          {exporter.error}
        </p>
      )}
      {added && (
        <p role="status" className="flex items-center gap-2 text-sm">
          <span>{`Added ${assetLabel(added)}`}</span>
          {onSelectAsset && (
            <button type="button" className={compactButton} onClick={() => onSelectAsset(added.id)}>
              Show it
            </button>
          )}
        </p>
      )}
    </div>
  );
}

/** One format: the image with the format's crop and safe zone drawn over it, and its name. */
function FormatCard(props: {
  preview: PlatformFormatPreview;
  size: { width: number; height: number };
  url: string | undefined;
  chosen: boolean;
  onChoose(): void;
}) {
  const { preview, size, url, chosen } = props;
  const { format } = preview;
  return (
    <button
      type="button"
      onClick={props.onChoose}
      aria-pressed={chosen}
      data-format={format.name}
      className={`rounded-md p-1 text-left aria-pressed:outline-2 aria-pressed:outline-indigo-700 dark:aria-pressed:outline-indigo-300 ${focusRing}`}
    >
      <span
        className="relative block bg-zinc-100 dark:bg-zinc-800"
        style={{ aspectRatio: `${size.width} / ${size.height}` }}
      >
        {url && <img src={url} alt="" className="absolute inset-0 size-full" />}
        <PlatformFormatSvg preview={preview} size={size} />
      </span>
      <span className="mt-1 block text-xs font-medium">{format.label}</span>
      <span className={`block text-xs ${muted}`}>{`${format.width} × ${format.height}`}</span>
    </button>
  );
}
