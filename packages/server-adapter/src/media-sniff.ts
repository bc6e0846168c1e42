// Tells what a fetched file is from its first bytes, for the URL fetch route: only the kinds
// the media library imports (images, video, audio, PDF, plain text) pass, each labelled by
// its bytes. HTML never passes, whatever the upstream claims, so the server cannot be made to
// serve a page from its own origin.

/** A file kind the URL fetch passes on, with the extension its file name gets. */
export interface SniffedMedia {
  mediaType: string;
  extension: string;
}

/** How many leading bytes {@link sniffMedia} wants; fewer is fine for short files. */
export const MEDIA_SNIFF_BYTES = 4096;

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length &&
  signature.every((value, i) => bytes[offset + i] === value);

const media = (mediaType: string, extension: string): SniffedMedia => ({ mediaType, extension });

/** ISO base media (MP4, MOV, M4A, AVIF, HEIC) by its major brand. */
function isoMedia(head: Uint8Array, declaredType: string): SniffedMedia {
  const brand = ascii(head, 8, 12);
  if (brand === 'avif' || brand === 'avis') return media('image/avif', 'avif');
  if (['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1'].includes(brand)) {
    return media('image/heic', 'heic');
  }
  if (brand === 'qt  ') return media('video/quicktime', 'mov');
  if (brand === 'M4A ' || brand === 'M4B ' || declaredType.startsWith('audio/')) {
    return media('audio/mp4', 'm4a');
  }
  return media('video/mp4', 'mp4');
}

/** An MPEG audio frame header (MP3 without ID3): sync bits, a version, a layer, a bitrate. */
function isMpegAudioFrame(head: Uint8Array): boolean {
  if (head.length < 4 || head[0] !== 0xff) return false;
  const b1 = head[1] as number;
  const b2 = head[2] as number;
  return (b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && (b1 & 0x06) !== 0 && b2 >> 4 !== 0xf;
}

function binary(head: Uint8Array, declaredType: string): SniffedMedia | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return media('image/png', 'png');
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) return media('image/jpeg', 'jpg');
  const six = ascii(head, 0, 6);
  if (six === 'GIF87a' || six === 'GIF89a') return media('image/gif', 'gif');
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 12);
    if (form === 'WEBP') return media('image/webp', 'webp');
    if (form === 'WAVE') return media('audio/wav', 'wav');
    if (form === 'AVI ') return media('video/x-msvideo', 'avi');
  }
  if (ascii(head, 4, 8) === 'ftyp') return isoMedia(head, declaredType);
  if (ascii(head, 0, 2) === 'BM' && head.length >= 26) return media('image/bmp', 'bmp');
  if (startsWith(head, [0, 0, 1, 0]) && head.length >= 22) return media('image/x-icon', 'ico');
  if (startsWith(head, [0x49, 0x49, 0x2a, 0]) || startsWith(head, [0x4d, 0x4d, 0, 0x2a])) {
    return media('image/tiff', 'tif');
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    return ascii(head, 0, 64).includes('webm')
      ? media(declaredType.startsWith('audio/') ? 'audio/webm' : 'video/webm', 'webm')
      : media('video/x-matroska', 'mkv');
  }
  if (ascii(head, 0, 4) === 'OggS') {
    return declaredType.startsWith('video/')
      ? media('video/ogg', 'ogv')
      : media('audio/ogg', 'ogg');
  }
  if (ascii(head, 0, 4) === 'fLaC') return media('audio/flac', 'flac');
  if (ascii(head, 0, 3) === 'ID3' || isMpegAudioFrame(head)) return media('audio/mpeg', 'mp3');
  if (ascii(head, 0, 5) === '%PDF-') return media('application/pdf', 'pdf');
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The head as text when it is UTF-8 without control characters (bar tab, newlines, FF). */
function asText(head: Uint8Array): string | undefined {
  let text: string;
  try {
    // stream: a multi-byte character cut at the end of the head is not an error.
    text = utf8.decode(head, { stream: true });
    utf8.decode();
  } catch {
    return undefined;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the test.
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

// What a browser would render as a page: markup at the start, or these tags anywhere early.
const MARKUP_START = /^\s*<(?!svg[\s>])/i;
const HTML_TAG =
  /<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|meta|link|style)[\s>/]/i;
const SVG_START =
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+svg[^>]*>\s*)?<svg[\s>]/i;

function text(head: Uint8Array, declaredType: string): SniffedMedia | undefined {
  const decoded = asText(head);
  if (decoded === undefined) return undefined;
  const body = decoded.replace(/^\uFEFF/, '');
  if (SVG_START.test(body)) return media('image/svg+xml', 'svg');
  if (MARKUP_START.test(body) || HTML_TAG.test(body)) return undefined;
  if (body.trim() === '') return undefined;
  const flavour = TEXT_FLAVOURS[declaredType];
  return flavour
    ? media('text/plain; charset=utf-8', flavour)
    : media('text/plain; charset=utf-8', 'txt');
}

/** The extension a text file keeps, from the type the upstream declared. */
const TEXT_FLAVOURS: Record<string, string> = {
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
  'application/json': 'json',
};

/** Declared types that are refused before a byte is read: they are pages, not files. */
export function isMarkupType(declaredType: string): boolean {
  return declaredType === 'text/html' || declaredType === 'application/xhtml+xml';
}

/**
 * The media type of a fetched file from its first bytes: PNG, JPEG, GIF, WebP, AVIF, HEIC,
 * BMP, ICO, TIFF, SVG; MP4, MOV, WebM, Matroska, Ogg, AVI; MP3, M4A, WAV, FLAC; PDF; and
 * UTF-8 text that is not markup (served as `text/plain`). The declared type only tells apart
 * formats that share a container. Undefined for anything else, HTML above all.
 *
 * @example
 * sniffMedia(new TextEncoder().encode('<!doctype html><p>hi'), 'text/plain'); // undefined
 */
export function sniffMedia(head: Uint8Array, declaredType = ''): SniffedMedia | undefined {
  const declared = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (isMarkupType(declared)) return undefined;
  return binary(head, declared) ?? text(head, declared);
}
