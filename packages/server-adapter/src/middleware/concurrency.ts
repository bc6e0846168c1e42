// A per-provider cap on generations running at once, with a short bounded queue: a burst waits
// its turn, a flood is refused with 429 at once instead of piling up open connections.
import { CanceledError } from '@medialoft/ai-connect';
import { HttpError } from '../errors';

/** Gives back the slot. Safe to call twice. */
export type ReleaseSlot = () => void;

export interface ConcurrencyGate {
  /**
   * Asks for a slot for `key` (a provider name). Throws 429 `server_busy` synchronously when
   * the queue is full; otherwise resolves when a slot is free, or rejects with CanceledError
   * when `signal` aborts while waiting. `onQueued` runs if the request has to wait.
   */
  acquire(key: string, signal?: AbortSignal, onQueued?: () => void): Promise<ReleaseSlot>;
  /**
   * Throws the same 429 as `acquire` would when `key` has no slot and no queue room left, for
   * answers (event streams) that must decide their status before they start.
   */
  ensureCapacity(key: string): void;
  /** Running and waiting counts, for health and tests. */
  stats(key: string): { running: number; waiting: number };
}

const busy = () =>
  new HttpError(
    429,
    'server_busy',
    'The server is generating as many images as it allows at once; try again in a few seconds.',
    { retryable: true, retryAfterMs: 5000 },
  );

interface Lane {
  running: number;
  waiting: Array<{ grant: () => void }>;
}

/**
 * Makes a gate letting `perProvider` generations run per key with up to `queue` waiting.
 *
 * @example
 * const gate = createConcurrencyGate({ perProvider: 4, queue: 16 });
 * const release = await gate.acquire('replicate', c.req.raw.signal);
 * try { await work(); } finally { release(); }
 */
export function createConcurrencyGate(options: {
  perProvider: number;
  queue: number;
}): ConcurrencyGate {
  const lanes = new Map<string, Lane>();
  const lane = (key: string) => {
    let found = lanes.get(key);
    if (!found) {
      found = { running: 0, waiting: [] };
      lanes.set(key, found);
    }
    return found;
  };

  const releaser = (l: Lane): ReleaseSlot => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = l.waiting.shift();
      if (next) next.grant();
      else l.running--;
    };
  };

  return {
    acquire(key, signal, onQueued) {
      const l = lane(key);
      if (signal?.aborted) return Promise.reject(new CanceledError());
      if (l.running < options.perProvider) {
        l.running++;
        return Promise.resolve(releaser(l));
      }
      if (l.waiting.length >= options.queue) throw busy();
      onQueued?.();
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const entry = {
          // The slot passes straight from the releasing request to this one.
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(releaser(l));
          },
        };
        const onAbort = () => {
          const index = l.waiting.indexOf(entry);
          if (index >= 0) l.waiting.splice(index, 1);
          reject(new CanceledError('The request was canceled while waiting for a free slot.'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        l.waiting.push(entry);
      });
    },
    ensureCapacity(key) {
      const l = lane(key);
      if (l.running >= options.perProvider && l.waiting.length >= options.queue) throw busy();
    },
    stats(key) {
      const l = lane(key);
      return { running: l.running, waiting: l.waiting.length };
    },
  };
}
