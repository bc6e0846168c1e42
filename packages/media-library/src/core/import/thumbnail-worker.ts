// The thumbnail worker: decodes and scales images off the main thread, so importing a batch of
// large photos never stalls scrolling. Spoken to only by thumbnail.ts.
import { type RenderRequest, renderOffscreen } from './thumbnail-render';

/** A request from the page. */
export interface ThumbnailWorkerRequest extends RenderRequest {
  id: number;
}

/**
 * The answer: a thumbnail, or `thumbnail: undefined` when none could or should be made, with
 * `undecodable` when the bytes did not decode.
 */
export interface ThumbnailWorkerResponse {
  id: number;
  thumbnail?: { blob: Blob; type: string; width: number; height: number };
  undecodable?: true;
  error?: string;
}

// In a dedicated worker `self` is the worker scope; the DOM typings only know Window.
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: ThumbnailWorkerResponse): void;
};

scope.addEventListener('message', (event: MessageEvent<ThumbnailWorkerRequest>) => {
  const { id, ...request } = event.data;
  renderOffscreen(request).then(
    (outcome) => scope.postMessage({ id, ...outcome }),
    (error: unknown) => scope.postMessage({ id, error: String(error) }),
  );
});
