// POST {base}/fetch refusals: every non-public address form (as a URL, and as what a
// public-looking host resolves to, before and after a redirect), the size and time caps,
// non-media bodies, failing sites and bad input, against a real local "site".
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../protocol';
import {
  dns,
  expectError,
  fetchBody,
  fetchVia,
  makeApp,
  siteApp,
  TEST_TLS,
  useTestSite,
} from '../testing/url-fetch-site';

const site = useTestSite();

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
    site.seen.clear();
    const response = await fetchVia(siteApp(), `http://site.test:${site.port}/redirect-private`);
    const error = await expectError(response, 400, 'url_forbidden');
    expect(error.message).toMatch(/internal\.test points to a private address/);
    // The redirect's target was never requested.
    expect([...site.seen.keys()]).toEqual(['/redirect-private']);
  });

  it('refuses redirects to the metadata address, a mapped private address, or another scheme', async () => {
    const app = siteApp();
    for (const path of ['/redirect-metadata', '/redirect-mapped', '/redirect-file']) {
      const error = await expectError(
        await fetchVia(app, `http://site.test:${site.port}${path}`),
        400,
        'url_forbidden',
      );
      expect(error.field).toBe('url');
    }
  });

  it('stops after maxRedirects with 502 fetch_failed', async () => {
    const app = siteApp({ maxRedirects: 3 });
    const error = await expectError(
      await fetchVia(app, `http://site.test:${site.port}/redirect-loop`),
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
      await fetchVia(app, `http://site.test:${site.port}/big`),
      413,
      'payload_too_large',
    );
    expect(error.message).toMatch(/larger than 1 KB/);
  });

  it('answers 413 when a body without a length streams past maxBytes', async () => {
    const app = siteApp({ maxBytes: 4096 });
    await expectError(
      await fetchVia(app, `http://site.test:${site.port}/big-chunked`),
      413,
      'payload_too_large',
    );
  });

  it('answers 504 timeout when the site does not answer in time', async () => {
    const app = siteApp({ timeoutMs: 200 });
    const error = await expectError(
      await fetchVia(app, `http://site.test:${site.port}/slow`),
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
    const response = await fetchVia(siteApp(), `http://site.test:${site.port}${path}`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    await expectError(response, 415, 'unsupported_media_type');
  });

  it("answers 502 fetch_failed with the site's status when it answers an error", async () => {
    const error = await expectError(
      await fetchVia(siteApp(), `http://site.test:${site.port}/missing`),
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
      await fetchVia(siteApp(), `https://site.test:${site.port}/fox.png`),
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
      (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(site.png),
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

  it('answers any url string with a 4xx in the error shape, never a 5xx', async () => {
    // Every host resolves inside, so nothing leaves this machine; IP literals are not generated.
    const app = makeApp({ lookup: dns({}), allowedPorts: 'any' });
    const inside = makeApp({ lookup: async () => [{ address: '10.1.2.3', family: 4 }] });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })),
        async (url) => {
          for (const target of [app, inside]) {
            const response = await fetchVia(target, url);
            expect(response.status).toBeGreaterThanOrEqual(400);
            expect(response.status).toBeLessThan(500);
            expect(errorBodySchema.safeParse(await response.json()).success).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
    // Two hundred requests through the whole app: generous for a busy 2-core machine.
  }, 30_000);

  it.each([
    [{}, 'url'],
    [{ url: 5 }, 'url'],
    [{ url: '' }, 'url'],
    [{ url: 'not a url' }, 'url'],
    [{ url: '//example.com/a.png' }, 'url'],
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
