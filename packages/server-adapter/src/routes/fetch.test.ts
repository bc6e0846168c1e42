// POST {base}/fetch against a real HTTP "site" on 127.0.0.1 that sends no CORS headers. DNS
// is played by an injected lookup, so a public-looking host can answer with a private,
// mapped or rebinding address; loopback is let through only where a test says so.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageServer } from '../app';
import { errorResponse } from '../errors';
import type { ImageServerOptions } from '../options';
import { errorBodySchema } from '../protocol';
import { createServerFromEnv } from '../server-from-env';
import { fakeProviders, fakeRegistry, tinyPng } from '../testing/fakes';
import type { ResolvedAddress, UrlFetchLookup, UrlFetchOptions } from '../url-fetch';

const silent = { info() {}, warn() {}, error() {} };

/** A self-signed certificate for site.test and its key: made for this test, trusted by nothing. */
const TEST_TLS = {
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

let site: Server;
let port: number;
let png: Uint8Array;
/** Request headers the site received, by path. */
const seen = new Map<string, IncomingHttpHeaders>();

beforeAll(async () => {
  png = await tinyPng();
  site = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    seen.set(path, req.headers);
    const here = `http://${req.headers.host}`;
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
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  port = (site.address() as AddressInfo).port;
});

afterAll(async () => {
  site.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
});

/** DNS as a table: each host name answers the addresses given. */
function dns(table: Record<string, string[]>, calls: string[] = []): UrlFetchLookup {
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
const siteDns = () =>
  dns({ 'site.test': ['127.0.0.1'], 'internal.test': ['10.0.0.7'], 'other.test': ['127.0.0.1'] });

function makeApp(urlFetch: UrlFetchOptions, overrides: Partial<ImageServerOptions> = {}) {
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
const siteApp = (extra: UrlFetchOptions = {}, overrides: Partial<ImageServerOptions> = {}) =>
  makeApp({ allowLoopback: true, allowedPorts: 'any', lookup: siteDns(), ...extra }, overrides);

const fetchBody = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function fetchVia(app: ReturnType<typeof makeApp>, url: string, headers = {}) {
  return app.request('/api/ai/fetch', fetchBody({ url }, headers));
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = errorBodySchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error;
}

describe('POST /api/ai/fetch: a public file', () => {
  it('answers the bytes, typed by a sniff, with the final URL and a safe file name', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${port}/fox.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-source-url')).toBe(`http://site.test:${port}/fox.png`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="fox.png"');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
  });

  it('names the file from the final URL, with the extension of what the bytes are', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${port}/pics/red%20fox.jpeg`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="red fox.png"');
  });

  it('follows a redirect and reports where the file came from', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${port}/redirect-ok`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-source-url')).toBe(`http://site.test:${port}/fox.png`);
  });

  it('passes plain text as text/plain, keeping its flavour in the name', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${port}/notes.md`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="notes.md"');
  });

  it('sends the site a fixed header set: no cookie, authorization or key of the caller', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${port}/fox.png?h=1`, {
      cookie: 'app-session=browser-secret',
      authorization: 'Bearer host-app-token',
      'x-api-key': 'caller-key',
      'x-forwarded-for': '203.0.113.5',
    });
    expect(response.status).toBe(200);
    const headers = seen.get('/fox.png') ?? {};
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-api-key']).toBeUndefined();
    expect(headers['x-forwarded-for']).toBeUndefined();
    expect(headers['user-agent']).toMatch(/^MediaLoft-URL-Import\//);
    expect(headers.host).toBe(`site.test:${port}`);
    expect(Object.keys(headers).sort()).toEqual(
      ['accept', 'accept-encoding', 'connection', 'host', 'user-agent'].sort(),
    );
    expect(JSON.stringify(headers)).not.toMatch(/secret|token|caller-key/);
  });

  it('connects to the address it checked: a second DNS answer cannot rebind the host', async () => {
    const calls: string[] = [];
    let answered = 0;
    // A rebinding resolver: public-looking first, private every time after.
    const rebinding: UrlFetchLookup = async (hostname) => {
      calls.push(hostname);
      answered++;
      return [{ address: answered === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    const app = makeApp({ allowLoopback: true, allowedPorts: 'any', lookup: rebinding });
    const response = await fetchVia(app, `http://rebind.test:${port}/fox.png`);
    // Had the client resolved again (system DNS knows no rebind.test, and the resolver would
    // now say 10.0.0.1), this could not have reached the site.
    expect(response.status).toBe(200);
    expect(calls).toEqual(['rebind.test']);
    expect(seen.get('/fox.png')?.host).toBe(`rebind.test:${port}`);
  });
});

describe('POST /api/ai/fetch: refused addresses', () => {
  // No allowLoopback here: the server's own defaults.
  const guarded = (table: Record<string, string[]> = {}) =>
    makeApp({ allowedPorts: 'any', lookup: dns(table) });

  it.each([
    'http://127.0.0.1/a.png',
    'http://2130706433/a.png',
    'http://0177.0.0.1/a.png',
    'http://0x7f.1/a.png',
    'http://127.1/a.png',
    'http://[::1]/a.png',
    'http://[::ffff:127.0.0.1]/a.png',
    'http://[::ffff:7f00:1]/a.png',
    'http://[::127.0.0.1]/a.png',
    'http://[64:ff9b::a00:1]/a.png',
    'http://[2002:c0a8:101::1]/a.png',
    'http://[fd00::1]/a.png',
    'http://[fe80::1]/a.png',
    'http://[ff02::1]/a.png',
    'http://[::]/a.png',
    'http://0.0.0.0/a.png',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/a.png',
    'http://224.0.0.1/a.png',
    'http://255.255.255.255/a.png',
    'http://198.18.0.1/a.png',
    'http://10.0.0.1/a.png',
    'http://172.16.0.1/a.png',
    'http://192.168.1.1/a.png',
    'http://localhost/a.png',
    'ftp://example.test/a.png',
    'file:///etc/passwd',
    'https://user:pass@example.test/a.png',
  ])('refuses %s with 400 url_forbidden naming the url field', async (url) => {
    const error = await expectError(await fetchVia(guarded(), url), 400, 'url_forbidden');
    expect(error.field).toBe('url');
    expect(error.message).toMatch(/\S/);
  });

  it.each([
    ['127.0.0.1'],
    ['10.0.0.1'],
    ['169.254.169.254'],
    ['::1'],
    ['::ffff:127.0.0.1'],
    ['::ffff:10.0.0.1'],
    ['fd00::1'],
    ['fe80::1'],
    ['64:ff9b::a9fe:a9fe'],
    ['2002:a00:1::1'],
    ['0.0.0.0'],
    ['100.64.0.1'],
    // One public answer does not excuse a private one.
    ['93.184.215.14', '10.0.0.1'],
    // Whatever a resolver returns must be a canonical address.
    ['0177.0.0.1'],
  ])('refuses a public-looking host whose DNS answers %s', async (...answers) => {
    const app = guarded({ 'images.example.test': answers });
    const error = await expectError(
      await fetchVia(app, 'http://images.example.test/a.png'),
      400,
      'url_forbidden',
    );
    expect(error.message).toMatch(/images\.example\.test points to/);
    // The caller learns the host and the kind of range, never the internal address.
    for (const answer of answers) expect(error.message).not.toContain(answer);
  });

  it('refuses a redirect from a public-looking host to a private address', async () => {
    seen.clear();
    const response = await fetchVia(siteApp(), `http://site.test:${port}/redirect-private`);
    const error = await expectError(response, 400, 'url_forbidden');
    expect(error.message).toMatch(/internal\.test points to a private address/);
    // The redirect's target was never requested.
    expect([...seen.keys()]).toEqual(['/redirect-private']);
  });

  it('refuses redirects to the metadata address, a mapped private address, or another scheme', async () => {
    const app = siteApp();
    for (const path of ['/redirect-metadata', '/redirect-mapped', '/redirect-file']) {
      const error = await expectError(
        await fetchVia(app, `http://site.test:${port}${path}`),
        400,
        'url_forbidden',
      );
      expect(error.field).toBe('url');
    }
  });

  it('stops after maxRedirects with 502 fetch_failed', async () => {
    const app = siteApp({ maxRedirects: 3 });
    const error = await expectError(
      await fetchVia(app, `http://site.test:${port}/redirect-loop`),
      502,
      'fetch_failed',
    );
    expect(error.message).toMatch(/more than 3 times/);
  });

  it('refuses ports outside the default set', async () => {
    const app = makeApp({ lookup: dns({ 'images.example.test': ['93.184.215.14'] }) });
    const error = await expectError(
      await fetchVia(app, 'http://images.example.test:6379/'),
      400,
      'url_forbidden',
    );
    expect(error.message).toMatch(/Port 6379/);
  });
});

describe('POST /api/ai/fetch: limits and bad input', () => {
  it('answers 413 when the declared length is over maxBytes', async () => {
    const app = siteApp({ maxBytes: 1024 });
    const error = await expectError(
      await fetchVia(app, `http://site.test:${port}/big`),
      413,
      'payload_too_large',
    );
    expect(error.message).toMatch(/larger than 1 KB/);
  });

  it('answers 413 when a body without a length streams past maxBytes', async () => {
    const app = siteApp({ maxBytes: 4096 });
    await expectError(
      await fetchVia(app, `http://site.test:${port}/big-chunked`),
      413,
      'payload_too_large',
    );
  });

  it('answers 504 timeout when the site does not answer in time', async () => {
    const app = siteApp({ timeoutMs: 200 });
    const error = await expectError(
      await fetchVia(app, `http://site.test:${port}/slow`),
      504,
      'timeout',
    );
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/within 200 ms/);
  });

  it.each([
    ['/page', 'a page declared as HTML'],
    ['/page-as-text', 'HTML declared as text'],
    ['/binary', 'bytes that are no known media'],
  ])('answers 415 for %s (%s), never echoing it', async (path) => {
    const response = await fetchVia(siteApp(), `http://site.test:${port}${path}`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    await expectError(response, 415, 'unsupported_media_type');
  });

  it("answers 502 fetch_failed with the site's status when it answers an error", async () => {
    const error = await expectError(
      await fetchVia(siteApp(), `http://site.test:${port}/missing`),
      502,
      'fetch_failed',
    );
    expect(error.message).toMatch(/HTTP 404/);
    expect(error.retryable).toBe(false);
  });

  it('answers 502 fetch_failed when the site refuses the connection or fails TLS', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await expectError(
      await fetchVia(siteApp(), `http://site.test:${closedPort}/a.png`),
      502,
      'fetch_failed',
    );
    expect(refused.message).toMatch(/ECONNREFUSED/);
    expect(refused.retryable).toBe(true);
    // The plain-HTTP site spoken to over TLS: the handshake fails.
    const tls = await expectError(
      await fetchVia(siteApp(), `https://site.test:${port}/fox.png`),
      502,
      'fetch_failed',
    );
    expect(tls.message).toMatch(/Could not download the file from the site/);
  });

  it('speaks TLS to the pinned address with the host name as SNI, and checks the certificate', async () => {
    const names: string[] = [];
    const context = createSecureContext(TEST_TLS);
    const tlsSite = createHttpsServer(
      {
        ...TEST_TLS,
        SNICallback: (servername, done) => {
          names.push(servername);
          done(null, context);
        },
      },
      (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png),
    );
    await new Promise<void>((resolve) => tlsSite.listen(0, '127.0.0.1', resolve));
    const tlsPort = (tlsSite.address() as AddressInfo).port;
    try {
      const error = await expectError(
        await fetchVia(siteApp(), `https://site.test:${tlsPort}/fox.png`),
        502,
        'fetch_failed',
      );
      // The handshake named the host, not 127.0.0.1, and the untrusted certificate stopped it.
      expect(names).toEqual(['site.test']);
      expect(error.message).toMatch(/SELF_SIGNED/);
    } finally {
      tlsSite.closeAllConnections();
      await new Promise((resolve) => tlsSite.close(resolve));
    }
  });

  it('answers 400 for a host that does not exist', async () => {
    const error = await expectError(
      await fetchVia(siteApp(), 'http://nowhere.test/a.png'),
      400,
      'invalid_request',
    );
    expect(error.field).toBe('url');
  });

  it.each([
    [{}, 'url'],
    [{ url: 5 }, 'url'],
    [{ url: '' }, 'url'],
    ['not json', undefined],
  ])('answers 400 invalid_request for the body %j', async (body, field) => {
    const error = await expectError(
      await siteApp().request('/api/ai/fetch', fetchBody(body)),
      400,
      'invalid_request',
    );
    expect(error.field).toBe(field);
  });
});

describe('POST /api/ai/fetch: wiring', () => {
  it("asks the host's authorize hook", async () => {
    const app = siteApp(
      {},
      {
        authorize: (c) =>
          c.req.header('authorization') === 'Bearer ok' ? 'u1' : errorResponse(c, 401, 'Sign in.'),
      },
    );
    await expectError(await fetchVia(app, `http://site.test:${port}/fox.png`), 401, 'unauthorized');
    const allowed = await fetchVia(app, `http://site.test:${port}/fox.png`, {
      authorization: 'Bearer ok',
    });
    expect(allowed.status).toBe(200);
    // The host app's own token went no further than the server.
    expect(seen.get('/fox.png')?.authorization).toBeUndefined();
  });

  it('is rate-limited like generation', async () => {
    const app = siteApp({}, { rateLimit: { points: 1, durationSec: 60 } });
    expect((await fetchVia(app, `http://site.test:${port}/fox.png`)).status).toBe(200);
    await expectError(await fetchVia(app, `http://site.test:${port}/fox.png`), 429, 'rate_limited');
  });

  it('exposes x-source-url and content-disposition to an allowed browser origin', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${port}/fox.png`, {
      origin: 'http://localhost:5173',
    });
    const exposed = response.headers.get('access-control-expose-headers') ?? '';
    expect(exposed).toMatch(/x-source-url/i);
    expect(exposed).toMatch(/content-disposition/i);
  });

  it('answers 429 server_busy past maxConcurrent fetches, and takes the next once one ends', async () => {
    seen.clear();
    const app = siteApp({ maxConcurrent: 1, timeoutMs: 1000 });
    const first = fetchVia(app, `http://site.test:${port}/slow`);
    await expect.poll(() => seen.has('/slow')).toBe(true);
    const busy = await fetchVia(app, `http://site.test:${port}/fox.png`);
    const error = await expectError(busy, 429, 'server_busy');
    expect(error.retryable).toBe(true);
    expect(busy.headers.get('retry-after')).toBe('5');
    await expectError(await first, 504, 'timeout');
    expect((await fetchVia(app, `http://site.test:${port}/fox.png`)).status).toBe(200);
  });

  it('is not served when turned off', async () => {
    const app = siteApp({ enabled: false });
    await expectError(await fetchVia(app, `http://site.test:${port}/fox.png`), 404, 'not_found');
  });

  it('is on in the Node entry unless URL_FETCH=0, with its limits from the environment', async () => {
    const on = createServerFromEnv({ URL_FETCH_MAX_BYTES: '1000' }, { logger: silent });
    const refused = await on.app.request(
      '/api/ai/fetch',
      fetchBody({ url: 'http://127.0.0.1/a.png' }),
    );
    await expectError(refused, 400, 'url_forbidden');
    const off = createServerFromEnv({ URL_FETCH: '0' }, { logger: silent });
    const missing = await off.app.request(
      '/api/ai/fetch',
      fetchBody({ url: 'http://127.0.0.1/a.png' }),
    );
    await expectError(missing, 404, 'not_found');
    expect(() => createServerFromEnv({ URL_FETCH_TIMEOUT_MS: 'soon' })).toThrow(
      /URL_FETCH_TIMEOUT_MS must be a whole number/,
    );
    await Promise.all([on.close(), off.close()]);
  });
});
