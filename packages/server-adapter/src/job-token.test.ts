// Job tokens: what they carry, and that a changed, foreign, expired or malformed token is
// refused with its own status and code.
import { describe, expect, it } from 'vitest';
import { HttpError } from './errors';
import { createJobTokens, MAX_JOB_TOKEN_LENGTH } from './job-token';

const SECRET = 'a-shared-secret-of-enough-length';
const job = {
  model: 'replicate/sdxl',
  ref: { calls: [{ n: 1, ref: { id: 'pred_1', n: 1 } }], width: 1024, height: 1024 },
  request: { prompt: 'a café at night ☕', width: 1024, height: 1024, n: 1, seed: 5 },
};

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpError)) throw new Error(`expected an HttpError, got ${error}`);
  return { status: error.status, code: error.code };
}

/** The token with the character at `at` of part `part` swapped for another base64url one. */
function flip(token: string, part: 0 | 1, at: number): string {
  const parts = token.split('.');
  const text = parts[part] as string;
  const i = Math.floor(text.length * at);
  const swapped = text[i] === 'A' ? 'B' : 'A';
  parts[part] = text.slice(0, i) + swapped + text.slice(i + 1);
  return parts.join('.');
}

describe('job tokens', () => {
  it('carry the job, the request, and when they were issued and expire', async () => {
    const tokens = createJobTokens({ secret: SECRET, now: () => 1_000, ttlMs: 60_000 });
    const token = await tokens.sign({ ...job, sub: 'user-1' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const payload = JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString());
    expect(payload).toEqual({ v: 1, ...job, sub: 'user-1', iat: 1_000, exp: 61_000 });
    expect(await tokens.verify(token)).toEqual(payload);
    // Another instance with the same secret reads it too: nothing is kept between them.
    const other = createJobTokens({ secret: SECRET, now: () => 2_000 });
    expect((await other.verify(token)).ref).toEqual(job.ref);
  });

  it('refuses a changed payload or signature, and one signed with another secret, as foreign', async () => {
    const tokens = createJobTokens({ secret: SECRET });
    const token = await tokens.sign(job);
    for (const changed of [flip(token, 0, 0.5), flip(token, 0, 0.1), flip(token, 1, 0.5)]) {
      expect(changed).not.toBe(token);
      expect(await refusal(tokens.verify(changed))).toEqual({
        status: 403,
        code: 'job_token_foreign',
      });
    }
    const foreign = createJobTokens({ secret: 'another-secret-entirely-123' });
    expect(await refusal(foreign.verify(token))).toEqual({
      status: 403,
      code: 'job_token_foreign',
    });
  });

  it('refuses an expired token with 410, by the injected clock', async () => {
    let now = 5_000;
    const tokens = createJobTokens({ secret: SECRET, now: () => now, ttlMs: 1_000 });
    const token = await tokens.sign(job);
    now = 5_999;
    await expect(tokens.verify(token)).resolves.toMatchObject({ exp: 6_000 });
    now = 6_000;
    expect(await refusal(tokens.verify(token))).toEqual({ status: 410, code: 'job_token_expired' });
  });

  it('refuses what is not a token at all with 400', async () => {
    const tokens = createJobTokens({ secret: SECRET });
    const token = await tokens.sign(job);
    const [body, mac] = token.split('.') as [string, string];
    const malformed = [
      '',
      'abc',
      '.',
      `${body}.`,
      `.${mac}`,
      `${token}.x`,
      `${body}.${mac.slice(0, 20)}`,
      `${body}+.${mac}`,
      `${body}.${mac}=`,
      'x'.repeat(MAX_JOB_TOKEN_LENGTH + 1),
      `${'x'.repeat(MAX_JOB_TOKEN_LENGTH)}.${mac}`,
    ];
    for (const bad of malformed) {
      expect(await refusal(tokens.verify(bad)), bad.slice(0, 40)).toEqual({
        status: 400,
        code: 'job_token_invalid',
      });
    }
    // Signed by us but not a job (a future version): refused as malformed, not trusted.
    const signer = createJobTokens({ secret: SECRET });
    const odd = await signer.sign({ ...job, request: 5 as never });
    expect(await refusal(tokens.verify(odd))).toEqual({ status: 400, code: 'job_token_invalid' });
  });

  it('wants a long secret, and without one signs with a random one per process, said once', async () => {
    expect(() => createJobTokens({ secret: 'short' })).toThrow(/at least 16 characters/);
    const said: string[] = [];
    const logger = { info() {}, warn: (m: string) => said.push(m), error() {} };
    const a = createJobTokens({ logger });
    const b = createJobTokens({ logger });
    // Nothing said until a job needs a token: a server that never runs one needs no secret.
    expect(said).toEqual([]);
    // The same process: one instance's token is good on the other.
    await expect(b.verify(await a.sign(job))).resolves.toMatchObject({ model: job.model });
    await b.sign(job);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/MEDIALOFT_JOB_SECRET/);
    const withSecret = createJobTokens({ secret: SECRET });
    expect(await refusal(withSecret.verify(await a.sign(job)))).toEqual({
      status: 403,
      code: 'job_token_foreign',
    });
  });
});
