// @vitest-environment happy-dom
// "From URL" on the library screen against a real site that sends no CORS headers: the page's
// own fetch is blocked (happy-dom enforces the same-origin policy as a browser does), and with
// the image server's generator as the provider's `ai` the same import goes through the server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createImageServer } from '@medialoft/server-adapter';
import { createRemoteGenerator } from '@medialoft/server-adapter/client';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MediaLibraryScreen } from './media-library-screen';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';
import { UrlImportButton } from './url-import';

let site: Server;
let siteUrl: string;
const requests: string[] = [];
/** The first import loads the pipeline and a loaded machine is slow: wait, within bounds. */
const patient = { timeout: 10_000 };

beforeAll(async () => {
  const png = new Uint8Array(await pngFile(7, 'fox.png', 40, 30).arrayBuffer());
  site = createServer((req, res) => {
    requests.push(req.url ?? '');
    // A plain file host: no Access-Control-Allow-Origin, so a page on another origin may not read it.
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(png);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/photos/fox.png`;
});

afterAll(async () => {
  site.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
});

afterEach(() => {
  cleanup();
  closeLibraries();
  requests.length = 0;
});

/** The image server in-process, allowed to reach the loopback "site" for this test only. */
function remoteGenerator() {
  const app = createImageServer({
    providers: {},
    rateLimit: false,
    logger: { info() {}, warn() {}, error() {} },
    urlFetch: { allowLoopback: true, allowedPorts: 'any' },
  });
  return createRemoteGenerator({
    baseUrl: '/api/ai',
    fetch: (input, init) =>
      Promise.resolve(app.fetch(new Request(new URL(String(input), location.href), init))),
  });
}

async function importByUrl(url: string) {
  fireEvent.click(screen.getByRole('button', { name: 'From URL' }));
  const field = await screen.findByLabelText('File URL', {}, patient);
  fireEvent.change(field, { target: { value: url } });
  fireEvent.click(screen.getByRole('button', { name: 'Import' }));
}

describe('From URL on the library screen', { timeout: 20_000 }, () => {
  it('a site without CORS headers cannot be read by the page itself', async () => {
    const library = createTestLibrary();
    await library.ready;
    renderPreset(<MediaLibraryScreen height={800} />, { library });
    await importByUrl(siteUrl);
    const alert = await screen.findByRole('alert', {}, patient);
    expect(alert.textContent).toMatch(/CORS/);
    expect(library.getState().assets.size).toBe(0);
  });

  it('imports from that site through the server when the provider has createRemoteGenerator', async () => {
    const library = createTestLibrary();
    await library.ready;
    renderPreset(<MediaLibraryScreen height={800} />, { library, ai: remoteGenerator() });
    await importByUrl(siteUrl);
    await waitFor(() => expect(library.getState().assets.size).toBe(1), patient);
    const [asset] = library.getState().assets.values();
    expect(asset).toMatchObject({
      name: 'fox.png',
      kind: 'image',
      mimeType: 'image/png',
      width: 40,
      height: 30,
      source: { type: 'url', url: siteUrl },
    });
    // The site was asked by the server, once, and the screen shows no problem.
    expect(requests).toEqual(['/photos/fox.png']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("shows the server's refusal of a private address", async () => {
    const library = createTestLibrary();
    await library.ready;
    renderPreset(<MediaLibraryScreen height={800} />, { library, ai: remoteGenerator() });
    await importByUrl('http://169.254.169.254/latest/meta-data/');
    const alert = await screen.findByRole('alert', {}, patient);
    expect(alert.textContent).toMatch(/link-local address/);
    expect(library.getState().assets.size).toBe(0);
  });
});

describe('UrlImportButton', () => {
  it('loads its field on opening, refuses other schemes and opens empty after an import', async () => {
    const imported: string[] = [];
    renderPreset(
      <UrlImportButton
        onImport={async (url) => {
          imported.push(url);
        }}
      />,
    );
    // The field is loaded with the popover (url-import-form.tsx), not before.
    expect(screen.queryByLabelText('File URL')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'From URL' }));
    // Loaded after the popover's focus trap ran, the field still takes the focus.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('File URL')));
    fireEvent.change(screen.getByLabelText('File URL'), {
      target: { value: 'ftp://example.com/photo.jpg' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Only http and https addresses can be imported.')).toBeTruthy();
    expect(imported).toEqual([]);
    fireEvent.change(screen.getByLabelText('File URL'), {
      target: { value: ' https://example.com/a b.jpg ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(imported).toEqual(['https://example.com/a%20b.jpg']);
    await waitFor(() => expect(screen.queryByLabelText('File URL')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'From URL' }));
    expect(((await screen.findByLabelText('File URL')) as HTMLInputElement).value).toBe('');
  });
});
