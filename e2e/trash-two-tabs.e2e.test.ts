// The Trash across two real tabs of one origin, sharing one OPFS library: a delete in one tab
// leaves the other's views and fills its Trash, a restore there brings the asset back here with
// its tags and collection, and emptying the Trash in one tab removes it from both and deletes
// its files on disk.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type LibraryPageServer, serveLibraryPage } from './library-page-server';
import type { TrashTabsApi, TrashTabsView } from './trash-tabs-page';

const libraryName = 'trash-two-tabs';
/** How long a change may take to reach the other tab on a loaded machine. */
const sync = { timeout: 20_000, interval: 250 };

type Call = <K extends keyof TrashTabsApi>(
  page: Page,
  method: K,
  ...args: Parameters<TrashTabsApi[K]>
) => Promise<Awaited<ReturnType<TrashTabsApi[K]>>>;

const call: Call = (page, method, ...args) =>
  page.evaluate(
    ([name, params]) =>
      // biome-ignore lint/suspicious/noExplicitAny: the page's API, typed by Call above
      (globalThis as any).trashTabs[name](...params),
    [method, args] as const,
  );

let server: LibraryPageServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await serveLibraryPage('e2e/trash-tabs-page.ts');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'trashTabs' in globalThis);
  await call(page, 'open', libraryName);
  return page;
}

const ids = (rows: TrashTabsView['assets']) => rows.map((row) => row.id);

/** Stored files (originals `o~2f<id>`, thumbnails `t~2f<id>`) that belong to `id`. */
async function filesOf(page: Page, id: string): Promise<string[]> {
  return (await call(page, 'storedFiles', libraryName)).filter((file) => file.includes(id));
}

describe('the Trash in two tabs of one library', () => {
  it('delete, restore and empty in one tab reach the other, and emptying deletes the files', async () => {
    const a = await openPage();
    const b = await openPage();

    const [kept, plain] = (await call(a, 'importImages', [20, 210])) as [string, string];
    await call(a, 'addTags', kept, ['trip', 'beach']);
    const collection = await call(a, 'collect', 'Summer', [kept]);
    const before: TrashTabsView = {
      assets: [
        { id: kept, tags: ['beach', 'trip'], collections: [collection] },
        { id: plain, tags: [], collections: [] },
      ].sort((x, y) => x.id.localeCompare(y.id)),
      trash: [],
      byCollection: { [collection]: [kept] },
    };
    await expect.poll(() => call(a, 'view')).toEqual(before);
    await expect.poll(() => call(b, 'view'), sync).toEqual(before);
    // Its original and its thumbnail are on disk, as B reads the directory.
    const keptFiles = [`o~2f${kept}`, `t~2f${kept}`];
    await expect.poll(() => filesOf(b, kept), sync).toEqual(keptFiles);

    // A deletes: B's views lose the asset and B's Trash holds it, tags and collection intact.
    await call(a, 'delete', [kept]);
    const trashed: TrashTabsView = {
      assets: before.assets.filter((row) => row.id !== kept),
      trash: before.assets.filter((row) => row.id === kept),
      byCollection: { [collection]: [] },
    };
    await expect.poll(() => call(b, 'view'), sync).toEqual(trashed);
    expect(await call(a, 'view')).toEqual(trashed);
    // The Trash keeps the bytes until it is emptied.
    expect(await filesOf(b, kept)).toEqual(keptFiles);

    // B restores: A shows it again, with its tags and in its collection.
    await call(b, 'restore', [kept]);
    await expect.poll(() => call(a, 'view'), sync).toEqual(before);
    expect(await call(b, 'view')).toEqual(before);

    // A deletes again and B empties the Trash: gone from both tabs, and from disk.
    await call(a, 'delete', [kept]);
    await expect.poll(async () => ids((await call(b, 'view')).trash), sync).toEqual([kept]);
    expect(await call(b, 'emptyTrash')).toBe(1);
    const emptied: TrashTabsView = { ...trashed, trash: [] };
    await expect.poll(() => call(a, 'view'), sync).toEqual(emptied);
    expect(await call(b, 'view')).toEqual(emptied);
    await expect.poll(() => filesOf(a, kept), sync).toEqual([]);
    expect(await filesOf(b, plain)).toEqual([`o~2f${plain}`, `t~2f${plain}`]);

    // A third tab opening the library afresh agrees.
    const c = await openPage();
    expect(await call(c, 'view')).toEqual(emptied);
  }, 120_000);
});
