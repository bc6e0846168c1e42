// The browser client's transformImage: an image posted as multipart to
// POST {base}/images/transform and resized there to an exact size (the media library's
// exportForPlatform uses it when present). Errors are RemoteGeneratorErrors.
import { RemoteGeneratorError, type RemoteGeneratorOptions } from './client';
import { errorFromResponse } from './client-edit';

/** The media library's `MediaAITransformRequest`, repeated structurally. */
export interface MediaAITransformRequest {
  image: File;
  width: number;
  height: number;
  /** A platform format's name (e.g. `instagram-story`), when the size is one. */
  preset?: string;
  format?: 'png' | 'jpeg' | 'webp';
}

/** Resizes an image on the server; see {@link createRemoteTransformer}. */
export type RemoteImageTransformer = (
  request: MediaAITransformRequest,
  options?: { signal?: AbortSignal },
) => Promise<File>;

/**
 * Resizes images through the image server (`POST {base}/images/transform`): scaled to cover
 * `width` × `height`, cut around the middle, metadata stripped. `createRemoteGenerator` returns
 * the same function as its `transformImage`. Resolves a `File` typed by the server's answer.
 * Rejects with `RemoteGeneratorError`: the server's code and `field` (`invalid_request`,
 * `payload_too_large`, `unsupported_media_type`, `invalid_image`), `network_error` or
 * `canceled`.
 *
 * @example
 * const transformImage = createRemoteTransformer({ baseUrl: '/api/ai' });
 * const story = await transformImage({ image: file, width: 1080, height: 1920 });
 */
export function createRemoteTransformer(options: RemoteGeneratorOptions): RemoteImageTransformer {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async function transformImage(req, { signal } = {}) {
    if (signal?.aborted) throw canceled(signal.reason);
    const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
    const headers = new Headers(extra);
    headers.set('Accept', 'image/*');
    headers.delete('Content-Type');
    const form = new FormData();
    form.set('file', req.image, req.image.name || 'image');
    // A preset the server knows fixes the size; width and height serve a server without it.
    if (req.preset) form.set('preset', req.preset);
    form.set('width', String(req.width));
    form.set('height', String(req.height));
    form.set('crop', 'centre');
    if (req.format) form.set('format', req.format);
    let response: Response;
    try {
      response = await doFetch(`${base}/images/transform`, {
        method: 'POST',
        headers,
        body: form,
        signal,
      });
    } catch (error) {
      throw signal?.aborted ? canceled(error) : networkError(error);
    }
    if (!response.ok) throw await errorFromResponse(response);
    try {
      const bytes = await response.arrayBuffer();
      const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() || '';
      const stem = req.image.name.replace(/\.[^.]+$/, '') || 'image';
      const extension = type === 'image/jpeg' ? 'jpg' : type.slice('image/'.length) || 'png';
      return new File([bytes], `${stem}-${req.width}x${req.height}.${extension}`, { type });
    } catch (error) {
      throw signal?.aborted ? canceled(error) : networkError(error);
    }
  };
}

function canceled(cause: unknown): RemoteGeneratorError {
  return new RemoteGeneratorError('canceled', 'The resize was canceled.', { cause });
}

function networkError(cause: unknown): RemoteGeneratorError {
  return new RemoteGeneratorError(
    'network_error',
    'Could not reach the image server; check the connection and try again.',
    { retryable: true, cause },
  );
}
