// The thumbnail pool's scheduling with fake workers: started lazily, at most `size`, at most
// `inFlight` requests each (the rest queued), ended when idle, and a broken worker handing
// every waiting request back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createThumbnailPool } from './thumbnail-pool';
import type { RenderRequest } from './thumbnail-render';
import type { ThumbnailWorkerRequest, ThumbnailWorkerResponse } from './thumbnail-worker';

type Listener = (event: { data?: unknown; preventDefault(): void }) => void;

/** A worker that holds each request until the test answers it. */
class FakeWorker {
  received: ThumbnailWorkerRequest[] = [];
  terminated = false;
  private listeners = new Map<string, Listener[]>();
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  postMessage(message: ThumbnailWorkerRequest) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  emit(type: string, data?: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data, preventDefault() {} });
  }
  /** Answers the oldest unanswered request with a thumbnail as wide as its maxSize. */
  answer() {
    const request = this.received.shift();
    if (!request) throw new Error('nothing to answer');
    const response: ThumbnailWorkerResponse = {
      id: request.id,
      thumbnail: { blob: request.blob, type: 'image/webp', width: request.maxSize, height: 1 },
    };
    this.emit('message', response);
  }
}

const request = (maxSize: number): RenderRequest => ({
  blob: new Blob(['x']),
  maxSize,
  type: 'image/webp',
  quality: 0.85,
});

function setup(size = 2, inFlight = 3) {
  const workers: FakeWorker[] = [];
  const onBroken = vi.fn();
  const pool = createThumbnailPool({
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    },
    size,
    inFlight,
    idleMs: 1_000,
    timeoutMs: 60_000,
    onBroken,
  });
  return { pool, workers, onBroken };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createThumbnailPool', () => {
  it('starts no worker until asked, then one per busy worker up to the size', async () => {
    const { pool, workers } = setup(2, 3);
    expect(pool.counts()).toEqual({ started: 0, running: 0 });
    const first = pool.render(request(1));
    expect(workers).toHaveLength(1);
    // The first worker is busy, so the second request starts the second worker.
    const second = pool.render(request(2));
    expect(workers).toHaveLength(2);
    expect(workers.map((w) => w.received.map((r) => r.maxSize))).toEqual([[1], [2]]);
    workers[0]?.answer();
    workers[1]?.answer();
    expect((await first).thumbnail?.width).toBe(1);
    expect((await second).thumbnail?.width).toBe(2);
    expect(pool.counts()).toEqual({ started: 2, running: 2 });
    pool.terminate();
  });

  it('holds at most inFlight requests per worker and queues the rest in order', async () => {
    const { pool, workers } = setup(2, 3);
    const results = Array.from({ length: 8 }, (_, i) => pool.render(request(i + 1)));
    expect(workers).toHaveLength(2);
    // Least busy first: the requests alternate between the two workers.
    expect(workers.map((w) => w.received.map((r) => r.maxSize))).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
    workers[1]?.answer();
    // The freed place takes the oldest queued request.
    expect(workers[1]?.received.map((r) => r.maxSize)).toEqual([4, 6, 7]);
    workers[0]?.answer();
    expect(workers[0]?.received.map((r) => r.maxSize)).toEqual([3, 5, 8]);
    for (const worker of workers) while (worker.received.length > 0) worker.answer();
    const widths = (await Promise.all(results)).map((outcome) => outcome.thumbnail?.width);
    expect(widths).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(pool.counts().started).toBe(2);
    pool.terminate();
  });

  it('reuses an idle worker rather than starting another, and ends it once idle', async () => {
    vi.useFakeTimers();
    const { pool, workers } = setup(2, 3);
    const first = pool.render(request(1));
    workers[0]?.answer();
    await first;
    const second = pool.render(request(2));
    expect(workers).toHaveLength(1);
    workers[0]?.answer();
    await second;
    vi.advanceTimersByTime(999);
    expect(workers[0]?.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(workers[0]?.terminated).toBe(true);
    expect(pool.counts()).toEqual({ started: 1, running: 0 });
    // Work after that starts a fresh worker.
    const third = pool.render(request(3));
    expect(workers).toHaveLength(2);
    workers[1]?.answer();
    expect((await third).thumbnail?.width).toBe(3);
    pool.terminate();
  });

  it('hands every waiting request back when a worker fails to load', async () => {
    const { pool, workers, onBroken } = setup(1, 1);
    const results = [1, 2, 3].map((n) => pool.render(request(n)));
    workers[0]?.emit('error');
    for (const result of results) await expect(result).rejects.toThrow('thumbnail worker ended');
    expect(onBroken).toHaveBeenCalledTimes(1);
    expect(workers[0]?.terminated).toBe(true);
    expect(pool.counts().running).toBe(0);
  });

  it('passes an error the worker reports to that request alone', async () => {
    const { pool, workers } = setup(1, 2);
    const failing = pool.render(request(1));
    const fine = pool.render(request(2));
    const [bad] = workers[0]?.received.splice(0, 1) ?? [];
    const failure: ThumbnailWorkerResponse = { id: bad?.id ?? -1, error: 'boom' };
    workers[0]?.emit('message', failure);
    workers[0]?.answer();
    await expect(failing).rejects.toThrow('boom');
    expect((await fine).thumbnail?.width).toBe(2);
    pool.terminate();
  });
});
