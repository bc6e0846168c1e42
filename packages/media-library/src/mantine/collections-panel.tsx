// The side panel's collections and tags: pick one to filter by, create, rename and delete
// collections, rename tags across the library.
import { ActionIcon, Group, Menu, NavLink, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useMediaLibrary } from '../react/index';
import { mutedText } from './preset-colors';
import type { LibraryFacets } from './use-library-facets';

/** Props of {@link CollectionsPanel}. */
export interface CollectionsPanelProps {
  facets: LibraryFacets;
  /** The collection being shown, if any. */
  collectionId?: string;
  onCollectionChange(id: string | undefined): void;
  /** The tags being filtered by. */
  tags: readonly string[];
  onTagsChange(tags: string[]): void;
  onError?(error: Error): void;
}

/** Collections and tags, with their management actions. */
export function CollectionsPanel({
  facets,
  collectionId,
  onCollectionChange,
  tags,
  onTagsChange,
  onError,
}: CollectionsPanelProps) {
  const library = useMediaLibrary();
  const [naming, setNaming] = useState<{
    kind: 'new' | 'collection' | 'tag';
    id: string;
    value: string;
  }>();
  const fail = (error: unknown) =>
    onError?.(error instanceof Error ? error : new Error(String(error)));

  const save = async () => {
    if (!naming) return;
    const value = naming.value.trim();
    setNaming(undefined);
    if (!value) return;
    if (naming.kind === 'new') await library.createCollection(value).catch(fail);
    else if (naming.kind === 'collection')
      await library.renameCollection(naming.id, value).catch(fail);
    else if (value !== naming.id) {
      await library.renameTag(naming.id, value).catch(fail);
      if (tags.includes(naming.id)) onTagsChange(tags.map((t) => (t === naming.id ? value : t)));
    }
  };
  const nameField = (label: string) => (
    <TextInput
      size="xs"
      aria-label={label}
      value={naming?.value ?? ''}
      autoFocus
      onChange={(event) => {
        const value = event.currentTarget.value;
        setNaming((n) => n && { ...n, value });
      }}
      onBlur={() => void save()}
      onKeyDown={(event) => {
        if (event.key === 'Enter') void save();
        if (event.key === 'Escape') setNaming(undefined);
      }}
    />
  );

  return (
    <Stack gap="md">
      <Stack gap={2} component="section" aria-label="Collections">
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            Collections
          </Text>
          <ActionIcon
            size="sm"
            variant="subtle"
            aria-label="New collection"
            onClick={() => setNaming({ kind: 'new', id: '', value: '' })}
          >
            +
          </ActionIcon>
        </Group>
        <NavLink
          label="All assets"
          active={!collectionId}
          onClick={() => onCollectionChange(undefined)}
        />
        {facets.collections.map((c) =>
          naming?.kind === 'collection' && naming.id === c.id ? (
            <div key={c.id}>{nameField(`Rename ${c.name}`)}</div>
          ) : (
            <Group key={c.id} gap={0} wrap="nowrap">
              <NavLink
                label={c.name}
                active={collectionId === c.id}
                onClick={() => onCollectionChange(c.id)}
                style={{ flex: 1 }}
              />
              <Menu withinPortal position="bottom-end">
                <Menu.Target>
                  <ActionIcon size="sm" variant="subtle" aria-label={`Actions for ${c.name}`}>
                    ⋯
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    onClick={() => setNaming({ kind: 'collection', id: c.id, value: c.name })}
                  >
                    Rename
                  </Menu.Item>
                  <Menu.Item
                    color="red"
                    onClick={() => {
                      if (collectionId === c.id) onCollectionChange(undefined);
                      library.deleteCollection(c.id).catch(fail);
                    }}
                  >
                    Delete collection (keeps its assets)
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          ),
        )}
        {naming?.kind === 'new' && nameField('New collection name')}
      </Stack>
      <Stack gap={2} component="section" aria-label="Tags">
        <Text size="sm" fw={600}>
          Tags
        </Text>
        {facets.tags.length === 0 && (
          <Text size="xs" c={mutedText}>
            No tags yet. Add some in an asset's details.
          </Text>
        )}
        {facets.tags.slice(0, 50).map(({ tag, count }) =>
          naming?.kind === 'tag' && naming.id === tag ? (
            <div key={tag}>{nameField(`Rename tag ${tag}`)}</div>
          ) : (
            <Group key={tag} gap={0} wrap="nowrap">
              <NavLink
                label={tag}
                rightSection={
                  <Text size="xs" c={mutedText}>
                    {count}
                  </Text>
                }
                active={tags.includes(tag)}
                onClick={() =>
                  onTagsChange(tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag])
                }
                style={{ flex: 1 }}
              />
              <ActionIcon
                size="sm"
                variant="subtle"
                aria-label={`Rename tag ${tag}`}
                onClick={() => setNaming({ kind: 'tag', id: tag, value: tag })}
              >
                ✎
              </ActionIcon>
            </Group>
          ),
        )}
      </Stack>
    </Stack>
  );
}
