// The generate form's lower part: previews and progress while it runs, then the failure in
// words or the outcome with the new images, and Cancel / Generate.
import type { GenerationPreview, MediaAsset } from '../core/index';
import { assetLabel } from '../core/index';
import { type UseGenerateFormResult, useAssetUrl } from '../react/index';
import { muted, primaryButton, secondaryButton } from './classes';

/** Progress, previews, failure, outcome and the form's buttons. */
export function GenerateStatus({ form }: { form: UseGenerateFormResult }) {
  const { generation: ai, busy, failure, outcomeMessage } = form;
  const percent = ai.progress?.percent;
  return (
    <>
      <GeneratePreviews previews={busy ? ai.previews : []} results={form.results} />
      {busy && (
        <div role="status" aria-live="polite" className="flex flex-col gap-1">
          <div
            role="progressbar"
            aria-label="Generation progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent === undefined ? undefined : Math.round(percent)}
            className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
          >
            <div
              className={`h-full bg-indigo-600 transition-[width] dark:bg-indigo-400 ${percent === undefined ? 'animate-pulse' : ''}`}
              style={{ width: `${percent ?? 100}%` }}
            />
          </div>
          <p className={`text-xs ${muted}`}>
            {ai.progress?.message ?? ai.progress?.stage ?? 'Starting'}
            {percent !== undefined ? ` · ${Math.round(percent)}%` : ''}
          </p>
        </div>
      )}
      {failure && (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <p className="font-semibold">The image was not generated</p>
          <p>{failure}</p>
        </div>
      )}
      {outcomeMessage && (
        <p role="status" className="text-sm">
          {outcomeMessage}
        </p>
      )}
      <div className="flex justify-end gap-2">
        {busy && (
          <button type="button" className={secondaryButton} onClick={form.cancel}>
            Cancel
          </button>
        )}
        <button type="submit" className={primaryButton} disabled={busy} aria-busy={busy}>
          {busy ? 'Generating…' : 'Generate'}
        </button>
      </div>
    </>
  );
}

/** Previews of the running generation, then the images that landed, each in its place. */
function GeneratePreviews({
  previews,
  results,
}: {
  previews: GenerationPreview[];
  results: MediaAsset[];
}) {
  if (previews.length === 0 && results.length === 0) return null;
  const tile = 'aspect-square overflow-hidden rounded-md bg-zinc-100 dark:bg-zinc-800';
  return (
    <ul
      className="grid grid-cols-2 gap-2 sm:grid-cols-4"
      aria-label={previews.length > 0 ? 'Previews' : 'New images'}
      data-state={previews.length > 0 ? 'previews' : 'done'}
    >
      {previews.length > 0
        ? previews.map((preview) => (
            <li key={preview.index} className={tile}>
              <img
                src={preview.url}
                alt={`Preview ${preview.index + 1}`}
                data-partial-index={preview.partialIndex}
                className="h-full w-full object-contain"
              />
            </li>
          ))
        : results.map((asset) => (
            <li key={asset.id} className={tile}>
              <GeneratedImage asset={asset} />
            </li>
          ))}
    </ul>
  );
}

function GeneratedImage({ asset }: { asset: MediaAsset }) {
  const { url } = useAssetUrl(asset.id);
  const name = asset.alt || assetLabel(asset);
  if (!url) return <div role="img" aria-label={name} className="h-full w-full animate-pulse" />;
  return <img src={url} alt={name} className="h-full w-full object-contain" />;
}
