// Decides what an imported file is from its first bytes (magic numbers, then a text check).
// The name and the declared type only refine containers (MP4 audio, ZIP documents) or fill in
// when the bytes say nothing, because both are often wrong (a PNG saved as "photo.jpg"), and
// never name markup a browser would run (an SVG saved as "photo.png" is an SVG).
import type { AssetKind } from '../types';
import {
  CFB_DOCUMENT_TYPES,
  claimedType,
  extensionOf,
  isMarkupMimeType,
  isTextMimeType,
  kindOfMimeType,
  normaliseMimeType,
  type SniffedType,
  ZIP_DOCUMENT_TYPES,
} from './mime-types';

/**
 * How many bytes from the start of a file `sniffType` looks at. Read `blob.slice(0,
 * SNIFF_BYTES)`; fewer is fine for short files. Large enough for an XML prologue before
 * `<svg`, the first entries of a ZIP, and a fair sample for the text check.
 */
export const SNIFF_BYTES = 4096;

/**
 * The kind and MIME type of a file, from its first bytes.
 *
 * Magic bytes decide first. The name's extension and the declared type (`File.type`, a
 * `Content-Type`) are used only to tell apart formats that share a container (an audio-only
 * MP4, WebM or Ogg; DOCX/XLSX/PPTX inside ZIP), to name the flavour of a text file (CSV,
 * Markdown), or when the bytes match nothing known. Markup a browser runs as a document (SVG,
 * HTML, XHTML, XML) is only ever found in the bytes: a claim of it alone gives
 * `application/octet-stream` (or plain text for text bytes). Never throws.
 *
 * @param head The first bytes of the file, ideally `SNIFF_BYTES` of them.
 * @param name The file name, for its extension.
 * @param declaredType The MIME type the file claims to be.
 * @example
 * const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
 * const { kind, mimeType } = sniffType(head, file.name, file.type);
 */
export function sniffType(
  head: Uint8Array,
  name?: string,
  declaredType?: string,
): { kind: AssetKind; mimeType: string } {
  const claimed = claimedType(name, declaredType);
  const binary = sniffBinary(head, name, declaredType);
  if (binary) return binary;
  if (head.length > 0) {
    const text = sniffText(head, claimed);
    if (text) return text;
  }
  return claimed && !isMarkupMimeType(claimed.mimeType)
    ? claimed
    : { kind: 'other', mimeType: 'application/octet-stream' };
}

/**
 * Whether the bytes themselves show a type of this kind (an image, video or audio signature,
 * or SVG markup), rather than only the name or declared type claiming it. The import calls
 * media whose bytes show no such thing `unreadable`.
 *
 * @example
 * bytesShowKind(head, 'image'); // false for random bytes named "photo.jpg"
 */
export function bytesShowKind(head: Uint8Array, kind: AssetKind): boolean {
  const found = sniffBinary(head) ?? (head.length > 0 ? sniffText(head, undefined) : undefined);
  if (!found) return false;
  const timed = (k: AssetKind) => k === 'video' || k === 'audio';
  return found.kind === kind || (timed(found.kind) && timed(kind));
}

const type = (kind: AssetKind, mimeType: string): SniffedType => ({ kind, mimeType });

/** Whether `head` holds the ASCII string `text` at `offset`. */
function hasAscii(head: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > head.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (head[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

function hasBytes(head: Uint8Array, offset: number, bytes: readonly number[]): boolean {
  if (offset + bytes.length > head.length) return false;
  return bytes.every((byte, i) => head[offset + i] === byte);
}

function readAscii(head: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...head.subarray(offset, offset + length));
}

/** The claimed top-level kind, for telling audio from video inside shared containers. */
function claimsAudio(name?: string, declaredType?: string): boolean {
  return claimedType(name, declaredType)?.kind === 'audio';
}

function sniffBinary(head: Uint8Array, name?: string, declared?: string): SniffedType | undefined {
  if (hasBytes(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return type('image', 'image/png');
  }
  if (hasBytes(head, 0, [0xff, 0xd8, 0xff])) return type('image', 'image/jpeg');
  if (hasAscii(head, 0, 'GIF87a') || hasAscii(head, 0, 'GIF89a')) return type('image', 'image/gif');
  if (hasAscii(head, 0, 'RIFF')) {
    if (hasAscii(head, 8, 'WEBP')) return type('image', 'image/webp');
    if (hasAscii(head, 8, 'WAVE')) return type('audio', 'audio/wav');
    if (hasAscii(head, 8, 'AVI ')) return type('video', 'video/x-msvideo');
  }
  if (hasAscii(head, 4, 'ftyp')) return sniffIsoMedia(head, name, declared);
  if (isBmp(head)) return type('image', 'image/bmp');
  if (isIco(head)) return type('image', 'image/x-icon');
  if (hasBytes(head, 0, [0x49, 0x49, 0x2a, 0x00]) || hasBytes(head, 0, [0x4d, 0x4d, 0x00, 0x2a])) {
    return type('image', 'image/tiff');
  }
  if (
    hasBytes(head, 0, [0xff, 0x0a]) ||
    hasBytes(head, 0, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a])
  ) {
    return type('image', 'image/jxl');
  }
  if (hasBytes(head, 0, [0x1a, 0x45, 0xdf, 0xa3])) return sniffMatroska(head, name, declared);
  if (hasAscii(head, 0, 'OggS')) return sniffOgg(head, name, declared);
  if (hasAscii(head, 0, 'fLaC')) return type('audio', 'audio/flac');
  if (hasAscii(head, 0, 'ID3')) return sniffId3(head);
  const frame = sniffMpegAudioFrame(head, 0);
  if (frame) return frame;
  if (hasAscii(head, 0, 'FORM') && (hasAscii(head, 8, 'AIFF') || hasAscii(head, 8, 'AIFC'))) {
    return type('audio', 'audio/aiff');
  }
  if (hasAscii(head, 0, 'MThd')) return type('audio', 'audio/midi');
  if (hasAscii(head, 0, '%PDF-')) return type('document', 'application/pdf');
  if (hasAscii(head, 0, '{\\rtf')) return type('document', 'application/rtf');
  if (hasBytes(head, 0, [0x50, 0x4b, 0x03, 0x04]) || hasBytes(head, 0, [0x50, 0x4b, 0x05, 0x06])) {
    return sniffZip(head, name, declared);
  }
  if (hasBytes(head, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const mimeType = CFB_DOCUMENT_TYPES[extensionOf(name)] ?? normaliseMimeType(declared);
    return mimeType && kindOfMimeType(mimeType) === 'document'
      ? type('document', mimeType)
      : type('other', 'application/x-cfb');
  }
  if (hasBytes(head, 0, [0x1f, 0x8b])) return type('other', 'application/gzip');
  if (hasBytes(head, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) {
    return type('other', 'application/x-7z-compressed');
  }
  if (hasAscii(head, 0, 'Rar!')) return type('other', 'application/vnd.rar');
  if (hasBytes(head, 0, [0x00, 0x61, 0x73, 0x6d])) return type('other', 'application/wasm');
  return undefined;
}

/** ISO base media files (MP4, MOV, M4A, AVIF, HEIC, 3GP): decided by the `ftyp` brands. */
function sniffIsoMedia(head: Uint8Array, name?: string, declared?: string): SniffedType {
  const boxSize = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0);
  const end = Math.min(head.length, Math.max(16, boxSize));
  const brands = [readAscii(head, 8, 4)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(readAscii(head, offset, 4));
  const major = brands[0];
  const has = (...wanted: string[]) => wanted.some((brand) => brands.includes(brand));

  // Still images first: an AVIF or HEIC lists image brands even when it also lists 'mif1'.
  if (major === 'avif' || major === 'avis' || (has('avif') && !has('isom', 'mp41', 'mp42'))) {
    return type('image', 'image/avif');
  }
  if (has('heic', 'heix', 'heim', 'heis', 'hevc', 'hevx')) return type('image', 'image/heic');
  if (major === 'mif1' || major === 'msf1') return type('image', 'image/heif');
  if (major === 'qt  ') return type('video', 'video/quicktime');
  if (major === 'M4A ' || major === 'M4B ' || major === 'M4P ') return type('audio', 'audio/mp4');
  if (major?.startsWith('3gp') || major?.startsWith('3g2')) {
    return claimsAudio(name, declared) ? type('audio', 'audio/3gpp') : type('video', 'video/3gpp');
  }
  // A generic MP4 may hold only sound; only the name or declared type can say so cheaply.
  return claimsAudio(name, declared) ? type('audio', 'audio/mp4') : type('video', 'video/mp4');
}

/** Matroska and WebM share the EBML header; the DocType element names which. */
function sniffMatroska(head: Uint8Array, name?: string, declared?: string): SniffedType {
  const window = head.subarray(0, 64);
  let webm = false;
  for (let i = 0; i + 4 <= window.length; i++) {
    if (hasAscii(window, i, 'webm')) webm = true;
  }
  const audio = claimsAudio(name, declared);
  if (webm) return audio ? type('audio', 'audio/webm') : type('video', 'video/webm');
  return audio ? type('audio', 'audio/x-matroska') : type('video', 'video/x-matroska');
}

/** Ogg: the first packet names the codec (Theora is video; Vorbis, Opus, FLAC are sound). */
function sniffOgg(head: Uint8Array, name?: string, declared?: string): SniffedType {
  const segments = head[26] ?? 0;
  const packet = 27 + segments;
  if (hasAscii(head, packet + 1, 'theora')) return type('video', 'video/ogg');
  if (
    hasAscii(head, packet + 1, 'vorbis') ||
    hasAscii(head, packet, 'OpusHead') ||
    hasAscii(head, packet + 1, 'FLAC')
  ) {
    return type('audio', 'audio/ogg');
  }
  return claimedType(name, declared)?.kind === 'video'
    ? type('video', 'video/ogg')
    : type('audio', 'audio/ogg');
}

/** An ID3v2 tag usually starts an MP3, but may also precede FLAC or AAC. */
function sniffId3(head: Uint8Array): SniffedType {
  // The tag size is "syncsafe": 7 bits per byte.
  const size =
    ((head[6] ?? 0) << 21) | ((head[7] ?? 0) << 14) | ((head[8] ?? 0) << 7) | (head[9] ?? 0);
  const after = 10 + size + ((head[5] ?? 0) & 0x10 ? 10 : 0);
  if (hasAscii(head, after, 'fLaC')) return type('audio', 'audio/flac');
  return sniffMpegAudioFrame(head, after) ?? type('audio', 'audio/mpeg');
}

/** An MPEG audio frame header (MP3) or an ADTS header (raw AAC). */
function sniffMpegAudioFrame(head: Uint8Array, offset: number): SniffedType | undefined {
  const b0 = head[offset];
  const b1 = head[offset + 1];
  const b2 = head[offset + 2];
  if (b0 !== 0xff || b1 === undefined || b2 === undefined || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 0x03;
  const layer = (b1 >> 1) & 0x03;
  if (layer === 0) {
    // ADTS: the version bits say MPEG-2/4, the layer is always 0.
    return (b1 & 0xf6) === 0xf0 ? type('audio', 'audio/aac') : undefined;
  }
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0x03;
  if (version === 1 || bitrate === 0x0f || sampleRate === 0x03) return undefined;
  return type('audio', 'audio/mpeg');
}

/** A ZIP: an Office, OpenDocument or EPUB file by its entries, else by name, else a ZIP. */
function sniffZip(head: Uint8Array, name?: string, declared?: string): SniffedType {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const entries: string[] = [];
  let offset = 0;
  // Walk the local file headers that fit in the head; their names are never compressed.
  while (offset + 30 <= head.length && hasBytes(head, offset, [0x50, 0x4b, 0x03, 0x04])) {
    const flags = view.getUint16(offset + 6, true);
    const method = view.getUint16(offset + 8, true);
    const compressedSize = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const entry = readAscii(head, offset + 30, nameLength);
    const data = offset + 30 + nameLength + extraLength;
    if (entry === 'mimetype' && method === 0) {
      // OpenDocument and EPUB store their MIME type uncompressed as the first entry.
      const mimeType = readAscii(head, data, Math.min(compressedSize, 100)).trim();
      if (mimeType.startsWith('application/')) return type('document', mimeType);
    }
    entries.push(entry);
    // With flag bit 3 the sizes come after the data, so the next header can't be found.
    if (flags & 0x08) break;
    offset = data + compressedSize;
  }
  const fromName = ZIP_DOCUMENT_TYPES[extensionOf(name)];
  if (fromName) return type('document', fromName);
  const fromDeclared = normaliseMimeType(declared);
  if (Object.values(ZIP_DOCUMENT_TYPES).includes(fromDeclared)) {
    return type('document', fromDeclared);
  }
  const folders: Array<[string, string]> = [
    ['word/', 'docx'],
    ['xl/', 'xlsx'],
    ['ppt/', 'pptx'],
  ];
  for (const [folder, extension] of folders) {
    if (entries.some((entry) => entry.startsWith(folder))) {
      return type('document', ZIP_DOCUMENT_TYPES[extension]!);
    }
  }
  return type('other', 'application/zip');
}

function isBmp(head: Uint8Array): boolean {
  if (!hasAscii(head, 0, 'BM') || head.length < 18) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  // "BM" alone is too weak (text can start with it): check the reserved words and the size of
  // the DIB header, which is one of a few known values.
  const dibSize = view.getUint32(14, true);
  return view.getUint32(6, true) === 0 && [12, 40, 52, 56, 64, 108, 124].includes(dibSize);
}

function isIco(head: Uint8Array): boolean {
  if (head.length < 22 || head[0] !== 0 || head[1] !== 0) return false;
  if ((head[2] !== 1 && head[2] !== 2) || head[3] !== 0) return false;
  const count = (head[4] ?? 0) | ((head[5] ?? 0) << 8);
  // The first directory entry's reserved byte is 0 and its planes/hotspot are small.
  return count > 0 && head[9] === 0;
}

// ---------------------------------------------------------------------------------------------
// Text

/** Text, and which text: SVG, HTML, XML and JSON by content; CSV/Markdown by name or content. */
function sniffText(head: Uint8Array, claimed: SniffedType | undefined): SniffedType | undefined {
  const decoded = decodeText(head, claimed !== undefined && isTextMimeType(claimed.mimeType));
  if (decoded === undefined) return undefined;
  const text = decoded.replace(/^\uFEFF/, '');
  const start = text.trimStart();

  if (/^<(\?xml|!--|!doctype svg|svg[\s>])/i.test(start) && /<svg[\s>]/i.test(text)) {
    return type('image', 'image/svg+xml');
  }
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype html|html[\s>]|head[\s>]|body[\s>])/i.test(start)) {
    return type('text', 'text/html');
  }
  if (/^<\?xml[\s?]/.test(start)) return type('text', 'application/xml');
  if (looksLikeJson(start)) return type('text', 'application/json');
  // The name or declared type may refine plain text (".md", "text/csv"); bytes already said
  // this is text, so a text claim is believable and a non-text one ("photo.png") is not, nor
  // one of markup the bytes did not show.
  if (claimed && isTextMimeType(claimed.mimeType) && !isMarkupMimeType(claimed.mimeType)) {
    return claimed;
  }
  if (looksLikeMarkdown(text)) return type('text', 'text/markdown');
  if (looksLikeCsv(text, head.length < SNIFF_BYTES)) return type('text', 'text/csv');
  return type('text', 'text/plain');
}

/**
 * The head as text, or undefined when it looks binary. Valid UTF-8 (or UTF-16 with a BOM)
 * without control bytes counts as text; a legacy 8-bit encoding only when the file claims to
 * be text, since random binary is rarely valid UTF-8 but often valid Latin-1.
 */
function decodeText(head: Uint8Array, claimsText: boolean): string | undefined {
  if (hasBytes(head, 0, [0xfe, 0xff]) || hasBytes(head, 0, [0xff, 0xfe])) {
    const even = head.subarray(0, head.length - (head.length % 2));
    return new TextDecoder(head[0] === 0xfe ? 'utf-16be' : 'utf-16le').decode(even);
  }
  for (const byte of head) {
    // Control bytes that never appear in text (the WHATWG "binary data byte" set).
    if (
      byte <= 0x08 ||
      byte === 0x0b ||
      (byte >= 0x0e && byte <= 0x1a) ||
      (byte >= 0x1c && byte <= 0x1f)
    ) {
      return undefined;
    }
  }
  // A multi-byte character may be cut at the end of the head; ignore up to 3 trailing bytes.
  const trimmed = head.subarray(0, head.length - incompleteUtf8Tail(head));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(trimmed);
  } catch {
    return claimsText ? new TextDecoder('windows-1252').decode(head) : undefined;
  }
}

/** How many bytes at the end of `bytes` start a UTF-8 sequence that is not complete. */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

function looksLikeJson(start: string): boolean {
  if (start.startsWith('{')) return /^\{\s*("|\}|$)/.test(start);
  if (start.startsWith('[')) {
    return /^\[\s*($|[[{"\]\d-]|true\b|false\b|null\b)/.test(start);
  }
  return false;
}

function looksLikeMarkdown(text: string): boolean {
  const lines = text.split(/\r?\n/, 200);
  let signals = 0;
  for (const line of lines) {
    if (/^#{1,6} \S/.test(line) || /^```/.test(line)) signals += 2;
    else if (/^\s*[-*+] \[[ xX]\] /.test(line) || /\[[^\]]+\]\([^)\s]+\)/.test(line)) signals++;
    else if (/^\s*([-*+]|\d+\.) \S/.test(line) || /^> /.test(line) || /\*\*\S/.test(line)) {
      signals++;
    }
  }
  return signals >= 2;
}

function looksLikeCsv(text: string, whole: boolean): boolean {
  const all = text.split(/\r?\n/);
  // When the head is cut, its last line may be too.
  const lines = (whole ? all : all.slice(0, -1)).filter(Boolean).slice(0, 20);
  if (lines.length < 2) return false;
  const counts = lines.map((line) => line.replace(/"[^"]*"/g, '').split(',').length - 1);
  // Prose has commas too, but rarely the same number on every line.
  return counts[0]! > 0 && counts.every((count) => count === counts[0]);
}
