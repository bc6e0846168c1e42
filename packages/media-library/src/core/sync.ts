// Cross-tab sync over a BroadcastChannel. Messages only name what changed; receivers re-read
// those records from IndexedDB, so a message can never put data into a store by itself.
import type { BroadcastChannelLike, MediaLibraryOptions } from './types';

/** What a mutation changed, by id. */
export interface LibraryChange {
  /** Assets added or changed. */
  assets?: string[];
  deletedAssets?: string[];
  /** Collections added or changed. */
  collections?: string[];
  deletedCollections?: string[];
  /** Everything was deleted. */
  cleared?: boolean;
}

/** The channel of one library instance. */
export interface LibrarySync {
  /** Tells the other tabs about a change already committed to IndexedDB. */
  publish(change: LibraryChange): void;
  close(): void;
}

const MESSAGE_TYPE = 'medialoft:change';

interface ChangeMessage extends LibraryChange {
  type: typeof MESSAGE_TYPE;
  /** The sending instance, so an echo (possible with injected channels) is ignored. */
  from: string;
}

/** Name of the BroadcastChannel of library `name`. */
export function libraryChannelName(name: string): string {
  return `medialoft:${name}`;
}

/**
 * Opens the channel of library `name`, or a silent stand-in when sync is off or the platform
 * has no BroadcastChannel. `onChange` receives each well-formed change from another instance.
 */
export function openLibrarySync(
  name: string,
  broadcast: MediaLibraryOptions['broadcast'],
  instanceId: string,
  onChange: (change: LibraryChange) => void,
): LibrarySync {
  const channel = createChannel(libraryChannelName(name), broadcast);
  if (!channel) return { publish() {}, close() {} };

  const listener = (event: MessageEvent) => {
    const change = parseMessage(event.data, instanceId);
    if (change) onChange(change);
  };
  channel.addEventListener('message', listener);
  let closed = false;
  return {
    publish(change) {
      if (closed) return;
      const message: ChangeMessage = { ...change, type: MESSAGE_TYPE, from: instanceId };
      channel.postMessage(message);
    },
    close() {
      if (closed) return;
      closed = true;
      channel.removeEventListener('message', listener);
      channel.close();
    },
  };
}

function createChannel(
  channelName: string,
  broadcast: MediaLibraryOptions['broadcast'],
): BroadcastChannelLike | undefined {
  if (broadcast === false) return undefined;
  if (broadcast) return broadcast(channelName);
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(channelName);
  // Node keeps a process alive while a channel is open; a script that used a library should
  // end when its work does, without having to call close(). Browsers have no unref().
  (channel as BroadcastChannel & { unref?: () => void }).unref?.();
  return channel;
}

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The change in `data`, or undefined for foreign, malformed or own messages. */
function parseMessage(data: unknown, instanceId: string): LibraryChange | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Partial<ChangeMessage>;
  if (message.type !== MESSAGE_TYPE || message.from === instanceId) return undefined;
  const change: LibraryChange = {};
  if (isIdList(message.assets)) change.assets = message.assets;
  if (isIdList(message.deletedAssets)) change.deletedAssets = message.deletedAssets;
  if (isIdList(message.collections)) change.collections = message.collections;
  if (isIdList(message.deletedCollections)) change.deletedCollections = message.deletedCollections;
  if (message.cleared === true) change.cleared = true;
  return change;
}
