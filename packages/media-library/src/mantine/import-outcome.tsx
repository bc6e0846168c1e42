// What an import batch did, once it ends: the summary in words, then each file that was not
// added and why, with a way to reveal the asset a duplicate already is. Loaded on first use
// (see media-library-screen.tsx): a batch has to end before it is needed.
import { Button, CloseButton, Group, List, Paper, Stack, Text } from '@mantine/core';
import { describeImportOutcome, isCanceledResult } from '../core/import/import-summary';
import type { ImportItemResult } from '../core/types';
import { mutedText } from './preset-colors';

/** How many not-added files are listed before "and N more". */
const LISTED = 12;

/** Props of {@link ImportOutcomePanel}. */
export interface ImportOutcomePanelProps {
  /** Per-file results of the batch that ended, in input order. */
  results: readonly ImportItemResult[];
  /** Reveals an asset already in the library (say, selects it); shows "Show" on duplicates. */
  onShowAsset?(id: string): void;
  onDismiss(): void;
}

/** The end of a batch: "28 added, 2 already in your library, 1 failed" and what was not added. */
export function ImportOutcomePanel({ results, onShowAsset, onDismiss }: ImportOutcomePanelProps) {
  // A canceled file has no reason of its own: the summary line already says the batch stopped.
  // Each keeps its place in the batch, which names it for React even when names repeat.
  const listed = results.flatMap((result, position) =>
    result.status === 'imported' || isCanceledResult(result) ? [] : [{ result, position }],
  );
  return (
    <Paper withBorder radius="md" px="sm" py={6} role="status" aria-label="Import summary">
      <Stack gap={4}>
        <Group gap="sm" wrap="nowrap" justify="space-between">
          <Text size="sm" fw={500}>
            {describeImportOutcome(results)}
          </Text>
          <CloseButton size="sm" aria-label="Dismiss import summary" onClick={onDismiss} />
        </Group>
        {listed.length > 0 && (
          <List size="sm" spacing={2} aria-label="Files not added">
            {listed.slice(0, LISTED).map(({ result, position }) => (
              <List.Item key={position}>
                <NotAdded result={result} onShowAsset={onShowAsset} />
              </List.Item>
            ))}
            {listed.length > LISTED && (
              <List.Item>
                <Text size="sm" c={mutedText}>
                  and {listed.length - LISTED} more
                </Text>
              </List.Item>
            )}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

function NotAdded({
  result,
  onShowAsset,
}: {
  result: ImportItemResult;
  onShowAsset?: (id: string) => void;
}) {
  if (result.status === 'duplicate') {
    const existing = result.asset;
    const name = result.name ?? existing.name;
    return (
      <Group gap="xs" wrap="nowrap">
        <Text size="sm">
          {name}: already in your library
          {existing.name !== name ? ` as ${existing.name}` : ''}
        </Text>
        {onShowAsset && (
          <Button
            size="compact-xs"
            variant="default"
            aria-label={`Show ${existing.name}`}
            onClick={() => onShowAsset(existing.id)}
          >
            Show
          </Button>
        )}
      </Group>
    );
  }
  if (result.status === 'failed') {
    return (
      <Text size="sm">
        {result.name}: {result.error.message}
      </Text>
    );
  }
  return null;
}
