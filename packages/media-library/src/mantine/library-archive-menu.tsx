// "Export library" and "Import library" from the header: the whole library (or the selection,
// or the collection shown) as one zip saved straight to disk, and back, with progress, cancel
// and the outcome in words in a dialog.
import { Alert, Button, Group, Menu, Modal, Progress, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { ArchiveError, type ArchiveProgress } from '../core/index';
import { useLibraryArchive } from '../react/use-library-archive';
import { formatBytes } from './format';

/** What went wrong, in words a person can act on. */
export function explainArchiveError(error: Error): string {
  if (error instanceof ArchiveError) {
    switch (error.code) {
      case 'archive_invalid':
        return 'This file is not a MediaLoft library export.';
      case 'archive_too_large':
        return 'This archive is larger than the library can restore. Export fewer assets at a time.';
      case 'canceled':
        return 'Canceled: nothing of it was kept.';
    }
  }
  return error.message;
}

/** Mantine's green title on its light green is below 4.5:1: the title takes the text colour. */
const legible = { title: { color: 'var(--mantine-color-text)' } };

function progressText(verb: string, progress: ArchiveProgress | undefined): string {
  if (!progress) return `${verb}…`;
  if (progress.phase === 'writing') {
    return `Saving ${formatBytes(progress.bytesDone)} / ${formatBytes(progress.bytesTotal)}`;
  }
  return `${verb} ${progress.assetsDone} of ${progress.assetsTotal} assets · ${formatBytes(
    progress.bytesDone,
  )} / ${formatBytes(progress.bytesTotal)}`;
}

/** Props of {@link LibraryArchiveMenu}. */
export interface LibraryArchiveMenuProps {
  /** Selected asset ids: the menu then also offers "Export selection". */
  selection?: readonly string[];
  /** The collection on screen: the menu then also offers "Export collection". */
  collectionId?: string;
  /** Opens the menu as it mounts, e.g. when its button was pressed while it loaded. */
  defaultOpened?: boolean;
}

/**
 * A "Backup" menu with "Export library" and "Import library". An export is written straight
 * into the file picked in the browser's save dialog (or downloaded where there is none).
 * Needs a MediaLibraryProvider.
 */
export function LibraryArchiveMenu({
  selection = [],
  collectionId,
  defaultOpened,
}: LibraryArchiveMenuProps) {
  const archive = useLibraryArchive();
  const input = useRef<HTMLInputElement>(null);
  const [task, setTask] = useState<{ kind: 'export' | 'import'; fileName?: string }>();
  const running = archive.status === 'exporting' || archive.status === 'importing';
  const percent = archive.progress?.bytesTotal
    ? (archive.progress.bytesDone / archive.progress.bytesTotal) * 100
    : 0;

  const exportLibrary = (scope?: { ids?: string[]; collectionId?: string }) => {
    setTask({ kind: 'export' });
    archive
      .saveLibrary(scope)
      .then(({ fileName }) => setTask({ kind: 'export', fileName }))
      .catch(() => {}); // The dialog shows the error.
  };
  const importLibrary = (file: File | undefined) => {
    if (!file) return;
    setTask({ kind: 'import' });
    archive.importLibrary(file).catch(() => {}); // The dialog shows the error.
  };
  const close = () => {
    if (running) archive.cancel();
    setTask(undefined);
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal defaultOpened={defaultOpened}>
        <Menu.Target>
          <Button variant="default">Backup</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => exportLibrary()}>Export library</Menu.Item>
          {selection.length > 0 && (
            <Menu.Item onClick={() => exportLibrary({ ids: [...selection] })}>
              Export selection ({selection.length})
            </Menu.Item>
          )}
          {collectionId && (
            <Menu.Item onClick={() => exportLibrary({ collectionId })}>Export collection</Menu.Item>
          )}
          <Menu.Item onClick={() => input.current?.click()}>Import library</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <input
        ref={input}
        type="file"
        accept=".zip,application/zip"
        aria-label="Library export file"
        hidden
        onChange={(event) => {
          importLibrary(event.currentTarget.files?.[0]);
          // The same file can then be chosen again.
          event.currentTarget.value = '';
        }}
      />
      <Modal
        opened={task !== undefined}
        onClose={close}
        title={task?.kind === 'import' ? 'Import library' : 'Export library'}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {running && (
          <Stack gap="sm" role="status" aria-live="polite">
            <Text size="sm">
              {progressText(task?.kind === 'import' ? 'Restoring' : 'Exporting', archive.progress)}
            </Text>
            <Progress value={percent} aria-label="Archive progress" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
            </Group>
          </Stack>
        )}
        {archive.status === 'done' && task?.kind === 'import' && (
          <Alert color="green" role="status" title="Library imported" styles={legible}>
            {archive.result}
            {archive.report?.truncated ? '. The file ended early: later assets were not read.' : ''}
          </Alert>
        )}
        {archive.status === 'done' && task?.fileName && (
          <Alert color="green" role="status" title="Library exported" styles={legible}>
            Saved as {task.fileName}
          </Alert>
        )}
        {archive.status === 'error' && archive.error && (
          <Alert color="red" role="alert" title="That did not work">
            {explainArchiveError(archive.error)}
          </Alert>
        )}
      </Modal>
    </>
  );
}
