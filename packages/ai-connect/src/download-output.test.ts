import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { downloadOutput, isAllowedOutputUrl } from './download-output';
import { CanceledError, OutputNotImageError, ProviderError, TimeoutError } from './spec/errors';

const server = setupServer();
const seen: Request[] = [];
let png: Uint8Array;

beforeAll(async () => {
  png = new Uint8Array(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#3366ff' } })
      .png()
      .toBuffer(),
  );
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    seen.push(request.clone());
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const hosts = ['replicate.delivery', '*.replicate.delivery'];
const fast = { sleep: async () => {} };

/** Downloads `url` with a 1000-byte cap and expects the "larger than" refusal. */
async function expectTooLarge(url: string, options: { fetch?: typeof fetch }) {
  const error = await downloadOutput(url, {
    allowedHosts: hosts,
    maxBytes: 1000,
    ...options,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as Error).message).toMatch(/larger than/);
}

describe('downloadOutput', () => {
  it('returns the bytes with the media type sniffed from them, sending no credential', async () => {
    server.use(
      http.get('https://pbxt.replicate.delivery/x/out.png', () =>
        HttpResponse.arrayBuffer(png.slice().buffer, {
          headers: { 'content-type': 'application/octet-stream' },
        }),
      ),
    );
    const result = await downloadOutput('https://pbxt.replicate.delivery/x/out.png', {
      allowedHosts: hosts,
    });
    expect(result.mediaType).toBe('image/png');
    expect(Buffer.from(result.bytes).equals(Buffer.from(png))).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get('authorization')).toBeNull();
    expect(seen[0]?.headers.get('cookie')).toBeNull();
  });

  it('matches wildcards to subdomains only, and allows http only for exactly listed hosts', () => {
    const ok = (url: string, list = hosts) => isAllowedOutputUrl(new URL(url), list);
    expect(ok('https://replicate.delivery/a.png')).toBe(true);
    expect(ok('https://a.b.replicate.delivery/a.png')).toBe(true);
    expect(ok('https://replicate.delivery.evil.com/a.png')).toBe(false);
    expect(ok('https://evilreplicate.delivery/a.png')).toBe(false);
    expect(ok('http://pbxt.replicate.delivery/a.png')).toBe(false);
    expect(ok('http://127.0.0.1:9999/a.png', ['127.0.0.1'])).toBe(true);
    expect(ok('http://127.0.0.1:9999/a.png', ['127.0.0.1:9999'])).toBe(true);
    expect(ok('http://127.0.0.1:9999/a.png', ['127.0.0.1:1234'])).toBe(false);
    expect(ok('file:///etc/passwd', ['*'])).toBe(false);
  });

  it('refuses a host not allowed without sending it anything', async () => {
    const error = await downloadOutput('https://evil.example.com/a.png', {
      allowedHosts: hosts,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(false);
    expect((error as Error).message).toContain('evil.example.com');
    expect(seen).toHaveLength(0);
  });

  it('checks every redirect hop against the allowlist', async () => {
    server.use(
      http.get('https://replicate.delivery/r.png', () =>
        HttpResponse.text('', { status: 302, headers: { location: 'https://evil.example.com/x' } }),
      ),
    );
    const error = await downloadOutput('https://replicate.delivery/r.png', {
      allowedHosts: hosts,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('evil.example.com');
    expect(seen.map((r) => new URL(r.url).host)).toEqual(['replicate.delivery']);
  });

  it('says an output that is gone (404/410) has expired, without retrying', async () => {
    for (const status of [404, 410]) {
      seen.length = 0;
      server.use(
        http.get('https://replicate.delivery/gone.png', () => new HttpResponse(null, { status })),
      );
      const error = await downloadOutput('https://replicate.delivery/gone.png', {
        allowedHosts: hosts,
        ...fast,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as Error).message).toMatch(/expired/);
      expect(seen).toHaveLength(1);
    }
  });

  it('retries 5xx and network faults (a GET is safe), then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get('https://replicate.delivery/flaky.png', () => {
        calls++;
        if (calls === 1) return new HttpResponse(null, { status: 503 });
        if (calls === 2) return HttpResponse.error();
        return HttpResponse.arrayBuffer(png.slice().buffer);
      }),
    );
    const waits: number[] = [];
    const result = await downloadOutput('https://replicate.delivery/flaky.png', {
      allowedHosts: hosts,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(result.mediaType).toBe('image/png');
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0] as number);
  });

  it('gives up after the allowed retries with a ProviderError', async () => {
    server.use(
      http.get(
        'https://replicate.delivery/down.png',
        () => new HttpResponse(null, { status: 502 }),
      ),
    );
    const error = await downloadOutput('https://replicate.delivery/down.png', {
      allowedHosts: hosts,
      retries: 1,
      ...fast,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(seen).toHaveLength(2);
  });

  it('refuses a body larger than maxBytes, declared or streamed', async () => {
    const big = new Uint8Array(4096);
    big.set(png);
    server.use(
      http.get('https://replicate.delivery/declared.png', () =>
        HttpResponse.arrayBuffer(big.buffer, { headers: { 'content-length': '4096' } }),
      ),
      http.get(
        'https://replicate.delivery/streamed.png',
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                for (let i = 0; i < 8; i++)
                  controller.enqueue(big.subarray(i * 512, i * 512 + 512));
                controller.close();
              },
            }),
          ),
      ),
    );
    for (const name of ['declared', 'streamed']) {
      await expectTooLarge(`https://replicate.delivery/${name}.png`, {});
    }
  });

  it('reads a streamed body without Content-Length in full', async () => {
    server.use(
      http.get(
        'https://replicate.delivery/chunks.png',
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                for (let i = 0; i < png.length; i += 7) controller.enqueue(png.slice(i, i + 7));
                controller.close();
              },
            }),
          ),
      ),
    );
    const result = await downloadOutput('https://replicate.delivery/chunks.png', {
      allowedHosts: hosts,
    });
    expect(Buffer.from(result.bytes).equals(Buffer.from(png))).toBe(true);
  });

  it('refuses an oversized body that its declared length does not bound', async () => {
    const body = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(png);
          for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(512));
          controller.close();
        },
      });
    // Compressed: the declared length is of the compressed bytes, not of what is read.
    const compressed: typeof fetch = async () =>
      new Response(body(), { headers: { 'content-length': '100', 'content-encoding': 'gzip' } });
    // A fetch stand-in that does not hold the body to its declared length.
    const lying: typeof fetch = async () =>
      new Response(body(), { headers: { 'content-length': '100' } });
    for (const fetchFn of [compressed, lying]) {
      await expectTooLarge('https://replicate.delivery/x.png', { fetch: fetchFn });
    }
  });

  it('retries a declared-length body that is cut off, then returns the whole image', async () => {
    let calls = 0;
    const fetchFn: typeof fetch = async () => {
      calls++;
      const cut = calls === 1;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(png.subarray(0, 10));
          if (cut) controller.error(new TypeError('terminated'));
          else {
            controller.enqueue(png.subarray(10));
            controller.close();
          }
        },
      });
      return new Response(stream, { headers: { 'content-length': String(png.length) } });
    };
    const result = await downloadOutput('https://replicate.delivery/cut.png', {
      allowedHosts: hosts,
      fetch: fetchFn,
      ...fast,
    });
    expect(calls).toBe(2);
    expect(Buffer.from(result.bytes).equals(Buffer.from(png))).toBe(true);
  });

  it('times out a download that takes too long', async () => {
    // The host never answers; it records whether the request it holds was aborted.
    let upstreamAborted = false;
    server.use(
      http.get('https://replicate.delivery/slow.png', async ({ request }) => {
        await new Promise<void>((resolve) =>
          request.signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        upstreamAborted = true;
        return HttpResponse.arrayBuffer(png.slice().buffer);
      }),
    );
    const error = await downloadOutput('https://replicate.delivery/slow.png', {
      allowedHosts: hosts,
      timeoutMs: 50,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    await vi.waitFor(() => expect(upstreamAborted).toBe(true));
  });

  it('stops with CanceledError when the caller aborts', async () => {
    server.use(
      http.get('https://replicate.delivery/slow.png', async () => {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        return HttpResponse.arrayBuffer(png.slice().buffer);
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await downloadOutput('https://replicate.delivery/slow.png', {
      allowedHosts: hosts,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanceledError);
  });

  it('rejects bytes that are not an image', async () => {
    server.use(
      http.get('https://replicate.delivery/page.png', () =>
        HttpResponse.html('<html><body>Not found</body></html>'),
      ),
    );
    const error = await downloadOutput('https://replicate.delivery/page.png', {
      allowedHosts: hosts,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputNotImageError);
    expect((error as Error).message).toContain('text/html');
  });
});
