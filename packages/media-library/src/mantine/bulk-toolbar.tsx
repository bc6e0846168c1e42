// Actions on the selected assets: favorite, tag, add to a collection, download as a zip, and
// delete after a confirmation that says how many assets will go.
import { Box, Button, Group, Modal, Popover, TagsInput, Text } from '@mantine/core';
import { useState } from 'react';
import type { Collection } from '../core/index';
import { useMediaLibrary } from '../react/index';
import { CollectionPicker } from './collection-picker';
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
  const [confirming, setConfirming] = useState(false);
  const [tagsOpen, setTagsOpen] = useState(false);
  const [tags, setTags] = useState<string[]>([]);
  const [busy, setBusy] = useState<string>();
  if (selection.length === 0) return null;
  const ids = [...selection];

  const run = async (label: string, action: () => Promise<unknown>) => {
    setBusy(label);
    try {
      await action();
    } catch (error) {
      onError?.(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(undefined);
    }
  };
  const allFavorite = ids.every((id) => library.get(id)?.favorite);

  return (
    // One line on a wide screen; when narrow, the actions wrap onto further lines rather than
    // scroll sideways, where a phone would hide them past the edge. minWidth 0 lets the bar
    // shrink inside a flex row instead of pushing it wider.
    <Box role="toolbar" aria-label="Selection actions" miw={0}>
      <Group gap="xs" wrap="wrap">
        {/* The bar takes the count line's place, so it carries the count too. It wraps only
            when it alone is wider than the line. */}
        <Text size="sm" fw={600} aria-live="polite">
          {ids.length.toLocaleString()} of {plural(total, matching ? 'matching asset' : 'asset')}{' '}
          selected
        </Text>
        <Button
          size="compact-sm"
          variant="default"
          loading={busy === 'favorite'}
          onClick={() => run('favorite', () => library.update(ids, { favorite: !allFavorite }))}
        >
          {allFavorite ? 'Unfavorite' : 'Favorite'}
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
                void run('tag', () => library.addTags(ids, tags)).then(() => {
                  setTags([]);
                  setTagsOpen(false);
                });
              }}
            >
              <TagsInput
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
        <CollectionPicker
          collections={collections}
          onPick={(pick) =>
            run('collection', async () => {
              const id =
                typeof pick === 'string' ? pick : (await library.createCollection(pick.name)).id;
              await library.addToCollection(id, ids);
            })
          }
        />
        <Button
          size="compact-sm"
          variant="default"
          loading={busy === 'zip'}
          onClick={() => run('zip', () => downloadZip(library, ids))}
        >
          Download zip
        </Button>
        <Button size="compact-sm" color="red" variant="light" onClick={() => setConfirming(true)}>
          Delete
        </Button>
        {/* Selection controls last: the actions on it matter more when space is short. */}
        <Button size="compact-sm" variant="subtle" onClick={() => onSelectionChange([...allIds])}>
          Select all ({allIds.length})
        </Button>
        <Button size="compact-sm" variant="subtle" onClick={() => onSelectionChange([])}>
          Clear selection
        </Button>
      </Group>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={`Delete ${plural(ids.length, 'asset')}?`}
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Text size="sm">
          The files and their details are removed from this browser. This cannot be undone.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            Keep them
          </Button>
          <Button
            color="red"
            loading={busy === 'delete'}
            onClick={() =>
              run('delete', async () => {
                await library.delete(ids);
                onSelectionChange([]);
              }).then(() => setConfirming(false))
            }
          >
            Delete {plural(ids.length, 'asset')}
          </Button>
        </Group>
      </Modal>
    </Box>
  );
}
