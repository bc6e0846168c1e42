// Debian's Firefox ESR through puppeteer-core over WebDriver BiDi, on a fresh temporary profile
// (puppeteer-core makes it and deletes it on close), with the preferences the Firefox browser
// tests use on a machine with no outside network.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { firefoxPath, firefoxPrefs, setViewport } from '../scripts/vitest-firefox-provider.js';

/** A Firefox window at the size the Chromium walk uses; `close()` also deletes the profile. */
export async function launchFirefox(): Promise<{
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    extraPrefsFirefox: firefoxPrefs,
    // Set below, on the page, where a command this Firefox does not know can be let pass.
    defaultViewport: null,
    timeout: 60_000,
    protocolTimeout: 60_000,
  });
  // A tab of its own, as the Firefox browser tests open theirs (scripts/vitest-firefox-provider.ts).
  const page = await browser.newPage();
  await setViewport(page, 1280, 800);
  page.setDefaultTimeout(15_000);
  return {
    browser,
    page,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
