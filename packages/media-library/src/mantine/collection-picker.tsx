// "Add to collection": pick an existing collection or name a new one, in one small popover,
// over useCollectionPicker.
import { Button, Group, Popover, Select, Stack, TextInput } from '@mantine/core';
import type { Collection } from '../core/index';
import { useCollectionPicker } from '../react/index';
import { comboboxProps } from './combobox-props';

/** Props of {@link CollectionPicker}. */
export interface CollectionPickerProps {
  collections: readonly Collection[];
  /** An existing collection's id, or `{ name }` for a new collection. */
  onPick(pick: string | { name: string }): void;
  /** Label of the trigger button. Default "Add to collection". */
  label?: string;
}

/** A button opening a popover to choose (or create) a collection. */
export function CollectionPicker({
  collections,
  onPick,
  label = 'Add to collection',
}: CollectionPickerProps) {
  const picker = useCollectionPicker({ onPick });
  return (
    <Popover
      opened={picker.opened}
      onChange={picker.setOpened}
      trapFocus
      withinPortal
      position="bottom"
    >
      <Popover.Target>
        <Button size="compact-sm" variant="default" onClick={picker.toggle}>
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            picker.submit();
          }}
        >
          <Stack gap="xs" w={240}>
            {collections.length > 0 && (
              <Select
                label="Collection"
                placeholder="Choose a collection"
                data={collections.map((c) => ({ value: c.id, label: c.name }))}
                value={picker.existing}
                onChange={picker.setExisting}
                clearable
                comboboxProps={{ ...comboboxProps, withinPortal: false }}
              />
            )}
            <TextInput
              label="New collection"
              placeholder="Name"
              value={picker.name}
              disabled={picker.existing !== null}
              onChange={(event) => picker.setName(event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button type="submit" size="xs" disabled={!picker.canSubmit}>
                Add
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
