// The readers-writer lock that keeps the start-up sweep from deleting bytes another tab has
// just written but not yet recorded. Web Locks across tabs where they exist, else in-process.
//
// Imports hold the lock shared from their first byte write until their records commit (or
// their bytes are rolled back); the sweep and `clear()` hold it exclusively. We chose a lock
// over a grace period because the blob-store contract has no timestamps, and because a slow
// import (large video, slow thumbnail) could outlast any fixed grace period.

/** Shared/exclusive access to a library's bytes. */
export interface LibraryLocks {
  /** Runs `fn` while no sweep or clear runs, in any tab; other writers may run alongside. */
  shared<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` while no other writer, sweep or clear runs, in any tab. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Like `exclusive`, but resolves `undefined` at once instead of waiting when it is held. */
  tryExclusive<T>(fn: () => Promise<T>): Promise<T | undefined>;
}

type Mode = 'shared' | 'exclusive';

/** The slice of the Web Locks API this module uses. */
interface LockManagerLike {
  request<T>(
    name: string,
    options: { mode: Mode; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

/**
 * Creates the lock of library `name`: Web Locks when `navigator.locks` exists (every browser
 * with OPFS has it), otherwise a lock that only covers this JavaScript realm.
 */
export function createLibraryLocks(
  name: string,
  manager: LockManagerLike | undefined = defaultLockManager(),
): LibraryLocks {
  const lockName = `medialoft:${name}:bytes`;
  if (manager) {
    return {
      shared: (fn) => manager.request(lockName, { mode: 'shared' }, fn),
      exclusive: (fn) => manager.request(lockName, { mode: 'exclusive' }, fn),
      tryExclusive: (fn) =>
        manager.request(lockName, { mode: 'exclusive', ifAvailable: true }, (lock) =>
          lock ? fn() : Promise.resolve(undefined),
        ),
    };
  }
  // Instances of one library in this realm share one lock, as tabs share a Web Lock.
  let local = localLocks.get(lockName);
  if (!local) {
    local = createLocalLock();
    localLocks.set(lockName, local);
  }
  const lock = local;
  return {
    shared: (fn) => lock.run('shared', fn),
    exclusive: (fn) => lock.run('exclusive', fn),
    tryExclusive: (fn) => lock.tryRun('exclusive', fn),
  };
}

const localLocks = new Map<string, ReturnType<typeof createLocalLock>>();

function defaultLockManager(): LockManagerLike | undefined {
  const locks = (globalThis as { navigator?: { locks?: unknown } }).navigator?.locks;
  return locks && typeof (locks as LockManagerLike).request === 'function'
    ? (locks as LockManagerLike)
    : undefined;
}

/** A first-come, first-served readers-writer lock for one realm. */
function createLocalLock() {
  let readers = 0;
  let writer = false;
  const queue: Array<{ mode: Mode; grant: () => void }> = [];

  const canGrant = (mode: Mode) => (mode === 'shared' ? !writer : !writer && readers === 0);
  const take = (mode: Mode) => {
    if (mode === 'shared') readers++;
    else writer = true;
  };
  const drain = () => {
    while (queue.length > 0 && canGrant((queue[0] as (typeof queue)[0]).mode)) {
      const next = queue.shift() as (typeof queue)[0];
      take(next.mode);
      next.grant();
    }
  };

  const hold = async <T>(mode: Mode, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } finally {
      if (mode === 'shared') readers--;
      else writer = false;
      drain();
    }
  };

  return {
    async run<T>(mode: Mode, fn: () => Promise<T>): Promise<T> {
      // Waiters keep their order, so a stream of imports cannot starve a sweep.
      if (queue.length === 0 && canGrant(mode)) take(mode);
      else await new Promise<void>((grant) => queue.push({ mode, grant }));
      return hold(mode, fn);
    },
    async tryRun<T>(mode: Mode, fn: () => Promise<T>): Promise<T | undefined> {
      if (queue.length > 0 || !canGrant(mode)) return undefined;
      take(mode);
      return hold(mode, fn);
    },
  };
}
