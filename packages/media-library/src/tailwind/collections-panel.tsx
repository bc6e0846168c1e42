// The side panel's collections and tags. Their code (useCollections and the management parts)
// loads apart from the screen's first load, fetched as soon as this module runs in a browser,
// so it is there before anyone reaches for it; until then the panel renders nothing.
import { preload, usePreloaded } from '../react/use-preloaded';

/** Props of {@link CollectionsPanel}. */
export interface CollectionsPanelProps {
  /** The collection being shown, if any. */
  collectionId?: string;
  onCollectionChange(id: string | undefined): void;
  /** The tags being filtered by. */
  tags: readonly string[];
  onTagsChange(tags: string[]): void;
  onError?(error: Error): void;
}

const body = preload(() =>
  import('./collections-panel-body').then((module) => module.CollectionsPanelBody),
);

/**
 * The Collections and Tags lists of the side panel, with their management actions.
 * Its code loads apart from the first load, so it renders nothing for a moment after it first
 * mounts (always on a server); a test waits for it (`findByRole('navigation', { name: 'Collections' })`).
 */
export function CollectionsPanel(props: CollectionsPanelProps) {
  const Body = usePreloaded(body);
  return Body ? <Body {...props} /> : null;
}
