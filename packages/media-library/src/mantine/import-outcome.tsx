// What an import batch did, once it ends: the summary in words, then each file that was not
// added and why, with a way to reveal the asset a duplicate already is; a skin over
// useImportOutcome. Loaded on first use (see media-library-screen.tsx): a batch has to end
// before it is needed.
import { Button, CloseButton, Group, List, Paper, Stack, Text } from '@mantine/core';
import type { ImportItemResult } from '../core/types';
import { type ImportNotAdded, useImportOutcome } from '../react/index';
import { mutedText } from './preset-colors';

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
  const outcome = useImportOutcome(results);
  return (
    <Paper withBorder radius="md" px="sm" py={6} role="status" aria-label="Import summary">
      <Stack gap={4}>
        <Group gap="sm" wrap="nowrap" justify="space-between">
          <Text size="sm" fw={500}>
            {outcome.summary}
          </Text>
          <CloseButton size="sm" aria-label="Dismiss import summary" onClick={onDismiss} />
        </Group>
        {outcome.notAdded.length > 0 && (
          <List size="sm" spacing={2} aria-label="Files not added">
            {outcome.notAdded.map((file) => (
              <List.Item key={file.position}>
                <NotAdded file={file} onShowAsset={onShowAsset} />
              </List.Item>
            ))}
            {outcome.moreLabel && (
              <List.Item>
                <Text size="sm" c={mutedText}>
                  {outcome.moreLabel}
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
  file,
  onShowAsset,
}: {
  file: ImportNotAdded;
  onShowAsset?: (id: string) => void;
}) {
  const existing = file.existing;
  if (!existing) return <Text size="sm">{file.text}</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm">{file.text}</Text>
      {onShowAsset && (
        <Button
          size="compact-xs"
          variant="default"
          aria-label={existing.showLabel}
          onClick={() => onShowAsset(existing.id)}
        >
          Show
        </Button>
      )}
    </Group>
  );
}
