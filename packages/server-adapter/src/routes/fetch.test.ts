// POST {base}/fetch against a real HTTP "site" on 127.0.0.1 that sends no CORS headers: what
// a fetched file looks like, what goes upstream, and how the route is wired into the app.
// DNS is played by an injected lookup; loopback is let through only where a test says so.
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../errors';
import { createServerFromEnv } from '../server-from-env';
import {
  expectError,
  fetchBody,
  fetchVia,
  makeApp,
  silent,
  siteApp,
  useTestSite,
} from '../testing/url-fetch-site';
import type { UrlFetchLookup } from '../url-fetch';

const site = useTestSite();

describe('POST /api/ai/fetch: a public file', () => {
  it('answers the bytes, typed by a sniff, with the final URL and a safe file name', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${site.port}/fox.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-source-url')).toBe(`http://site.test:${site.port}/fox.png`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="fox.png"');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(site.png);
  });

  it('names the file from the final URL, with the extension of what the bytes are', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${site.port}/pics/red%20fox.jpeg`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="red fox.png"');
  });

  it('follows a redirect and reports where the file came from', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${site.port}/redirect-ok`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-source-url')).toBe(`http://site.test:${site.port}/fox.png`);
  });

  it('passes plain text as text/plain, keeping its flavour in the name', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${site.port}/notes.md`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="notes.md"');
  });

  it('sends the site a fixed header set: no cookie, authorization or key of the caller', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${site.port}/fox.png?h=1`, {
      cookie: 'app-session=browser-secret',
      authorization: 'Bearer host-app-token',
      'x-api-key': 'caller-key',
      'x-forwarded-for': '203.0.113.5',
    });
    expect(response.status).toBe(200);
    const headers = site.seen.get('/fox.png') ?? {};
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-api-key']).toBeUndefined();
    expect(headers['x-forwarded-for']).toBeUndefined();
    expect(headers['user-agent']).toMatch(/^MediaLoft-URL-Import\//);
    expect(headers.host).toBe(`site.test:${site.port}`);
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
    const response = await fetchVia(app, `http://rebind.test:${site.port}/fox.png`);
    // Had the client resolved again (system DNS knows no rebind.test, and the resolver would
    // now say 10.0.0.1), this could not have reached the site.
    expect(response.status).toBe(200);
    expect(calls).toEqual(['rebind.test']);
    expect(site.seen.get('/fox.png')?.host).toBe(`rebind.test:${site.port}`);
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
    await expectError(
      await fetchVia(app, `http://site.test:${site.port}/fox.png`),
      401,
      'unauthorized',
    );
    const allowed = await fetchVia(app, `http://site.test:${site.port}/fox.png`, {
      authorization: 'Bearer ok',
    });
    expect(allowed.status).toBe(200);
    // The host app's own token went no further than the server.
    expect(site.seen.get('/fox.png')?.authorization).toBeUndefined();
  });

  it('is rate-limited like generation', async () => {
    const app = siteApp({}, { rateLimit: { points: 1, durationSec: 60 } });
    expect((await fetchVia(app, `http://site.test:${site.port}/fox.png`)).status).toBe(200);
    await expectError(
      await fetchVia(app, `http://site.test:${site.port}/fox.png`),
      429,
      'rate_limited',
    );
  });

  it('exposes x-source-url and content-disposition to an allowed browser origin', async () => {
    const response = await fetchVia(siteApp(), `http://site.test:${site.port}/fox.png`, {
      origin: 'http://localhost:5173',
    });
    const exposed = response.headers.get('access-control-expose-headers') ?? '';
    expect(exposed).toMatch(/x-source-url/i);
    expect(exposed).toMatch(/content-disposition/i);
  });

  it('answers 429 server_busy past maxConcurrent fetches, and takes the next once one ends', async () => {
    site.seen.clear();
    const app = siteApp({ maxConcurrent: 1, timeoutMs: 1000 });
    const first = fetchVia(app, `http://site.test:${site.port}/slow`);
    await expect.poll(() => site.seen.has('/slow')).toBe(true);
    const busy = await fetchVia(app, `http://site.test:${site.port}/fox.png`);
    const error = await expectError(busy, 429, 'server_busy');
    expect(error.retryable).toBe(true);
    expect(busy.headers.get('retry-after')).toBe('5');
    await expectError(await first, 504, 'timeout');
    expect((await fetchVia(app, `http://site.test:${site.port}/fox.png`)).status).toBe(200);
  });

  it('is not served when turned off', async () => {
    const app = siteApp({ enabled: false });
    await expectError(
      await fetchVia(app, `http://site.test:${site.port}/fox.png`),
      404,
      'not_found',
    );
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
