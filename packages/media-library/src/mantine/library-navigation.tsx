// The library's collections, tags and storage: a column beside the grid on a wide screen, and
// on a phone a "Library" button opening them in a drawer from the left (library-drawer.tsx).
import { Box, Button, ScrollArea, Stack } from '@mantine/core';
import type { CSSProperties } from 'react';
import type { UseDialogResult, UseLibraryFiltersResult } from '../react/index';
import { CollectionsPanel } from './collections-panel';
import { StorageMeter } from './storage-meter';

/** Props of {@link LibraryNavigation} and the phone's library drawer. */
export interface LibraryNavigationProps {
  view: UseLibraryFiltersResult;
  onError(error: Error): void;
}

/** Collections, tags and the storage meter, stacked. */
export function LibraryPanels({ view, onError }: LibraryNavigationProps) {
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

/** The column beside the grid; hidden, not unmounted, on a phone (see library-drawer.tsx). */
export function LibraryNavigation({
  hidden,
  empty = false,
  ...props
}: LibraryNavigationProps & {
  hidden: boolean;
  /** The column without its panels yet: the screen mounts in steps, the grid's width first. */
  empty?: boolean;
}) {
  const column: CSSProperties = {
    flex: 'none',
    borderRight: '1px solid var(--mantine-color-default-border)',
  };
  // Until its panels come, the column is a plain box of its width: the grid beside it is laid
  // out once, at its final width.
  if (empty) return <Box w={240} style={column} display={hidden ? 'none' : undefined} />;
  return (
    <ScrollArea
      w={240}
      p="md"
      style={column}
      // Hidden, not unmounted, so a panel half-way through a rename survives a resize.
      display={hidden ? 'none' : undefined}
      component="nav"
      aria-label="Library navigation"
    >
      <LibraryPanels {...props} />
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
