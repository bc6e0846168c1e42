// A small pool of thumbnail workers. Decoding scales across workers, and the WebP encode (about
// half of a photo's thumbnail) runs on the thread that asked for it, so one worker would keep a
// second core idle. Workers start only when work arrives and end once idle.
import type { RenderOutcome, RenderRequest } from './thumbnail-render';
import type { ThumbnailWorkerRequest, ThumbnailWorkerResponse } from './thumbnail-worker';

/** Options of {@link createThumbnailPool}. */
export interface ThumbnailPoolOptions {
  /** Starts one worker (the caller names the script, so bundlers see the URL). */
  createWorker(): Worker;
  /** Most workers at once. */
  size: number;
  /** Requests a worker holds at once, so its decoder never waits for the page to send more. */
  inFlight: number;
  /** A worker without work for this long is ended, so an idle page holds no thread. */
  idleMs: number;
  /** A request a worker has not answered by then is rejected (the caller falls back). */
  timeoutMs: number;
  /** Told when a worker could not start or load, so the caller stops asking. */
  onBroken?(): void;
}

/** What {@link createThumbnailPool} returns. */
export interface ThumbnailPool {
  /** Renders in a worker; rejects when no worker could (the caller then renders itself). */
  render(request: RenderRequest): Promise<RenderOutcome>;
  /** Ends every worker now; requests not yet answered are rejected. */
  terminate(): void;
  /** Workers started since the pool was made, and running now. */
  counts(): { started: number; running: number };
}

interface Waiter {
  request: RenderRequest;
  resolve(outcome: RenderOutcome): void;
  reject(error: Error): void;
}

interface PooledWorker {
  worker: Worker;
  pending: Map<number, Waiter & { timer: ReturnType<typeof setTimeout> }>;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/**
 * Makes a pool that hands each request to the least busy worker, starting another (up to
 * `size`) only when every running one is busy, and queueing once all hold `inFlight`.
 *
 * @example
 * const pool = createThumbnailPool({
 *   createWorker: () => new Worker(new URL('./thumbnail-worker.ts', import.meta.url), { type: 'module' }),
 *   size: 2, inFlight: 3, idleMs: 10_000, timeoutMs: 30_000,
 * });
 * const { thumbnail } = await pool.render({ blob, maxSize: 400, type: 'image/webp', quality: 0.85 });
 */
export function createThumbnailPool(options: ThumbnailPoolOptions): ThumbnailPool {
  const size = Math.max(1, Math.floor(options.size));
  const inFlight = Math.max(1, Math.floor(options.inFlight));
  const workers: PooledWorker[] = [];
  const queue: Waiter[] = [];
  let nextId = 1;
  let started = 0;

  const end = (pooled: PooledWorker, error: Error) => {
    const at = workers.indexOf(pooled);
    if (at >= 0) workers.splice(at, 1);
    clearTimeout(pooled.idleTimer);
    pooled.worker.terminate();
    for (const waiter of pooled.pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    pooled.pending.clear();
  };

  const scheduleIdle = (pooled: PooledWorker) => {
    clearTimeout(pooled.idleTimer);
    if (pooled.pending.size > 0) return;
    pooled.idleTimer = setTimeout(() => {
      if (pooled.pending.size === 0) end(pooled, new Error('thumbnail worker ended'));
    }, options.idleMs);
  };

  const start = (): PooledWorker => {
    const worker = options.createWorker();
    const pooled: PooledWorker = { worker, pending: new Map() };
    worker.addEventListener('message', (event: MessageEvent<ThumbnailWorkerResponse>) => {
      const { id, thumbnail, undecodable, error } = event.data;
      const waiter = pooled.pending.get(id);
      if (!waiter) return;
      pooled.pending.delete(id);
      clearTimeout(waiter.timer);
      if (error !== undefined) waiter.reject(new Error(error));
      else
        waiter.resolve({
          ...(thumbnail ? { thumbnail } : {}),
          ...(undecodable ? { undecodable } : {}),
        });
      pump();
      scheduleIdle(pooled);
    });
    // Fires when the script can't load (a bundler that doesn't handle workers, a strict CSP):
    // nothing will work, so every request still waiting goes back to the caller.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      options.onBroken?.();
      terminate();
    });
    workers.push(pooled);
    started++;
    return pooled;
  };

  const send = (pooled: PooledWorker, waiter: Waiter) => {
    clearTimeout(pooled.idleTimer);
    const id = nextId++;
    const timer = setTimeout(() => {
      pooled.pending.delete(id);
      waiter.reject(new Error('thumbnail worker timed out'));
      pump();
      scheduleIdle(pooled);
    }, options.timeoutMs);
    pooled.pending.set(id, { ...waiter, timer });
    const message: ThumbnailWorkerRequest = { id, ...waiter.request };
    pooled.worker.postMessage(message);
  };

  /** The worker to send to next: the least busy, or a new one while all are busy. */
  const pick = (): PooledWorker | undefined => {
    let best: PooledWorker | undefined;
    for (const pooled of workers) {
      if (!best || pooled.pending.size < best.pending.size) best = pooled;
    }
    if ((!best || best.pending.size > 0) && workers.length < size) return start();
    return best && best.pending.size < inFlight ? best : undefined;
  };

  function pump() {
    while (queue.length > 0) {
      const pooled = pick();
      if (!pooled) return;
      send(pooled, queue.shift() as Waiter);
    }
  }

  function terminate() {
    const error = new Error('thumbnail worker ended');
    for (const pooled of [...workers]) end(pooled, error);
    for (const waiter of queue.splice(0)) waiter.reject(error);
  }

  return {
    render: (request) =>
      new Promise<RenderOutcome>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        try {
          pump();
        } catch (error) {
          // The constructor itself threw (no module workers here): give every waiter back.
          options.onBroken?.();
          terminate();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    terminate,
    counts: () => ({ started, running: workers.length }),
  };
}
