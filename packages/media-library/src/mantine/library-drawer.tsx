// The phone's way to the library's collections, tags and storage: the navigation column's
// panels in a drawer from the left, loaded only where the column does not fit.
import { Button, Drawer } from '@mantine/core';
import type { UseDialogResult } from '../react/index';
import { type LibraryNavigationProps, LibraryPanels } from './library-navigation';

/**
 * The same panels in a modal drawer, with a button that closes it saying how many assets the
 * chosen collection and tags leave. Mantine keeps the focus in it and hands it back on close.
 */
export function LibraryDrawer({
  dialog,
  total,
  ...props
}: LibraryNavigationProps & { dialog: UseDialogResult; total: number }) {
  return (
    <Drawer
      opened={dialog.open}
      onClose={dialog.close}
      position="left"
      size="min(100%, 20rem)"
      title="Library"
      closeButtonProps={{ 'aria-label': 'Close library' }}
    >
      <LibraryPanels {...props} />
      <Button fullWidth mt="lg" onClick={dialog.close}>
        Show {total.toLocaleString()} asset{total === 1 ? '' : 's'}
      </Button>
    </Drawer>
  );
}
