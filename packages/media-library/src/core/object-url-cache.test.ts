// The object-URL cache: reference counting, shared reads, grace period, idle cap, failures,
// invalidation. Fake timers and injected create/revoke make every step observable.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AssetNotFoundError } from './errors';
import {
  createObjectUrlCache,
  inertBlob,
  isInertMimeType,
  type ObjectUrlCacheOptions,
} from './object-url-cache';
import type { AssetVariant } from './types';

function setup(overrides: Partial<ObjectUrlCacheOptions> = {}) {
  let next = 0;
  const live = new Set<string>();
  const created: string[] = [];
  const revoked: string[] = [];
  const getBlob = vi.fn(async (id: string, _variant: AssetVariant) =>
    id.startsWith('missing') ? undefined : new Blob([id]),
  );
  const cache = createObjectUrlCache({
    getBlob,
    createObjectURL: () => {
      const url = `blob:test/${++next}`;
      live.add(url);
      created.push(url);
      return url;
    },
    revokeObjectURL: (url) => {
      if (!live.delete(url)) throw new Error(`revoked twice or unknown: ${url}`);
      revoked.push(url);
    },
    ...overrides,
  });
  return { cache, getBlob, live, created, revoked };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createObjectUrlCache', () => {
  it('shares one read and one URL between concurrent acquires of the same key', async () => {
    const { cache, getBlob, created } = setup();
    const [a, b] = await Promise.all([
      cache.acquire('x', 'thumbnail'),
      cache.acquire('x', 'thumbnail'),
    ]);
    expect(a.url).toBe(b.url);
    expect(getBlob).toHaveBeenCalledTimes(1);
    expect(created).toHaveLength(1);
    expect(cache.size()).toBe(1);
  });

  it('makes at most urlsPerTask URLs in one task, the rest in the tasks after', async () => {
    // A timer queue run by hand: each callback run is one task.
    const timers: Array<() => void> = [];
    const { cache, created } = setup({
      urlsPerTask: 2,
      setTimeout: ((callback: () => void) => {
        timers.push(callback);
        return 0;
      }) as unknown as ObjectUrlCacheOptions['setTimeout'],
    });
    const all = Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => cache.acquire(id, 'thumbnail')));
    const settle = async () => {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    };
    await settle();
    const perTask = [created.length];
    while (timers.length > 0) {
      const before = created.length;
      (timers.shift() as () => void)();
      await settle();
      perTask.push(created.length - before);
    }
    const handles = await all;
    expect(new Set(handles.map((h) => h.url)).size).toBe(5);
    expect(perTask[0]).toBe(2);
    expect(Math.max(...perTask)).toBe(2);
    expect(perTask.reduce((sum, n) => sum + n, 0)).toBe(5);
  });

  it('keeps variants apart', async () => {
    const { cache, getBlob } = setup();
    const thumb = await cache.acquire('x', 'thumbnail');
    const original = await cache.acquire('x', 'original');
    expect(thumb.url).not.toBe(original.url);
    expect(getBlob.mock.calls).toEqual([
      ['x', 'thumbnail'],
      ['x', 'original'],
    ]);
    expect(cache.size()).toBe(2);
  });

  it('revokes only after the last release and the grace period', async () => {
    const { cache, revoked } = setup({ graceMs: 1000 });
    const a = await cache.acquire('x', 'thumbnail');
    const b = await cache.acquire('x', 'thumbnail');
    a.release();
    vi.advanceTimersByTime(5000);
    expect(revoked).toEqual([]);
    b.release();
    vi.advanceTimersByTime(999);
    expect(cache.size()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(revoked).toEqual([a.url]);
    expect(cache.size()).toBe(0);
  });

  it('reuses a URL re-acquired within the grace period, without reading again', async () => {
    const { cache, getBlob, revoked } = setup({ graceMs: 1000 });
    const first = await cache.acquire('x', 'thumbnail');
    first.release();
    vi.advanceTimersByTime(900);
    const again = await cache.acquire('x', 'thumbnail');
    expect(again.url).toBe(first.url);
    expect(getBlob).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(revoked).toEqual([]);
    again.release();
    vi.advanceTimersByTime(1000);
    expect(revoked).toEqual([first.url]);
  });

  it('reads again after a URL was revoked', async () => {
    const { cache, getBlob } = setup({ graceMs: 10 });
    const first = await cache.acquire('x', 'thumbnail');
    first.release();
    vi.advanceTimersByTime(10);
    const second = await cache.acquire('x', 'thumbnail');
    expect(second.url).not.toBe(first.url);
    expect(getBlob).toHaveBeenCalledTimes(2);
  });

  it('a second release of the same handle is a no-op', async () => {
    const { cache } = setup({ graceMs: 10 });
    const a = await cache.acquire('x', 'thumbnail');
    const b = await cache.acquire('x', 'thumbnail');
    a.release();
    a.release();
    vi.advanceTimersByTime(100);
    expect(cache.size()).toBe(1);
    b.release();
    vi.advanceTimersByTime(100);
    expect(cache.size()).toBe(0);
  });

  it('keeps at most maxIdle unused URLs warm, evicting the oldest first', async () => {
    const { cache, revoked } = setup({ graceMs: 60_000, maxIdle: 2 });
    const handles = [];
    for (const id of ['a', 'b', 'c', 'd']) handles.push(await cache.acquire(id, 'thumbnail'));
    for (const handle of handles) handle.release();
    expect(revoked).toEqual([handles[0]!.url, handles[1]!.url]);
    expect(cache.size()).toBe(2);
    // A URL in use never counts as idle, however many there are.
    const held = [];
    for (const id of ['e', 'f', 'g']) held.push(await cache.acquire(id, 'thumbnail'));
    expect(cache.size()).toBe(5);
  });

  it('keeps one grace timer for every idle URL, each URL still waiting its full grace', async () => {
    const started: number[] = [];
    const { cache, revoked, live } = setup({
      graceMs: 1000,
      urlsPerTask: Number.POSITIVE_INFINITY,
      setTimeout: (callback, ms) => {
        started.push(ms);
        return setTimeout(callback, ms);
      },
    });
    const first = await Promise.all(
      Array.from({ length: 50 }, (_, i) => cache.acquire(`a${i}`, 'thumbnail')),
    );
    for (const handle of first) handle.release();
    vi.advanceTimersByTime(600);
    const late = await cache.acquire('late', 'thumbnail');
    late.release();
    // Taken back before its grace ended: kept, and waiting again once released.
    const again = await cache.acquire('a7', 'thumbnail');
    again.release();
    expect(started.filter((ms) => ms === 1000)).toHaveLength(1);
    vi.advanceTimersByTime(400);
    expect(revoked).toHaveLength(49);
    vi.advanceTimersByTime(599);
    expect(live.size).toBe(2);
    vi.advanceTimersByTime(1);
    expect(live.size).toBe(0);
    expect(started.filter((ms) => ms > 0)).toHaveLength(2);
  });

  it('revokes at once with graceMs 0', async () => {
    const { cache } = setup({ graceMs: 0 });
    const a = await cache.acquire('x', 'original');
    a.release();
    expect(cache.size()).toBe(0);
  });

  it('rejects a missing blob with AssetNotFoundError and caches nothing', async () => {
    const { cache, getBlob } = setup();
    await expect(cache.acquire('missing-1', 'thumbnail')).rejects.toBeInstanceOf(
      AssetNotFoundError,
    );
    await expect(cache.acquire('missing-1', 'thumbnail')).rejects.toMatchObject({
      code: 'not_found',
      assetId: 'missing-1',
    });
    expect(getBlob).toHaveBeenCalledTimes(2);
    expect(cache.size()).toBe(0);
  });

  it('passes a read error to every waiting acquire, then retries on the next', async () => {
    const { cache, getBlob } = setup();
    getBlob.mockRejectedValueOnce(new Error('disk on fire'));
    const results = await Promise.allSettled([
      cache.acquire('x', 'thumbnail'),
      cache.acquire('x', 'thumbnail'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(cache.acquire('x', 'thumbnail')).resolves.toMatchObject({ url: 'blob:test/1' });
  });

  it('revokeAll revokes every URL, in use or idle, and later releases do nothing', async () => {
    const { cache, live } = setup();
    const used = await cache.acquire('a', 'thumbnail');
    (await cache.acquire('b', 'thumbnail')).release();
    cache.revokeAll();
    expect(cache.size()).toBe(0);
    expect(live.size).toBe(0);
    used.release();
    vi.runAllTimers();
    expect(live.size).toBe(0);
  });

  it('invalidate revokes both variants of one asset and the next acquire reads fresh bytes', async () => {
    const { cache, getBlob, live } = setup();
    const thumb = await cache.acquire('a', 'thumbnail');
    await cache.acquire('a', 'original');
    const other = await cache.acquire('b', 'thumbnail');
    cache.invalidate('a');
    expect([...live]).toEqual([other.url]);
    thumb.release();
    const fresh = await cache.acquire('a', 'thumbnail');
    expect(fresh.url).not.toBe(thumb.url);
    expect(getBlob).toHaveBeenCalledTimes(4);
  });

  it('an acquire pending during invalidate gets a fresh URL, not a revoked one', async () => {
    const { cache, getBlob, live } = setup();
    const pending = cache.acquire('a', 'thumbnail');
    cache.invalidate('a');
    const { url } = await pending;
    expect(live.has(url)).toBe(true);
    expect(getBlob).toHaveBeenCalledTimes(2);
    expect(cache.size()).toBe(1);
  });
});

describe('the inert-type guard', () => {
  it('lets raster images, media, PDF and plain text through and nothing that runs', () => {
    for (const type of ['image/png', 'image/webp', 'video/mp4', 'audio/mpeg', 'application/pdf']) {
      expect(isInertMimeType(type), type).toBe(true);
    }
    expect(isInertMimeType('text/plain; charset=utf-8')).toBe(true);
    for (const type of [
      'image/svg+xml',
      'text/html',
      'application/xhtml+xml',
      'application/xml',
      'text/xml',
      'application/zip',
      'image/x-unknown',
      '',
    ]) {
      expect(isInertMimeType(type), type).toBe(false);
    }
  });

  it('retypes markup as plain text and anything unknown as octet-stream, bytes unchanged', async () => {
    const svg = new Blob(['<svg onload="x()"/>'], { type: 'image/svg+xml' });
    expect(inertBlob(svg).type).toBe('text/plain;charset=utf-8');
    expect(await inertBlob(svg).text()).toBe('<svg onload="x()"/>');
    expect(inertBlob(new Blob(['<p>'], { type: 'text/html' })).type).toBe(
      'text/plain;charset=utf-8',
    );
    expect(inertBlob(new Blob(['{}'], { type: 'application/json' })).type).toBe(
      'text/plain;charset=utf-8',
    );
    expect(inertBlob(new Blob(['?'])).type).toBe('application/octet-stream');
    expect(inertBlob(new Blob(['?'], { type: 'application/zip' })).type).toBe(
      'application/octet-stream',
    );
    const png = new Blob(['png'], { type: 'image/png' });
    expect(inertBlob(png)).toBe(png);
  });

  it('hands every URL out through the guard, the original of an SVG as plain text', async () => {
    const minted: Blob[] = [];
    const cache = createObjectUrlCache({
      getBlob: async (_id, variant) =>
        variant === 'original'
          ? new Blob(['<svg/>'], { type: 'image/svg+xml' })
          : new Blob(['webp'], { type: 'image/webp' }),
      createObjectURL: (blob) => {
        minted.push(blob);
        return `blob:test/${minted.length}`;
      },
      revokeObjectURL: () => undefined,
    });
    await cache.acquire('a', 'original');
    await cache.acquire('a', 'thumbnail');
    expect(minted.map((blob) => blob.type)).toEqual(['text/plain;charset=utf-8', 'image/webp']);
    expect(await minted[0]?.text()).toBe('<svg/>');
  });
});
