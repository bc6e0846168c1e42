// What the screen shows where the grid would be when it has nothing to show: a way out of
// filters that match nothing, or, for an empty library, a drop zone that says how to fill it.
import { Box, Button, Center, Stack, Text } from '@mantine/core';
import type { DropzoneRootProps } from '../react/index';
import { mutedText } from './preset-colors';

/** "No assets match these filters." with a button that clears them. */
export function NoMatchingAssets({ onClear }: { onClear(): void }) {
  return (
    <Center h="100%">
      <Stack align="center" gap="xs">
        <Text c={mutedText}>No assets match these filters.</Text>
        <Button variant="default" onClick={onClear}>
          Clear search and filters
        </Button>
      </Stack>
    </Center>
  );
}

/** Props of {@link EmptyLibrary}. */
export interface EmptyLibraryProps {
  /** The drop zone's props, from `useDropzone().getRootProps`. */
  dropzone: DropzoneRootProps;
  /** Whether to mention generating an image too. */
  canGenerate: boolean;
}

/** The empty library: a drop zone to press, drop or paste files on. */
export function EmptyLibrary({ dropzone, canGenerate }: EmptyLibraryProps) {
  return (
    <Center h="100%" p="md">
      <Box
        {...dropzone}
        className="medialoft-dropzone"
        p="xl"
        style={{ borderRadius: 'var(--mantine-radius-lg)', textAlign: 'center', maxWidth: 480 }}
      >
        <Text fw={600}>Your library is empty</Text>
        <Text size="sm" c={mutedText}>
          Drop files here, paste them, or press to choose files.
          {canGenerate ? ' Or generate an image with AI.' : ''}
        </Text>
      </Box>
    </Center>
  );
}
