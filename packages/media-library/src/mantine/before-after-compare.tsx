// The result over the original, a divider to slide between them, with both sizes named and a
// way to the result. Loads with the edit studio.
import { Box, Button, Group, Slider, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { MediaAsset } from '../core/index';
import { AssetThumbnail } from './asset-thumbnail';
import { assetLabel } from './format';

/** Props of {@link BeforeAfterCompare}. */
export interface BeforeAfterCompareProps {
  before: MediaAsset;
  after: MediaAsset;
  onSelectAsset?: ((id: string) => void) | undefined;
}

const sizeOf = (asset: MediaAsset) =>
  asset.width && asset.height ? ` · ${asset.width} × ${asset.height}` : '';

/** Before on the left of the divider, after on its right; the slider moves the divider. */
export function BeforeAfterCompare({ before, after, onSelectAsset }: BeforeAfterCompareProps) {
  const [divider, setDivider] = useState(50);
  return (
    <Stack gap={6} component="section" aria-label="Before and after">
      <Group justify="space-between" gap="xs">
        <Text size="xs" fw={500}>{`Before${sizeOf(before)}`}</Text>
        <Text size="xs" fw={500}>{`After${sizeOf(after)}`}</Text>
      </Group>
      <Box pos="relative">
        <AssetThumbnail asset={before} variant="original" fit="contain" ratio={1} />
        <Box
          pos="absolute"
          inset={0}
          data-part="after"
          style={{ clipPath: `inset(0 0 0 ${divider}%)` }}
        >
          <AssetThumbnail asset={after} variant="original" fit="contain" ratio={1} />
        </Box>
        <Box
          pos="absolute"
          top={0}
          bottom={0}
          w={2}
          aria-hidden="true"
          style={{ left: `${divider}%`, background: 'white', boxShadow: '0 0 2px black' }}
        />
      </Box>
      <Slider
        size="sm"
        min={0}
        max={100}
        value={divider}
        onChange={setDivider}
        label={null}
        thumbLabel="Divider between before and after"
      />
      {onSelectAsset && (
        <Button size="xs" variant="light" onClick={() => onSelectAsset(after.id)}>
          {`Show ${assetLabel(after)}`}
        </Button>
      )}
    </Stack>
  );
}
