// Two tabs, one truth, under stress: two pages of one origin import, tag, collect and delete
// in the same OPFS library at once (300 operations from a seeded schedule, three lanes per
// page), then both hold the same records and bytes as a third page that opens the library
// afresh, the files on disk are exactly those the records name, and the sweep repairs nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type LibraryPageServer, serveLibraryPage } from './library-page-server';
import type { TwoTabsApi, TwoTabsOp, TwoTabsRunReport, TwoTabsSnapshot } from './two-tabs-page';

/** Set E2E_SEED to replay a schedule; the seed in use is printed. */
const seed = Number(process.env.E2E_SEED ?? 20261126);
const opsPerPage = 150;
const lanesPerPage = 3;
const collections = 3;
const libraryName = 'two-tabs';

/** mulberry32: a small seeded generator, so a failing schedule can be run again. */
function random(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One page's operations. Both pages draw import content from one pool of 40 files, so the same
 * bytes arrive in both tabs at once and again after a delete.
 */
function schedule(next: () => number): TwoTabsOp[] {
  const picks = () => Array.from({ length: 1 + Math.floor(next() * 3) }, next);
  const ops: TwoTabsOp[] = [];
  for (let i = 0; i < opsPerPage; i++) {
    const roll = next();
    const tag = `tag-${Math.floor(next() * 5)}`;
    const collection = Math.floor(next() * collections);
    if (roll < 0.35) {
      const items = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
        const content = Math.floor(next() * 40);
        return { seed: content, png: content % 2 === 0 };
      });
      ops.push({ kind: 'import', items });
    } else if (roll < 0.55) ops.push({ kind: 'tag', picks: picks(), tag });
    else if (roll < 0.63) ops.push({ kind: 'untag', picks: picks(), tag });
    else if (roll < 0.75) ops.push({ kind: 'collect', picks: picks(), collection });
    else if (roll < 0.8) ops.push({ kind: 'uncollect', picks: picks(), collection });
    else ops.push({ kind: 'delete', picks: picks() });
  }
  return ops;
}

type Call = <K extends keyof TwoTabsApi>(
  page: Page,
  method: K,
  ...args: Parameters<TwoTabsApi[K]>
) => Promise<Awaited<ReturnType<TwoTabsApi[K]>>>;

const call: Call = (page, method, ...args) =>
  page.evaluate(
    ([name, params]) =>
      // biome-ignore lint/suspicious/noExplicitAny: the page's API, typed by Call above
      (globalThis as any).twoTabs[name](...params),
    [method, args] as const,
  );

let server: LibraryPageServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await serveLibraryPage('e2e/two-tabs-page.ts');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'twoTabs' in globalThis);
  return page;
}

/** 300 operations over OPFS on a loaded 2-core machine, then three full snapshots. */
const stressTimeout = 240_000;
const zeroSweep = { orphanBlobsDeleted: 0, recordsRemoved: 0, thumbnailsDropped: 0 };
/** What a full sweep (`sweep()`, which lists every file) reports when nothing needed repair. */
const zeroFullSweep = { ...zeroSweep, listed: true };

describe('two tabs of one library under stress', () => {
  it(
    'end with the same records and bytes as a fresh reopen, and nothing to sweep',
    async () => {
      console.log(`two-tabs schedule seed ${seed} (E2E_SEED=${seed} replays it)`);
      const next = random(seed);
      const [first, second] = [schedule(next), schedule(next)];
      const a = await openPage();
      const b = await openPage();
      await call(a, 'open', libraryName);
      await call(b, 'open', libraryName);
      await call(a, 'ensureCollections', collections);
      await expect.poll(() => call(b, 'collectionCount'), { timeout: 15_000 }).toBe(collections);

      const reports: TwoTabsRunReport[] = await Promise.all([
        call(a, 'run', first, lanesPerPage),
        call(b, 'run', second, lanesPerPage),
      ]);
      console.log('two-tabs runs', JSON.stringify(reports));
      for (const report of reports) expect(report.done + report.gone).toBe(opsPerPage);
      const imported = reports.reduce((sum, r) => sum + r.imported, 0);
      const deduped = reports.reduce((sum, r) => sum + r.duplicates, 0);
      // The schedule really did race imports of the same bytes, and deletes against them.
      expect(imported).toBeGreaterThan(20);
      expect(deduped).toBeGreaterThan(20);

      // The tabs hear each other's last changes over the broadcast channel.
      let seenA: TwoTabsSnapshot | undefined;
      let seenB: TwoTabsSnapshot | undefined;
      await expect
        .poll(
          async () => {
            [seenA, seenB] = await Promise.all([call(a, 'snapshot'), call(b, 'snapshot')]);
            return JSON.stringify(seenA) === JSON.stringify(seenB);
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true)
        .catch(() => undefined);
      // When they did not agree, this shows where.
      expect(seenB).toEqual(seenA);
      const settled = seenA as TwoTabsSnapshot;
      expect(settled.assets.length).toBeGreaterThan(0);

      // Every record has its bytes, and they hash to the record's SHA-256; no bytes are doubled.
      for (const asset of settled.assets) {
        expect(settled.bytes[asset.id]?.original, asset.id).toBe(asset.sha256);
      }
      const shas = settled.assets.map((asset) => asset.sha256);
      expect(new Set(shas).size).toBe(shas.length);
      expect(settled.assets.some((asset) => asset.tags.length > 0)).toBe(true);
      expect(settled.assets.some((asset) => asset.collections.length > 0)).toBe(true);
      expect(Object.values(settled.bytes).some((bytes) => bytes.thumbnail)).toBe(true);

      // A third tab: the files on disk first, before a library opens and sweeps there.
      const c = await openPage();
      const files = await call(c, 'storedFiles', libraryName);
      const opened = await call(c, 'open', libraryName);
      // The start-up sweep lists the files or not (write marks); either way it repairs nothing.
      expect(opened.lastSweep ?? zeroSweep).toMatchObject(zeroSweep);
      const fresh = await call(c, 'snapshot');
      expect(fresh).toEqual(settled);
      // Asset bytes live under keys `o/<id>` and thumbnails under `t/<id>`; other files the
      // library keeps beside them are not asset bytes.
      expect(files.filter((file) => /^[ot]~2f/.test(file))).toEqual(
        await call(c, 'referencedFiles'),
      );

      expect(await call(c, 'sweep')).toEqual(zeroFullSweep);
      expect(await call(a, 'sweep')).toEqual(zeroFullSweep);
      expect(await call(c, 'snapshot')).toEqual(settled);
    },
    stressTimeout,
  );
});
