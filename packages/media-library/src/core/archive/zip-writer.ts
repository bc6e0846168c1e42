// A stored (uncompressed) zip laid out as Blob parts. Each entry's size and CRC-32 go in its
// local header, so a streaming reader never has to guess where an entry ends (a zip streamed
// with data descriptors cannot be split reliably when its bytes contain the descriptor's
// signature, which large media files do). The entry bytes stay the store's own Blobs: the
// archive is composed, not copied, so the browser can keep them on disk. Zip64 fields are
// written only where a size, offset or count needs them.

/** One entry: its name, its bytes and their CRC-32. */
export interface ZipEntry {
  name: string;
  data: Blob;
  crc: number;
}

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const UTF8_FLAG = 0x0800;

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** Continues a CRC-32 over `bytes` (start with 0). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = crcTable();
  let c = crc ^ MAX32;
  for (let i = 0; i < bytes.length; i++)
    c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ MAX32) >>> 0;
}

/** Bytes read at a time where the browser lets one buffer be reused (a BYOB reader). */
const READ_BUFFER_BYTES = 1024 * 1024;

/** CRC-32 of a Blob, read as a stream; `onBytes` hears each chunk's length. */
export async function crc32OfBlob(
  blob: Blob,
  onBytes?: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  const stream = blob.stream();
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream here: read the chunks the stream makes.
  }
  if (byob) return crc32Byob(byob, onBytes, signal);
  const reader = stream.getReader();
  let crc = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) return crc;
      crc = crc32(value, crc);
      onBytes?.(value.length);
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Reads into one buffer, handed back and forth with the stream, so reading a gigabyte leaves
 * no gigabyte of chunks behind for the garbage collector.
 */
async function crc32Byob(
  reader: ReadableStreamBYOBReader,
  onBytes: ((bytes: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<number> {
  let buffer = new ArrayBuffer(READ_BUFFER_BYTES);
  let crc = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read(new Uint8Array(buffer));
      if (done || !value) return crc;
      crc = crc32(value, crc);
      onBytes?.(value.length);
      buffer = value.buffer as ArrayBuffer;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The zip of `entries`, in order, as one Blob of type `application/zip`. */
export function zipBlob(entries: readonly ZipEntry[], modified: Date): Blob {
  const { time, date } = dosTime(modified);
  const parts: BlobPart[] = [];
  const central: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const size = entry.data.size;
    const big = size >= MAX32 || offset >= MAX32;
    const local = new Uint8Array(30 + name.length + (big ? 20 : 0));
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, big ? 45 : 20, true);
    l.setUint16(6, UTF8_FLAG, true);
    l.setUint16(8, 0, true); // stored
    l.setUint16(10, time, true);
    l.setUint16(12, date, true);
    l.setUint32(14, entry.crc, true);
    l.setUint32(18, big ? MAX32 : size, true);
    l.setUint32(22, big ? MAX32 : size, true);
    l.setUint16(26, name.length, true);
    l.setUint16(28, big ? 20 : 0, true);
    local.set(name, 30);
    if (big) {
      l.setUint16(30 + name.length, 0x0001, true);
      l.setUint16(32 + name.length, 16, true);
      l.setBigUint64(34 + name.length, BigInt(size), true);
      l.setBigUint64(42 + name.length, BigInt(size), true);
    }
    central.push(centralHeader(name, entry.crc, size, offset, time, date));
    parts.push(local, entry.data);
    offset += local.length + size;
  }
  const centralSize = central.reduce((sum, header) => sum + header.length, 0);
  parts.push(...central, ...endRecords(entries.length, centralSize, offset));
  return new Blob(parts as BlobPart[], { type: 'application/zip' });
}

function centralHeader(
  name: Uint8Array,
  crc: number,
  size: number,
  offset: number,
  time: number,
  date: number,
): Uint8Array<ArrayBuffer> {
  const bigSize = size >= MAX32;
  const bigOffset = offset >= MAX32;
  const extra = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
  const header = new Uint8Array(46 + name.length + (extra ? extra + 4 : 0));
  const c = new DataView(header.buffer);
  c.setUint32(0, 0x02014b50, true);
  c.setUint16(4, extra ? 45 : 20, true);
  c.setUint16(6, extra ? 45 : 20, true);
  c.setUint16(8, UTF8_FLAG, true);
  c.setUint16(10, 0, true);
  c.setUint16(12, time, true);
  c.setUint16(14, date, true);
  c.setUint32(16, crc, true);
  c.setUint32(20, bigSize ? MAX32 : size, true);
  c.setUint32(24, bigSize ? MAX32 : size, true);
  c.setUint16(28, name.length, true);
  c.setUint16(30, extra ? extra + 4 : 0, true);
  c.setUint32(42, bigOffset ? MAX32 : offset, true);
  header.set(name, 46);
  if (extra) {
    let at = 46 + name.length;
    c.setUint16(at, 0x0001, true);
    c.setUint16(at + 2, extra, true);
    at += 4;
    if (bigSize) {
      c.setBigUint64(at, BigInt(size), true);
      c.setBigUint64(at + 8, BigInt(size), true);
      at += 16;
    }
    if (bigOffset) c.setBigUint64(at, BigInt(offset), true);
  }
  return header;
}

function endRecords(
  count: number,
  centralSize: number,
  centralOffset: number,
): Uint8Array<ArrayBuffer>[] {
  const records: Uint8Array<ArrayBuffer>[] = [];
  const big = count >= MAX16 || centralSize >= MAX32 || centralOffset >= MAX32;
  if (big) {
    const zip64 = new Uint8Array(56 + 20);
    const z = new DataView(zip64.buffer);
    z.setUint32(0, 0x06064b50, true);
    z.setBigUint64(4, 44n, true);
    z.setUint16(12, 45, true);
    z.setUint16(14, 45, true);
    z.setBigUint64(24, BigInt(count), true);
    z.setBigUint64(32, BigInt(count), true);
    z.setBigUint64(40, BigInt(centralSize), true);
    z.setBigUint64(48, BigInt(centralOffset), true);
    // The locator: where the zip64 end record starts.
    z.setUint32(56, 0x07064b50, true);
    z.setBigUint64(64, BigInt(centralOffset + centralSize), true);
    z.setUint32(72, 1, true);
    records.push(zip64);
  }
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, big ? MAX16 : count, true);
  e.setUint16(10, big ? MAX16 : count, true);
  e.setUint32(12, big ? MAX32 : centralSize, true);
  e.setUint32(16, big ? MAX32 : centralOffset, true);
  records.push(end);
  return records;
}

/** MS-DOS time and date fields (local time, 2-second steps, 1980–2107). */
function dosTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getFullYear(), 1980), 2107);
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}
