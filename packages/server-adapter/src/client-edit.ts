// The browser client's editImages: an image (and mask) posted as multipart to
// POST {base}/images/edit, read back as JSON or, with onProgress, as an event stream. Errors
// are RemoteGeneratorErrors with the server's code and field, as generateImages gives them.
import { RemoteGeneratorError, type RemoteGeneratorOptions } from './client';
import { generatedFileName } from './client-file-names';
import type {
  DoneEvent,
  EncodedImage,
  ErrorBody,
  GenerateResponse,
  ImageMetadata,
  ProgressEvent,
} from './protocol';
import { readServerSentEvents } from './sse-reader';

/** The media library's `MediaAIEditOperation`, repeated structurally. */
export type MediaAIEditOperation =
  | 'edit'
  | 'inpaint'
  | 'outpaint'
  | 'variation'
  | 'upscale'
  | 'remove-background';

/** The media library's `MediaAIEditRequest`, repeated structurally. */
export interface MediaAIEditRequest {
  operation: MediaAIEditOperation;
  image: File;
  /** A PNG of the image's size, transparent where to change. */
  mask?: File;
  /** Required for `edit` and `inpaint`. */
  prompt?: string;
  model?: string;
  /** For `upscale`: 2 or 4. */
  scale?: 2 | 4;
  n?: number;
  seed?: number;
  /** For `outpaint`: pixels added on each side. */
  outpaint?: { top?: number; right?: number; bottom?: number; left?: number };
  strength?: number;
  negativePrompt?: string;
}

/** An edited image: the file and what the server says about it (operation included). */
export interface RemoteEditedImage {
  file: File;
  metadata?: Partial<ImageMetadata>;
}

/** What {@link createRemoteEditor} returns. */
export interface RemoteEditor {
  editImages(
    request: MediaAIEditRequest,
    options?: {
      signal?: AbortSignal;
      onProgress?: (progress: { stage: string; percent?: number; message?: string }) => void;
    },
  ): Promise<RemoteEditedImage[]>;
}

const SIDE_FIELDS = [
  ['top', 'outpaintTop'],
  ['right', 'outpaintRight'],
  ['bottom', 'outpaintBottom'],
  ['left', 'outpaintLeft'],
] as const;

/**
 * Edits images through the image server (`POST {base}/images/edit`); `createRemoteGenerator`
 * returns its `editImages` too. With `onProgress` it reads the event stream, else the JSON
 * answer. Aborting the signal aborts the upload or the stream, and the server cancels the
 * provider's work. Rejects with `RemoteGeneratorError`: the server's code and `field`
 * (`invalid_request` on `prompt`, `mask`, `scale`, ...; `payload_too_large`,
 * `unsupported_media_type`, ...), `network_error` or `canceled`.
 *
 * @example
 * const [upscaled] = await createRemoteEditor({ baseUrl: '/api/ai' }).editImages(
 *   { operation: 'upscale', image: file, scale: 2 },
 *   { onProgress: (p) => console.log(p.stage, p.percent) },
 * );
 */
export function createRemoteEditor(options: RemoteGeneratorOptions): RemoteEditor {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  return {
    async editImages(req, { signal, onProgress } = {}) {
      if (signal?.aborted) throw canceled(signal.reason);
      const extra =
        typeof options.headers === 'function' ? await options.headers() : options.headers;
      const headers = new Headers(extra);
      headers.set('Accept', onProgress ? 'text/event-stream' : 'application/json');
      // No Content-Type: fetch writes the multipart boundary itself.
      headers.delete('Content-Type');
      try {
        let response: Response;
        try {
          response = await doFetch(`${base}/images/edit`, {
            method: 'POST',
            headers,
            body: toForm(req),
            signal,
          });
        } catch (error) {
          throw signal?.aborted ? canceled(error) : networkError(error);
        }
        if (!response.ok) throw await errorFromResponse(response);
        if (onProgress) return await readStream(response, signal, onProgress);
        const json = (await response.json()) as GenerateResponse;
        return json.images.map(decodeImage);
      } catch (error) {
        if (error instanceof RemoteGeneratorError) throw error;
        throw signal?.aborted ? canceled(error) : networkError(error);
      }
    },
  };
}

/** Only the fields the protocol knows, as form fields beside the files. */
function toForm(req: MediaAIEditRequest): FormData {
  const form = new FormData();
  form.set('operation', req.operation);
  form.set('image', req.image, req.image.name || 'image');
  if (req.mask) form.set('mask', req.mask, req.mask.name || 'mask.png');
  for (const key of [
    'prompt',
    'model',
    'scale',
    'n',
    'seed',
    'strength',
    'negativePrompt',
  ] as const) {
    const value = req[key];
    if (value !== undefined) form.set(key, String(value));
  }
  for (const [side, field] of SIDE_FIELDS) {
    const value = req.outpaint?.[side];
    if (value !== undefined) form.set(field, String(value));
  }
  return form;
}

async function readStream(
  response: Response,
  signal: AbortSignal | undefined,
  onProgress: (progress: ProgressEvent) => void,
): Promise<RemoteEditedImage[]> {
  if (!response.body) throw networkError(new Error('The event stream has no body.'));
  const images: RemoteEditedImage[] = [];
  let doneReported = false;
  for await (const { event, data } of readServerSentEvents(response.body)) {
    if (event === 'progress') {
      const progress = JSON.parse(data) as ProgressEvent;
      doneReported ||= progress.stage === 'done';
      onProgress(progress);
    } else if (event === 'image') {
      images.push(decodeImage(JSON.parse(data) as EncodedImage));
    } else if (event === 'error') {
      throw errorFromBody(JSON.parse(data) as ErrorBody, response.status);
    } else if (event === 'done') {
      const done = JSON.parse(data) as DoneEvent;
      if (!doneReported) onProgress({ stage: 'done', percent: 100 });
      if (images.length !== done.images) {
        throw new RemoteGeneratorError(
          'provider_error',
          `The server announced ${done.images} images but sent ${images.length}.`,
          { retryable: true, status: response.status, requestId: done.requestId },
        );
      }
      return images;
    }
  }
  if (signal?.aborted) throw canceled(signal.reason);
  throw networkError(new Error('The event stream ended before the images arrived.'));
}

function decodeImage(image: EncodedImage): RemoteEditedImage {
  const binary = atob(image.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const { model, seed } = image.metadata;
  const name = generatedFileName(model, seed, image.mediaType, image.index);
  return { file: new File([bytes], name, { type: image.mediaType }), metadata: image.metadata };
}

/** The server's error body as a RemoteGeneratorError (a bare status when it sent none). */
export async function errorFromResponse(response: Response): Promise<RemoteGeneratorError> {
  const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
  if (body?.error && typeof body.error.code === 'string') {
    return errorFromBody(body, response.status, response.headers);
  }
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

function canceled(cause: unknown): RemoteGeneratorError {
  return new RemoteGeneratorError('canceled', 'The edit was canceled.', { cause });
}

function networkError(cause: unknown): RemoteGeneratorError {
  return new RemoteGeneratorError(
    'network_error',
    'Could not reach the image server; check the connection and try again.',
    { retryable: true, cause },
  );
}
