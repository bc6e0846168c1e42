// OpenAI's streamed `images/generations` (`stream: true`): server-sent events
// `image_generation.partial_image` (a preview, `b64_json` and `partial_image_index`) and
// `image_generation.completed` (the final `b64_json` with the token usage).
import { sniffImageType } from '../../sniff-image';
import type { ImagePartial } from '../../spec/image-model';

/** Models OpenAI documents as streaming partial images from the Images API. */
const STREAMING_MODELS = new Set(['gpt-image-1']);

/** Previews asked for when the caller's provider options do not say. */
export const DEFAULT_PARTIAL_IMAGES = 2;

/** Whether `modelId` can stream previews of an `n`-image call. */
export function streamsPartialImages(modelId: string, n: number): boolean {
  // The events carry no image index, so previews of a batch could not be told apart.
  return STREAMING_MODELS.has(modelId) && n === 1;
}

/** `partial_images` for the request body: the caller's 1–3, else the default. */
export function partialImageCount(providerOptions: Record<string, unknown> | undefined): number {
  const asked = providerOptions?.partial_images;
  return typeof asked === 'number' && Number.isInteger(asked) && asked >= 1 && asked <= 3
    ? asked
    : DEFAULT_PARTIAL_IMAGES;
}

/** The streamed answer in the shape of the non-streamed one, so both decode alike. */
export interface StreamedImages {
  data: Array<{ b64_json: string }>;
  usage?: {
    input_tokens?: number;
    output_tokens?: number;
    input_tokens_details?: { text_tokens?: number; image_tokens?: number };
  };
  /** An `error` event's body, as OpenAI's error JSON text. */
  errorText?: string;
}

interface StreamEvent {
  type?: unknown;
  b64_json?: unknown;
  partial_image_index?: unknown;
  usage?: StreamedImages['usage'];
  error?: unknown;
}

/**
 * Reads the event stream to its end, handing each preview that is an image to `onPartial`
 * (others are dropped) and collecting the final images. Events that are not JSON, or of a
 * type not listed above, are skipped: a stray line must not lose an image being paid for.
 */
export async function readOpenAIImageStream(
  body: ReadableStream<Uint8Array>,
  onPartial: ((partial: ImagePartial) => void) | undefined,
  signal?: AbortSignal,
): Promise<StreamedImages> {
  const result: StreamedImages = { data: [] };
  let nextPartial = 0;
  for await (const { event, data } of serverSentEvents(body, signal)) {
    signal?.throwIfAborted();
    let parsed: StreamEvent;
    try {
      parsed = JSON.parse(data) as StreamEvent;
    } catch {
      continue;
    }
    if (!parsed || typeof parsed !== 'object') continue;
    const type = typeof parsed.type === 'string' ? parsed.type : event;
    if (type === 'image_generation.partial_image') {
      const bytes = decode(parsed.b64_json);
      const mediaType = bytes && sniffImageType(bytes);
      if (!bytes || !mediaType) continue;
      // OpenAI numbers previews from 0; a missing or repeated number still counts up.
      const reported = parsed.partial_image_index;
      const partialIndex =
        typeof reported === 'number' && Number.isInteger(reported) && reported >= nextPartial
          ? reported
          : nextPartial;
      nextPartial = partialIndex + 1;
      onPartial?.({ index: 0, partialIndex, bytes, mediaType });
    } else if (type === 'image_generation.completed') {
      if (typeof parsed.b64_json === 'string') result.data.push({ b64_json: parsed.b64_json });
      if (parsed.usage && typeof parsed.usage === 'object') result.usage = parsed.usage;
    } else if (type === 'error' && parsed.error && typeof parsed.error === 'object') {
      result.errorText = JSON.stringify({ error: parsed.error });
    }
  }
  return result;
}

function decode(b64: unknown): Uint8Array | undefined {
  if (typeof b64 !== 'string' || b64 === '') return undefined;
  const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
  return bytes.byteLength > 0 ? bytes : undefined;
}

/** `{ event, data }` per server-sent event; comments skipped, `data:` lines joined. */
async function* serverSentEvents(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ event: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let finished = false;
  // Not every fetch errors a body already handed over when its signal fires; cancel it here.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      buffer = buffer.replace(/\r\n?/g, '\n');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const message = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (message) yield message;
      }
      if (done) {
        const message = parseBlock(buffer);
        if (message) yield message;
        finished = true;
        return;
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Stopping early (an abort, a throw) closes the connection rather than leaving it open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function parseBlock(block: string): { event: string; data: string } | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? undefined : { event, data: data.join('\n') };
}
