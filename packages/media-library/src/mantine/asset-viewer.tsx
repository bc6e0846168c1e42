// The full-screen viewer: one asset at a time over the grid's order, images fitted with zoom
// and pan, players for video and audio. Loaded on first use, so the screen's first load stays small.
import { ActionIcon, Box, Button, Center, Group, Modal, Stack, Text } from '@mantine/core';
import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { isInertMimeType, type MediaAsset } from '../core/index';
import { useAssetViewer, useMediaLibrary } from '../react/index';
import { AssetThumbnail } from './asset-thumbnail';
import { downloadAsset } from './download';
import { assetLabel } from './format';
import { mutedText } from './preset-colors';

/** Props of {@link AssetViewer}. */
export interface AssetViewerProps {
  /** The ids in the order the person sees them; Previous and Next follow it. */
  ids: readonly string[];
  /** Which asset to open: a new object opens the viewer (again) on its id. */
  request?: { id: string };
  /** Called once the viewer has closed (Escape, the close button). */
  onClose(): void;
  onError?(error: Error): void;
}

const fill: CSSProperties = { width: '100%', height: '100%' };

/**
 * A full-screen dialog named after the shown asset. Arrow keys, Home/End and swipes move
 * through `ids`; + / - / 0, the wheel, a double click and a drag zoom and pan an image; Escape
 * closes and gives the focus back to what had it before (the grid's tile).
 */
export function AssetViewer({ ids, request, onClose, onError }: AssetViewerProps) {
  const viewer = useAssetViewer({ ids });
  const { open, close } = viewer;
  useEffect(() => {
    if (request) open(request.id);
  }, [request, open]);
  // However it closed (Escape, the close button), the host hears of it once.
  const wasOpen = useRef(false);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    if (viewer.opened) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      onCloseRef.current();
    }
  }, [viewer.opened]);
  const asset = viewer.asset;
  const name = asset ? assetLabel(asset) : 'Asset';

  return (
    <Modal
      opened={viewer.opened}
      onClose={close}
      fullScreen
      // The viewer gives the focus back itself: to the tile, even after moving to other assets.
      returnFocus={false}
      title={name}
      closeButtonProps={{ 'aria-label': 'Close viewer' }}
      // On the root, so the keys work from the header's close button too.
      {...viewer.getViewerProps()}
      styles={{
        content: { display: 'flex', flexDirection: 'column' },
        body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' },
      }}
    >
      <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <ActionIcon
              variant="default"
              aria-label="Previous asset"
              disabled={!viewer.hasPrevious}
              onClick={viewer.previous}
            >
              ‹
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label="Next asset"
              disabled={!viewer.hasNext}
              onClick={viewer.next}
            >
              ›
            </ActionIcon>
            <Text size="sm" c={mutedText} aria-live="polite" data-testid="viewer-position">
              {viewer.index >= 0
                ? `${(viewer.index + 1).toLocaleString()} of ${viewer.count.toLocaleString()}`
                : ''}
            </Text>
          </Group>
          {asset?.kind === 'image' && (
            <Group gap={4} wrap="nowrap">
              <ActionIcon variant="default" aria-label="Zoom out" onClick={viewer.zoomOut}>
                −
              </ActionIcon>
              <Button size="compact-sm" variant="default" onClick={viewer.resetZoom}>
                {`${Math.round(viewer.zoom.scale * 100)} %`}
              </Button>
              <ActionIcon variant="default" aria-label="Zoom in" onClick={viewer.zoomIn}>
                +
              </ActionIcon>
            </Group>
          )}
        </Group>
        <Box style={{ flex: 1, minHeight: 0 }}>
          {asset && (
            <Shown
              key={asset.id}
              asset={asset}
              url={viewer.originalUrl}
              viewer={viewer}
              onError={onError}
            />
          )}
        </Box>
      </Stack>
    </Modal>
  );
}

interface ShownProps {
  asset: MediaAsset;
  url: string | undefined;
  viewer: ReturnType<typeof useAssetViewer>;
  onError?(error: Error): void;
}

function Shown({ asset, url, viewer, onError }: ShownProps) {
  const library = useMediaLibrary();
  // The scale at which one image pixel is one CSS pixel, for the double click's "100 %".
  const [actual, setActual] = useState(2);
  const playable = !asset.unreadable && (asset.kind === 'video' || asset.kind === 'audio');
  const showable = !asset.unreadable && asset.kind === 'image' && isInertMimeType(asset.mimeType);

  if (showable) {
    const { scale, x, y } = viewer.zoom;
    return (
      <Center
        {...viewer.getStageProps(actual)}
        style={{ ...fill, overflow: 'hidden', touchAction: 'none', userSelect: 'none' }}
        data-testid="viewer-stage"
      >
        {url && (
          <img
            src={url}
            alt={asset.alt ?? ''}
            draggable={false}
            onLoad={(event) => {
              const img = event.currentTarget;
              if (img.clientWidth > 0) setActual(Math.max(1, img.naturalWidth / img.clientWidth));
            }}
            style={{
              maxWidth: '100%',
              maxHeight: '100%',
              objectFit: 'contain',
              transform: `translate(${x}px, ${y}px) scale(${scale})`,
              cursor: scale === 1 ? 'zoom-in' : 'grab',
            }}
          />
        )}
      </Center>
    );
  }
  if (playable) {
    const Player = asset.kind === 'video' ? 'video' : 'audio';
    return (
      <Center style={fill} {...viewer.getStageProps()}>
        {url && (
          <Player
            src={url}
            controls
            aria-label={assetLabel(asset)}
            style={{ maxWidth: '100%', maxHeight: '100%' }}
          />
        )}
      </Center>
    );
  }
  return (
    <Center style={fill} {...viewer.getStageProps()}>
      <Stack align="center" gap="sm" w="min(480px, 100%)">
        <Box w="100%">
          <AssetThumbnail asset={asset} fit="contain" />
        </Box>
        <Button
          variant="default"
          onClick={() =>
            downloadAsset(library, asset.id).catch((error: unknown) =>
              onError?.(error instanceof Error ? error : new Error(String(error))),
            )
          }
        >
          Download
        </Button>
      </Stack>
    </Center>
  );
}
