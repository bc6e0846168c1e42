// The `partial` event of a generate event stream: a preview while an image renders, dropped
// when it is too large to be worth sending ahead of the final image.
import type { ImagePartial } from '@medialoft/ai-connect';
import { toBase64 } from './generation';
import type { PartialEvent } from './protocol';

/** Largest preview sent, in bytes before base64; larger ones are dropped, not cut. */
export const MAX_PARTIAL_BYTES = 2 * 1024 * 1024;

/** The SSE message for one preview, or undefined when it is over {@link MAX_PARTIAL_BYTES}. */
export function partialEventMessage(
  partial: ImagePartial,
): { event: 'partial'; data: string } | undefined {
  if (partial.bytes.byteLength > MAX_PARTIAL_BYTES) return undefined;
  const event: PartialEvent = {
    index: partial.index,
    partialIndex: partial.partialIndex,
    mediaType: partial.mediaType,
    data: toBase64(partial.bytes),
  };
  return { event: 'partial', data: JSON.stringify(event) };
}
