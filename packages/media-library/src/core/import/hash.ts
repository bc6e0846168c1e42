// Content hashes for deduplication: the same bytes always give the same asset hash, whatever
// the file is called. Uses the browser's native SHA-256 (crypto.subtle), also present in Node.
import { MediaLibraryError } from '../errors';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Lower-case hex SHA-256 of the bytes.
 *
 * The whole input is read into memory once, because `crypto.subtle.digest` has no streaming
 * form; a Blob is read with `arrayBuffer()` and a typed array is hashed in place, with no copy.
 *
 * @throws MediaLibraryError (`storage_unavailable`) when `crypto.subtle` is missing, which
 * happens on pages served over plain HTTP from a host other than localhost.
 * @example
 * await sha256Hex(new TextEncoder().encode('abc'));
 * // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new MediaLibraryError(
      'storage_unavailable',
      'Hashing needs crypto.subtle, which browsers only provide in secure contexts: serve the ' +
        'page over HTTPS or from localhost.',
    );
  }
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource));
  let hex = '';
  for (const byte of digest) hex += HEX[byte];
  return hex;
}
