// "Derived from …" and the asset's other versions, under its details. Every name comes from
// useAssetVersions and assetLabel; this module only lays them out.
import { assetLabel, type MediaAsset } from '../core/index';
import { useAssetVersions } from '../react/index';
import { linkButton, muted } from './classes';

/** Props of {@link DetailsLineage}. */
export interface DetailsLineageProps {
  asset: MediaAsset;
  /** Shows another asset's details; without it the names are plain text. */
  onSelectAsset?(id: string): void;
}

/** Versions listed at most: a long family would push the file's facts out of sight. */
const MAX_SHOWN = 8;

/** The asset's parent (a button) and its other versions; nothing when it has neither. */
export function DetailsLineage({ asset, onSelectAsset }: DetailsLineageProps) {
  const { parent, versions } = useAssetVersions(asset.id);
  const parentId = 'parentId' in asset.source ? asset.source.parentId : undefined;
  if (!parent && !parentId && versions.length === 0) return null;
  const name = (target: MediaAsset) =>
    onSelectAsset ? (
      <button type="button" className={linkButton} onClick={() => onSelectAsset(target.id)}>
        {assetLabel(target)}
      </button>
    ) : (
      assetLabel(target)
    );
  return (
    <section aria-label="Versions" className="flex flex-col gap-1 text-sm">
      {parent ? (
        <p>Derived from {name(parent)}</p>
      ) : (
        parentId && <p className={muted}>Derived from an asset no longer in the library</p>
      )}
      {versions.length > 0 && (
        <>
          <h3 className="font-medium">Versions</h3>
          <ul className="flex flex-col gap-0.5">
            {versions.slice(0, MAX_SHOWN).map((version) => (
              <li key={version.id}>
                {name(version)}
                <span className={`text-xs ${muted}`}>{` · ${describe(version)}`}</span>
              </li>
            ))}
          </ul>
          {versions.length > MAX_SHOWN && (
            <p className={`text-xs ${muted}`}>{`and ${versions.length - MAX_SHOWN} more`}</p>
          )}
        </>
      )}
    </section>
  );
}

function describe(asset: MediaAsset): string {
  const source = asset.source;
  if (source.type === 'edit') return source.operation;
  if (source.type === 'ai')
    return source.parentId ? `AI ${source.operation ?? 'edit'}` : 'original';
  return 'original';
}
