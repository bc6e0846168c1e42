// The side panel's collections and tags: pick one to filter by, create, rename and delete
// collections, rename tags across the library; a skin over useCollections, loaded apart from
// the screen's first load (see collections-panel.tsx).
import { ActionIcon, Group, Menu, NavLink, Stack, Text, TextInput } from '@mantine/core';
import { type UseCollectionsResult, useCollections } from '../react/index';
import type { CollectionsPanelProps } from './collections-panel';
import { mutedText } from './preset-colors';

/** How many tags the panel lists, most used first. */
const LISTED_TAGS = 50;

/** Collections and tags, with their management actions. */
export function CollectionsPanelBody({
  collectionId,
  onCollectionChange,
  tags,
  onTagsChange,
  onError,
}: CollectionsPanelProps) {
  const panel = useCollections({ collectionId, onCollectionChange, tags, onTagsChange, onError });
  return (
    <Stack gap="md">
      <CollectionsSection panel={panel} />
      <TagsSection panel={panel} />
    </Stack>
  );
}

function NameField({ panel }: { panel: UseCollectionsResult }) {
  return <TextInput size="xs" autoFocus {...panel.getNameInputProps()} />;
}

function CollectionsSection({ panel }: { panel: UseCollectionsResult }) {
  const { naming } = panel;
  return (
    <Stack gap={2} component="section" aria-label="Collections">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Collections
        </Text>
        <ActionIcon
          size="sm"
          variant="subtle"
          aria-label="New collection"
          onClick={panel.startCreate}
        >
          +
        </ActionIcon>
      </Group>
      <NavLink
        label="All assets"
        active={!panel.activeCollectionId}
        onClick={() => panel.selectCollection(undefined)}
      />
      {panel.collections.map((c) =>
        naming?.kind === 'collection' && naming.id === c.id ? (
          <div key={c.id}>
            <NameField panel={panel} />
          </div>
        ) : (
          <Group key={c.id} gap={0} wrap="nowrap">
            <NavLink
              label={c.name}
              active={c.active}
              onClick={() => panel.selectCollection(c.id)}
              style={{ flex: 1 }}
            />
            <Menu withinPortal position="bottom-end">
              <Menu.Target>
                <ActionIcon size="sm" variant="subtle" aria-label={`Actions for ${c.name}`}>
                  ⋯
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => panel.startRename('collection', c.id)}>Rename</Menu.Item>
                <Menu.Item color="red" onClick={() => void panel.deleteCollection(c.id)}>
                  Delete collection (keeps its assets)
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        ),
      )}
      {naming?.kind === 'new' && <NameField panel={panel} />}
    </Stack>
  );
}

function TagsSection({ panel }: { panel: UseCollectionsResult }) {
  const { naming } = panel;
  return (
    <Stack gap={2} component="section" aria-label="Tags">
      <Text size="sm" fw={600}>
        Tags
      </Text>
      {panel.tags.length === 0 && (
        <Text size="xs" c={mutedText}>
          No tags yet. Add some in an asset's details.
        </Text>
      )}
      {panel.tags.slice(0, LISTED_TAGS).map(({ tag, count, active }) =>
        naming?.kind === 'tag' && naming.id === tag ? (
          <div key={tag}>
            <NameField panel={panel} />
          </div>
        ) : (
          <Group key={tag} gap={0} wrap="nowrap">
            <NavLink
              label={tag}
              rightSection={
                <Text size="xs" c={mutedText}>
                  {count}
                </Text>
              }
              active={active}
              onClick={() => panel.toggleTag(tag)}
              style={{ flex: 1 }}
            />
            <ActionIcon
              size="sm"
              variant="subtle"
              aria-label={`Rename tag ${tag}`}
              onClick={() => panel.startRename('tag', tag)}
            >
              ✎
            </ActionIcon>
          </Group>
        ),
      )}
    </Stack>
  );
}
