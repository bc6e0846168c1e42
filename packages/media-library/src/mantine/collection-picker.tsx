// "Add to collection": pick an existing collection or name a new one, in one small popover.
import { Button, Group, Popover, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Collection } from '../core/index';

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
  const [opened, setOpened] = useState(false);
  const [existing, setExisting] = useState<string | null>(null);
  const [name, setName] = useState('');
  const submit = () => {
    if (existing) onPick(existing);
    else if (name.trim()) onPick({ name: name.trim() });
    else return;
    setOpened(false);
    setExisting(null);
    setName('');
  };
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus withinPortal position="bottom">
      <Popover.Target>
        <Button size="compact-sm" variant="default" onClick={() => setOpened((o) => !o)}>
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="xs" w={240}>
            {collections.length > 0 && (
              <Select
                label="Collection"
                placeholder="Choose a collection"
                data={collections.map((c) => ({ value: c.id, label: c.name }))}
                value={existing}
                onChange={setExisting}
                clearable
                comboboxProps={{ withinPortal: false }}
              />
            )}
            <TextInput
              label="New collection"
              placeholder="Name"
              value={name}
              disabled={existing !== null}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button type="submit" size="xs" disabled={!existing && !name.trim()}>
                Add
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
