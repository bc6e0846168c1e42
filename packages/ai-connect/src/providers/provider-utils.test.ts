import { describe, expect, it } from 'vitest';
import { AuthenticationError, CanceledError, TimeoutError } from '../spec/errors';
import {
  abortError,
  closestAspectRatio,
  isConnectFailure,
  keyRequirer,
  parseDuration,
  parseRetryAfter,
  scrubSecrets,
} from './provider-utils';

describe('provider utils', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('parses OpenAI reset durations', () => {
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('later')).toBeUndefined();
  });

  it('scrubs the exact secret and anything shaped like a credential', () => {
    const out = scrubSecrets(
      'token r8_abcdefghij, Bearer xyz123 and my-secret-value',
      'my-secret-value',
    );
    expect(out).not.toContain('r8_abcdefghij');
    expect(out).not.toContain('xyz123');
    expect(out).not.toContain('my-secret-value');
  });

  it('scrubs the secret in any disguise a provider could echo it in', () => {
    const key = 'r8_Q7mZp2LxV9kT4wR1sN6bY3cD';
    const raw = Buffer.from(key);
    for (const form of [
      key.toUpperCase(),
      raw.toString('hex'),
      raw.toString('base64'),
      encodeURIComponent(key).replaceAll('_', '%5F'),
      [...key].join(' '),
      `${key.slice(0, 8)}\u200b${key.slice(8)}`,
    ]) {
      const out = scrubSecrets(`upstream echoed ${form} back`, key);
      expect(out).toContain('[redacted]');
      expect(out.replace(/\[redacted\]/g, '').replace(/[^a-z0-9]/gi, '').length).toBeLessThan(
        'upstreamechoedback'.length + 4,
      );
    }
  });

  it('picks the closest aspect ratio in log space', () => {
    expect(closestAspectRatio(1920, 1080, ['1:1', '16:9', '4:3'])).toBe('16:9');
    expect(closestAspectRatio(1000, 1010, ['1:1', '16:9'])).toBe('1:1');
    expect(closestAspectRatio(768, 1344, ['9:16', '2:3'])).toBe('9:16');
  });

  it('tells a connection that never opened from other faults', () => {
    expect(
      isConnectFailure(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })),
    ).toBe(true);
    expect(isConnectFailure(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }))).toBe(
      false,
    );
  });

  it('turns an abort reason into the right typed error', () => {
    const aborted = new AbortController();
    aborted.abort();
    expect(abortError(aborted.signal, 'x')).toBeInstanceOf(CanceledError);
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('late', 'TimeoutError'));
    expect(abortError(timedOut.signal, 'x')).toBeInstanceOf(TimeoutError);
    const ours = new TimeoutError('total timeout');
    const withReason = new AbortController();
    withReason.abort(ours);
    expect(abortError(withReason.signal, 'x')).toBe(ours);
  });

  it('keyRequirer gives the key, or a typed error saying how to set it', () => {
    let key: string | undefined = 'k-123';
    const requireKey = keyRequirer(() => key, 'acme', 'No Acme key: set ACME_KEY.');
    expect(requireKey()).toBe('k-123');
    key = undefined;
    const error = (() => {
      try {
        requireKey();
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).provider).toBe('acme');
    expect((error as Error).message).toContain('set ACME_KEY');
  });
});
