// "Derived from …" and the other versions of an asset, under its details. Loaded with the
// first details shown, apart from the screen's first load.
import { Anchor, Stack, Text } from '@mantine/core';
import type { MediaAsset } from '../core/types';
import { useAssetVersions } from '../react/use-asset-versions';
import { assetLabel } from './format';
import { mutedText } from './preset-colors';

/** Props of {@link AssetLineage}. */
export interface AssetLineageProps {
  asset: MediaAsset;
  /** Shows another asset's details; without it the names are plain text. */
  onSelectAsset?(id: string): void;
}

/** The asset's parent (linked) and a short list of its other versions; nothing without any. */
export function AssetLineage({ asset, onSelectAsset }: AssetLineageProps) {
  const { parent, versions } = useAssetVersions(asset.id);
  const parentId = 'parentId' in asset.source ? asset.source.parentId : undefined;
  if (!parent && !parentId && versions.length === 0) return null;
  const link = (target: MediaAsset) =>
    onSelectAsset ? (
      <Anchor component="button" type="button" size="sm" onClick={() => onSelectAsset(target.id)}>
        {assetLabel(target)}
      </Anchor>
    ) : (
      assetLabel(target)
    );
  return (
    <Stack gap={4} aria-label="Versions" component="section">
      {parent ? (
        <Text size="sm">Derived from {link(parent)}</Text>
      ) : (
        parentId && (
          <Text size="sm" c={mutedText}>
            Derived from an asset no longer in the library
          </Text>
        )
      )}
      {versions.length > 0 && (
        <>
          <Text size="sm" fw={500}>
            Versions
          </Text>
          <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {versions.slice(0, MAX_SHOWN).map((version) => (
              <Text component="li" size="sm" key={version.id}>
                {link(version)}
                <Text span size="xs" c={mutedText}>
                  {` · ${describe(version)}`}
                </Text>
              </Text>
            ))}
          </Stack>
          {versions.length > MAX_SHOWN && (
            <Text size="xs" c={mutedText}>
              {`and ${versions.length - MAX_SHOWN} more`}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

/** Versions listed at most: a long family would push the facts out of sight. */
const MAX_SHOWN = 8;

function describe(asset: MediaAsset): string {
  const source = asset.source;
  if (source.type === 'edit') return source.operation;
  if (source.type === 'ai')
    return source.parentId ? `AI ${source.operation ?? 'edit'}` : 'original';
  return 'original';
}
