// "Export for …": each platform format previewed over the image (what the format keeps, and
// the part the platform's own buttons and names leave uncovered), then "Add to library" or
// "Download". Loads on the first "Export for…".
import {
  Alert,
  Button,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useId } from 'react';
import { assetLabel } from '../core/index';
import { PlatformFormatSvg } from '../react/platform-format-svg';
import { type PlatformFormatPreview, useExportForPlatform } from '../react/use-export-for-platform';
import { mutedText } from './preset-colors';

/** Props of {@link ExportForPanel}. */
export interface ExportForPanelProps {
  assetId: string;
  /** Shows the exported asset (e.g. selects it in the grid). */
  onSelectAsset?: ((id: string) => void) | undefined;
}

/** Picks a platform format for image `assetId` and exports it into the library or to disk. */
export function ExportForPanel({ assetId, onSelectAsset }: ExportForPanelProps) {
  const exporter = useExportForPlatform(assetId);
  const hintId = useId();
  if (!exporter.size) {
    return (
      <Text size="sm" c={mutedText}>
        {exporter.words.unknownSize}
      </Text>
    );
  }
  return (
    <Stack gap="sm" aria-busy={exporter.running}>
      <Text size="xs" c={mutedText} id={hintId}>
        {exporter.words.hint}
      </Text>
      <SimpleGrid
        cols={{ base: 2, sm: 3 }}
        spacing="xs"
        role="group"
        aria-label="Platform formats"
        aria-describedby={hintId}
      >
        {exporter.previews.map((preview) => (
          <FormatCard
            key={preview.format.name}
            preview={preview}
            size={exporter.size as { width: number; height: number }}
            url={exporter.imageUrl}
            chosen={preview.format.name === exporter.format}
            onChoose={() => exporter.setFormat(preview.format.name)}
          />
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <Button size="xs" loading={exporter.running} onClick={() => exporter.addToLibrary()}>
          Add to library
        </Button>
        <Button size="xs" variant="default" disabled={exporter.running} onClick={exporter.download}>
          Download
        </Button>
        {exporter.running && (
          <Button size="xs" variant="subtle" onClick={exporter.cancel}>
            Cancel
          </Button>
        )}
        <Text size="xs" c={mutedText}>
          {exporter.words.summary}
        </Text>
      </Group>
      {exporter.running && (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="xs">Resizing…</Text>
        </Group>
      )}
      {exporter.error && (
        <Alert color="red" variant="light" p="xs" role="alert">
          {exporter.error}
        </Alert>
      )}
      {exporter.added && (
        <Group gap="xs" role="status">
          <Text size="sm">{`Added ${assetLabel(exporter.added)}`}</Text>
          {onSelectAsset && (
            <Button
              size="xs"
              variant="light"
              onClick={() => onSelectAsset((exporter.added as { id: string }).id)}
            >
              Show it
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** One format: the image with the format's crop and safe zone drawn over it, and its name. */
function FormatCard({
  preview,
  size,
  url,
  chosen,
  onChoose,
}: {
  preview: PlatformFormatPreview;
  size: { width: number; height: number };
  url: string | undefined;
  chosen: boolean;
  onChoose(): void;
}) {
  const { format } = preview;
  return (
    <UnstyledButton
      onClick={onChoose}
      aria-pressed={chosen}
      data-format={format.name}
      p={4}
      style={{
        borderRadius: 6,
        outline: chosen ? '2px solid var(--mantine-primary-color-filled)' : undefined,
      }}
    >
      <div
        style={{
          position: 'relative',
          aspectRatio: `${size.width} / ${size.height}`,
          background: 'var(--mantine-color-default-hover)',
        }}
      >
        {url && (
          <img
            src={url}
            alt=""
            style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}
          />
        )}
        <PlatformFormatSvg preview={preview} size={size} />
      </div>
      <Text size="xs" fw={500} mt={4}>
        {format.label}
      </Text>
      <Text size="xs" c={mutedText}>
        {`${format.width} × ${format.height}`}
      </Text>
    </UnstyledButton>
  );
}
