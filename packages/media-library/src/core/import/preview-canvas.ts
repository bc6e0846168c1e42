// A canvas to draw a non-image preview on (a video frame, a waveform, text) and its encoding,
// in the same type and quality as image thumbnails, so every kind's thumbnail is stored alike.
import type { RenderedThumbnail } from './thumbnail-render';

/** What a preview is made to: the longest side and the wished encoding. */
export interface PreviewRequest {
  maxSize: number;
  type: string;
  quality: number;
}

export type PreviewContext = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** A canvas of this size: OffscreenCanvas where it exists, else an element; none in Node. */
export function createPreviewCanvas(
  width: number,
  height: number,
): { context: PreviewContext; encode: (request: PreviewRequest) => Promise<Blob | null> } | null {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    return {
      context,
      encode: ({ type, quality }) => canvas.convertToBlob({ type, quality }),
    };
  }
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  return {
    context,
    encode: ({ type, quality }) =>
      new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality)),
  };
}

/** Encodes a drawn preview; reports the type really encoded (PNG where WebP is not). */
export async function encodePreview(
  canvas: NonNullable<ReturnType<typeof createPreviewCanvas>>,
  request: PreviewRequest,
  width: number,
  height: number,
): Promise<RenderedThumbnail | undefined> {
  const blob = await canvas.encode(request);
  if (!blob || blob.size === 0) return undefined;
  return { blob, type: blob.type || request.type, width, height };
}

/** `undefined` once `ms` have passed, so a preview that hangs gives way to the labelled box. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
