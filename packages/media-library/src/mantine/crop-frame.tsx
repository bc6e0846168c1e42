// The free crop over an image: the part outside the rectangle shaded, the rectangle outlined,
// drawn or moved with the pointer or the keyboard (useCropRect), its size said in words.
import { Box, Text } from '@mantine/core';
import type { MediaAsset } from '../core/index';
import { useAssetUrl } from '../react/use-asset-url';
import type { UseCropRectResult } from '../react/use-crop-rect';
import { mutedText } from './preset-colors';

/** Props of {@link CropFrame}. */
export interface CropFrameProps {
  asset: MediaAsset & { width: number; height: number };
  crop: UseCropRectResult;
}

/** The image with the crop rectangle of `crop` over it. */
export function CropFrame({ asset, crop }: CropFrameProps) {
  const { url } = useAssetUrl(asset.id);
  const { width, height } = asset;
  const { rect } = crop;
  const shade = `M0 0H${width}V${height}H0Z M${rect.x} ${rect.y}v${rect.height}h${rect.width}v${-rect.height}Z`;
  const stroke = Math.max(width, height) / 200;
  return (
    <Box>
      <Box
        pos="relative"
        maw={360}
        style={{
          aspectRatio: `${width} / ${height}`,
          background: 'var(--mantine-color-default-hover)',
        }}
      >
        {url && (
          <img
            src={url}
            alt=""
            draggable={false}
            style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}
          />
        )}
        <svg
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="none"
          aria-hidden="true"
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}
        >
          <path d={shade} fill="rgb(0 0 0 / 0.5)" fillRule="evenodd" />
          <rect
            data-part="crop"
            x={rect.x}
            y={rect.y}
            width={rect.width}
            height={rect.height}
            fill="none"
            stroke="white"
            strokeWidth={stroke}
          />
        </svg>
        <Box
          {...crop.getAreaProps()}
          pos="absolute"
          inset={0}
          style={{ touchAction: 'none', cursor: 'crosshair', outlineOffset: 2 }}
        />
      </Box>
      <Text size="xs" c={mutedText} aria-live="polite">
        {crop.description}
      </Text>
    </Box>
  );
}
