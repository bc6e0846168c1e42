// The demo as a person uses it: upload, generate with the local model (progress, AI badge,
// prompt), reload, search, delete, a rejected request, a canceled one, and no key anywhere.
// The steps share one page and run in order, like one session in the app.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type DemoProcess, repoRoot, startDemo } from './demo-process';
import { gradientPng } from './png';

/** A fake provider key: Replicate's models are listed, but nothing ever calls Replicate. */
const SECRET = 'r8_e2e_SECRET';
const artifacts = join(repoRoot, 'e2e', 'artifacts');
const prompt = 'A lighthouse at dusk, e2e';

let demo: DemoProcess;
let envDir: string | undefined;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;
/** Every response the page received, as text (binary bodies as latin1), for the key check. */
const seen: Array<Promise<string>> = [];
const generateRequests: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  // The key goes where a person puts it, the demo's env file (here a temporary one)...
  envDir = mkdtempSync(join(tmpdir(), 'medialoft-e2e-env-'));
  const envFile = join(envDir, '.env.local');
  writeFileSync(
    envFile,
    [
      `REPLICATE_API_TOKEN=${SECRET}`,
      // A closed loopback port: were Replicate ever called, it would fail here, not go out.
      'REPLICATE_BASE_URL=http://127.0.0.1:9/v1',
      '',
    ].join('\n'),
  );
  demo = await startDemo({
    DEMO_ENV_FILE: envFile,
    // ...and, as a careless setup might, into the build's own environment under Vite's
    // default public prefix: it must not reach the bundle either.
    VITE_REPLICATE_API_TOKEN: SECRET,
    // Slow enough to watch progress and cancel, like a hosted model.
    LOCAL_GENERATOR_DELAY_MS: '3000',
  });
  browser = await launchBrowser();
  context = browser.context;
  page = context.pages()[0] ?? (await context.newPage());
  page.on('response', (response) => {
    seen.push(
      response
        .body()
        .then((body) => `${JSON.stringify(response.headers())}\n${body.toString('latin1')}`)
        .catch(() => JSON.stringify(response.headers())),
    );
  });
  page.on('request', (request) => {
    if (request.url().includes('/api/ai/images/generate')) generateRequests.push(request.url());
  });
  await page.goto(demo.webUrl);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  if (envDir) rmSync(envDir, { recursive: true, force: true });
});

/** For expect.poll: generous for a loaded 2-core machine, and still bounded. */
const patient = { timeout: 20_000, interval: 100 };

/**
 * The line above the grid that says how many assets there are: "2 assets", "1 asset match", or,
 * while some are selected, the selection bar in its place, "1 of 2 assets selected". Read
 * without waiting (empty while neither shows), so expect.poll retries it. The storage meter in
 * the sidebar has a count of its own, hence the main landmark.
 */
const countLine = async () =>
  (
    await page
      .getByRole('main')
      .getByText(/^\d[\d,]* (assets?( match)?|of \d[\d,]* (matching )?assets? selected)$/)
      .allTextContents()
  ).join(' | ');
const grid = () => page.getByRole('grid', { name: 'Assets' });
const cells = () => grid().getByRole('gridcell');

/**
 * The cells' accessible names in grid order, as Chromium computes them: each cell is named by
 * what it shows, e.g. "AI fox.png" (badge, then caption) or "upload-e2e.png".
 */
async function cellNames(): Promise<string[]> {
  const tree = await grid().ariaSnapshot({ timeout: 5_000 });
  return [...tree.matchAll(/^\s*- gridcell "((?:[^"\\]|\\.)*)"/gm)].map((m) =>
    JSON.parse(`"${m[1]}"`),
  );
}
const generatedName = /^AI \S+\.png$/;
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const generateDialog = () => page.getByRole('dialog', { name: 'Generate images' });

/** Opens the generate dialog and picks the keyless local model (Replicate's are listed too). */
async function openGenerate(): Promise<Locator> {
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const dialog = generateDialog();
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: 'Model' }).click();
  await page.getByRole('option', { name: /Local placeholder/ }).click();
  return dialog;
}

async function reload(): Promise<void> {
  await page.reload();
  await grid().or(page.getByText('Your library is empty')).waitFor();
}

describe('the demo, end to end', () => {
  it('starts empty, with the header actions', async () => {
    await page.getByRole('heading', { name: 'MediaLoft demo' }).waitFor();
    await page.getByText('Your library is empty').waitFor();
    expect(await page.getByRole('button', { name: 'Upload', exact: true }).isVisible()).toBe(true);
  });

  it('uploads a PNG', async () => {
    await page.getByLabel('Files to upload').setInputFiles({
      name: 'upload-e2e.png',
      mimeType: 'image/png',
      buffer: gradientPng(320, 200, [20, 90, 200], [250, 180, 40]),
    });
    await expect.poll(countLine, patient).toBe('1 asset');
    await expect.poll(cellNames, patient).toEqual(['upload-e2e.png']);
    // The thumbnail was read back from browser storage and shown.
    await cells().first().locator('img').waitFor();
  });

  it('generates an image with the local model, showing progress', async () => {
    const dialog = await openGenerate();
    await dialog.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    // At 0 % the bar's filled part has no width, so wait for it in the DOM, not for pixels.
    const progress = dialog.getByRole('progressbar', { name: 'Generation progress' });
    await progress.waitFor({ state: 'attached' });
    expect(await progress.getAttribute('aria-valuetext')).toMatch(/^\d+%$/);
    expect(await dialog.getByRole('status').textContent()).toMatch(/\d+%/);
    expect(await dialog.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
    // The bar moves while the model works (3 s here), not only once it is done: a percent
    // between 0 and 100 shows, which a model reporting only at the end never does.
    const status = dialog.getByRole('status');
    await expect
      .poll(() => status.textContent({ timeout: 1_000 }), patient)
      .toMatch(/^rendering image 1 of 1 · [1-9]\d?%$/);
    await page.screenshot({ path: join(artifacts, 'generate-panel.png') });
    // The dialog closes once the image is in the library, and the new image is selected.
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(countLine, patient).toBe('1 of 2 assets selected');
  });

  it('shows the generated image first, with its AI badge and prompt', async () => {
    await expect
      .poll(cellNames, patient)
      .toEqual([expect.stringMatching(generatedName), 'upload-e2e.png']);
    const first = cells().first();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await first.getByText('AI', { exact: true }).isVisible()).toBe(true);
    await first.locator('img').waitFor();
    // The details of the new image open beside the grid: its prompt and its AI badge, whole.
    const details = page.getByRole('region', { name: 'Asset details' });
    // (The prompt also fills the Alt text box by default; the paragraph is the provenance.)
    await details
      .getByRole('paragraph')
      .filter({ hasText: exactly(prompt) })
      .waitFor();
    const badge = details.getByText('AI', { exact: true });
    expect(await badge.isVisible()).toBe(true);
    expect(await badge.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: join(artifacts, 'library.png') });
  });

  it('keeps both after a reload', async () => {
    await reload();
    await expect.poll(countLine, patient).toBe('2 assets');
    await expect
      .poll(cellNames, patient)
      .toEqual([expect.stringMatching(generatedName), 'upload-e2e.png']);
    await cells().first().locator('img').waitFor();
  });

  it('finds the generated image by its prompt', async () => {
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('lighthouse at dusk');
    await expect.poll(countLine, patient).toBe('1 asset match');
    await expect.poll(cellNames, patient).toEqual([expect.stringMatching(generatedName)]);
    await search.fill('');
    await expect.poll(countLine, patient).toBe('2 assets');
  });

  it('deletes the upload, and it stays gone after a reload', async () => {
    // A plain click only opens it: ticking is what picks it for Delete.
    await grid().getByRole('checkbox', { name: 'Select upload-e2e.png', exact: true }).click();
    const toolbar = page.getByRole('toolbar', { name: 'Selection actions' });
    await toolbar.getByText('1 of 2 assets selected').waitFor();
    await toolbar.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete 1 asset?' });
    await confirm.getByRole('button', { name: 'Delete 1 asset' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(countLine, patient).toBe('1 asset');
    await reload();
    await expect.poll(countLine, patient).toBe('1 asset');
    // The grid's cells render just after the count (a transition, a few ms at a time).
    await expect.poll(cellNames, patient).toEqual([expect.stringMatching(generatedName)]);
  });

  it('marks an empty prompt before sending anything', async () => {
    const before = generateRequests.length;
    const dialog = await openGenerate();
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    const field = dialog.getByRole('textbox', { name: 'Prompt' });
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('Describe the image you want.').waitFor();
    expect(generateRequests.length).toBe(before);
    await page.keyboard.press('Escape');
    await generateDialog().waitFor({ state: 'detached' });
  });

  it('shows the server’s refusal of an out-of-range size in words', async () => {
    // The page is told the local model takes any size, so it sends what the server refuses.
    await page.route('**/api/ai/models', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as {
        models: Array<{ id: string; limits?: Record<string, number> }>;
      };
      for (const model of body.models) {
        if (model.id === 'local/placeholder') {
          model.limits = { ...model.limits, maxWidth: 100_000, maxHeight: 100_000 };
        }
      }
      await route.fulfill({ response, json: body });
    });
    const before = generateRequests.length;
    const dialog = await openGenerate();
    await dialog.getByRole('textbox', { name: 'Prompt' }).fill('too wide');
    await dialog.getByRole('combobox', { name: 'Size' }).click();
    await page.getByRole('option', { name: 'Custom size' }).click();
    await dialog.getByRole('textbox', { name: 'Width' }).fill('5000');
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();

    const alert = dialog.getByRole('alert', { name: 'The image was not generated' });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    // The server's own words: which field, and what it accepts.
    expect(text).toMatch(/width must be a whole number between 64 and 2048/i);
    expect(text).not.toMatch(/\bat \w+ \(|undefined|\[object|invalid_request/);
    expect(generateRequests.length).toBe(before + 1);
    // ...and the field it is about is marked, with the same words under it.
    const width = dialog.getByRole('textbox', { name: 'Width' });
    expect(await width.getAttribute('aria-invalid')).toBe('true');
    expect(
      await dialog.getByText(/width must be a whole number between 64 and 2048/i).count(),
    ).toBe(2);
    await page.screenshot({ path: join(artifacts, 'generate-error.png') });
    await page.unroute('**/api/ai/models');
    await page.keyboard.press('Escape');
    await generateDialog().waitFor({ state: 'detached' });
    await expect.poll(countLine, patient).toBe('1 asset');
  });

  it('adds nothing when a generation is canceled midway', async () => {
    const dialog = await openGenerate();
    await dialog.getByRole('textbox', { name: 'Prompt' }).fill('a fox that never was');
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    await dialog
      .getByRole('progressbar', { name: 'Generation progress' })
      .waitFor({ state: 'attached' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByText('Canceled. Nothing was added to the library.').waitFor();
    // Not a synchronisation but the window being checked: past the point the local model
    // (3 s) would have finished, still nothing new.
    await page.waitForTimeout(3500);
    await page.keyboard.press('Escape');
    await generateDialog().waitFor({ state: 'detached' });
    expect(await countLine()).toBe('1 asset');
    await reload();
    await expect.poll(countLine, patient).toBe('1 asset');
    // The grid's cells render just after the count (a transition, a few ms at a time).
    await expect.poll(cellNames, patient).toEqual([expect.stringMatching(generatedName)]);
  });

  it('shows the same library in the Tailwind preset, with ?preset=tailwind, and uploads there', async () => {
    await page
      .getByRole('navigation', { name: 'Preset' })
      .getByRole('link', { name: 'Tailwind CSS' })
      .click();
    await page.waitForURL(/\?preset=tailwind$/);
    const heading = page.getByRole('heading', { name: 'MediaLoft demo' });
    await heading.waitFor();
    // The same library: the generated image the walk kept, in the Tailwind preset's grid.
    await expect.poll(cellNames, patient).toEqual([expect.stringMatching(generatedName)]);
    // Styled by the Tailwind chunk's stylesheet, and Mantine's never loaded.
    expect(await heading.evaluate((element) => getComputedStyle(element).fontWeight)).toBe('600');
    const sheets = await page.evaluate(() =>
      [...document.querySelectorAll('link[rel=stylesheet]')].map((link) =>
        link.getAttribute('href'),
      ),
    );
    expect(sheets.some((href) => href?.includes('tailwind'))).toBe(true);
    expect(sheets.filter((href) => href?.includes('mantine'))).toEqual([]);

    // An upload through the Tailwind screen lands beside it, newest first.
    await page.getByLabel('Files to upload').setInputFiles({
      name: 'tailwind-e2e.png',
      mimeType: 'image/png',
      buffer: gradientPng(240, 160, [200, 40, 90], [30, 200, 160]),
    });
    await expect
      .poll(cellNames, patient)
      .toEqual(['tailwind-e2e.png', expect.stringMatching(generatedName)]);
    await cells().first().locator('img').waitFor();
  });

  it('never shows a provider key: not in any response, nor in the built app', async () => {
    const direct = await Promise.all(
      ['/models', '/health'].map(async (path) => {
        const response = await fetch(`${demo.apiUrl}${path}`);
        return `${JSON.stringify([...response.headers])}\n${await response.text()}`;
      }),
    );
    const models = JSON.parse(direct[0]?.split('\n').slice(1).join('\n') ?? '{}') as {
      models: Array<{ provider: string; live?: boolean }>;
    };
    // The fake key did reach the server from the env file: Replicate's models are live.
    expect(models.models.some((m) => m.provider === 'replicate' && m.live)).toBe(true);

    const bodies = [...(await Promise.all(seen)), ...direct];
    expect(bodies.length).toBeGreaterThan(10);
    expect(bodies.filter((body) => body.includes(SECRET))).toEqual([]);

    // Nor in the server's log lines.
    expect(demo.output()).not.toContain(SECRET);

    const built = listFiles(join(repoRoot, 'demo', 'dist'));
    expect(built.some((file) => file.endsWith('.js'))).toBe(true);
    expect(built.filter((file) => readFileSync(file, 'latin1').includes(SECRET))).toEqual([]);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
