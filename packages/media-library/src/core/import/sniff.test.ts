// Sniffing from hand-built minimal headers of every supported format (real encoded images are
// sniffed in sniff.browser.test.ts).
import { describe, expect, it } from 'vitest';
import { bytesShowKind, SNIFF_BYTES, sniffType } from './sniff';

type Part = string | number[] | Uint8Array;

/** Concatenates ASCII strings and byte lists into one Uint8Array. */
function bytes(...parts: Part[]): Uint8Array {
  const chunks = parts.map((part) =>
    typeof part === 'string'
      ? Uint8Array.from(part, (c) => c.charCodeAt(0))
      : part instanceof Uint8Array
        ? part
        : Uint8Array.from(part),
  );
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const u16le = (n: number) => [n & 255, (n >>> 8) & 255];
const utf8 = (text: string) => new TextEncoder().encode(text);

function ftyp(major: string, ...compatible: string[]): Uint8Array {
  return bytes(u32be(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], ...compatible);
}

function zipEntry(name: string, data = ''): Uint8Array {
  // Local file header, stored (method 0), sizes known up front.
  return bytes(
    [0x50, 0x4b, 0x03, 0x04],
    u16le(20),
    u16le(0),
    u16le(0),
    [0, 0, 0, 0, 0, 0, 0, 0],
    u32le(data.length),
    u32le(data.length),
    u16le(name.length),
    u16le(0),
    name,
    data,
  );
}

function oggPage(packet: Part): Uint8Array {
  const body = bytes(packet);
  return bytes('OggS', [0, 2], new Array(20).fill(0), [1, body.length], body);
}

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], u32be(13), 'IHDR', u32be(1));

const samples: Array<[string, Uint8Array, string, string, string?]> = [
  ['PNG', PNG, 'image', 'image/png'],
  ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF\0'), 'image', 'image/jpeg'],
  ['GIF', bytes('GIF89a', [1, 0, 1, 0]), 'image', 'image/gif'],
  ['WebP', bytes('RIFF', u32le(30), 'WEBPVP8 '), 'image', 'image/webp'],
  ['AVIF', ftyp('avif', 'mif1', 'miaf'), 'image', 'image/avif'],
  ['HEIC', ftyp('heic', 'mif1', 'heic'), 'image', 'image/heic'],
  ['HEIF (mif1)', ftyp('mif1', 'mif1'), 'image', 'image/heif'],
  [
    'BMP',
    bytes('BM', u32le(70), [0, 0, 0, 0], u32le(54), u32le(40), u32le(1), u32le(1)),
    'image',
    'image/bmp',
  ],
  [
    'ICO',
    bytes([0, 0, 1, 0, 1, 0], [16, 16, 0, 0, 1, 0, 32, 0], u32le(68), u32le(22)),
    'image',
    'image/x-icon',
  ],
  ['TIFF (little-endian)', bytes('II', [42, 0], u32le(8)), 'image', 'image/tiff'],
  ['TIFF (big-endian)', bytes('MM', [0, 42], u32be(8)), 'image', 'image/tiff'],
  [
    'SVG with prologue and comment',
    utf8('<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
    'image',
    'image/svg+xml',
  ],
  ['SVG bare', utf8('  <svg viewBox="0 0 1 1"></svg>'), 'image', 'image/svg+xml'],
  ['MP4', ftyp('isom', 'isom', 'iso2', 'mp41'), 'video', 'video/mp4'],
  ['MOV', ftyp('qt  ', 'qt  '), 'video', 'video/quicktime'],
  ['M4A', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'audio', 'audio/mp4'],
  [
    'WebM',
    bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1, 0x42, 0x82, 0x84], 'webm'),
    'video',
    'video/webm',
  ],
  [
    'MKV',
    bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'),
    'video',
    'video/x-matroska',
  ],
  ['Ogg Vorbis', oggPage(bytes([1], 'vorbis')), 'audio', 'audio/ogg'],
  ['Ogg Opus', oggPage('OpusHead'), 'audio', 'audio/ogg'],
  ['Ogg Theora', oggPage(bytes([0x80], 'theora')), 'video', 'video/ogg'],
  [
    'MP3 with ID3',
    bytes('ID3', [4, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64]),
    'audio',
    'audio/mpeg',
  ],
  ['MP3 frame', bytes([0xff, 0xfb, 0x90, 0x64], new Array(20).fill(0)), 'audio', 'audio/mpeg'],
  ['AAC (ADTS)', bytes([0xff, 0xf1, 0x50, 0x80]), 'audio', 'audio/aac'],
  ['WAV', bytes('RIFF', u32le(36), 'WAVEfmt '), 'audio', 'audio/wav'],
  ['FLAC', bytes('fLaC', [0, 0, 0, 34]), 'audio', 'audio/flac'],
  ['FLAC with ID3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0], 'fLaC'), 'audio', 'audio/flac'],
  ['AIFF', bytes('FORM', u32be(4), 'AIFF'), 'audio', 'audio/aiff'],
  ['PDF', utf8('%PDF-1.7\n%âãÏÓ\n'), 'document', 'application/pdf'],
  ['RTF', utf8('{\\rtf1\\ansi Hello}'), 'document', 'application/rtf'],
  ['ZIP', zipEntry('photos/a.txt', 'hi'), 'other', 'application/zip'],
  [
    'DOCX by entries',
    bytes(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('word/document.xml', '<w/>')),
    'document',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  [
    'XLSX by entries',
    bytes(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('xl/workbook.xml', '<x/>')),
    'document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  [
    'PPTX by name',
    zipEntry('[Content_Types].xml', '<Types/>'),
    'document',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'deck.pptx',
  ],
  [
    'EPUB by its mimetype entry',
    zipEntry('mimetype', 'application/epub+zip'),
    'document',
    'application/epub+zip',
  ],
  [
    'ODT by its mimetype entry',
    zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'),
    'document',
    'application/vnd.oasis.opendocument.text',
  ],
  [
    'DOC (OLE) by name',
    bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    'document',
    'application/msword',
    'old.doc',
  ],
  ['plain text', utf8('Hello, world.\nGoodbye.\n'), 'text', 'text/plain'],
  ['UTF-8 text', utf8('Grüße aus Köln — 東京\n'), 'text', 'text/plain'],
  ['JSON object', utf8('{\n  "name": "x", "n": 1\n}'), 'text', 'application/json'],
  ['JSON array', utf8('[{"a": 1}, {"a": 2}]'), 'text', 'application/json'],
  ['CSV', utf8('name,width,height\ncat.png,10,20\ndog.png,30,40\n'), 'text', 'text/csv'],
  [
    'Markdown',
    utf8('# Title\n\nSome text with a [link](https://example.com).\n\n- item\n'),
    'text',
    'text/markdown',
  ],
  ['HTML', utf8('<!doctype html><html><body>hi</body></html>'), 'text', 'text/html'],
  ['XML', utf8('<?xml version="1.0"?><feed></feed>'), 'text', 'application/xml'],
];

describe('sniffType', () => {
  it.each(samples)('%s', (_label, head, kind, mimeType, name) => {
    expect(sniffType(head, name)).toEqual({ kind, mimeType });
  });

  it('believes bytes over the name and the declared type', () => {
    expect(sniffType(PNG, 'photo.jpg', 'image/jpeg')).toEqual({
      kind: 'image',
      mimeType: 'image/png',
    });
    expect(sniffType(utf8('just words'), 'image.png', 'image/png')).toEqual({
      kind: 'text',
      mimeType: 'text/plain',
    });
  });

  it('uses the name to tell audio from video in shared containers', () => {
    expect(sniffType(ftyp('mp42', 'isom'), 'voice.m4a')).toEqual({
      kind: 'audio',
      mimeType: 'audio/mp4',
    });
    const webm = bytes([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x84], 'webm');
    expect(sniffType(webm, 'memo.weba', 'audio/webm')).toEqual({
      kind: 'audio',
      mimeType: 'audio/webm',
    });
  });

  it('refines text by name or declared type, never turning text into binary', () => {
    expect(sniffType(utf8('a;b\n1;2\n'), 'data.csv').mimeType).toBe('text/csv');
    expect(sniffType(utf8('notes'), 'notes.md').mimeType).toBe('text/markdown');
    expect(sniffType(utf8('notes'), undefined, 'text/markdown; charset=utf-8').mimeType).toBe(
      'text/markdown',
    );
  });

  it('falls back to the name, then the declared type, when the bytes say nothing', () => {
    const noise = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 3) % 256);
    expect(sniffType(noise, 'clip.mp4')).toEqual({ kind: 'video', mimeType: 'video/mp4' });
    expect(sniffType(noise, undefined, 'audio/x-custom')).toEqual({
      kind: 'audio',
      mimeType: 'audio/x-custom',
    });
    expect(sniffType(noise)).toEqual({ kind: 'other', mimeType: 'application/octet-stream' });
    expect(sniffType(new Uint8Array(0), 'empty.txt')).toEqual({
      kind: 'text',
      mimeType: 'text/plain',
    });
  });

  it('keeps text that a full head cuts in the middle of a character', () => {
    const text = utf8('é'.repeat(SNIFF_BYTES)); // 2 bytes each, so SNIFF_BYTES bytes hold 2048
    const head = bytes(utf8('x'), text).subarray(0, SNIFF_BYTES); // ends on half an 'é'
    expect(sniffType(head).kind).toBe('text');
  });

  it('treats bytes with control characters as binary', () => {
    expect(sniffType(bytes('abc', [0, 1, 2], 'def')).kind).toBe('other');
  });

  it('does not mistake text starting with "BM" for a bitmap', () => {
    expect(sniffType(utf8('BMX is a sport.\n')).kind).toBe('text');
  });

  it('reads a head that is a view into a larger buffer', () => {
    const buffer = bytes(utf8('junk'), PNG);
    expect(sniffType(buffer.subarray(4)).mimeType).toBe('image/png');
  });

  it('takes markup a browser would run only from the bytes, never from a name or type', () => {
    const svg = utf8('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    // An SVG posing as a PNG is an SVG.
    expect(sniffType(svg, 'photo.png', 'image/png')).toEqual({
      kind: 'image',
      mimeType: 'image/svg+xml',
    });
    // Binary bytes that claim SVG, HTML or XML are none of them.
    const noise = bytes([0x00, 0x9c, 0x13, 0xf1, 0x02, 0x7e]);
    for (const [name, type] of [
      ['logo.svg', 'image/svg+xml'],
      ['page.html', 'text/html'],
      ['feed.xml', 'application/xml'],
      ['page.xhtml', 'application/xhtml+xml'],
    ]) {
      expect(sniffType(noise, name, type)).toEqual({
        kind: 'other',
        mimeType: 'application/octet-stream',
      });
    }
    // Text that does not look like HTML is plain text, whatever its name says.
    expect(sniffType(utf8('just words'), 'notes.html', 'text/html')).toEqual({
      kind: 'text',
      mimeType: 'text/plain',
    });
  });

  it('tells media the bytes show from media only a name claims', () => {
    const noise = bytes([0x00, 0x9c, 0x13, 0xf1, 0x02, 0x7e, 0x00, 0x44]);
    expect(sniffType(noise, 'corrupted.jpg').mimeType).toBe('image/jpeg');
    expect(bytesShowKind(noise, 'image')).toBe(false);
    expect(bytesShowKind(noise, 'video')).toBe(false);
    expect(bytesShowKind(PNG, 'image')).toBe(true);
    expect(bytesShowKind(PNG, 'video')).toBe(false);
    expect(bytesShowKind(utf8('<svg viewBox="0 0 1 1"></svg>'), 'image')).toBe(true);
    // An MP4 holding only sound is still timed media.
    expect(bytesShowKind(bytes(u32be(20), 'ftypisom', u32be(0), 'isom'), 'audio')).toBe(true);
  });
});
