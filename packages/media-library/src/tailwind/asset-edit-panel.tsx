// The edit studio in Tailwind: quick rotate, flip and crop in the browser, and the AI edits the
// generator's models take, with progress, Cancel, errors in words by their field and the result
// beside the original. Every rule lives in useAssetEditor (and useMaskCanvas for the mask);
// this module only draws them. Load it on the first "Edit".
import { useState } from 'react';
import { assetLabel, type CropAspect, type MediaAsset } from '../core/index';
import { useAsset, useAssetEditor, useAssetUrl } from '../react/index';
import { compactButton, muted, secondaryButton } from './classes';
import { EditAIFields } from './edit-ai-fields';

/** Props of {@link AssetEditPanel}. */
export interface AssetEditPanelProps {
  assetId: string;
  /** Shows the new version (e.g. selects it and opens its details). */
  onSelectAsset?(id: string): void;
  /** Extra classes for the section. */
  className?: string;
}

const cropRatios: CropAspect[] = ['1:1', '4:5', '3:2', '4:3', '16:9', '9:16'];
const small = compactButton;

/** Edits asset `assetId` into new assets; the original stays as it is. */
export function AssetEditPanel({ assetId, onSelectAsset, className = '' }: AssetEditPanelProps) {
  const asset = useAsset(assetId);
  const editor = useAssetEditor(assetId);
  const [ratio, setRatio] = useState<CropAspect>('1:1');
  if (!asset) return <p className={`text-sm ${muted}`}>This asset is no longer in the library.</p>;
  const { running } = editor;
  const result = editor.results[0];
  return (
    <section
      aria-label={`Edit ${assetLabel(asset)}`}
      aria-busy={running}
      className={`flex flex-col gap-4 ${className}`}
    >
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="sr-only">Quick edits</legend>
        <button
          type="button"
          className={small}
          disabled={running}
          onClick={() => editor.transform({ rotate: 270 })}
        >
          Rotate left
        </button>
        <button
          type="button"
          className={small}
          disabled={running}
          onClick={() => editor.transform({ rotate: 90 })}
        >
          Rotate right
        </button>
        <button
          type="button"
          className={small}
          disabled={running}
          onClick={() => editor.transform({ flip: 'horizontal' })}
        >
          Flip horizontally
        </button>
        <button
          type="button"
          className={small}
          disabled={running}
          onClick={() => editor.transform({ flip: 'vertical' })}
        >
          Flip vertically
        </button>
        <span className="flex items-center gap-1">
          <select
            aria-label="Crop ratio"
            value={ratio}
            onChange={(event) => setRatio(event.currentTarget.value as CropAspect)}
            className="rounded-md border border-zinc-300 bg-white px-1.5 py-1 text-xs text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
          >
            {cropRatios.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={small}
            disabled={running}
            onClick={() => editor.transform({ crop: { aspect: ratio } })}
          >
            Crop
          </button>
        </span>
      </fieldset>
      {editor.operations.length > 0 && editor.operation && (
        <EditAIFields asset={asset} editor={editor} />
      )}
      {running && (
        <div role="status" className="flex flex-col gap-1">
          <p className={`text-xs ${muted}`}>
            {editor.progress?.message ??
              (editor.progress?.stage === 'importing' ? 'Saving…' : 'Working…')}
          </p>
          <div
            role="progressbar"
            aria-label="Edit progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={
              editor.progress?.percent === undefined
                ? undefined
                : Math.round(editor.progress.percent)
            }
            className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
          >
            <div
              className="h-full bg-indigo-600 dark:bg-indigo-400"
              style={{ width: `${editor.progress?.percent ?? 100}%` }}
            />
          </div>
        </div>
      )}
      {editor.error && !editor.error.field && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {editor.error.message}
        </p>
      )}
      {result && <EditCompare before={asset} after={result} onSelectAsset={onSelectAsset} />}
    </section>
  );
}

/** The original and the newest result side by side, with a way to the result. */
function EditCompare({
  before,
  after,
  onSelectAsset,
}: {
  before: MediaAsset;
  after: MediaAsset;
  onSelectAsset?: (id: string) => void;
}) {
  return (
    <section aria-label="Before and after" className="flex flex-col gap-2">
      <div className="grid grid-cols-2 gap-2">
        <CompareSide label="Before" asset={before} />
        <CompareSide label="After" asset={after} />
      </div>
      {onSelectAsset && (
        <button
          type="button"
          className={`${secondaryButton} self-start`}
          onClick={() => onSelectAsset(after.id)}
        >
          {`Show ${assetLabel(after)}`}
        </button>
      )}
    </section>
  );
}

function CompareSide({ label, asset }: { label: string; asset: MediaAsset }) {
  const { url } = useAssetUrl(asset.id, 'original');
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-xs font-medium">
        {label}
        {asset.width && asset.height ? ` · ${asset.width} × ${asset.height}` : ''}
      </figcaption>
      <div className="flex aspect-square items-center justify-center overflow-hidden rounded-md bg-zinc-100 dark:bg-zinc-800">
        {url && (
          <img
            src={url}
            alt={`${label}: ${asset.alt || assetLabel(asset)}`}
            className="max-h-full max-w-full object-contain"
          />
        )}
      </div>
    </figure>
  );
}
