// The storage notices of the screen, in words: what the browser removed since the last visit
// (with "Import library" to restore an export), and why the browser may ask about keeping files.
// Loaded apart from the screen (see media-library-screen.tsx): most visits show neither.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { StorageIncident } from '../core/index';
import { useStorageNotices } from '../react/use-storage-notices';

/** Mantine's titles on light alert colours are below 4.5:1: the title takes the text colour. */
const legible = { title: { color: 'var(--mantine-color-text)' } };

/** The incident in one sentence, dated by the last visit that saw the library whole. */
export function describeStorageIncident(incident: StorageIncident, locale?: string): string {
  const since = new Date(incident.lastSeenAt).toLocaleDateString(locale, { dateStyle: 'long' });
  switch (incident.kind) {
    case 'bytes-removed':
      return `Your browser removed this library's files after your visit on ${since}; restore them from an export.`;
    case 'records-removed':
      return `Your browser removed this library's list of files (names, tags, collections) after your visit on ${since}; restore it from an export.`;
    case 'all-removed':
      return `Your browser removed this library's files and their list after your visit on ${since}; restore them from an export.`;
  }
}

/** Props of {@link StorageNotices}. */
export interface StorageNoticesProps {
  /** Opens the archive import; without it the incident notice offers no Import action. */
  onImportLibrary?(): void;
  /** Locale of the date in the notice. Default the browser's. */
  locale?: string;
}

/**
 * The storage incident notice (shown until dismissed or acted on, once per loss) and the note
 * shown once when the first import asks the browser to keep the files. Renders nothing when
 * there is neither. Needs a MediaLibraryProvider.
 */
export function StorageNotices({ onImportLibrary, locale }: StorageNoticesProps) {
  const { incident, acknowledge, persistNote, dismissPersistNote } = useStorageNotices();
  if (!incident && !persistNote) return null;
  return (
    <Stack gap="xs">
      {incident && (
        <Alert
          color="orange"
          role="alert"
          title="Files removed by your browser"
          styles={legible}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={acknowledge}
        >
          <Stack gap="xs">
            <Text size="sm">{describeStorageIncident(incident, locale)}</Text>
            {onImportLibrary && (
              <Group>
                <Button
                  size="xs"
                  onClick={() => {
                    acknowledge();
                    onImportLibrary();
                  }}
                >
                  Import library
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      {persistNote && (
        <Alert
          color="blue"
          role="status"
          title="Keeping your files"
          styles={legible}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={dismissPersistNote}
        >
          <Text size="sm">
            Your browser may ask to let this site store data persistently, so that it keeps this
            library's files even when space runs low.
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
