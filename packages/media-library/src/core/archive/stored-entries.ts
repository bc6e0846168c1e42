// The entries of a well-formed stored zip (as `exportArchive` writes), found through its
// central directory and returned as slices of the archive itself: nothing is copied, so a
// 1 GB archive on disk is restored without the browser holding 1 GB of new Blobs. Anything
// unexpected (no central directory, a compressed entry, zip64, a header out of place) answers
// undefined, and the caller reads the archive as a stream instead, which also copes with
// truncated and damaged files.

/** One entry: its name and its bytes, a slice of the archive. */
export interface StoredEntry {
  name: string;
  data: Blob;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;
/** The end record is 22 bytes, plus a comment of at most 65,535. */
const TAIL = 22 + 0xffff;
/** A central directory larger than this is not one `exportArchive` wrote: stream instead. */
const MAX_CENTRAL_BYTES = 64 * 1024 * 1024;

async function bytesAt(file: Blob, start: number, end: number): Promise<DataView | undefined> {
  if (start < 0 || end > file.size || end < start) return undefined;
  return new DataView(await file.slice(start, end).arrayBuffer());
}

/** The archive's entries in central-directory order, or undefined to read it as a stream. */
export async function storedEntries(file: Blob): Promise<StoredEntry[] | undefined> {
  if (file.size < 22) return undefined;
  const tailStart = Math.max(0, file.size - TAIL);
  const tail = await bytesAt(file, tailStart, file.size);
  if (!tail) return undefined;
  let end = -1;
  for (let at = tail.byteLength - 22; at >= 0; at--) {
    if (
      tail.getUint32(at, true) === EOCD &&
      at + 22 + tail.getUint16(at + 20, true) === tail.byteLength
    ) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = tail.getUint16(end + 10, true);
  const centralSize = tail.getUint32(end + 12, true);
  const centralOffset = tail.getUint32(end + 16, true);
  if (count === 0xffff || centralSize === MAX32 || centralOffset === MAX32) return undefined;
  if (centralSize > MAX_CENTRAL_BYTES || centralOffset + centralSize > tailStart + end) {
    return undefined;
  }
  const central = await bytesAt(file, centralOffset, centralOffset + centralSize);
  if (!central) return undefined;

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: StoredEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > central.byteLength || central.getUint32(at, true) !== CENTRAL) return undefined;
    const flags = central.getUint16(at + 8, true);
    const method = central.getUint16(at + 10, true);
    const compressed = central.getUint32(at + 20, true);
    const size = central.getUint32(at + 24, true);
    const nameLength = central.getUint16(at + 28, true);
    const extraLength = central.getUint16(at + 30, true);
    const commentLength = central.getUint16(at + 32, true);
    const offset = central.getUint32(at + 42, true);
    // Encrypted, compressed or zip64 entries are the stream reader's to handle.
    if (flags & 0x0001 || method !== 0 || compressed !== size) return undefined;
    if (size === MAX32 || offset === MAX32) return undefined;
    const nameStart = central.byteOffset + at + 46;
    if (at + 46 + nameLength > central.byteLength) return undefined;
    let name: string;
    try {
      name = decoder.decode(new Uint8Array(central.buffer, nameStart, nameLength));
    } catch {
      return undefined;
    }
    at += 46 + nameLength + extraLength + commentLength;

    const local = await bytesAt(file, offset, offset + 30 + nameLength);
    if (!local || local.getUint32(0, true) !== LOCAL) return undefined;
    if (local.getUint16(26, true) !== nameLength) return undefined;
    // The local header must name the same entry: the bytes that follow it are what is kept.
    for (let k = 0; k < nameLength; k++) {
      if (local.getUint8(30 + k) !== central.getUint8(nameStart - central.byteOffset + k)) {
        return undefined;
      }
    }
    const dataStart = offset + 30 + nameLength + local.getUint16(28, true);
    if (dataStart + size > centralOffset) return undefined;
    entries.push({ name, data: file.slice(dataStart, dataStart + size) });
  }
  return at === central.byteLength ? entries : undefined;
}
