// Fuzzed job tokens (fast-check): random text, base64url-looking pairs and real tokens with
// bytes changed, cut or added, on every job route and answer mode. Each answer is below 500,
// every error in the JSON error shape, and the "unexpected error" path is never reached.
import { createLocalProvider } from '@medialoft/ai-connect';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createImageServer } from '../app';
import { createJobTokens } from '../job-token';
import { errorBodySchema } from '../protocol';

const SECRET = 'fuzzing-secret-of-some-length';
const unexpected: unknown[] = [];
const app = createImageServer({
  providers: { local: createLocalProvider() },
  rateLimit: false,
  jobSecret: SECRET,
  logger: { info() {}, warn() {}, error: (message: string) => unexpected.push(message) },
});
const inits: RequestInit[] = [
  { headers: { accept: 'application/json' } },
  { headers: { accept: 'text/event-stream' } },
  { method: 'DELETE' },
];

async function check(token: string, init: RequestInit) {
  const res = await app.request(`/api/ai/images/jobs/${encodeURIComponent(token)}`, init);
  expect(res.status, token.slice(0, 120)).toBeLessThan(500);
  if (res.status >= 400) {
    const text = await res.text();
    expect(errorBodySchema.safeParse(JSON.parse(text)).success, text).toBe(true);
  } else {
    await res.arrayBuffer();
  }
}

const base64url = fc.stringMatching(/^[A-Za-z0-9_-]{0,200}$/);

describe('job routes under fuzzed tokens', { timeout: 120_000 }, () => {
  it('random text and token-shaped pairs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 100 }),
          fc.tuple(base64url, base64url).map(([a, b]) => `${a}.${b}`),
        ),
        fc.constantFrom(...inits),
        check,
      ),
      { numRuns: 300 },
    );
    expect(unexpected).toEqual([]);
  });

  it('real tokens, changed', async () => {
    const signer = createJobTokens({ secret: SECRET });
    const token = await signer.sign({
      model: 'local/placeholder',
      ref: { calls: [{ n: 1, ref: { prompt: 'x', n: 1, width: 64, height: 64, startedAt: 0 } }] },
      request: { prompt: 'x' },
    });
    const changed = fc
      .tuple(fc.nat({ max: token.length }), fc.nat({ max: 3 }), fc.string({ maxLength: 4 }))
      .map(([at, cut, insert]) => token.slice(0, at) + insert + token.slice(at + cut));
    // Payloads we signed ourselves but that are not jobs (a bug or an older version) as well.
    const odd = fc
      .record({ model: fc.string({ maxLength: 20 }), ref: fc.jsonValue({ maxDepth: 3 }) })
      .map((job) => signer.sign({ ...job, ref: job.ref as never, request: { prompt: 'x' } }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          changed.map((t) => Promise.resolve(t)),
          odd,
        ),
        fc.constantFrom(...inits),
        async (pending, init) => check(await pending, init),
      ),
      { numRuns: 300 },
    );
    expect(unexpected).toEqual([]);
  });
});
