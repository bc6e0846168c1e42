// The library's collections, tags and storage: a column beside the grid on a wide screen, and
// on a phone a "Library" button opening them in a drawer from the left.
import { Button, Drawer, ScrollArea, Stack } from '@mantine/core';
import type { UseDialogResult, UseLibraryFiltersResult } from '../react/index';
import { CollectionsPanel } from './collections-panel';
import { StorageMeter } from './storage-meter';

/** Props of {@link LibraryNavigation} and {@link LibraryDrawer}. */
export interface LibraryNavigationProps {
  view: UseLibraryFiltersResult;
  onError(error: Error): void;
}

function Panels({ view, onError }: LibraryNavigationProps) {
  const { filters, update, facets } = view;
  return (
    <Stack gap="lg">
      <CollectionsPanel
        facets={facets}
        collectionId={filters.collectionId}
        onCollectionChange={(collectionId) => update({ collectionId })}
        tags={filters.tags}
        onTagsChange={(tags) => update({ tags })}
        onError={onError}
      />
      <StorageMeter />
    </Stack>
  );
}

/** The column beside the grid; hidden, not unmounted, on a phone (see {@link LibraryDrawer}). */
export function LibraryNavigation({
  hidden,
  ...props
}: LibraryNavigationProps & { hidden: boolean }) {
  return (
    <ScrollArea
      w={240}
      p="md"
      style={{ flex: 'none', borderRight: '1px solid var(--mantine-color-default-border)' }}
      // Hidden, not unmounted, so a panel half-way through a rename survives a resize.
      display={hidden ? 'none' : undefined}
      component="nav"
      aria-label="Library navigation"
    >
      <Panels {...props} />
    </ScrollArea>
  );
}

/** The "Library" button of a phone's header. */
export function LibraryDrawerButton({ dialog }: { dialog: UseDialogResult }) {
  // Mantine names the drawer's element itself, so there is no id for aria-controls to name.
  const { 'aria-controls': _, ...trigger } = dialog.getTriggerProps();
  return (
    <Button variant="default" {...trigger}>
      Library
    </Button>
  );
}

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
      <Panels {...props} />
      <Button fullWidth mt="lg" onClick={dialog.close}>
        Show {total.toLocaleString()} asset{total === 1 ? '' : 's'}
      </Button>
    </Drawer>
  );
}
