// The walk scripts/host-apps.mjs takes through each host app in Chromium, as a person would:
// the page loads clean, an upload shows its thumbnail (made by the worker the host's bundler
// emitted), Generate with the default model lands an image, and a reload keeps both; then, with
// createWritable hidden, an upload is written by the OPFS writer worker the bundler emitted.
// The Tailwind host takes the same walk through the Tailwind preset's screen, and its title
// must be styled by the host's own Tailwind build. It runs under tsx (see scripts/test.mjs), so it shares the end-to-end tests' browser and PNG
// maker.
import { launchBrowser } from '../e2e/browser.ts';
import { gradientPng } from '../e2e/png.ts';

/** A PNG of `width`×`height`, blue to orange. */
const testPng = (width, height) => gradientPng(width, height, [20, 60, 200], [240, 140, 30]);

class WalkError extends Error {}
const check = (ok, message) => {
  if (!ok) throw new WalkError(message);
};

/** Polls `read` until `ok(value)` or the time is up; returns the last value either way. */
async function poll(read, ok, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  let value;
  for (;;) {
    value = await read().catch(() => undefined);
    if (ok(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * The API as the browser reaches it (the route handler, or the proxy): models with the local
 * model as the default and nothing hosted live, the event stream to its `done`, and a sharp
 * transform.
 */
async function checkApi(origin, label) {
  const api = `${origin}/api/ai`;
  const models = await fetch(`${api}/models`);
  check(models.ok, `${label}: GET /api/ai/models answered ${models.status}`);
  const { defaultModel, models: list } = await models.json();
  check(
    defaultModel === 'local/placeholder',
    `${label}: with no key the default model must be local/placeholder, not ${defaultModel}`,
  );
  const live = list.filter((m) => m.live).map((m) => m.id);
  check(
    live.join() === 'local/placeholder',
    `${label}: with no key only the local model may be live, not ${live.join(', ')}`,
  );

  const stream = await fetch(`${api}/images/generate`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'accept-encoding': 'gzip, deflate, br',
    },
    body: JSON.stringify({ prompt: 'host app stream check', width: 64, height: 64 }),
  });
  // Compressed, the stream would reach the browser only once it ends, with no progress on the way.
  const encoding = stream.headers.get('content-encoding');
  const events = await stream.text();
  check(!encoding, `${label}: the generate event stream was sent ${encoding}-encoded`);
  check(
    stream.ok && stream.headers.get('content-type')?.startsWith('text/event-stream'),
    `${label}: the generate event stream answered ${stream.status} ${stream.headers.get('content-type')}`,
  );
  check(
    /^event: image$/m.test(events) && /^event: done$/m.test(events),
    `${label}: the generate event stream ended without an image and done:\n${events.slice(0, 500)}`,
  );

  const transform = await fetch(`${api}/images/transform?width=64&height=64&format=webp`, {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: testPng(200, 120),
  });
  const bytes = Buffer.from(await transform.arrayBuffer());
  check(
    transform.ok && bytes.subarray(8, 12).toString('latin1') === 'WEBP',
    `${label}: POST /api/ai/images/transform answered ${transform.status}: ${bytes.subarray(0, 300).toString()}`,
  );
}

/**
 * A page script: the class names on the page that no rule of its stylesheets names, bar
 * Tailwind's `group` marker (which has none). A string, so it reaches the page as written.
 */
const unstyledClasses = `(() => {
  const styled = new Set(['group']);
  const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]);
  while (rules.length > 0) {
    const rule = rules.pop();
    for (const match of rule.selectorText?.matchAll(/\\.((?:\\\\.|[\\w-])+)/g) ?? [])
      styled.add(match[1].replace(/\\\\(.)/g, '$1'));
    if (rule.cssRules) rules.push(...rule.cssRules);
  }
  const used = new Set([...document.querySelectorAll('#root [class]')].flatMap((e) => [...e.classList]));
  return [...used].filter((name) => !styled.has(name));
})()`;

/** Where the presets' screens differ, as the walk sees them. */
const screens = {
  mantine: { empty: 'Your library is empty', model: /Local placeholder/ },
  // The Tailwind preset's model picker is a native select, whose value is the model's id.
  tailwind: { empty: 'No assets yet', model: /^local\/placeholder$/ },
};

/**
 * Walks the app at `origin`, which shows `preset`'s library screen; throws a WalkError saying
 * what failed. `label` names the app in messages.
 */
export async function walkHostApp(origin, label, preset = 'mantine') {
  const screen = screens[preset];
  await checkApi(origin, label);

  const browser = await launchBrowser();
  const { context } = browser;
  context.setDefaultTimeout(20_000);
  const problems = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url } = message.location();
      problems.push(`console error: ${message.text()}${url ? ` (${url})` : ''}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      // An aborted image request on reload is the browser's doing, not the app's.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
        problems.push(`failed request ${request.url()}: ${request.failure()?.errorText}`);
      }
    });
    const workers = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    const generated = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/ai/images/generate')) generated.push(response.status());
    });

    await page.goto(origin);
    await page.getByText(screen.empty).waitFor();
    check(problems.length === 0, `${label}: the page loaded with ${problems.join('; ')}`);
    if (preset === 'tailwind') {
      // The title's `font-semibold` is styled only if the host's Tailwind build, through the
      // README's @source line, read the preset's classes in the package's dist; without it the
      // heading would have Tailwind's reset weight, 400.
      const weight = await page
        .getByRole('heading', { level: 1 })
        .evaluate((heading) => getComputedStyle(heading).fontWeight);
      check(
        weight === '600',
        `${label}: the preset's classes are not styled (title font-weight ${weight}, not 600): ` +
          "the host's Tailwind build did not pick them up",
      );
    }

    const grid = page.getByRole('grid', { name: 'Assets' });
    const cellImages = grid.getByRole('gridcell').locator('img');
    /** naturalWidth of every cell image that has finished loading, in grid order. */
    const decodedWidths = () =>
      cellImages.evaluateAll((images) =>
        images.map((img) => (img.complete ? img.naturalWidth : 0)),
      );

    // Larger than a thumbnail, so one is rendered rather than the original reused.
    await page.getByLabel('Files to upload').setInputFiles({
      name: 'host-app.png',
      mimeType: 'image/png',
      buffer: testPng(1200, 800),
    });
    const afterUpload = await poll(decodedWidths, (w) => w?.length === 1 && w[0] > 0);
    check(
      afterUpload?.length === 1 && afterUpload[0] > 0,
      `${label}: the uploaded PNG's thumbnail did not decode (naturalWidth ${afterUpload})`,
    );
    check(
      workers.length > 0,
      `${label}: no thumbnail worker started (workers: ${workers.join(', ') || 'none'})`,
    );

    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate images' });
    await dialog.waitFor();
    const model = await poll(
      () => dialog.getByRole('combobox', { name: 'Model' }).inputValue({ timeout: 1_000 }),
      (value) => screen.model.test(value ?? ''),
      15_000,
    );
    check(
      screen.model.test(model ?? ''),
      `${label}: the default model shown is "${model}", not the keyless local one`,
    );
    await dialog.getByRole('textbox', { name: 'Prompt' }).fill('A lighthouse at dusk, host app');
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    // Closed: gone (Mantine), or a native <dialog> no longer open (Tailwind).
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
    check(
      generated.length > 0 && generated.every((status) => status === 200),
      `${label}: generate answered ${generated.join(', ') || 'nothing'}`,
    );
    const afterGenerate = await poll(
      decodedWidths,
      (w) => w?.length === 2 && w.every((x) => x > 0),
    );
    check(
      afterGenerate?.length === 2 && afterGenerate.every((x) => x > 0),
      `${label}: after Generate the grid shows ${afterGenerate?.length ?? 0} decoded images, not 2`,
    );

    if (preset === 'tailwind') {
      const unstyled = await page.evaluate(unstyledClasses);
      check(
        unstyled.length === 0,
        `${label}: classes of the preset with no rule in the host's CSS: ${unstyled.join(' ')}`,
      );
    }

    await page.reload();
    await grid.waitFor();
    const afterReload = await poll(decodedWidths, (w) => w?.length === 2 && w.every((x) => x > 0));
    check(
      afterReload?.length === 2 && afterReload.every((x) => x > 0),
      `${label}: after a reload the grid shows ${afterReload?.length ?? 0} decoded images, not 2`,
    );
    check(problems.length === 0, `${label}: ${problems.join('; ')}`);

    // A browser whose OPFS file handles lack createWritable (Safari before 26): the bytes go
    // through the writer worker the host's bundler emitted, and read back as an image.
    const partial = await context.newPage();
    await partial.addInitScript(() => {
      delete FileSystemFileHandle.prototype.createWritable;
    });
    const partialWorkers = [];
    partial.on('worker', (worker) => partialWorkers.push(worker.url()));
    partial.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await partial.goto(origin);
    const partialGrid = partial.getByRole('grid', { name: 'Assets' });
    await partialGrid.waitFor();
    await partial.getByLabel('Files to upload').setInputFiles({
      name: 'host-app-sync.png',
      mimeType: 'image/png',
      buffer: testPng(900, 600),
    });
    const partialImages = partialGrid.getByRole('gridcell').locator('img');
    const afterSyncWrite = await poll(
      () =>
        partialImages.evaluateAll((images) =>
          images.map((img) => (img.complete ? img.naturalWidth : 0)),
        ),
      (w) => w?.length === 3 && w.every((x) => x > 0),
    );
    check(
      afterSyncWrite?.length === 3 && afterSyncWrite.every((x) => x > 0),
      `${label}: without createWritable the grid shows ${afterSyncWrite?.length ?? 0} decoded images, not 3`,
    );
    // The thumbnail worker and the OPFS writer worker.
    check(
      partialWorkers.length >= 2,
      `${label}: without createWritable no OPFS writer worker started (workers: ${partialWorkers.join(', ') || 'none'})`,
    );
    check(problems.length === 0, `${label}: ${problems.join('; ')}`);
  } finally {
    await browser.close();
  }
}
