// Content hashes for deduplication: the same bytes always give the same asset hash, whatever
// the file is called. Uses the browser's native SHA-256 (crypto.subtle), also present in Node.
import { MediaLibraryError } from '../errors';
import { sha256OfStream } from './sha256-stream';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Blobs larger than this are hashed as a stream instead of read whole: slower (plain
 * JavaScript), but memory stays flat for long videos.
 */
export const STREAM_HASH_ABOVE_BYTES = 256 * 1024 * 1024;

/** Options of {@link sha256Hex}. */
export interface HashOptions {
  /** Size above which a Blob is hashed as a stream. Default `STREAM_HASH_ABOVE_BYTES`. */
  streamAboveBytes?: number;
}

/**
 * Lower-case hex SHA-256 of the bytes.
 *
 * Native `crypto.subtle.digest` hashes one whole buffer, so a Blob is read with
 * `arrayBuffer()` and a typed array is hashed in place, with no copy. A Blob larger than
 * `streamAboveBytes` (256 MB) is instead read as a stream through an incremental hash, so a
 * long video never needs its full size in memory.
 *
 * @throws MediaLibraryError (`storage_unavailable`) when `crypto.subtle` is missing, which
 * happens on pages served over plain HTTP from a host other than localhost.
 * @example
 * await sha256Hex(new TextEncoder().encode('abc'));
 * // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export async function sha256Hex(
  data: Blob | ArrayBuffer | Uint8Array,
  options: HashOptions = {},
): Promise<string> {
  if (data instanceof Blob && data.size > (options.streamAboveBytes ?? STREAM_HASH_ABOVE_BYTES)) {
    return toHex(await sha256OfStream(data));
  }
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new MediaLibraryError(
      'storage_unavailable',
      'Hashing needs crypto.subtle, which browsers only provide in secure contexts: serve the ' +
        'page over HTTPS or from localhost.',
    );
  }
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  return toHex(new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource)));
}

function toHex(digest: Uint8Array): string {
  let hex = '';
  for (const byte of digest) hex += HEX[byte];
  return hex;
}
