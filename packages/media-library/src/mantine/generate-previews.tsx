// The generate panel's pictures: while a generation runs, the latest preview of each image the
// generator sends; once the images land, each in its preview's place, so the final replaces it.
import { Box, Image, SimpleGrid } from '@mantine/core';
import type { GenerationPreview, MediaAsset } from '../core/index';
import { AssetThumbnail } from './asset-thumbnail';

/** Props of {@link GeneratePreviews}. */
export interface GeneratePreviewsProps {
  /** Previews of the running generation (`useAIGeneration().previews`). */
  previews: GenerationPreview[];
  /** The assets of the generation that just landed; shown once there are no previews. */
  results: MediaAsset[];
}

/** Previews, then the generated images in their places; nothing when there is neither. */
export function GeneratePreviews({ previews, results }: GeneratePreviewsProps) {
  const count = previews.length > 0 ? previews.length : results.length;
  if (count === 0) return null;
  return (
    <SimpleGrid
      cols={Math.min(count, 4)}
      spacing="xs"
      data-state={previews.length > 0 ? 'previews' : 'done'}
    >
      {previews.length > 0
        ? previews.map((preview) => (
            <Box
              key={preview.index}
              style={{
                aspectRatio: '1',
                overflow: 'hidden',
                borderRadius: 'var(--mantine-radius-sm)',
              }}
            >
              <Image
                src={preview.url}
                alt={`Preview of image ${preview.index + 1}`}
                fit="contain"
                h="100%"
                data-partial-index={preview.partialIndex}
              />
            </Box>
          ))
        : results.map((asset) => (
            <AssetThumbnail key={asset.id} asset={asset} ratio={1} fit="contain" radius="sm" />
          ))}
    </SimpleGrid>
  );
}
