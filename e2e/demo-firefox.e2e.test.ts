// The demo's main walk in Firefox ESR: upload, generate with the local model, reload, search.
// The same steps and checks as the Chromium walk in demo.e2e.test.ts (which also covers
// deleting, refusals, canceling and the key), here driven over WebDriver BiDi. The steps share
// one page and run in order, like one session in the app.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoProcess, startDemo } from './demo-process';
import { launchFirefox } from './firefox';
import { gradientPng } from './png';

const prompt = 'A lighthouse at dusk, e2e';
const generatedName = /^AI \S+\.png$/;

let demo: DemoProcess;
let firefox: Awaited<ReturnType<typeof launchFirefox>>;
let page: Page;
let files: string;

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'medialoft-e2e-firefox-'));
  // Slow enough to see progress between 0 and 100 %, like a hosted model; longer than the
  // Chromium walk's 3 s, since each step over BiDi takes longer on a busy machine.
  demo = await startDemo({ LOCAL_GENERATOR_DELAY_MS: '5000' });
  firefox = await launchFirefox();
  page = firefox.page;
  await page.goto(demo.webUrl);
});

afterAll(async () => {
  await firefox?.close();
  await demo?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

/** For expect.poll: generous for a loaded 2-core machine, and still bounded. */
const patient = { timeout: 20_000, interval: 100 };

/** An element by its role and accessible name, as the browser's accessibility tree has it. */
const byRole = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;

/**
 * The line above the grid that says how many assets there are ("2 assets", "1 asset match",
 * or the selection bar's "1 of 2 assets selected"), read from the main landmark without waiting.
 */
const countLine = () =>
  page.evaluate(() => {
    const line = /^\d[\d,]* (assets?( match)?|of \d[\d,]* (matching )?assets? selected)$/;
    const main = document.querySelector('main') ?? document.body;
    return [...main.querySelectorAll<HTMLElement>('*')]
      .filter((el) => el.children.length === 0 && line.test(el.textContent?.trim() ?? ''))
      .map((el) => el.textContent?.trim())
      .join(' | ');
  });

/** The grid cells' visible words in grid order, e.g. "AI fox.png" (badge, then caption). */
const cellNames = () =>
  page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        '[role="grid"][aria-label="Assets"] [role="gridcell"]',
      ),
    ].map((cell) =>
      // Each piece of text on its own, so the badge and the caption read "AI fox.png".
      [...cell.querySelectorAll('*')]
        .filter((el) => el.children.length === 0)
        .map((el) => el.textContent?.trim())
        .filter(Boolean)
        .join(' '),
    ),
  );

/** Whether the first grid cell shows a decoded thumbnail. */
const firstThumbnailShown = () =>
  page.evaluate(() => {
    const image = document.querySelector<HTMLImageElement>(
      '[role="grid"][aria-label="Assets"] [role="gridcell"] img',
    );
    return Boolean(image?.complete && image.naturalWidth > 0);
  });

/** Opens the generate dialog and picks the keyless local model. */
async function openGenerate(): Promise<void> {
  await page.locator(byRole('button', 'Generate')).click();
  await page.waitForSelector(byRole('dialog', 'Generate images'));
  await page.locator(byRole('combobox', 'Model')).click();
  await page.locator(byRole('option', 'Local placeholder (not AI)')).click();
  const model = await page.$eval(
    byRole('combobox', 'Model'),
    (box) => (box as HTMLInputElement).value,
  );
  expect(model).toBe('Local placeholder (not AI)');
}

async function reload(): Promise<void> {
  await page.reload();
  await page.waitForFunction(
    () =>
      document.querySelector('[role="grid"][aria-label="Assets"]') ||
      document.body.textContent?.includes('Your library is empty'),
  );
}

describe('the demo in Firefox, end to end', () => {
  it('starts empty, with the header actions', async () => {
    await page.waitForSelector(byRole('heading', 'MediaLoft demo'));
    await page.waitForFunction(() => document.body.textContent?.includes('Your library is empty'));
    expect(await page.$(byRole('button', 'Upload'))).not.toBeNull();
  });

  it('uploads a PNG', async () => {
    const file = join(files, 'upload-e2e.png');
    writeFileSync(file, gradientPng(320, 200, [20, 90, 200], [250, 180, 40]));
    const input = await page.waitForSelector('input[aria-label="Files to upload"]');
    await (input as ElementHandle<HTMLInputElement>).uploadFile(file);
    await expect.poll(countLine, patient).toBe('1 asset');
    await expect.poll(cellNames, patient).toEqual(['upload-e2e.png']);
    // The thumbnail was read back from browser storage and shown.
    await expect.poll(firstThumbnailShown, patient).toBe(true);
  });

  it('generates an image with the local model, showing progress', async () => {
    await openGenerate();
    await page.locator(byRole('textbox', 'Prompt')).fill(prompt);
    await page
      .locator(`${byRole('dialog', 'Generate images')} ${byRole('button', 'Generate')}`)
      .click();
    // One read of the dialog as it is now (ARIA queries over BiDi take a while, and the model
    // only works 5 s): the progress bar's value, the status line, and the Cancel button.
    const panel = () =>
      page.evaluate(() => {
        const dialog = [...document.querySelectorAll('[role="dialog"]')].find((element) =>
          element.textContent?.includes('Generate images'),
        );
        return {
          progress: dialog?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext'),
          status: dialog?.querySelector('[role="status"]')?.textContent ?? '',
          cancel: [...(dialog?.querySelectorAll('button') ?? [])].some(
            (button) => button.textContent?.trim() === 'Cancel',
          ),
        };
      });
    // The bar moves while the model works, not only once it is done: a percent between 0 and
    // 100 shows, which a model reporting only at the end never does.
    await expect.poll(panel, patient).toEqual({
      progress: expect.stringMatching(/^\d+%$/),
      status: expect.stringMatching(/^rendering image 1 of 1 · [1-9]\d?%$/),
      cancel: true,
    });
    // The dialog closes once the image is in the library, and the new image is selected.
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('[role="dialog"]')].some((element) =>
          element.textContent?.includes('Generate images'),
        ),
      { timeout: 30_000, polling: 100 },
    );
    await expect.poll(countLine, patient).toBe('1 of 2 assets selected');
  });

  it('shows the generated image first, selected, with its AI badge and prompt', async () => {
    await expect
      .poll(cellNames, patient)
      .toEqual([expect.stringMatching(generatedName), 'upload-e2e.png']);
    const first = await page.$('[role="grid"][aria-label="Assets"] [role="gridcell"]');
    expect(await first?.evaluate((cell) => cell.getAttribute('aria-selected'))).toBe('true');
    await expect.poll(firstThumbnailShown, patient).toBe(true);
    // The details of the new image open beside the grid, with its prompt as provenance.
    const details = await page.waitForSelector(byRole('region', 'Asset details'));
    const paragraphs = () =>
      details!.evaluate((region) =>
        [...region.querySelectorAll('p')].map((p) => p.textContent?.trim() ?? ''),
      );
    await expect.poll(paragraphs, patient).toContain(prompt);
  });

  it('keeps both after a reload', async () => {
    await reload();
    await expect.poll(countLine, patient).toBe('2 assets');
    await expect
      .poll(cellNames, patient)
      .toEqual([expect.stringMatching(generatedName), 'upload-e2e.png']);
    await expect.poll(firstThumbnailShown, patient).toBe(true);
  });

  it('finds the generated image by its prompt', async () => {
    await page.locator(byRole('searchbox', 'Search')).fill('lighthouse at dusk');
    await expect.poll(countLine, patient).toBe('1 asset match');
    await expect.poll(cellNames, patient).toEqual([expect.stringMatching(generatedName)]);
    // Cleared as a person does: select what was typed and delete it.
    await page.focus(byRole('searchbox', 'Search'));
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Control');
    await page.keyboard.press('Backspace');
    await expect.poll(countLine, patient).toBe('2 assets');
  });
});
