// The inpaint mask painter of the edit panel: the image with a paint layer over it, a visible
// cursor for the keyboard, brush or eraser, brush size, Undo and Clear.
import { Box, Button, Group, SegmentedControl, Slider, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import type { MediaAsset } from '../core/index';
import { type MaskTool, useMaskCanvas } from '../react/use-mask-canvas';
import { AssetThumbnail } from './asset-thumbnail';
import { mutedText } from './preset-colors';

/** Props of {@link MaskPainter}. */
export interface MaskPainterProps {
  /** The image painted over; its width and height are the mask's. */
  asset: MediaAsset;
  /** The mask after each change (transparent = the area to change), undefined when empty. */
  onChange(mask: Blob | undefined): void;
  /** Why the mask is needed, shown under it and named by the canvas. */
  error?: string;
}

/** Paints the area an inpaint changes over the image. */
export function MaskPainter({ asset, onChange, error }: MaskPainterProps) {
  const width = asset.width ?? 512;
  const height = asset.height ?? 512;
  const mask = useMaskCanvas({ width, height });
  const { painted, version, toBlob } = mask;

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the trigger: a new stroke, undo or clear.
  useEffect(() => {
    if (version === 0) return;
    if (!painted) return onChange(undefined);
    let live = true;
    toBlob().then(
      (blob) => live && onChange(blob),
      () => live && onChange(undefined),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const props = mask.getCanvasProps();
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <SegmentedControl
          size="xs"
          aria-label="Mask tool"
          value={mask.tool}
          onChange={(value) => mask.setTool(value as MaskTool)}
          data={[
            { value: 'brush', label: 'Brush' },
            { value: 'eraser', label: 'Eraser' },
          ]}
        />
        <Box w={140}>
          <Slider
            size="sm"
            min={1}
            max={Math.max(16, Math.round(Math.min(width, height) / 4))}
            value={mask.brushSize}
            onChange={mask.setBrushSize}
            label={(v) => `${v} px`}
            thumbLabel="Brush size"
          />
        </Box>
        <Button size="xs" variant="default" disabled={!mask.canUndo} onClick={mask.undo}>
          Undo
        </Button>
        <Button size="xs" variant="subtle" disabled={!painted} onClick={mask.clear}>
          Clear
        </Button>
      </Group>
      <Box pos="relative">
        <AssetThumbnail asset={asset} variant="original" fit="contain" ratio={width / height} />
        <canvas
          {...props}
          aria-invalid={error ? true : undefined}
          style={{
            ...props.style,
            position: 'absolute',
            inset: 0,
            width: '100%',
            height: '100%',
            opacity: 0.55,
            cursor: 'crosshair',
          }}
        />
        <Box
          aria-hidden
          data-mask-cursor
          pos="absolute"
          style={{
            left: `${(mask.cursor.x / width) * 100}%`,
            top: `${(mask.cursor.y / height) * 100}%`,
            width: `${(mask.brushSize / width) * 100}%`,
            aspectRatio: '1',
            transform: 'translate(-50%, -50%)',
            border: '2px solid white',
            outline: '1px solid black',
            borderRadius: '50%',
            pointerEvents: 'none',
          }}
        />
      </Box>
      <Text size="xs" c={error ? 'red' : mutedText}>
        {error ?? 'Paint over the area to change. Arrow keys move the brush, Space paints.'}
      </Text>
    </Stack>
  );
}
