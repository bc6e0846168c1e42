// The control named Trash, with how many assets it holds; it opens the Trash panel, whose code
// loads on the first open.
import { Button, Loader, Modal } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTrash } from '../react/index';

const TrashPanel = lazy(() => import('./trash-panel'));
const TrashConfirm = lazy(() =>
  import('./trash-panel').then((module) => ({ default: module.TrashConfirm })),
);

/**
 * A "Trash" button showing its count ("Trash (3)"), opening the Trash in a dialog; the panel's
 * code loads on the first open. Render inside `MediaLibraryProvider` (and Mantine's provider).
 *
 * @example
 * ```tsx
 * <Group justify="space-between">
 *   <Title order={2}>Media</Title>
 *   <TrashButton />
 * </Group>
 * ```
 */
export function TrashButton() {
  const trash = useTrash();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="default"
        onClick={() => setOpened(true)}
        aria-label={trash.count > 0 ? `Trash, ${trash.count} items` : 'Trash'}
      >
        {trash.count > 0 ? `Trash (${trash.count})` : 'Trash'}
      </Button>
      <Modal
        // While a question is asked, it stands alone: two open dialogs would both claim focus.
        opened={opened && !trash.confirming}
        onClose={() => setOpened(false)}
        title="Trash"
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Suspense fallback={<Loader size="sm" aria-label="Loading the Trash" />}>
          {opened && <TrashPanel trash={trash} />}
        </Suspense>
      </Modal>
      {trash.confirming && (
        <Suspense fallback={null}>
          <TrashConfirm trash={trash} />
        </Suspense>
      )}
    </>
  );
}
