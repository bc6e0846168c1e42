// An asset's details in Tailwind: the file in place, favourite, download, view, edit, copy,
// replace and export for a platform, title, alt text, description, tags, collections, how an
// AI image was made with "Use again", what it was derived from and its other versions, the
// file's facts and what the host filed. Every edit and every word comes from the public hooks;
// this module only lays it out.
import type { MediaAIGenerateRequest } from '../core/index';
import { useAssetDetails } from '../react/index';
import { AIBadge } from './ai-badge';
import { iconButton, muted } from './classes';
import { DetailsActions } from './details-actions';
import { DetailsFacts, DetailsProvenance } from './details-facts';
import { DetailsCollections, DetailsFields } from './details-fields';
import { DetailsLineage } from './details-lineage';
import { DetailsPreview } from './details-preview';
import { ExportForButton } from './export-for-button';
import { ReplaceFileButton } from './replace-file-button';

/** Props of {@link AssetDetailsPanel}. */
export interface AssetDetailsPanelProps {
  assetId: string;
  onClose(): void;
  /** "Use again": called with the request that generates an AI image again. */
  onReusePrompt?(request: MediaAIGenerateRequest): void;
  /** Every failure to save, besides the message the panel shows. */
  onError?(error: Error): void;
  /** "View": opens the asset full screen. */
  onView?(id: string): void;
  /** "Edit": opens the edit studio on an image. */
  onEdit?(id: string): void;
  /** Shows another asset's details ("Derived from", a version); without it names are text. */
  onSelectAsset?(id: string): void;
  /** Extra classes for the section, e.g. its width in the host's layout. */
  className?: string;
}

const closeClass = iconButton;

/** Details of one asset; a short note when the asset is gone. */
export function AssetDetailsPanel(props: AssetDetailsPanelProps) {
  const { assetId, onClose, onReusePrompt, className = '' } = props;
  const details = useAssetDetails(assetId, { onError: props.onError });
  const { asset } = details;
  const reuse = details.reuseRequest;
  return (
    <section
      aria-label="Asset details"
      className={`flex h-full min-h-0 flex-col bg-white text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100 ${className}`}
    >
      <header className="flex items-center gap-2 p-3">
        <h2 className="min-w-0 flex-1 truncate text-base font-semibold">
          {asset ? details.label : 'Details'}
        </h2>
        {asset && <AIBadge source={asset.source} />}
        <button type="button" aria-label="Close details" className={closeClass} onClick={onClose}>
          ×
        </button>
      </header>
      {asset ? (
        // Keyed by id: another asset's preview and fields start fresh.
        <div
          key={asset.id}
          className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-3 pb-4"
        >
          <DetailsPreview asset={asset} />
          {details.unreadableNote && <p className={`text-sm ${muted}`}>{details.unreadableNote}</p>}
          {details.error && (
            <div
              role="alert"
              className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            >
              <p className="flex-1">{details.error}</p>
              <button
                type="button"
                className={closeClass}
                aria-label="Dismiss"
                onClick={details.clearError}
              >
                ×
              </button>
            </div>
          )}
          <DetailsActions details={details} onView={props.onView} onEdit={props.onEdit} />
          <ReplaceFileButton
            assetId={asset.id}
            onSelectAsset={props.onSelectAsset}
            onError={props.onError}
          />
          <ExportForButton asset={asset} onSelectAsset={props.onSelectAsset} />
          <DetailsFields details={details} />
          <DetailsCollections details={details} />
          {details.provenance && (
            <DetailsProvenance
              provenance={details.provenance}
              onReuse={onReusePrompt && reuse && (() => onReusePrompt(reuse))}
            />
          )}
          <DetailsLineage asset={asset} onSelectAsset={props.onSelectAsset} />
          <DetailsFacts title="File" facts={details.facts} />
          {details.hostData.length > 0 && (
            <DetailsFacts title="From the app" facts={details.hostData} />
          )}
        </div>
      ) : (
        <p className={`px-3 text-sm ${muted}`}>This asset is no longer in the library.</p>
      )}
    </section>
  );
}
