// The side panel's collections and tags: pick one to filter by, create, rename and delete
// collections, rename tags across the library; a skin over useCollections, loaded apart from
// the screen's first load (see collections-panel.tsx). The rows are plain buttons styled by the
// preset's stylesheet (preset-styles.tsx), not NavLinks: a library lists up to 50 tags, and each
// NavLink renders twice as it mounts (Mantine's ids are set in a layout effect), which made the
// panel's mount a long task over a large library.
import { ActionIcon, Group, Menu, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
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

/** One row's main button: a press filters by it; pressed while it is the filter. */
function NavItem(props: {
  label: string;
  count?: number;
  active: boolean;
  onClick(): void;
  children?: ReactNode;
}) {
  return (
    <div className="medialoft-nav-row">
      <button
        type="button"
        className="medialoft-nav-item"
        aria-pressed={props.active}
        // Named "winter (12)" rather than the run-together "winter12" of its text.
        aria-label={props.count === undefined ? undefined : `${props.label} (${props.count})`}
        onClick={props.onClick}
      >
        <span className="medialoft-nav-label">{props.label}</span>
        {props.count !== undefined && <span className="medialoft-nav-count">{props.count}</span>}
      </button>
      {props.children}
    </div>
  );
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
      <NavItem
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
          <NavItem
            key={c.id}
            label={c.name}
            active={c.active}
            onClick={() => panel.selectCollection(c.id)}
          >
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
          </NavItem>
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
          <NavItem
            key={tag}
            label={tag}
            count={count}
            active={active}
            onClick={() => panel.toggleTag(tag)}
          >
            <button
              type="button"
              className="medialoft-nav-action"
              aria-label={`Rename tag ${tag}`}
              onClick={() => panel.startRename('tag', tag)}
            >
              ✎
            </button>
          </NavItem>
        ),
      )}
    </Stack>
  );
}
