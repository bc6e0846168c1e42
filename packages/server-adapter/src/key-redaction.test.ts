// An upstream that echoes the provider key back, disguised (upper case, hex, base64 at every
// alignment, %-encoded, spaced out, with a zero-width character inside...), for Replicate and
// OpenAI alike. No form of either key may reach a response in any mode (image, JSON, event
// stream, /v1) or a log line; callers get typed messages, the log keeps the redacted detail.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLogger } from './log';
import { createServerFromEnv } from './server-from-env';

const REPLICATE_KEY = 'r8_Zq4TnW8yLp2Vx7Kd9Hs3Bf6Gj1Mc5Rw0';
const OPENAI_KEY = 'sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56';
const REPLICATE_API = 'https://replicate.test/v1';
const OPENAI_API = 'https://openai.test/v1';

const b64 = (bytes: Buffer) => bytes.toString('base64');
/** Every disguise of `key` the upstream will try, by name. */
function disguises(key: string): Record<string, string> {
  const raw = Buffer.from(key);
  return {
    raw: key,
    upper: key.toUpperCase(),
    hex: raw.toString('hex'),
    hexUpper: raw.toString('hex').toUpperCase(),
    base64: b64(raw),
    base64url: raw.toString('base64url'),
    base64Offset1: b64(Buffer.concat([Buffer.from('{'), raw, Buffer.from('}')])),
    base64Offset2: Buffer.concat([Buffer.from('k='), raw]).toString('base64url'),
    percent: [...key].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join(''),
    urlEncoded: encodeURIComponent(`key=${key}&x=1`),
    spaced: [...key].join(' '),
    zeroWidth: `${key.slice(0, 7)}\u200b${key.slice(7, 20)}\u2060${key.slice(20)}`,
    softHyphen: [...key].join('\u00ad'),
    clipped: `${key.slice(0, 18)}…`,
  };
}

/** Whether `text` still holds 12 characters in a row of any form of `key`. */
function leaks(text: string, key: string): string | undefined {
  const squash = (t: string) => t.replace(/[\s\u00ad\u200b-\u200f\u2060\ufeff]/g, '').toLowerCase();
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // not URL-encoded as a whole
  }
  const haystacks = [squash(text), squash(decoded)];
  const raw = Buffer.from(key);
  const needles = [key, raw.toString('hex')];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), raw]);
    const start = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + raw.length)) / 6);
    needles.push(b64(padded).slice(start, end), padded.toString('base64url').slice(start, end));
  }
  for (const needle of needles.map((n) => n.toLowerCase())) {
    for (let i = 0; i + 12 <= needle.length; i++) {
      const window = needle.slice(i, i + 12);
      if (haystacks.some((h) => h.includes(window))) return window;
    }
  }
  return undefined;
}

const upstream = setupServer();
const lines: string[] = [];
let server: ReturnType<typeof createServerFromEnv>;

/** The disguise the prompt names (`form:<name>`), of the key for that upstream. */
const formFor = (prompt: unknown, key: string) =>
  disguises(key)[String(prompt).replace(/^form:/, '')] ?? key;

beforeAll(() => {
  upstream.listen({ onUnhandledRequest: 'error' });
  upstream.use(
    http.post(`${REPLICATE_API}/predictions`, async ({ request }) => {
      const body = (await request.json()) as { input?: { prompt?: string } };
      const form = formFor(body.input?.prompt, REPLICATE_KEY);
      return HttpResponse.json(
        { title: 'Internal error', detail: `token ${form} failed`, status: 500 },
        { status: 500 },
      );
    }),
    http.post(`${OPENAI_API}/images/generations`, async ({ request }) => {
      const body = (await request.json()) as { prompt?: string };
      const form = formFor(body.prompt, OPENAI_KEY);
      return HttpResponse.json(
        {
          error: {
            message: `Incorrect API key provided: ${form}.`,
            type: 'invalid_request_error',
            param: form,
            code: null,
          },
        },
        { status: 400 },
      );
    }),
  );
  server = createServerFromEnv(
    {
      REPLICATE_API_TOKEN: REPLICATE_KEY,
      REPLICATE_BASE_URL: REPLICATE_API,
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: OPENAI_API,
      RATE_LIMIT_REQUESTS: '0',
    },
    {
      // A logger that knows no secret: only the app's own redaction stands between the
      // provider's text and the log.
      logger: createJsonLogger({ write: (line) => lines.push(line) }),
      overrides: { generateOptions: { maxRetries: 0 } },
    },
  );
});
afterAll(() => upstream.close());

const MODES = ['image', 'json', 'event-stream', 'v1'] as const;
const MODELS = [
  { model: 'replicate/sdxl', key: REPLICATE_KEY, status: 502 },
  { model: 'openai/gpt-image-1', key: OPENAI_KEY, status: 400 },
];

async function ask(mode: (typeof MODES)[number], model: string, prompt: string) {
  const { app } = server;
  if (mode === 'v1') {
    return app.request('/v1/images/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, prompt }),
    });
  }
  const accept = {
    image: 'image/png',
    json: 'application/json',
    'event-stream': 'text/event-stream',
  }[mode];
  return app.request('/api/ai/images/generate', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ model, prompt, width: 1024, height: 1024 }),
  });
}

describe('provider keys never leave the server', () => {
  it('the leak check itself finds every disguise', () => {
    for (const key of [REPLICATE_KEY, OPENAI_KEY]) {
      for (const [name, form] of Object.entries(disguises(key))) {
        expect(leaks(`said ${form}.`, key), name).toBeDefined();
      }
    }
  });

  it('in no response mode and no log line, for either key in any disguise', async () => {
    let requests = 0;
    for (const { model, key, status } of MODELS) {
      for (const name of Object.keys(disguises(key))) {
        for (const mode of MODES) {
          const res = await ask(mode, model, `form:${name}`);
          requests++;
          const text = await res.text();
          const where = `${model} ${name} ${mode}`;
          if (mode === 'event-stream') {
            expect(res.status, where).toBe(200);
            expect(text, where).toContain('event: error');
          } else {
            expect(res.status, where).toBe(status);
          }
          const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
          expect(leaks(`${text}\n${headers}`, REPLICATE_KEY), where).toBeUndefined();
          expect(leaks(`${text}\n${headers}`, OPENAI_KEY), where).toBeUndefined();
        }
      }
    }
    expect(requests).toBe(2 * 14 * 4);

    // The provider's own words are in the log, for the operator, with the key cut out.
    const details = lines.filter((l) => l.includes('"provider error"'));
    expect(details).toHaveLength(requests);
    expect(details.every((l) => l.includes('[redacted]'))).toBe(true);
    expect(lines.some((l) => l.includes('"generation failed"'))).toBe(true);
    for (const line of lines) {
      expect(leaks(line, REPLICATE_KEY), line).toBeUndefined();
      expect(leaks(line, OPENAI_KEY), line).toBeUndefined();
    }
  });
});
