// Actions on the selected assets: favorite, tag, add to a collection, download as a zip, and
// delete after a confirmation that says how many assets will go.
import { Box, Button, Group, Modal, Popover, TagsInput, Text } from '@mantine/core';
import { useState } from 'react';
import type { Collection } from '../core/index';
import { useBulkActions, useMediaLibrary } from '../react/index';
import { CollectionPicker } from './collection-picker';
import { comboboxProps } from './combobox-props';
import { downloadZip } from './download';

/** Props of {@link BulkToolbar}. */
export interface BulkToolbarProps {
  selection: readonly string[];
  onSelectionChange(ids: string[]): void;
  collections: readonly Collection[];
  /** Every id in the current view, for "Select all". */
  allIds: readonly string[];
  /** How many assets the view has, for "2 of 40 assets selected". Default `allIds.length`. */
  total?: number;
  /** The view is narrowed by a search or filters: "2 of 5 matching assets selected". */
  matching?: boolean;
  /** Reports a failure in words, e.g. to the screen's alert. */
  onError?(error: Error): void;
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** The selection bar; renders nothing while nothing is selected. */
export function BulkToolbar({
  selection,
  onSelectionChange,
  collections,
  allIds,
  total = allIds.length,
  matching = false,
  onError,
}: BulkToolbarProps) {
  const library = useMediaLibrary();
  const bulk = useBulkActions({
    ids: allIds,
    selection,
    onSelectionChange,
    total,
    matching,
    download: (ids) => downloadZip(library, ids),
    onError,
  });
  const [tagsOpen, setTagsOpen] = useState(false);
  const [tags, setTags] = useState<string[]>([]);
  if (selection.length === 0) return null;
  const count = bulk.selectedIds.length;

  return (
    // One line on a wide screen; when narrow, the actions wrap onto further lines rather than
    // scroll sideways, where a phone would hide them past the edge. minWidth 0 lets the bar
    // shrink inside a flex row instead of pushing it wider.
    <Box role="toolbar" aria-label="Selection actions" miw={0}>
      <Group gap="xs" wrap="wrap">
        {/* The bar takes the count line's place, so it carries the count too. It wraps only
            when it alone is wider than the line. */}
        <Text size="sm" fw={600} aria-live="polite">
          {bulk.summary}
        </Text>
        <Button
          size="compact-sm"
          variant="default"
          loading={bulk.busy === 'favorite'}
          onClick={bulk.toggleFavorite}
        >
          {bulk.allFavorite ? 'Unfavorite' : 'Favorite'}
        </Button>
        <Popover opened={tagsOpen} onChange={setTagsOpen} trapFocus withinPortal position="bottom">
          <Popover.Target>
            <Button size="compact-sm" variant="default" onClick={() => setTagsOpen((o) => !o)}>
              Tag
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (tags.length === 0) return;
                void bulk.addTags(tags).then(() => {
                  setTags([]);
                  setTagsOpen(false);
                });
              }}
            >
              <TagsInput
                comboboxProps={comboboxProps}
                label="Tags to add"
                placeholder="Type a tag, press Enter"
                value={tags}
                onChange={setTags}
                w={260}
              />
              <Button type="submit" size="xs" mt="xs" disabled={tags.length === 0}>
                Add tags
              </Button>
            </form>
          </Popover.Dropdown>
        </Popover>
        <CollectionPicker collections={collections} onPick={bulk.addToCollection} />
        <Button
          size="compact-sm"
          variant="default"
          loading={bulk.busy === 'download'}
          onClick={bulk.download}
        >
          Download zip
        </Button>
        <Button size="compact-sm" color="red" variant="light" onClick={bulk.requestDelete}>
          Delete
        </Button>
        {/* Selection controls last: the actions on it matter more when space is short. */}
        <Button size="compact-sm" variant="subtle" onClick={bulk.selectAll}>
          Select all ({allIds.length})
        </Button>
        <Button size="compact-sm" variant="subtle" onClick={bulk.clear}>
          Clear selection
        </Button>
      </Group>
      <Modal
        opened={bulk.confirming === 'delete'}
        onClose={bulk.cancel}
        title={bulk.confirmTitle ?? `Delete ${plural(count, 'asset')}?`}
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Text size="sm">
          They move to the Trash, with their tags and collections: Undo or the Trash brings them
          back until it is emptied.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={bulk.cancel}>
            Keep them
          </Button>
          <Button color="red" loading={bulk.busy === 'delete'} onClick={bulk.confirm}>
            Delete {plural(count, 'asset')}
          </Button>
        </Group>
      </Modal>
    </Box>
  );
}
