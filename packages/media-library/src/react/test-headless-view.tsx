// Test helper: one component over every public hook, for the server-render and hydration
// tests. Its markup shows each hook's state, so a server/client difference shows as a mismatch.
import type { MediaAsset } from '../core/types';
import { useAIGeneration } from './use-ai-generation';
import { useAsset } from './use-asset';
import { useAssetGrid } from './use-asset-grid';
import { useAssetUrl } from './use-asset-url';
import { useAssets } from './use-assets';
import { useDropzone } from './use-dropzone';
import { useImport } from './use-import';
import { useMediaLibrary } from './use-media-library';
import { useStorage } from './use-storage';

/** Every hook at once: the status, the counts, a grid of names and the newest's thumbnail. */
export function HeadlessView() {
  const library = useMediaLibrary();
  const { items, total, status } = useAssets({ sort: { field: 'name', direction: 'asc' } });
  const { statistics, persisted } = useStorage();
  const importer = useImport();
  const ai = useAIGeneration();
  const dropzone = useDropzone({ onFiles: (files) => void importer.importFiles(files) });
  const grid = useAssetGrid({ ids: items.map((asset) => asset.id), columns: 2 });
  const first = useAsset(items[0]?.id);
  return (
    <section aria-label={`Library ${library.name}`} data-status={status}>
      <p>
        {`${status}: ${total} of ${statistics.total} assets, ${statistics.bytesUsed} bytes`}
        {persisted && ', persisted'}
        {importer.importing && ', importing'}
        {ai.aiAvailable && ', with AI'}
      </p>
      <div {...dropzone.getRootProps({ 'aria-label': 'Drop files' })}>
        <input {...dropzone.getInputProps()} aria-label="Files" />
      </div>
      <div {...grid.getGridProps({ 'aria-label': 'Assets' })}>
        <div {...grid.getRowProps(0)}>
          {items.map((asset, index) => {
            const { ref, ...props } = grid.getItemProps(asset.id, index);
            return (
              <div key={asset.id} ref={ref} {...props}>
                <Thumbnail asset={asset} />
              </div>
            );
          })}
        </div>
      </div>
      {first && <p>First: {first.name}</p>}
    </section>
  );
}

function Thumbnail({ asset }: { asset: MediaAsset }) {
  const { url, status } = useAssetUrl(asset.id);
  return status === 'ready' ? <img src={url} alt={asset.name} /> : <span>{asset.name}</span>;
}
