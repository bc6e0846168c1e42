// "3 assets moved to Trash. Undo": shown for a while after a delete, anywhere in the library.
import { Button, CloseButton, Group, Paper, Text } from '@mantine/core';
import { useTrash } from '../react/index';

/** Props of {@link UndoNotice}. */
export interface UndoNoticeProps {
  /** How long Undo is offered, in ms. Default 10,000. */
  undoMs?: number;
}

/**
 * The Undo offer after a delete ("2 assets moved to Trash." with Undo and Dismiss), fixed at
 * the bottom of the screen for `undoMs`; it follows every delete of the library, whichever
 * component or tab made it. Render once, inside `MediaLibraryProvider`.
 *
 * @example
 * ```tsx
 * <MediaLibraryProvider library={library}>
 *   <MyGallery />
 *   <UndoNotice undoMs={8000} />
 * </MediaLibraryProvider>
 * ```
 */
export function UndoNotice({ undoMs }: UndoNoticeProps) {
  const trash = useTrash(undoMs === undefined ? {} : { undoMs });
  const count = trash.lastDeleted?.length ?? 0;
  return (
    <div role="status" aria-live="polite">
      {count > 0 && (
        <Paper
          shadow="md"
          withBorder
          px="md"
          py="xs"
          style={{
            position: 'fixed',
            insetInline: 0,
            bottom: 16,
            marginInline: 'auto',
            width: 'fit-content',
            maxWidth: 'calc(100vw - 32px)',
            zIndex: 300,
          }}
        >
          <Group gap="sm" wrap="nowrap">
            <Text size="sm">
              {count === 1 ? '1 asset moved to Trash.' : `${count} assets moved to Trash.`}
            </Text>
            <Button size="xs" variant="light" onClick={trash.undo}>
              Undo
            </Button>
            <CloseButton size="sm" aria-label="Dismiss" onClick={trash.dismissUndo} />
          </Group>
        </Paper>
      )}
    </div>
  );
}
