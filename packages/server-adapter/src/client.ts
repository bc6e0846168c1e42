// The browser client of the image server: a MediaAIGenerator for the media library that
// talks to it over the wire protocol. Browser-safe: fetch, File and streams only, no key.

import { createRemoteEditor, type RemoteEditor } from './client-edit';
import { fileNameFromDisposition, fileNameFromUrl, generatedFileName } from './client-file-names';
import { partialFromEvent } from './client-partials';
import { createRemoteTransformer, type RemoteImageTransformer } from './client-transform';
import type {
  DoneEvent,
  EncodedImage,
  ErrorBody,
  EstimateResponse,
  GenerateResponse,
  ImageMetadata,
  ModelInfo,
  ModelsResponse,
  ProgressEvent,
} from './protocol';
import { readServerSentEvents } from './sse-reader';

// The wire's types, for hosts that read the server's answers themselves; the schemas stay on
// the server, so the client pulls in no zod.
export type {
  DoneEvent,
  EncodedImage,
  ErrorBody,
  ErrorCode,
  EstimateResponse,
  FetchRequest,
  GenerateRequest,
  GenerateResponse,
  HealthResponse,
  ImageEvent,
  ImageMetadata,
  ModelInfo,
  ModelsResponse,
  PlatformFormat,
  ProgressEvent,
  SseEventName,
  TransformOptions,
} from './protocol';

// The media library's generator contract, repeated structurally: the server package must not
// depend on the media library, and TypeScript matches these shapes to its own.

export interface MediaAIGenerateRequest {
  prompt: string;
  width: number;
  height: number;
  model?: string;
  negativePrompt?: string;
  steps?: number;
  seed?: number;
  n?: number;
}

export type MediaAIGeneratedImageMetadata = Partial<ImageMetadata>;

export interface MediaAIGeneratedImage {
  file: File;
  metadata?: MediaAIGeneratedImageMetadata;
}

export interface MediaAIProgress {
  stage: string;
  percent?: number;
  message?: string;
}

export interface MediaAIGenerateOptions {
  signal?: AbortSignal;
  onProgress?: (progress: MediaAIProgress) => void;
  /**
   * Called once the server has started a resumable job, with the token that continues it
   * (`resumeJob`) or cancels it (`cancelJob`) from this or another page.
   */
  onJob?: (job: { token: string }) => void;
  /**
   * Previews while the images render, where the model streams them: image `index`,
   * `partialIndex` counting up, the preview's bytes as `file` (and as `blob`, the name the
   * media library's contract reads). Asking for them reads the event stream.
   */
  onPartialImage?: (partial: {
    index: number;
    partialIndex: number;
    file: Blob;
    blob: Blob;
  }) => void;
}

/**
 * Fetches a URL for the media library's URL import and resolves its bytes (the media
 * library's `MediaUrlFetcher`).
 */
export type MediaUrlFetcher = (url: string, options: { signal?: AbortSignal }) => Promise<Blob>;

export interface MediaAIGenerator {
  generateImages(
    request: MediaAIGenerateRequest,
    options?: MediaAIGenerateOptions,
  ): Promise<MediaAIGeneratedImage[]>;
  listModels?(): Promise<ModelInfo[]>;
  /** When present, the library's URL import fetches through it instead of from the page. */
  fetchUrl?: MediaUrlFetcher;
  /** Continues a job started with `onJob`, e.g. after a reload. */
  resumeJob?(token: string, options?: MediaAIGenerateOptions): Promise<MediaAIGeneratedImage[]>;
  /** Cancels a job started with `onJob` upstream. */
  cancelJob?(token: string): Promise<void>;
}

/** What {@link createRemoteUrlFetcher} returns: a `MediaUrlFetcher` that resolves a `File`. */
export type RemoteUrlFetcher = (url: string, options?: { signal?: AbortSignal }) => Promise<File>;

/** What {@link createRemoteGenerator} returns: the generator plus the server's extras. */
export interface RemoteGenerator extends MediaAIGenerator {
  /** Edits an image through `POST {base}/images/edit`; see {@link createRemoteEditor}. */
  editImages: RemoteEditor['editImages'];
  /**
   * Resizes an image to cover an exact size through `POST {base}/images/transform`; see
   * {@link createRemoteTransformer}.
   */
  transformImage: RemoteImageTransformer;
  listModels(): Promise<ModelInfo[]>;
  /** What a request would cost, without running it. */
  estimate(
    request: MediaAIGenerateRequest,
    options?: { signal?: AbortSignal },
  ): Promise<EstimateResponse>;
  /**
   * Fetches a public URL through the server (`POST {base}/fetch`), for sites that send no
   * CORS headers; see {@link createRemoteUrlFetcher}.
   */
  fetchUrl: RemoteUrlFetcher;
  /**
   * Continues the job of `token` (`GET {base}/images/jobs/{token}`): the same progress and
   * images as the generation that started it, resumed again if the connection drops. Rejects
   * with the server's code for a token it refuses (`job_token_invalid`, `job_token_foreign`,
   * `job_token_expired`, `job_not_found`) or with the job's own failure.
   */
  resumeJob(token: string, options?: MediaAIGenerateOptions): Promise<MediaAIGeneratedImage[]>;
  /** Cancels the job of `token` upstream (`DELETE {base}/images/jobs/{token}`). */
  cancelJob(token: string): Promise<void>;
}

export interface RemoteGeneratorOptions {
  /** The server's API base, e.g. `https://api.example.com/api/ai` or `/api/ai`. */
  baseUrl: string;
  /** Default `globalThis.fetch`. Tests pass one bound to an in-process app. */
  fetch?: typeof fetch;
  /**
   * Extra headers on every request, e.g. the host app's own session token (never a provider
   * key: the server holds those). A function is called per request.
   */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /**
   * Ask for resumable jobs on the event stream (default true): a dropped connection then
   * leaves the job running upstream and the client continues it; false makes a disconnect
   * cancel the job, as before.
   */
  resumable?: boolean;
  /** Reconnections tried after a resumable job's stream drops, before `network_error`. Default 3. */
  resumeAttempts?: number;
  /** Wait before the first reconnection, doubled for each next one. Default 500 ms. */
  resumeBackoffMs?: number;
}

/** Every failure of the client: the server's error code, or `network_error` / `canceled`. */
export class RemoteGeneratorError extends Error {
  /** The wire code (`invalid_request`, `rate_limited`, ...), `network_error` or `canceled`. */
  readonly code: string;
  readonly retryable: boolean;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly requestId: string | undefined;
  /** The request field at fault, for `invalid_request`. */
  readonly field: string | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(
    code: string,
    message: string,
    details: {
      retryable?: boolean;
      status?: number;
      requestId?: string;
      field?: string;
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'RemoteGeneratorError';
    this.code = code;
    this.retryable = details.retryable ?? false;
    this.status = details.status ?? 0;
    this.requestId = details.requestId;
    this.field = details.field;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * A `MediaAIGenerator` backed by the image server. With `onProgress` or `onJob` it reads the
 * event stream; otherwise it asks for the raw image (one image) or JSON (several). Aborting
 * the signal aborts the fetch; the server sees the disconnect and cancels the provider's work.
 *
 * On the event stream the job is resumable (unless `resumable: false`): the server's `job`
 * event reaches `onJob` with its token, a connection that drops (not the caller's abort) is
 * continued through `GET {base}/images/jobs/{token}` up to `resumeAttempts` times with a
 * doubling wait, and the caller's abort cancels the job upstream (`DELETE`) before rejecting.
 *
 * @example
 * const generator = createRemoteGenerator({ baseUrl: '/api/ai' });
 * const [image] = await generator.generateImages(
 *   { prompt: 'a red fox in snow', width: 1024, height: 1024 },
 *   { signal: controller.signal, onProgress: (p) => console.log(p.stage, p.percent) },
 * );
 * image.file; // File "ai-replicate-sdxl-42.png", image/png
 */
export function createRemoteGenerator(options: RemoteGeneratorOptions): RemoteGenerator {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request(
    path: string,
    init: { method: string; accept: string; body?: unknown; signal?: AbortSignal },
  ): Promise<Response> {
    const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
    const headers = new Headers(extra);
    headers.set('Accept', init.accept);
    if (init.body !== undefined) headers.set('Content-Type', 'application/json');
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: init.method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      });
    } catch (error) {
      throw init.signal?.aborted ? canceled(error) : networkError(error);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  async function generateImages(
    req: MediaAIGenerateRequest,
    opts: MediaAIGenerateOptions = {},
  ): Promise<MediaAIGeneratedImage[]> {
    const { signal, onProgress, onJob } = opts;
    if (signal?.aborted) throw canceled(signal.reason);
    const body = toWireRequest(req);
    try {
      if (onProgress || onJob || opts.onPartialImage) {
        if (options.resumable !== false) body.resumable = true;
        const response = await request('/images/generate', {
          method: 'POST',
          accept: 'text/event-stream',
          body,
          signal,
        });
        return await followJob(response, undefined, opts);
      }
      if ((req.n ?? 1) > 1) {
        const response = await request('/images/generate', {
          method: 'POST',
          accept: 'application/json',
          body,
          signal,
        });
        const json = (await response.json()) as GenerateResponse;
        return json.images.map(decodeImage);
      }
      const response = await request('/images/generate', {
        method: 'POST',
        accept: 'image/*',
        body,
        signal,
      });
      return [await imageFromResponse(response, req)];
    } catch (error) {
      if (error instanceof RemoteGeneratorError) throw error;
      throw signal?.aborted ? canceled(error) : networkError(error);
    }
  }

  /**
   * Reads a generation's event stream to its end, reconnecting to the job while it can. A
   * `job` event names the token; each reconnection may send the images again, so they are
   * kept by index.
   */
  async function followJob(
    first: Response,
    knownToken: string | undefined,
    opts: MediaAIGenerateOptions,
  ): Promise<MediaAIGeneratedImage[]> {
    const { signal, onProgress, onJob } = opts;
    const job: StreamState = { token: knownToken, images: new Map(), doneReported: false };
    let response = first;
    let failures = 0;
    for (;;) {
      let images: MediaAIGeneratedImage[] | undefined;
      try {
        images = await readJobStream(response, job, onProgress, onJob, signal, opts.onPartialImage);
      } catch (error) {
        // An `error` event is the job's own end; anything else is the connection.
        if (error instanceof RemoteGeneratorError) throw error;
        if (!signal?.aborted && !job.token) throw networkError(error);
      }
      if (images) return images;
      if (signal?.aborted) throw await cancelOnAbort(job.token, signal.reason);
      if (!job.token) {
        throw networkError(new Error('The event stream ended before the images arrived.'));
      }
      // The job goes on upstream: continue it, a bounded number of times.
      for (;;) {
        if (failures >= (options.resumeAttempts ?? 3)) {
          throw networkError(new Error('The job could not be reached again; resume it later.'));
        }
        const wait = (options.resumeBackoffMs ?? 500) * 2 ** failures++;
        try {
          await sleep(wait, signal);
          response = await request(`/images/jobs/${encodeURIComponent(job.token)}`, {
            method: 'GET',
            accept: 'text/event-stream',
            signal,
          });
          break;
        } catch (error) {
          if (signal?.aborted) throw await cancelOnAbort(job.token, signal.reason);
          if (!(error instanceof RemoteGeneratorError) || error.code !== 'network_error') {
            throw error;
          }
        }
      }
    }
  }

  /** The images on `done`; undefined when the stream ended without it. */
  async function readJobStream(
    response: Response,
    job: StreamState,
    onProgress: MediaAIGenerateOptions['onProgress'],
    onJob: MediaAIGenerateOptions['onJob'],
    signal: AbortSignal | undefined,
    onPartialImage?: MediaAIGenerateOptions['onPartialImage'],
  ): Promise<MediaAIGeneratedImage[] | undefined> {
    if (!response.body) return undefined;
    let result: MediaAIGeneratedImage[] | undefined;
    // Read on to the end after `done` (the server closes right after it) rather than cancel a
    // stream that is already complete.
    for await (const { event, data } of untilAborted(readServerSentEvents(response.body), signal)) {
      if (result) continue;
      if (event === 'job') {
        const announced = JSON.parse(data) as { token?: unknown; resumable?: unknown };
        if (announced.resumable === true && typeof announced.token === 'string' && !job.token) {
          job.token = announced.token;
          onJob?.({ token: announced.token });
        }
      } else if (event === 'progress') {
        const progress = JSON.parse(data) as ProgressEvent;
        job.doneReported ||= progress.stage === 'done';
        onProgress?.(progress);
      } else if (event === 'partial') {
        const partial = onPartialImage && partialFromEvent(data);
        if (partial) onPartialImage?.(partial);
      } else if (event === 'image') {
        const encoded = JSON.parse(data) as EncodedImage;
        job.images.set(encoded.index ?? job.images.size, decodeImage(encoded));
      } else if (event === 'error') {
        throw errorFromBody(JSON.parse(data) as ErrorBody, response.status);
      } else if (event === 'done') {
        const done = JSON.parse(data) as DoneEvent;
        if (!job.doneReported) onProgress?.({ stage: 'done', percent: 100 });
        const images = [...job.images.entries()].sort(([a], [b]) => a - b).map(([, i]) => i);
        if (images.length < done.images) {
          throw new RemoteGeneratorError(
            'provider_error',
            `The server announced ${done.images} images but sent ${images.length}.`,
            { retryable: true, status: response.status, requestId: done.requestId },
          );
        }
        result = images;
      }
    }
    return result;
  }

  /** The caller's abort of a resumable job also stops it upstream, where it would go on. */
  async function cancelOnAbort(
    token: string | undefined,
    reason: unknown,
  ): Promise<RemoteGeneratorError> {
    if (token) await cancelJob(token, AbortSignal.timeout(10_000)).catch(() => undefined);
    return canceled(reason);
  }

  async function cancelJob(token: string, signal?: AbortSignal): Promise<void> {
    const response = await request(`/images/jobs/${encodeURIComponent(token)}`, {
      method: 'DELETE',
      accept: 'application/json',
      ...(signal ? { signal } : {}),
    });
    await response.json().catch(() => undefined);
  }

  async function resumeJob(
    token: string,
    opts: MediaAIGenerateOptions = {},
  ): Promise<MediaAIGeneratedImage[]> {
    const { signal } = opts;
    if (signal?.aborted) throw canceled(signal.reason);
    let response: Response;
    try {
      response = await request(`/images/jobs/${encodeURIComponent(token)}`, {
        method: 'GET',
        accept: 'text/event-stream',
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw await cancelOnAbort(token, signal.reason);
      throw error;
    }
    return followJob(response, token, opts);
  }

  return {
    generateImages,
    editImages: createRemoteEditor(options).editImages,
    transformImage: createRemoteTransformer(options),
    resumeJob,
    cancelJob: (token) => cancelJob(token),
    async listModels() {
      const response = await request('/models', { method: 'GET', accept: 'application/json' });
      const json = (await response.json()) as ModelsResponse;
      return json.models;
    },
    fetchUrl: createRemoteUrlFetcher(options),
    async estimate(req, opts = {}) {
      const response = await request('/images/estimate', {
        method: 'POST',
        accept: 'application/json',
        body: toWireRequest(req),
        signal: opts.signal,
      });
      return (await response.json()) as EstimateResponse;
    },
  };
}

/**
 * Fetches public URLs through the image server (`POST {base}/fetch`), so the media library's
 * URL import works for sites that send no CORS headers: the server fetches the file (public
 * addresses only, size- and time-capped) and answers its bytes. Resolves a `File` named from
 * the server's `Content-Disposition` (else the URL), typed by the server's sniff. Rejects with
 * `RemoteGeneratorError`: the server's code (`url_forbidden`, `fetch_failed`,
 * `payload_too_large`, `unsupported_media_type`, `timeout`, ...), `network_error` or
 * `canceled`.
 *
 * `createRemoteGenerator` returns the same function as its `fetchUrl`, which the media
 * library's React layer uses by itself; this standalone form suits an app without a
 * generator (pass it to `createMediaLibrary({ urlFetcher })`).
 *
 * @example
 * const library = createMediaLibrary({ urlFetcher: createRemoteUrlFetcher({ baseUrl: '/api/ai' }) });
 * await library.importFromUrl('https://example.com/photo.jpg');
 */
export function createRemoteUrlFetcher(options: RemoteGeneratorOptions): RemoteUrlFetcher {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async function fetchUrl(url, { signal } = {}) {
    if (signal?.aborted) throw fetchCanceled(signal.reason);
    const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
    const headers = new Headers(extra);
    headers.set('Accept', '*/*');
    headers.set('Content-Type', 'application/json');
    let response: Response;
    try {
      response = await doFetch(`${base}/fetch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ url }),
        signal,
      });
    } catch (error) {
      throw signal?.aborted ? fetchCanceled(error) : networkError(error);
    }
    if (!response.ok) throw await errorFromResponse(response);
    try {
      const bytes = await response.arrayBuffer();
      const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() || '';
      const name =
        fileNameFromDisposition(response.headers.get('content-disposition')) ??
        fileNameFromUrl(response.headers.get('x-source-url') ?? url);
      return new File([bytes], name, { type });
    } catch (error) {
      throw signal?.aborted ? fetchCanceled(error) : networkError(error);
    }
  };
}

interface StreamState {
  token: string | undefined;
  images: Map<number, MediaAIGeneratedImage>;
  doneReported: boolean;
}

/**
 * The messages of `source` until `signal` fires. Some fetch implementations leave a body's
 * read pending after the request's abort; this ends the loop at the abort all the same.
 */
async function* untilAborted<T>(
  source: AsyncGenerator<T>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  if (!signal) {
    yield* source;
    return;
  }
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    for (;;) {
      const next = await Promise.race([source.next(), aborted]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Not awaited: its cleanup may wait on the very read that never settles.
    source.return(undefined).catch(() => undefined);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Only the fields the protocol knows, so stray properties never reach the server. */
function toWireRequest(req: MediaAIGenerateRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    prompt: req.prompt,
    width: req.width,
    height: req.height,
  };
  for (const key of ['model', 'negativePrompt', 'steps', 'seed', 'n'] as const) {
    if (req[key] !== undefined) body[key] = req[key];
  }
  return body;
}

function decodeImage(image: EncodedImage): MediaAIGeneratedImage {
  const binary = atob(image.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const name = generatedFileName(
    image.metadata.model,
    image.metadata.seed,
    image.mediaType,
    image.index,
  );
  return { file: new File([bytes], name, { type: image.mediaType }), metadata: image.metadata };
}

async function imageFromResponse(
  response: Response,
  req: MediaAIGenerateRequest,
): Promise<MediaAIGeneratedImage> {
  const h = response.headers;
  const num = (name: string) => {
    const value = h.get(name);
    return value === null || value === '' || Number.isNaN(Number(value))
      ? undefined
      : Number(value);
  };
  const type = (h.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim();
  const metadata: MediaAIGeneratedImageMetadata = { prompt: req.prompt };
  const set = <K extends keyof MediaAIGeneratedImageMetadata>(
    key: K,
    value: MediaAIGeneratedImageMetadata[K] | undefined | null,
  ) => {
    if (value !== undefined && value !== null) metadata[key] = value;
  };
  set('provider', h.get('x-ai-provider'));
  set('model', h.get('x-ai-model'));
  set('seed', num('x-ai-seed'));
  set('steps', num('x-ai-steps'));
  set('width', num('x-ai-width') ?? req.width);
  set('height', num('x-ai-height') ?? req.height);
  set('createdAt', num('x-ai-created-at') ?? Date.now());
  set('costUsd', num('x-ai-cost-usd'));
  set('generationMs', num('x-ai-generation-ms'));
  set('requestId', h.get('x-request-id'));
  if (req.negativePrompt) metadata.negativePrompt = req.negativePrompt;
  const bytes = await response.arrayBuffer();
  const name = generatedFileName(metadata.model, metadata.seed, type);
  return { file: new File([bytes], name, { type }), metadata };
}

async function errorFromResponse(response: Response): Promise<RemoteGeneratorError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) return errorFromBody(body, response.status, response.headers);
  return new RemoteGeneratorError(
    response.status >= 500 ? 'provider_error' : 'invalid_request',
    `The server answered ${response.status} ${response.statusText || ''}`.trim(),
    {
      status: response.status,
      retryable: response.status >= 500 || response.status === 429,
      requestId: response.headers.get('x-request-id') ?? undefined,
    },
  );
}

function errorFromBody(body: ErrorBody, status: number, headers?: Headers): RemoteGeneratorError {
  const e = body.error;
  const retryAfter = headers?.get('retry-after');
  const retryAfterMs =
    e.retryAfterMs ??
    (retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined);
  return new RemoteGeneratorError(e.code, e.message, {
    retryable: e.retryable,
    status,
    requestId: e.requestId,
    field: e.field,
    retryAfterMs,
  });
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: Record<string, unknown> } | undefined)?.error;
  return (
    !!error &&
    typeof error === 'object' &&
    typeof error.code === 'string' &&
    typeof error.message === 'string'
  );
}

function canceled(cause: unknown): RemoteGeneratorError {
  return new RemoteGeneratorError('canceled', 'The generation was canceled.', { cause });
}

function fetchCanceled(cause: unknown): RemoteGeneratorError {
  return new RemoteGeneratorError('canceled', 'The download was canceled.', { cause });
}

function networkError(cause: unknown): RemoteGeneratorError {
  return new RemoteGeneratorError(
    'network_error',
    'Could not reach the image server; check the connection and try again.',
    { retryable: true, cause },
  );
}

export type {
  MediaAIEditOperation,
  MediaAIEditRequest,
  RemoteEditedImage,
  RemoteEditor,
} from './client-edit';
export { createRemoteEditor } from './client-edit';
export type { MediaAITransformRequest, RemoteImageTransformer } from './client-transform';
export { createRemoteTransformer } from './client-transform';
