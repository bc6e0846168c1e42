// The test "site" of the URL fetch: a real HTTP server on 127.0.0.1 that sends no CORS
// headers, DNS played by a table, and the app and request helpers the route's tests share.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { createImageServer } from '../app';
import type { ImageServerOptions } from '../options';
import { errorBodySchema } from '../protocol';
import type { ResolvedAddress, UrlFetchLookup, UrlFetchOptions } from '../url-fetch';
import { fakeProviders, fakeRegistry, tinyPng } from './fakes';

export const silent = { info() {}, warn() {}, error() {} };

/** A self-signed certificate for site.test and its key: made for this test, trusted by nothing. */
export const TEST_TLS = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEGQdR8NL5z3w/qub
HlWX+zwiDNUVg4gGiJamsq6fkoahRANCAATWzj2pKslUs/2OUvVTB2cUk6m0Wns8
kxnrLGIkzUoHpzo4X836Qc8QQHs8Ro445M7Wre7uvW9hISaWolRQXdT5
-----END PRIVATE KEY-----`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBlTCCATugAwIBAgIUJDGgixpZMkKOe3XDavYgrzuy74YwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJc2l0ZS50ZXN0MCAXDTI2MTEyNjAyMzQ0N1oYDzIxMjYxMTAy
MDIzNDQ3WjAUMRIwEAYDVQQDDAlzaXRlLnRlc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATWzj2pKslUs/2OUvVTB2cUk6m0Wns8kxnrLGIkzUoHpzo4X836Qc8Q
QHs8Ro445M7Wre7uvW9hISaWolRQXdT5o2kwZzAdBgNVHQ4EFgQU7s18p50tiJaY
XCx7uFwsNQQUQJswHwYDVR0jBBgwFoAU7s18p50tiJaYXCx7uFwsNQQUQJswDwYD
VR0TAQH/BAUwAwEB/zAUBgNVHREEDTALgglzaXRlLnRlc3QwCgYIKoZIzj0EAwID
SAAwRQIhAIcZvSJfexqkI2S03heC3W/YXrj9SuEd39cz/W7PI1Q8AiAEspI5plbD
oU2mZW3d2f3fkDoX/ZiTzcg4MBPFkN2hIg==
-----END CERTIFICATE-----`,
};

/** The running site: its port, the PNG it serves, and the request headers it saw by path. */
export interface TestSite {
  port: number;
  png: Uint8Array;
  seen: Map<string, IncomingHttpHeaders>;
}

/** Starts the site before the file's tests and stops it after them. */
export function useTestSite(): TestSite {
  const site: TestSite = { port: 0, png: new Uint8Array(), seen: new Map() };
  let close = async () => {};
  beforeAll(async () => {
    const png = await tinyPng();
    const seen = site.seen;
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://site').pathname;
      seen.set(path, req.headers);
      const here = `http://${req.headers.host}`;
      const port = req.socket.localPort;
      switch (path) {
        case '/pics/red%20fox.jpeg':
        case '/fox.png':
          // A wrong declared type and a cookie: the answer is labelled by its bytes, and the
          // cookie stays here.
          res.writeHead(200, {
            'content-type': 'application/octet-stream',
            'set-cookie': 'session=site-secret',
          });
          res.end(png);
          return;
        case '/notes.md':
          res.writeHead(200, { 'content-type': 'text/markdown' });
          res.end('# Notes\n\nPlain text, imported as a document.\n');
          return;
        case '/page':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<!doctype html><title>hi</title>');
          return;
        case '/page-as-text':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('<html><script>alert(document.cookie)</script></html>');
          return;
        case '/binary':
          res.writeHead(200, { 'content-type': 'image/png' });
          res.end(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff, 0x00, 0x10]));
          return;
        case '/big': {
          const body = Buffer.alloc(5000);
          body.set(png);
          res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length });
          res.end(body);
          return;
        }
        case '/big-chunked': {
          // No Content-Length: only counting the stream can stop it.
          res.writeHead(200, { 'content-type': 'image/png' });
          res.write(png);
          const timer = setInterval(() => res.write(Buffer.alloc(512)), 5);
          res.on('close', () => clearInterval(timer));
          return;
        }
        case '/slow':
          // Headers never come: only the timeout ends this.
          return;
        case '/missing':
          res.writeHead(404).end('not here');
          return;
        case '/redirect-ok':
          res.writeHead(302, { location: '/fox.png' }).end();
          return;
        case '/redirect-private':
          res.writeHead(302, { location: `http://internal.test:${port}/fox.png` }).end();
          return;
        case '/redirect-metadata':
          res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
          return;
        case '/redirect-mapped':
          res.writeHead(307, { location: `http://[::ffff:10.0.0.1]:${port}/fox.png` }).end();
          return;
        case '/redirect-file':
          res.writeHead(302, { location: 'file:///etc/passwd' }).end();
          return;
        case '/redirect-loop':
          res.writeHead(302, { location: `${here}/redirect-loop` }).end();
          return;
        default:
          res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    site.port = (server.address() as AddressInfo).port;
    site.png = png;
    close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    };
  });
  afterAll(() => close());
  return site;
}

/** DNS as a table: each host name answers the addresses given. */
export function dns(table: Record<string, string[]>, calls: string[] = []): UrlFetchLookup {
  return async (hostname) => {
    calls.push(hostname);
    const answers = table[hostname];
    if (!answers)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers.map(
      (address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }),
    );
  };
}

/** The site's host names: `site.test` is the public-looking one (127.0.0.1, let through). */
export const siteDns = () =>
  dns({ 'site.test': ['127.0.0.1'], 'internal.test': ['10.0.0.7'], 'other.test': ['127.0.0.1'] });

export function makeApp(urlFetch: UrlFetchOptions, overrides: Partial<ImageServerOptions> = {}) {
  return createImageServer({
    providers: fakeProviders().providers,
    registry: fakeRegistry(),
    logger: silent,
    rateLimit: false,
    urlFetch,
    ...overrides,
  });
}

/** An app that may reach the local site (loopback, any port), as the tests that fetch need. */
export const siteApp = (extra: UrlFetchOptions = {}, overrides: Partial<ImageServerOptions> = {}) =>
  makeApp({ allowLoopback: true, allowedPorts: 'any', lookup: siteDns(), ...extra }, overrides);

export const fetchBody = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

export async function fetchVia(app: ReturnType<typeof makeApp>, url: string, headers = {}) {
  return app.request('/api/ai/fetch', fetchBody({ url }, headers));
}

export async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = errorBodySchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error;
}
