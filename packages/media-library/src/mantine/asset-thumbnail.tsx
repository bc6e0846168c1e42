// An asset's thumbnail in a fixed-ratio box: the box has its size before the image loads, so
// nothing below it moves. Non-image kinds show their kind instead of bytes.
import { Box, Center, Image, Loader, Text } from '@mantine/core';
import type { MediaAsset } from '../core/index';
import { useAssetUrl } from '../react/index';
import { mutedText } from './preset-colors';

/** Props of {@link AssetThumbnail}. */
export interface AssetThumbnailProps {
  asset: MediaAsset;
  /** Width / height of the box. Default 1 (square). */
  ratio?: number;
  /** 'cover' crops to fill (grid); 'contain' shows the whole image (details). */
  fit?: 'cover' | 'contain';
  /** Which bytes: the thumbnail (default) or the original. */
  variant?: 'thumbnail' | 'original';
  radius?: string;
}

const visualKinds = new Set(['image']);

/** The asset's picture (or its kind, for non-images) inside a box of a fixed ratio. */
export function AssetThumbnail({
  asset,
  ratio = 1,
  fit = 'cover',
  variant = 'thumbnail',
  radius = 'sm',
}: AssetThumbnailProps) {
  const visual = visualKinds.has(asset.kind);
  const { url, status } = useAssetUrl(visual ? asset.id : undefined, variant);
  return (
    <Box
      pos="relative"
      bg="var(--mantine-color-default-hover)"
      style={{
        aspectRatio: String(ratio),
        width: '100%',
        overflow: 'hidden',
        borderRadius: `var(--mantine-radius-${radius})`,
      }}
      data-status={visual ? status : 'none'}
    >
      {visual && status === 'ready' ? (
        <Image
          src={url}
          alt={asset.alt ?? ''}
          fit={fit}
          w="100%"
          h="100%"
          draggable={false}
          style={{ position: 'absolute', inset: 0 }}
        />
      ) : (
        <Center pos="absolute" inset={0}>
          {visual && status === 'loading' ? (
            <Loader size="xs" type="dots" aria-hidden />
          ) : (
            <Text size="xs" c={mutedText} tt="uppercase" fw={600}>
              {visual ? 'unreadable' : asset.kind}
            </Text>
          )}
        </Center>
      )}
    </Box>
  );
}
