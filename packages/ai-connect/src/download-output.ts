// Fetches a provider's output file at once (hosted outputs expire), only from allowed hosts,
// never with a credential, with a size cap, a timeout and safe retries, and checks it is an image.
import {
  abortError,
  anySignal,
  defaultSleep,
  isAbortError,
  type SleepFn,
} from './providers/provider-utils';
import { sniffImageType } from './sniff-image';
import { OutputNotImageError, ProviderError, TimeoutError } from './spec/errors';

export interface DownloadOutputOptions {
  /**
   * Hosts the URL may point at: exact names (`replicate.delivery`, `127.0.0.1:8080`) or
   * `*.domain` wildcards, which match subdomains only. Plain `http:` is accepted only for
   * hosts listed exactly (local fakes); everything else must be `https:`.
   */
  allowedHosts: string[];
  /** Default `globalThis.fetch`. Never given a credential. */
  fetch?: typeof fetch;
  /** Largest body accepted. Default 25 MB. */
  maxBytes?: number;
  /** Time for the whole download, retries included. Default 30 000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Provider name for the errors. Default `'unknown'`. */
  provider?: string;
  /** Extra attempts after a 5xx or a network fault. Default 2. */
  retries?: number;
  /** Sleep seam between retries, for tests. */
  sleep?: SleepFn;
}

export interface DownloadedOutput {
  bytes: Uint8Array;
  mediaType: string;
}

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 3;

/** Whether `url` may be fetched under `allowedHosts` (see {@link DownloadOutputOptions}). */
export function isAllowedOutputUrl(url: URL, allowedHosts: readonly string[]): boolean {
  const hostname = url.hostname.toLowerCase();
  const host = url.host.toLowerCase();
  let exact = false;
  let wildcard = false;
  for (const raw of allowedHosts) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.startsWith('*.')) {
      const suffix = entry.slice(1); // ".domain"
      if (hostname.endsWith(suffix) && hostname.length > suffix.length) wildcard = true;
    } else if (entry === hostname || entry === host) {
      exact = true;
    }
  }
  if (url.protocol === 'https:') return exact || wildcard;
  return url.protocol === 'http:' && exact;
}

/** An attempt's failure that another attempt may cure (5xx, network fault mid-body). */
class TransientDownloadError extends Error {}

/**
 * Downloads an output image. Throws ProviderError for a disallowed host, an expired output
 * (404/410), too many bytes or repeated server faults; OutputNotImageError when the bytes are
 * not an image; CanceledError / TimeoutError on abort or timeout.
 *
 * @example
 * const { bytes, mediaType } = await downloadOutput(url, { allowedHosts: ['replicate.delivery'] });
 */
export async function downloadOutput(
  url: string,
  options: DownloadOutputOptions,
): Promise<DownloadedOutput> {
  const provider = options.provider ?? 'unknown';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const retries = options.retries ?? 2;
  const sleep = options.sleep ?? defaultSleep;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = anySignal(options.signal, timeout) as AbortSignal;

  const stopped = () => {
    if (options.signal?.aborted) return abortError(options.signal, provider);
    return new TimeoutError(`Downloading the output took longer than allowed.`, { provider });
  };

  for (let attempt = 0; ; attempt++) {
    try {
      return await downloadOnce(url, { ...options, provider, maxBytes, fetchFn, signal });
    } catch (error) {
      if (signal.aborted) throw stopped();
      if (!(error instanceof TransientDownloadError) || attempt >= retries) {
        if (error instanceof TransientDownloadError) {
          throw new ProviderError(`Could not download the output: ${error.message}`, {
            provider,
            retryable: false,
          });
        }
        throw error;
      }
      try {
        await sleep(150 * 2 ** attempt, signal);
      } catch {
        throw stopped();
      }
    }
  }
}

async function downloadOnce(
  url: string,
  options: DownloadOutputOptions & {
    provider: string;
    maxBytes: number;
    fetchFn: typeof fetch;
    signal: AbortSignal;
  },
): Promise<DownloadedOutput> {
  const { provider, maxBytes, signal } = options;
  let current = parseUrl(url, provider);
  let response: Response;
  for (let hop = 0; ; hop++) {
    if (!isAllowedOutputUrl(current, options.allowedHosts)) {
      throw new ProviderError(
        `The output is on ${current.protocol}//${current.host}, which is not an allowed output host. ` +
          'Add it to the provider\u2019s output hosts (e.g. REPLICATE_OUTPUT_HOSTS) if you trust it.',
        { provider, retryable: false },
      );
    }
    try {
      // Redirects are followed by hand so every hop is checked against the allowlist.
      response = await options.fetchFn(current, {
        method: 'GET',
        headers: { accept: 'image/*' },
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      if (isAbortError(error, signal)) throw error;
      throw new TransientDownloadError(error instanceof Error ? error.message : String(error));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      discard(response);
      if (hop >= MAX_REDIRECTS) {
        throw new ProviderError('The output URL redirected too many times.', { provider });
      }
      current = parseUrl(new URL(location, current).href, provider);
      continue;
    }
    break;
  }

  if (response.status === 404 || response.status === 410) {
    discard(response);
    throw new ProviderError(
      `The output expired (HTTP ${response.status}) before it could be downloaded; generate again.`,
      { provider, status: response.status, retryable: false },
    );
  }
  if (response.status >= 500 || response.status === 429) {
    discard(response);
    throw new TransientDownloadError(`HTTP ${response.status}`);
  }
  if (!response.ok) {
    discard(response);
    throw new ProviderError(`Downloading the output failed with HTTP ${response.status}.`, {
      provider,
      status: response.status,
      retryable: false,
    });
  }

  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(response);
    throw tooLarge(maxBytes, provider);
  }
  const bytes = await readBody(response, maxBytes, Number.isFinite(declared) ? declared : -1, {
    provider,
    signal,
  });
  const mediaType = sniffImageType(bytes);
  if (!mediaType) {
    const claimed = response.headers.get('content-type') ?? 'no content type';
    throw new OutputNotImageError(
      `The provider's output is not a PNG, JPEG, WebP, GIF or AVIF image (it says ${claimed}).`,
      { provider },
    );
  }
  return { bytes, mediaType };
}

/**
 * Reads the body once. When the server declared its length (already checked against
 * `maxBytes`) and did not compress the body, HTTP bounds it to that length, so the runtime's
 * own `arrayBuffer()` reads it (the fastest way; the length is checked again after, for a
 * `fetch` stand-in that does not enforce it). Otherwise a compressed or undeclared body is read
 * chunk by chunk and reading stops as soon as it passes `maxBytes`.
 */
async function readBody(
  response: Response,
  maxBytes: number,
  declared: number,
  context: { provider: string; signal: AbortSignal },
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase();
  if (declared >= 0 && (!encoding || encoding === 'identity')) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw cutOff(error, context.signal);
    }
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes, context.provider);
    return bytes;
  }
  return readChunks(response.body, maxBytes, context);
}

/** Reads a body chunk by chunk, stopping as soon as it passes `maxBytes`. */
async function readChunks(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  context: { provider: string; signal: AbortSignal },
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.byteLength > maxBytes) {
        // Not awaited: some stream sources never settle a cancel, and we are done either way.
        reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes, context.provider);
      }
      chunks.push(value);
      length += value.byteLength;
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw cutOff(error, context.signal);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A body that stopped before its end: worth another try, unless the caller aborted. */
function cutOff(error: unknown, signal: AbortSignal): unknown {
  if (isAbortError(error, signal)) return error;
  return new TransientDownloadError(
    `the body was cut off (${error instanceof Error ? error.message : String(error)})`,
  );
}

/** Drops a body we will not read, without waiting on it. */
function discard(response: Response) {
  response.body?.cancel().catch(() => undefined);
}

function tooLarge(maxBytes: number, provider: string) {
  return new ProviderError(
    `The output is larger than the ${maxBytes >= 1048576 ? `${Math.round(maxBytes / 1048576)} MB` : `${maxBytes} bytes`} allowed.`,
    { provider, retryable: false },
  );
}

function parseUrl(url: string, provider: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new ProviderError('The provider returned an output that is not a URL.', {
      provider,
      retryable: false,
    });
  }
}
