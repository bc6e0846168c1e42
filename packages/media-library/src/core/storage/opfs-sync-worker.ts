// The OPFS writer for browsers whose file handles lack `createWritable`: a dedicated worker,
// where `createSyncAccessHandle` exists. Spoken to only by opfs-sync-blob-store.ts.

/**
 * A request from the page: write `blob` as `name` in `directory`; stop write `id`; or, once
 * it is staged, `commit` it (move it over `name`) or `discard` it.
 */
export type OpfsSyncWorkerRequest =
  | { type: 'write'; id: number; directory: string; name: string; blob: Blob }
  | { type: 'cancel' | 'commit' | 'discard'; id: number };

/**
 * The answer to a write: `staged` (every byte is in the temporary file; the page says commit
 * or discard), done, or the failure's DOMException name and message.
 */
export interface OpfsSyncWorkerResponse {
  id: number;
  staged?: true;
  error?: { name: string; message: string };
}

/** What a dedicated worker's sync access handle offers (not in TypeScript's DOM typings). */
interface SyncAccessHandle {
  write(buffer: Uint8Array, options: { at: number }): number;
  flush(): void;
  close(): void;
}
type SyncFileHandle = FileSystemFileHandle & {
  createSyncAccessHandle(): Promise<SyncAccessHandle>;
  move?(name: string): Promise<void>;
};

// In a dedicated worker `self` is the worker scope; the DOM typings only know Window.
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: OpfsSyncWorkerResponse): void;
};

const cancelled = new Set<number>();
/** Staged writes waiting for the page's word: true to commit. */
const decisions = new Map<number, (commit: boolean) => void>();
const directories = new Map<string, Promise<FileSystemDirectoryHandle>>();

function directory(name: string): Promise<FileSystemDirectoryHandle> {
  let handle = directories.get(name);
  if (!handle) {
    handle = navigator.storage
      .getDirectory()
      .then((root) => root.getDirectoryHandle(name, { create: true }));
    // A directory removed meanwhile (cleared site data) is looked up afresh next time.
    handle.catch(() => directories.delete(name));
    directories.set(name, handle);
  }
  return handle;
}

/**
 * Streams the Blob into a temporary file (its name, `~tmp-…`, is no key's file name), then,
 * when the page commits it, moves it over `name`: the key's file shows either its old bytes or
 * all the new ones, and a failed, cancelled or discarded write removes the temporary file. The
 * page decides after the bytes are staged, so an abort it saw before then always wins. Where
 * `move` is missing the bytes go straight into the key's file, which a failure then removes.
 */
async function write(id: number, directoryName: string, name: string, blob: Blob): Promise<void> {
  const dir = await directory(directoryName);
  const probe = (await dir.getFileHandle(`~tmp-${crypto.randomUUID()}`, {
    create: true,
  })) as SyncFileHandle;
  const direct = typeof probe.move !== 'function';
  const target = direct
    ? ((await dir.getFileHandle(name, { create: true })) as SyncFileHandle)
    : probe;
  if (direct) await dir.removeEntry(probe.name).catch(() => {});
  if (typeof target.createSyncAccessHandle !== 'function') {
    await dir.removeEntry(probe.name).catch(() => {});
    throw new DOMException(
      'This browser offers no FileSystemSyncAccessHandle in workers.',
      'NotSupportedError',
    );
  }
  let access: SyncAccessHandle | undefined;
  try {
    access = await target.createSyncAccessHandle();
    const reader = blob.stream().getReader();
    let at = 0;
    for (;;) {
      if (cancelled.has(id)) {
        await reader.cancel().catch(() => {});
        throw new DOMException('The write was aborted.', 'AbortError');
      }
      const { done, value } = await reader.read();
      if (done) break;
      let offset = 0;
      while (offset < value.byteLength) {
        const written = access.write(value.subarray(offset), { at });
        if (written <= 0) throw new DOMException('The disk took no bytes.', 'QuotaExceededError');
        offset += written;
        at += written;
      }
    }
    access.flush();
    access.close();
    access = undefined;
    if (!direct) {
      const commit = await new Promise<boolean>((resolve) => {
        decisions.set(id, resolve);
        scope.postMessage({ id, staged: true });
      });
      if (!commit) throw new DOMException('The write was aborted.', 'AbortError');
      await moveOver(dir, directoryName, target, name);
    }
  } catch (error) {
    access?.close();
    await dir.removeEntry(target.name).catch(() => {});
    throw error;
  }
}

// Moves onto one file name, one after another: a move onto a file being moved onto fails.
const moves = new Map<string, Promise<void>>();

/** Moves the finished temporary file to `name`, replacing any file there. */
function moveOver(
  dir: FileSystemDirectoryHandle,
  directoryName: string,
  temp: SyncFileHandle,
  name: string,
): Promise<void> {
  const key = `${directoryName}/${name}`;
  const previous = moves.get(key) ?? Promise.resolve();
  const move = previous.catch(() => {}).then(() => moveWithRetries(dir, temp, name));
  moves.set(key, move);
  const forget = () => {
    if (moves.get(key) === move) moves.delete(key);
  };
  move.then(forget, forget);
  return move;
}

async function moveWithRetries(
  dir: FileSystemDirectoryHandle,
  temp: SyncFileHandle,
  name: string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await temp.move?.(name);
      return;
    } catch (error) {
      const reason = (error as { name?: unknown }).name;
      // Engines that refuse to move over an existing file: the old one goes first.
      if (reason === 'InvalidModificationError') {
        await dir.removeEntry(name).catch(() => {});
      } else if (reason !== 'NoModificationAllowedError' || attempt >= 20) {
        throw error;
      } else {
        // The target is locked, as while another tab's worker moves onto it: wait a moment.
        await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)));
      }
      if (attempt >= 20) throw error;
    }
  }
}

scope.addEventListener('message', (event: MessageEvent<OpfsSyncWorkerRequest>) => {
  const request = event.data;
  if (request.type !== 'write') {
    const decide = decisions.get(request.id);
    decisions.delete(request.id);
    if (decide) decide(request.type === 'commit');
    else if (request.type !== 'commit') cancelled.add(request.id);
    return;
  }
  const { id } = request;
  write(id, request.directory, request.name, request.blob).then(
    () => {
      cancelled.delete(id);
      scope.postMessage({ id });
    },
    (error: unknown) => {
      cancelled.delete(id);
      const { name, message } = error as { name?: unknown; message?: unknown };
      scope.postMessage({
        id,
        error: {
          name: typeof name === 'string' ? name : 'Error',
          message: typeof message === 'string' ? message : String(error),
        },
      });
    },
  );
});
