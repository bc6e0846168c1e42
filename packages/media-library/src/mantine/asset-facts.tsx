// Read-only facts about an asset (every stored field a person may want) and its AI provenance,
// as tables of the words the headless layer gives (react/asset-details-facts.ts).
import { Button, CopyButton, Group, Stack, Table, Text } from '@mantine/core';
import type { AssetSource, MediaAsset } from '../core/index';
import {
  type AssetFact,
  assetFileFacts,
  assetHostData,
  assetProvenance,
} from '../react/asset-details-facts';
import { mutedText } from './preset-colors';

function FactsTable({ facts, label }: { facts: readonly AssetFact[]; label: string }) {
  return (
    <Table fz="xs" verticalSpacing={2} aria-label={label} layout="fixed">
      <Table.Tbody>
        {facts.map(({ label: name, value }) => (
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

function FactsBlock({ title, label, facts }: { title: string; label: string; facts: AssetFact[] }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {title}
      </Text>
      <FactsTable label={label} facts={facts} />
    </Stack>
  );
}

/** The stored facts of an asset as a two-column table. */
export function AssetFacts({ asset }: { asset: MediaAsset }) {
  return <FactsBlock title="File" label="File details" facts={assetFileFacts(asset)} />;
}

/**
 * What the host app filed on the asset (`sourceModule` and each top-level `meta` key), read
 * only; nothing when it filed nothing.
 */
export function HostDataFacts({ asset }: { asset: MediaAsset }) {
  const facts = assetHostData(asset);
  if (facts.length === 0) return null;
  return <FactsBlock title="Host data" label="Host data" facts={facts} />;
}

/** Props of {@link ProvenanceFacts}. */
export interface ProvenanceFactsProps {
  source: Extract<AssetSource, { type: 'ai' }>;
  onReusePrompt?(): void;
}

/** How an AI asset was made, with "Use this prompt again" and a copy of the prompt. */
export function ProvenanceFacts({ source, onReusePrompt }: ProvenanceFactsProps) {
  const provenance = assetProvenance({ source });
  if (!provenance) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        AI provenance
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {provenance.prompt}
      </Text>
      <Group gap="xs">
        {onReusePrompt && (
          <Button size="xs" variant="light" onClick={onReusePrompt}>
            Use this prompt again
          </Button>
        )}
        <CopyButton value={provenance.prompt}>
          {({ copied, copy }) => (
            <Button size="xs" variant="subtle" onClick={copy}>
              {copied ? 'Copied' : 'Copy prompt'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <FactsTable label="Generation details" facts={provenance.facts} />
    </Stack>
  );
}
