// The progress bar of an import batch: files and bytes done, the current file, how many files
// so far can't be shown, and a cancel; the words come from describeImportProgress.
import { Button, Group, Paper, Progress, Text } from '@mantine/core';
import type { ImportProgress as Progressed } from '../core/index';
import { describeImportProgress } from '../react/index';
import { mutedText } from './preset-colors';

/** Props of {@link ImportProgressBar}. */
export interface ImportProgressBarProps {
  progress?: Progressed;
  onCancel(): void;
}

/** A bar for the running batch; the bar follows bytes, the text counts files. */
export function ImportProgressBar({ progress, onCancel }: ImportProgressBarProps) {
  const text = describeImportProgress(progress);
  return (
    <Paper withBorder radius="md" px="sm" py={6} role="status" aria-live="polite">
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" style={{ flex: 'none' }}>
          {text.label}
        </Text>
        <Progress value={text.percent} aria-label="Import progress" style={{ flex: 1 }} />
        <Text size="xs" c={mutedText} style={{ flex: 'none' }} visibleFrom="sm">
          {text.detail}
        </Text>
        <Button size="compact-sm" variant="default" onClick={onCancel}>
          Cancel import
        </Button>
      </Group>
    </Paper>
  );
}
