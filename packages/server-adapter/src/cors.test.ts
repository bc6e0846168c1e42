// CORS as a hostile page would try it: `*` never goes with credentials, and `null`, file:// and
// extension origins are never granted, whatever ALLOWED_ORIGINS says.
import { describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import type { ImageServerOptions } from './options';
import { createServerFromEnv } from './server-from-env';
import { fakeProviders } from './testing/fakes';

const quiet = { info() {}, warn() {}, error() {} };
const makeApp = (allowedOrigins: ImageServerOptions['allowedOrigins']) =>
  createImageServer({
    providers: fakeProviders().providers,
    logger: quiet,
    rateLimit: false,
    allowedOrigins,
  });

const HOSTILE = [
  'null',
  'file://',
  'chrome-extension://abcdefghijklmnop',
  'moz-extension://1234-5678',
  'javascript:alert(1)',
  'https://evil.example/path',
  'https://user@evil.example',
  'http://',
];

async function grant(app: ReturnType<typeof makeApp>, origin: string) {
  const simple = await app.request('/api/ai/health', { headers: { origin } });
  const preflight = await app.request('/api/ai/images/generate', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
  const pick = (res: Response) => ({
    origin: res.headers.get('access-control-allow-origin'),
    credentials: res.headers.get('access-control-allow-credentials'),
  });
  return { simple: pick(simple), preflight: pick(preflight) };
}

describe('CORS', () => {
  it('answers * without credentials when every origin is allowed', async () => {
    const app = makeApp('*');
    for (const origin of ['https://anyone.example', 'http://localhost:3000']) {
      const seen = await grant(app, origin);
      expect(seen.simple).toEqual({ origin: '*', credentials: null });
      expect(seen.preflight).toEqual({ origin: '*', credentials: null });
    }
  });

  it('never grants null, file:// or extension origins, even with *', async () => {
    for (const policy of ['*', () => true] as const) {
      const app = makeApp(policy);
      for (const origin of HOSTILE) {
        const seen = await grant(app, origin);
        expect(seen, `${String(policy)} ${origin}`).toEqual({
          simple: { origin: null, credentials: null },
          preflight: { origin: null, credentials: null },
        });
      }
    }
  });

  it('never grants them when they are listed either', async () => {
    const app = makeApp(['null', 'file://', 'chrome-extension://abcdefghijklmnop']);
    for (const origin of ['null', 'file://', 'chrome-extension://abcdefghijklmnop']) {
      expect((await grant(app, origin)).simple.origin).toBeNull();
    }
  });

  it('echoes a listed http(s) origin with credentials, and nothing for others', async () => {
    const app = makeApp(['https://app.example.com']);
    expect(await grant(app, 'https://app.example.com')).toEqual({
      simple: { origin: 'https://app.example.com', credentials: 'true' },
      preflight: { origin: 'https://app.example.com', credentials: 'true' },
    });
    expect(await grant(app, 'https://other.example.com')).toEqual({
      simple: { origin: null, credentials: null },
      preflight: { origin: null, credentials: null },
    });
  });

  it('ALLOWED_ORIGINS=* from the environment means the wildcard without credentials', async () => {
    const { app } = createServerFromEnv(
      { ALLOWED_ORIGINS: '*', RATE_LIMIT_REQUESTS: '0' },
      { logger: quiet },
    );
    const res = await app.request('/api/ai/health', { headers: { origin: 'https://x.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const hostile = await app.request('/api/ai/health', { headers: { origin: 'null' } });
    expect(hostile.headers.get('access-control-allow-origin')).toBeNull();
  });
});
