// An asset shown in place in its details: an image as itself, a video or a sound that plays, a
// PDF page by page, the start of a text file. Loaded with the first details of such an asset.
import { Box, Button, Center, Group, Image, Loader, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import type { MediaAsset } from '../core/index';
import { assetPreviewKind } from '../react/asset-preview-kind';
import { useAssetUrl } from '../react/index';
import { useElementWidth } from '../react/use-element-width';
import { usePdfPages } from '../react/use-pdf-pages';
import { TEXT_PREVIEW_BYTES, useTextPreview } from '../react/use-text-preview';
import { AssetThumbnail } from './asset-thumbnail';
import { assetLabel } from './format';
import { mutedText } from './preset-colors';

export { type AssetPreviewKind, assetPreviewKind } from '../react/asset-preview-kind';
export { TEXT_PREVIEW_BYTES } from '../react/use-text-preview';

/** Props of {@link AssetPreview}. */
export interface AssetPreviewProps {
  asset: MediaAsset;
  /** Width / height of the box an image or a video's poster sits in. Default 1. */
  ratio?: number;
}

/**
 * The asset in place: an image as the details always showed it, a video with controls over
 * its poster frame, audio with controls under its waveform, a PDF's pages with Previous and
 * Next, and the first {@link TEXT_PREVIEW_BYTES} of a text file as plain text. Every URL is
 * inert and released when the asset changes or the view unmounts.
 */
export function AssetPreview({ asset, ratio = 1 }: AssetPreviewProps) {
  const kind = assetPreviewKind(asset);
  if (kind === 'video') return <VideoPreview asset={asset} />;
  if (kind === 'audio') return <AudioPreview asset={asset} />;
  // Keyed by the bytes too: another PDF starts on its page 1, a replaced file is read again.
  const bytes = `${asset.id}:${asset.sha256}`;
  if (kind === 'pdf') return <PdfPages key={bytes} asset={asset} />;
  if (kind === 'text') return <TextStart key={bytes} asset={asset} />;
  return <AssetThumbnail asset={asset} variant="original" fit="contain" ratio={ratio} />;
}

function VideoPreview({ asset }: { asset: MediaAsset }) {
  const original = useAssetUrl(asset.id, 'original');
  const poster = useAssetUrl(asset.thumbnailKey === undefined ? undefined : asset.id);
  if (original.status !== 'ready') return <Pending asset={asset} failed={original.error} />;
  return (
    // biome-ignore lint/a11y/useMediaCaption: a person's own files come without caption tracks.
    <video
      controls
      preload="metadata"
      src={original.url}
      poster={poster.url}
      aria-label={assetLabel(asset)}
      style={{ width: '100%', maxHeight: '60vh', display: 'block', background: '#000' }}
    />
  );
}

function AudioPreview({ asset }: { asset: MediaAsset }) {
  const original = useAssetUrl(asset.id, 'original');
  return (
    <Stack gap={6}>
      {asset.thumbnailKey !== undefined && <AssetThumbnail asset={asset} ratio={4} />}
      {original.status === 'ready' ? (
        // biome-ignore lint/a11y/useMediaCaption: a person's own files come without caption tracks.
        <audio
          controls
          preload="metadata"
          src={original.url}
          aria-label={assetLabel(asset)}
          style={{ width: '100%' }}
        />
      ) : (
        <Pending asset={asset} failed={original.error} />
      )}
    </Stack>
  );
}

function Pending({ asset, failed }: { asset: MediaAsset; failed: Error | undefined }) {
  if (!failed) return <AssetThumbnail asset={asset} ratio={16 / 9} />;
  return (
    <Text size="sm" c={mutedText}>
      {`This file can't be played here (${failed.message}). Download it to open it.`}
    </Text>
  );
}

function PdfPages({ asset }: { asset: MediaAsset }) {
  const box = useRef<HTMLDivElement>(null);
  // Twice the box's width, so a page stays sharp on a dense screen; in steps, so resizing the
  // panel by a few pixels does not draw the page again.
  const width = Math.min(1600, Math.ceil((useElementWidth(box, 320) * 2) / 160) * 160);
  const pdf = usePdfPages(asset, width);
  const { state } = pdf;
  return (
    <Stack gap={6} ref={box}>
      {state.status === 'ready' ? (
        <Image
          src={state.url}
          alt={pdf.label}
          draggable={false}
          style={{
            width: '100%',
            aspectRatio: `${state.width} / ${state.height}`,
            border: '1px solid var(--mantine-color-default-border)',
          }}
        />
      ) : state.status === 'error' ? (
        <Text size="sm" c={mutedText}>
          {state.message}
        </Text>
      ) : (
        <Center h={240} bg="var(--mantine-color-default-hover)">
          <Loader size="xs" type="dots" aria-hidden />
        </Center>
      )}
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Button size="xs" variant="default" disabled={!pdf.canPrevious} onClick={pdf.previous}>
          Previous page
        </Button>
        <Text size="xs" aria-live="polite">
          {pdf.label}
        </Text>
        <Button size="xs" variant="default" disabled={!pdf.canNext} onClick={pdf.next}>
          Next page
        </Button>
      </Group>
    </Stack>
  );
}

function TextStart({ asset }: { asset: MediaAsset }) {
  const state = useTextPreview(asset);
  if (state.status === 'loading') return <AssetThumbnail asset={asset} ratio={4 / 3} />;
  if (state.status === 'error')
    return (
      <Text size="sm" c={mutedText}>
        {state.message}
      </Text>
    );
  return (
    <Stack gap={4}>
      {/* Shown as text, never as markup: the file's own HTML or Markdown stays inert. */}
      <Box
        component="pre"
        // A region, so its name is allowed and a keyboard can scroll it.
        role="region"
        tabIndex={0}
        aria-label={`Text of ${assetLabel(asset)}`}
        fz="xs"
        m={0}
        p="xs"
        bg="var(--mantine-color-default-hover)"
        style={{
          maxHeight: '24rem',
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          borderRadius: 'var(--mantine-radius-sm)',
        }}
      >
        {state.text}
      </Box>
      {state.note && (
        <Text size="xs" c={mutedText}>
          {state.note}
        </Text>
      )}
    </Stack>
  );
}
