// A generation survives a reload: started in the demo against the keyless local generator
// (slowed down to take seconds, like a hosted model), the page is reloaded mid-way, and the
// reopened library resumes the job, shows it running in the header, and lands its image
// exactly once with its provenance; nothing cancels it upstream.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type DemoProcess, startDemo } from './demo-process';

const prompt = 'A harbour after a reload, e2e';

let demo: DemoProcess;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  demo = await startDemo({
    // Long enough to reload the page and reopen the library before the job is done.
    MEDIALOFT_LOCAL_DELAY_MS: '8000',
    MEDIALOFT_JOB_SECRET: 'e2e-job-secret-that-is-long-enough',
  });
  browser = await launchBrowser();
  context = browser.context;
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/ai/images/')) {
      requests.push(`${request.method()} ${path.replace(/jobs\/.*/, 'jobs/…')}`);
    }
  });
  await page.goto(demo.webUrl);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const patient = { timeout: 30_000, interval: 100 };

/** The demo library's pending generations and AI assets, read from the page's IndexedDB. */
function readStorage(): Promise<{ pending: number; assets: Array<Record<string, unknown>> }> {
  return page.evaluate(async () => {
    const open = (name: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const all = (db: IDBDatabase, store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const jobsDb = await open('medialoft:demo:jobs');
    const pending = (await all(jobsDb, 'jobs')).length;
    jobsDb.close();
    const libraryDb = await open('medialoft:demo');
    const assets = (await all(libraryDb, 'assets')) as Array<{ source: Record<string, unknown> }>;
    libraryDb.close();
    return { pending, assets: assets.map((asset) => asset.source) };
  });
}

describe('a generation that outlives its page', () => {
  it('is resumed after a reload and lands exactly once', async () => {
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate images' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Model' }).click();
    await page.getByRole('option', { name: /Local placeholder/ }).click();
    await dialog.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();

    // The job is recorded as pending once the server has started it...
    await expect.poll(async () => (await readStorage()).pending, patient).toBe(1);
    expect((await readStorage()).assets).toEqual([]);

    // ...and the page goes away mid-way.
    await page.reload();

    // The reopened library resumes it: the header shows it running.
    await page.getByRole('button', { name: /^Generating…/ }).waitFor({ timeout: 30_000 });

    // Its image lands, with the provenance of the request that started it, and the pending
    // record goes.
    await expect.poll(async () => (await readStorage()).pending, patient).toBe(0);
    await expect.poll(async () => (await readStorage()).assets.length, patient).toBe(1);
    const [source] = (await readStorage()).assets;
    expect(source).toMatchObject({ type: 'ai', model: 'local/placeholder', prompt });
    await page.getByRole('button', { name: 'Generate', exact: true }).waitFor();

    // Exactly once: another reload finds one asset and nothing left to resume.
    await page.reload();
    await page.getByRole('button', { name: 'Generate', exact: true }).waitFor();
    const after = await readStorage();
    expect(after.pending).toBe(0);
    expect(after.assets).toHaveLength(1);
    await expect
      .poll(
        async () => page.getByRole('grid', { name: 'Assets' }).getByRole('gridcell').count(),
        patient,
      )
      .toBe(1);

    // One generation was asked for, continued through the job route, never canceled.
    expect(requests.filter((r) => r === 'POST /api/ai/images/generate')).toHaveLength(1);
    expect(requests).toContain('GET /api/ai/images/jobs/…');
    expect(requests.some((r) => r.startsWith('DELETE'))).toBe(false);
  });
});
