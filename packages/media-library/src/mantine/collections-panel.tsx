// The side panel's collections and tags. Its body (useCollections and the management parts)
// loads apart from the screen's first load, fetched as soon as this module runs in a browser,
// so it is there before anyone reaches for it; until then the panel renders nothing.
import { useSyncExternalStore } from 'react';
import type { CollectionsPanelBody as Body } from './collections-panel-body';
import type { LibraryFacets } from './use-library-facets';

/** Props of {@link CollectionsPanel}. */
export interface CollectionsPanelProps {
  /** The library's facets; the panel now reads collections and tags itself, so this may go. */
  facets?: LibraryFacets;
  /** The collection being shown, if any. */
  collectionId?: string;
  onCollectionChange(id: string | undefined): void;
  /** The tags being filtered by. */
  tags: readonly string[];
  onTagsChange(tags: string[]): void;
  onError?(error: Error): void;
}

let loaded: typeof Body | undefined;
let loading: Promise<void> | undefined;
const load = () => {
  loading ??= import('./collections-panel-body').then((module) => {
    loaded = module.CollectionsPanelBody;
  });
  return loading;
};
if (typeof window !== 'undefined') void load().catch(() => {});

const subscribe = (onLoad: () => void) => {
  void load().then(onLoad, () => {});
  return () => {};
};
const current = () => loaded;
// The server (and the browser while hydrating) render the panel before its body arrived.
const none = () => undefined;

/** Collections and tags, with their management actions. */
export function CollectionsPanel(props: CollectionsPanelProps) {
  const Loaded = useSyncExternalStore(subscribe, current, none);
  return Loaded ? <Loaded {...props} /> : null;
}
