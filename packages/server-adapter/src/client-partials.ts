// The client's reading of a `partial` event: a preview Blob, or nothing when the event is not
// one (a preview is a nicety; a malformed one must not fail the generation).
import type { PartialEvent } from './protocol';

/** A preview as the client hands it on: which image, how far along, and its bytes. */
export interface RemotePartialImage {
  index: number;
  partialIndex: number;
  file: Blob;
  /** The same Blob as `file`, under the name the media library's contract reads. */
  blob: Blob;
}

/** The preview in a `partial` event's data, or undefined when the data is not one. */
export function partialFromEvent(data: string): RemotePartialImage | undefined {
  let event: Partial<PartialEvent>;
  try {
    event = JSON.parse(data) as Partial<PartialEvent>;
  } catch {
    return undefined;
  }
  const { index, partialIndex, mediaType, data: base64 } = event ?? {};
  if (!Number.isInteger(index) || !Number.isInteger(partialIndex)) return undefined;
  if (typeof mediaType !== 'string' || !mediaType.startsWith('image/')) return undefined;
  if (typeof base64 !== 'string' || base64 === '') return undefined;
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const file = new Blob([bytes], { type: mediaType });
  return { index: index as number, partialIndex: partialIndex as number, file, blob: file };
}
