// A Vitest browser provider for Debian's Firefox ESR, driven over WebDriver BiDi by
// puppeteer-core: no driver binary and no browser download, only the installed firefox-esr.
// It opens each Vitest session in its own browser context (its own storage) and leaves module
// mocking out: the tests it runs spy at run time (vi.spyOn) and never mock modules.
import { defineBrowserProvider } from '@vitest/browser';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import type { BrowserProvider, BrowserProviderOption, TestProject } from 'vitest/node';

/** Where Firefox is, unless FIREFOX_PATH says otherwise. */
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Preferences for a machine with no outside network: no updates, telemetry, remote settings or
 * first-run pages, each of which would otherwise try to reach a server while tests run.
 */
export const firefoxPrefs: Record<string, unknown> = {
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
};

/** Options of {@link firefox}. */
export interface FirefoxProviderOptions {
  /** The Firefox binary; defaults to {@link firefoxPath}. */
  executablePath?: string;
  /** Milliseconds to wait for Firefox to start and answer; defaults to 60 s on a busy machine. */
  launchTimeout?: number;
}

/**
 * Firefox launched through puppeteer-core's WebDriver BiDi on a fresh profile, for
 * `test.browser.provider` with `instances: [{ browser: 'firefox' }]`.
 */
export function firefox(options: FirefoxProviderOptions = {}): BrowserProviderOption {
  return defineBrowserProvider({
    name: 'firefox-bidi',
    supportedBrowser: ['firefox'],
    options,
    providerFactory: (project: TestProject) => new FirefoxProvider(project, options),
  });
}

class FirefoxProvider implements BrowserProvider {
  readonly name = 'firefox-bidi';
  // Without a module mocker Vitest runs this project's files one after another in one tab,
  // which on a 2-core machine is what we want anyway.
  readonly supportsParallelism = false;
  private browser: Promise<Browser> | undefined;
  private readonly contexts = new Map<string, BrowserContext>();
  private readonly pages = new Map<string, Page>();

  constructor(
    private readonly project: TestProject,
    private readonly options: FirefoxProviderOptions,
  ) {}

  private launch(): Promise<Browser> {
    // Loaded here, not at the top: every Vitest run reads this config, most never open Firefox.
    // puppeteer-core makes a fresh temporary profile and deletes it on close.
    this.browser ??= import('puppeteer-core').then(({ default: puppeteer }) =>
      puppeteer.launch({
        browser: 'firefox',
        executablePath: this.options.executablePath ?? firefoxPath,
        headless: this.project.config.browser.headless,
        extraPrefsFirefox: firefoxPrefs,
        timeout: this.options.launchTimeout ?? 60_000,
        protocolTimeout: 120_000,
      }),
    );
    return this.browser;
  }

  getCommandsContext(sessionId: string): Record<string, unknown> {
    return { page: this.pages.get(sessionId), context: this.contexts.get(sessionId) };
  }

  async openPage(sessionId: string, url: string): Promise<void> {
    await this.pages.get(sessionId)?.close();
    const browser = await this.launch();
    let context = this.contexts.get(sessionId);
    if (!context) {
      context = await browser.createBrowserContext();
      this.contexts.set(sessionId, context);
    }
    const page = await context.newPage();
    this.pages.set(sessionId, page);
    const { width, height } = this.project.config.browser.viewport;
    await setViewport(page, width, height);
    await page.goto(url, { timeout: 0 });
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    this.pages.clear();
    this.contexts.clear();
    await browser?.close().catch(() => undefined);
  }
}

/**
 * Sets the page's viewport. puppeteer-core sends a screen orientation override with it, which
 * some Firefox ESR releases do not know ("unknown command"); the viewport itself is set by a
 * command of its own, so that refusal alone is let pass, once the page's size shows it took
 * (within 5 s).
 */
export async function setViewport(page: Page, width: number, height: number): Promise<void> {
  try {
    await page.setViewport({ width, height });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/setScreenOrientationOverride/.test(message) || !/unknown command/.test(message))
      throw error;
    // The refusal can come back before the viewport command has taken effect: wait for it.
    let size: number[] = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      size = await page.evaluate(() => [window.innerWidth, window.innerHeight]);
      if (size[0] === width && size[1] === height) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Firefox kept a ${size.join('×')} viewport, not ${width}×${height}`);
  }
}
