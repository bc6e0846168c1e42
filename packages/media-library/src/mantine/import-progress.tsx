// The progress bar of an import batch: files and bytes done, the current file, how many files
// so far can't be shown, and a cancel.
import { Button, Group, Paper, Progress, Text } from '@mantine/core';
import type { ImportProgress as Progressed } from '../core/index';
import { formatBytes } from './format';
import { mutedText } from './preset-colors';

/** Props of {@link ImportProgressBar}. */
export interface ImportProgressBarProps {
  progress?: Progressed;
  onCancel(): void;
}

/** A bar for the running batch; the bar follows bytes, the text counts files. */
export function ImportProgressBar({ progress, onCancel }: ImportProgressBarProps) {
  const done = progress?.bytesDone ?? 0;
  const total = progress?.bytesTotal ?? 0;
  const percent = total > 0 ? (done / total) * 100 : 0;
  const files = progress ? `${progress.filesDone} of ${progress.filesTotal} files` : 'Preparing';
  const unreadable = progress?.unreadable ?? 0;
  return (
    <Paper withBorder radius="md" px="sm" py={6} role="status" aria-live="polite">
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" style={{ flex: 'none' }}>
          Importing {files}
          {unreadable > 0 ? ` · ${unreadable} can't be shown` : ''}
        </Text>
        <Progress value={percent} aria-label="Import progress" style={{ flex: 1 }} />
        <Text size="xs" c={mutedText} style={{ flex: 'none' }} visibleFrom="sm">
          {formatBytes(done)} / {formatBytes(total)}
          {progress?.current ? ` · ${progress.current}` : ''}
        </Text>
        <Button size="compact-sm" variant="default" onClick={onCancel}>
          Cancel import
        </Button>
      </Group>
    </Paper>
  );
}
