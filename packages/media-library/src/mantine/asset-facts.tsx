// Read-only facts about an asset (every stored field a person may want) and its AI provenance.
import { Button, CopyButton, Group, Stack, Table, Text } from '@mantine/core';
import type { AssetSource, MediaAsset } from '../core/index';
import { formatBytes, formatDate, formatDimensions, formatUsd } from './format';
import { mutedText } from './preset-colors';

type Row = [label: string, value: string | number | undefined];

function FactsTable({ rows, label }: { rows: Row[]; label: string }) {
  return (
    <Table fz="xs" verticalSpacing={2} aria-label={label} layout="fixed">
      <Table.Tbody>
        {rows
          .filter(([, value]) => value !== undefined && value !== '')
          .map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Th w="38%" fw={500} c={mutedText}>
                {name}
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}

const sourceLabel = (source: AssetSource) =>
  source.type === 'upload'
    ? 'Uploaded'
    : source.type === 'url'
      ? `From ${source.url}`
      : source.type === 'edit'
        ? `Edited in the browser (${source.operation})`
        : source.operation && source.operation !== 'generate'
          ? `AI ${source.operation}`
          : 'AI generated';

/** The stored facts of an asset as a two-column table. */
export function AssetFacts({ asset }: { asset: MediaAsset }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        File
      </Text>
      <FactsTable
        label="File details"
        rows={[
          ['Name', asset.name],
          ['Kind', asset.kind],
          ['Type', asset.mimeType],
          ['Size', formatBytes(asset.size)],
          ['Dimensions', formatDimensions(asset)],
          ['Duration', asset.duration === undefined ? undefined : `${asset.duration.toFixed(1)} s`],
          ['Pages', asset.pageCount],
          ['Source', sourceLabel(asset.source)],
          ['Added', formatDate(asset.createdAt)],
          ['Edited', formatDate(asset.updatedAt)],
          ['Downloads', asset.usage.downloads],
          ['Uses', asset.usage.uses + asset.usage.shares],
          ['SHA-256', asset.sha256],
        ]}
      />
    </Stack>
  );
}

// A long meta value would push the panel out of shape; the whole record stays on the asset.
const MAX_META_TEXT = 200;

function metaText(value: unknown): string {
  const text = typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
  return text.length > MAX_META_TEXT ? `${text.slice(0, MAX_META_TEXT - 1)}…` : text;
}

/**
 * What the host app filed on the asset (`sourceModule` and each top-level `meta` key), read
 * only; nothing when it filed nothing.
 */
export function HostDataFacts({ asset }: { asset: MediaAsset }) {
  // A meta key named "Module" is shown apart from the module row, so the labels stay unique.
  const entries = Object.entries(asset.meta ?? {}).map(
    ([key, value]): Row => [key === 'Module' ? 'meta.Module' : key, metaText(value)],
  );
  if (asset.sourceModule === undefined && entries.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Host data
      </Text>
      <FactsTable label="Host data" rows={[['Module', asset.sourceModule], ...entries]} />
    </Stack>
  );
}

/** Props of {@link ProvenanceFacts}. */
export interface ProvenanceFactsProps {
  source: Extract<AssetSource, { type: 'ai' }>;
  onReusePrompt?(): void;
}

/** How an AI asset was made, with "Use this prompt again" and a copy of the prompt. */
export function ProvenanceFacts({ source, onReusePrompt }: ProvenanceFactsProps) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        AI provenance
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {source.prompt}
      </Text>
      <Group gap="xs">
        {onReusePrompt && (
          <Button size="xs" variant="light" onClick={onReusePrompt}>
            Use this prompt again
          </Button>
        )}
        <CopyButton value={source.prompt}>
          {({ copied, copy }) => (
            <Button size="xs" variant="subtle" onClick={copy}>
              {copied ? 'Copied' : 'Copy prompt'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <FactsTable
        label="Generation details"
        rows={[
          ['Provider', source.provider],
          ['Model', source.model],
          ['Negative prompt', source.negativePrompt],
          ['Size', formatDimensions(source)],
          ['Steps', source.steps],
          ['Seed', source.seed],
          ['Cost', source.costUsd === undefined ? undefined : formatUsd(source.costUsd)],
          [
            'Time',
            source.generationMs === undefined
              ? undefined
              : `${(source.generationMs / 1000).toFixed(1)} s`,
          ],
          ['Request id', source.requestId],
        ]}
      />
    </Stack>
  );
}
