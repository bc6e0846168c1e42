// What the URL fetch passes on, by the bytes: the library's media kinds, never markup.
import { describe, expect, it } from 'vitest';
import { sniffMedia } from './media-sniff';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part,
    ),
  );
const text = (value: string) => new TextEncoder().encode(value);

describe('sniffMedia', () => {
  it.each([
    [bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), '', 'image/png', 'png'],
    [bytes([0xff, 0xd8, 0xff, 0xe0]), '', 'image/jpeg', 'jpg'],
    [bytes('GIF89a'), '', 'image/gif', 'gif'],
    [bytes('RIFF', [0, 0, 0, 0], 'WEBP'), '', 'image/webp', 'webp'],
    [bytes([0, 0, 0, 0x1c], 'ftypavif'), '', 'image/avif', 'avif'],
    [bytes([0, 0, 0, 0x1c], 'ftypheic'), '', 'image/heic', 'heic'],
    [bytes([0, 0, 0, 0x1c], 'ftypisom'), '', 'video/mp4', 'mp4'],
    [bytes([0, 0, 0, 0x1c], 'ftypqt  '), '', 'video/quicktime', 'mov'],
    [bytes([0, 0, 0, 0x1c], 'ftypM4A '), '', 'audio/mp4', 'm4a'],
    [bytes([0x1a, 0x45, 0xdf, 0xa3], 'webm'), '', 'video/webm', 'webm'],
    [bytes('OggS'), 'audio/ogg', 'audio/ogg', 'ogg'],
    [bytes('OggS'), 'video/ogg', 'video/ogg', 'ogv'],
    [bytes('RIFF', [0, 0, 0, 0], 'WAVE'), '', 'audio/wav', 'wav'],
    [bytes('fLaC'), '', 'audio/flac', 'flac'],
    [bytes('ID3', [4, 0]), '', 'audio/mpeg', 'mp3'],
    [bytes([0xff, 0xfb, 0x90, 0x64]), '', 'audio/mpeg', 'mp3'],
    [bytes('%PDF-1.7'), '', 'application/pdf', 'pdf'],
    [
      text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
      '',
      'image/svg+xml',
      'svg',
    ],
    [text('a,b\n1,2\n'), 'text/csv', 'text/plain; charset=utf-8', 'csv'],
    [text('héllo wörld\n'), 'text/plain; charset=utf-8', 'text/plain; charset=utf-8', 'txt'],
  ])('labels %# by its bytes', (head, declared, mediaType, extension) => {
    expect(sniffMedia(head, declared)).toEqual({ mediaType, extension });
  });

  it.each([
    [text('<!DOCTYPE html><html><body>hi'), 'text/plain'],
    [text('  <html>'), ''],
    [text('<p>a paragraph</p>'), 'text/plain'],
    [text('hello\n<script>alert(1)</script>'), 'text/plain'],
    [text('<?xml version="1.0"?><rss/>'), 'application/xml'],
    [bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'text/html'],
    [text('just words'), 'application/xhtml+xml'],
    [bytes([0, 1, 2, 3, 0xfe, 0xff]), 'image/png'],
    [bytes([0xc3, 0x28, 0x41]), 'text/plain'],
    [text('   \n  '), 'text/plain'],
    [new Uint8Array(0), 'image/png'],
  ])('refuses %# (declared %s)', (head, declared) => {
    expect(sniffMedia(head, declared)).toBeUndefined();
  });
});
