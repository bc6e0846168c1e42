// Fetches a public URL on a browser's behalf without letting it reach anything private: each
// hop's host is resolved once, every address checked, and the connection made to the checked
// address (so a second DNS answer cannot rebind it); redirects are followed by hand and
// checked the same way; the body is counted as it streams, cut at the cap, and sniffed.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { HttpError } from './errors';
import { isMarkupType, MEDIA_SNIFF_BYTES, type SniffedMedia, sniffMedia } from './media-sniff';
import {
  assertAllowedAddress,
  checkUrl,
  DEFAULT_ALLOWED_PORTS,
  UrlRefusedError,
} from './url-guard';

/** One DNS answer. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has. Injectable so tests can play DNS. */
export type UrlFetchLookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** Options of the URL fetch (`createImageServer({ urlFetch })`). */
export interface UrlFetchOptions {
  /** Serve `POST {base}/fetch` at all. Default true; false answers 404. */
  enabled?: boolean;
  /** Largest body passed on, counted as it streams. Default 25 MB. */
  maxBytes?: number;
  /** Time for the whole fetch, redirects included, before a 504. Default 15 s. */
  timeoutMs?: number;
  /** Redirects followed (each one checked like the first address). Default 5. */
  maxRedirects?: number;
  /**
   * Ports that may be fetched, or `'any'`. Default 80, 443, 8080 and 8443: the ports public
   * files are served from, and not those of databases or admin consoles on a reachable host.
   */
  allowedPorts?: readonly number[] | 'any';
  /**
   * Fetches running at once in this process; past it the route answers 429 `server_busy`.
   * Each may hold up to `maxBytes` in memory. Default 8.
   */
  maxConcurrent?: number;
  /** Let loopback addresses (127.0.0.0/8, ::1, localhost) through. For tests only. */
  allowLoopback?: boolean;
  /** DNS for the fetch. Default: the system resolver, every address (`dns.lookup` `all`). */
  lookup?: UrlFetchLookup;
  /** The `User-Agent` sent upstream. */
  userAgent?: string;
}

/** {@link UrlFetchOptions} with the defaults filled in. */
export type ResolvedUrlFetchOptions = Required<Omit<UrlFetchOptions, 'lookup'>> & {
  lookup: UrlFetchLookup;
};

export const DEFAULT_USER_AGENT =
  'MediaLoft-URL-Import/1 (fetches one public file a user asked to import)';

const systemLookup: UrlFetchLookup = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export function resolveUrlFetchOptions(options: UrlFetchOptions = {}): ResolvedUrlFetchOptions {
  return {
    enabled: options.enabled ?? true,
    maxBytes: options.maxBytes ?? 25 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxRedirects: options.maxRedirects ?? 5,
    maxConcurrent: options.maxConcurrent ?? 8,
    allowedPorts: options.allowedPorts ?? DEFAULT_ALLOWED_PORTS,
    allowLoopback: options.allowLoopback ?? false,
    lookup: options.lookup ?? systemLookup,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
  };
}

/** A fetched file, checked: its bytes, what they are, and where they finally came from. */
export interface FetchedFile extends SniffedMedia {
  bytes: Uint8Array<ArrayBuffer>;
  finalUrl: URL;
}

/** Hooks for the log: what was refused, and where a request went. */
export interface UrlFetchEvents {
  onRefused?(detail: { url: string; address?: string; reason: string }): void;
}

// The only headers that go upstream: nothing from the browser's request (cookies, the host
// app's Authorization) and nothing of the server's, so no credential can leak to the site.
const ACCEPT =
  'image/*, video/*, audio/*, application/pdf;q=0.9, text/plain;q=0.8, text/*;q=0.5, */*;q=0.1';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches `input` for a browser: http(s) only, public addresses only (checked after DNS and
 * after every redirect, connected to the address that was checked), at most `maxBytes`,
 * within `timeoutMs`, and only media the library imports (sniffed from the bytes).
 *
 * @throws HttpError 400 `invalid_request` (not a URL, an unknown host) or `url_forbidden` (refused address,
 * scheme, port or credentials), 413 `payload_too_large`, 415 `unsupported_media_type`
 * (HTML, unknown bytes), 502 `fetch_failed` (the site failed or answered an error), 504
 * `timeout`, 499 `canceled` when `signal` aborts.
 *
 * @example
 * const file = await fetchPublicUrl('https://example.com/fox.png', resolveUrlFetchOptions());
 * file.mediaType; // 'image/png'
 */
export async function fetchPublicUrl(
  input: string,
  options: ResolvedUrlFetchOptions,
  signal?: AbortSignal,
  events: UrlFetchEvents = {},
): Promise<FetchedFile> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const failed = (error: unknown): never => {
    if (timeout.aborted) {
      throw new HttpError(
        504,
        'timeout',
        `The site did not send the file within ${formatMs(options.timeoutMs)}; try again later or download it and import it from disk.`,
        { retryable: true, cause: error },
      );
    }
    if (signal?.aborted) {
      throw new HttpError(499, 'canceled', 'The fetch was canceled.', { cause: error });
    }
    if (error instanceof HttpError) throw error;
    // The connection itself failed (refused, reset, a bad certificate): the site's side.
    const code = (error as { code?: string } | undefined)?.code;
    throw new HttpError(
      502,
      'fetch_failed',
      `Could not download the file from the site${code ? ` (${code})` : ''}; check the address, or try again later.`,
      { retryable: true, cause: error },
    );
  };

  let url = guard(input, options, events);
  try {
    for (let hop = 0; ; hop++) {
      const address = await resolveChecked(url, options, combined, events);
      const answer = await requestOnce(url, address, options, combined);
      if ('redirect' in answer) {
        if (hop >= options.maxRedirects) {
          throw new HttpError(
            502,
            'fetch_failed',
            `The site redirected more than ${options.maxRedirects} times; give the file's direct address.`,
          );
        }
        url = guard(new URL(answer.redirect, url).href, options, events);
        continue;
      }
      return { ...answer, finalUrl: url };
    }
  } catch (error) {
    return failed(error);
  }
}

/** The URL checks that need no DNS, as an HTTP error. */
function guard(input: string, options: ResolvedUrlFetchOptions, events: UrlFetchEvents): URL {
  if (!URL.canParse(input)) {
    throw new HttpError(
      400,
      'invalid_request',
      'The address is not a valid URL; give a full http(s):// address.',
      { field: 'url' },
    );
  }
  try {
    return checkUrl(input, options);
  } catch (error) {
    if (!(error instanceof UrlRefusedError)) throw error;
    events.onRefused?.({ url: input, reason: error.message });
    throw new HttpError(400, 'url_forbidden', error.message, { field: 'url', cause: error });
  }
}

/** Resolves the URL's host once and checks every address it has; returns the one to use. */
async function resolveChecked(
  url: URL,
  options: ResolvedUrlFetchOptions,
  signal: AbortSignal,
  events: UrlFetchEvents,
): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  let answers: ResolvedAddress[];
  if (literal !== 0) {
    answers = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      answers = await abortable(options.lookup(host), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'ENOTFOUND' || code === 'ENODATA') {
        throw new HttpError(
          400,
          'invalid_request',
          `The host ${host} does not exist; check the address.`,
          { field: 'url', cause: error },
        );
      }
      throw new HttpError(
        502,
        'fetch_failed',
        `The host ${host} could not be looked up; try again later.`,
        { retryable: true, cause: error },
      );
    }
  }
  if (answers.length === 0) {
    throw new HttpError(400, 'invalid_request', `The host ${host} has no address.`, {
      field: 'url',
    });
  }
  // Every answer, not just the first: a host that also points inside is refused outright.
  for (const answer of answers) {
    try {
      assertAllowedAddress(host, answer.address, options);
    } catch (error) {
      if (!(error instanceof UrlRefusedError)) throw error;
      events.onRefused?.({ url: url.href, address: answer.address, reason: error.message });
      throw new HttpError(400, 'url_forbidden', error.message, { field: 'url', cause: error });
    }
  }
  return answers[0] as ResolvedAddress;
}

/** A DNS lookup that always answers `checked`: the connection goes where the check said. */
function pinnedLookup(checked: ResolvedAddress): LookupFunction {
  return (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as (e: null, a: ResolvedAddress[]) => void)(null, [checked]);
    } else {
      callback(null, checked.address, checked.family);
    }
  };
}

type HopAnswer = { redirect: string } | (SniffedMedia & { bytes: Uint8Array<ArrayBuffer> });

/** One GET to `url` at `address`: a redirect to follow, or the checked body. */
function requestOnce(
  url: URL,
  address: ResolvedAddress,
  options: ResolvedUrlFetchOptions,
  signal: AbortSignal,
): Promise<HopAnswer> {
  return new Promise<HopAnswer>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'GET',
      headers: {
        'user-agent': options.userAgent,
        accept: ACCEPT,
        // Compressed bodies would dodge the byte count and the sniff.
        'accept-encoding': 'identity',
      },
      // A fresh connection per hop, never a pooled one made for another address.
      agent: false,
      lookup: pinnedLookup(address),
      signal,
      maxHeaderSize: 16 * 1024,
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        response.resume();
        resolve({ redirect: location });
        return;
      }
      let stopped = false;
      const stop = (error: HttpError) => {
        stopped = true;
        request.destroy();
        reject(error);
      };
      if (status < 200 || status > 299) {
        response.resume();
        stop(
          new HttpError(
            502,
            'fetch_failed',
            `The site answered HTTP ${status}${REDIRECTS.has(status) ? ' without a Location' : ''}; check the address.`,
            { retryable: status >= 500 || status === 429 },
          ),
        );
        return;
      }
      const declared = (response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      if (isMarkupType(declared.toLowerCase())) {
        stop(notMedia(`The address is a web page (${declared}), not a file`));
        return;
      }
      const length = Number(response.headers['content-length']);
      if (Number.isFinite(length) && length > options.maxBytes) {
        stop(tooLarge(options.maxBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let sniffed: SniffedMedia | undefined;
      const sniff = () => {
        sniffed = sniffMedia(new Uint8Array(Buffer.concat(chunks)), declared);
        return sniffed;
      };
      response.on('data', (chunk: Buffer) => {
        if (stopped) return;
        size += chunk.length;
        if (size > options.maxBytes) {
          stop(tooLarge(options.maxBytes));
          return;
        }
        chunks.push(chunk);
        // Decide early, so a large file that is not media is not downloaded in full.
        if (!sniffed && size - chunk.length < MEDIA_SNIFF_BYTES && size >= MEDIA_SNIFF_BYTES) {
          if (!sniff()) stop(notMedia('The file is not an image, video, audio, PDF or text file'));
        }
      });
      response.on('error', reject);
      response.on('end', () => {
        if (stopped) return;
        const kind = sniffed ?? sniff();
        if (!kind) {
          reject(notMedia('The file is not an image, video, audio, PDF or text file'));
          return;
        }
        // Its own ArrayBuffer: small Buffers share a pool with unrelated memory.
        const bytes = new Uint8Array(size);
        let offset = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, offset);
          offset += chunk.length;
        }
        resolve({ ...kind, bytes });
      });
    });
    request.end();
  });
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `The file is larger than ${formatBytes(maxBytes)}, the most this server fetches; download it and import it from disk.`,
  );
}

const formatMs = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

function notMedia(what: string): HttpError {
  return new HttpError(
    415,
    'unsupported_media_type',
    `${what}; only images, video, audio, PDF and plain text can be imported from an address.`,
  );
}

/** `promise`, or a rejection as soon as `signal` aborts (DNS lookups cannot be canceled). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
