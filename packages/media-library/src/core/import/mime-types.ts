// File-name extensions and declared MIME types, mapped to an asset kind. Only a fallback for
// `sniffType`: bytes decide first, because names and `File.type` are easy to get wrong.
import type { AssetKind } from '../types';

/** A kind and a MIME type, the answer of every sniffing step. */
export interface SniffedType {
  kind: AssetKind;
  mimeType: string;
}

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const EXCEL = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const POWERPOINT = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** MIME types of Office Open XML, OpenDocument and EPUB files, which are all ZIP archives. */
export const ZIP_DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  docx: WORD,
  docm: 'application/vnd.ms-word.document.macroEnabled.12',
  xlsx: EXCEL,
  xlsm: 'application/vnd.ms-excel.sheet.macroEnabled.12',
  pptx: POWERPOINT,
  pptm: 'application/vnd.ms-powerpoint.presentation.macroEnabled.12',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  epub: 'application/epub+zip',
};

/** MIME types of the pre-2007 Office formats, which share one container (OLE/CFB). */
export const CFB_DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

const EXTENSIONS: Readonly<Record<string, string>> = {
  png: 'image/png',
  apng: 'image/apng',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  heif: 'image/heif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  cur: 'image/x-icon',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
  jxl: 'image/jxl',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  ogv: 'video/ogg',
  avi: 'video/x-msvideo',
  '3gp': 'video/3gpp',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  m4b: 'audio/mp4',
  aac: 'audio/aac',
  wav: 'audio/wav',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  weba: 'audio/webm',
  mka: 'audio/x-matroska',
  aif: 'audio/aiff',
  aiff: 'audio/aiff',
  mid: 'audio/midi',
  midi: 'audio/midi',
  pdf: 'application/pdf',
  rtf: 'application/rtf',
  ...ZIP_DOCUMENT_TYPES,
  ...CFB_DOCUMENT_TYPES,
  txt: 'text/plain',
  text: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  zip: 'application/zip',
  gz: 'application/gzip',
};

/** MIME types outside `text/*` whose content is text a person can read. */
const TEXT_APPLICATION_TYPES = new Set([
  'application/json',
  'application/xml',
  'application/yaml',
  'application/javascript',
  'application/x-ndjson',
  'application/ld+json',
]);

const DOCUMENT_TYPES = new Set([
  'application/pdf',
  'application/rtf',
  ...Object.values(ZIP_DOCUMENT_TYPES),
  ...Object.values(CFB_DOCUMENT_TYPES),
]);

/** The lower-case extension of a file name without the dot, or '' when it has none. */
export function extensionOf(name: string | undefined): string {
  if (!name) return '';
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** A declared type without parameters, lower-case; '' when it says nothing useful. */
export function normaliseMimeType(declared: string | undefined): string {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  // Browsers and servers use octet-stream for "I don't know".
  return /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type) && type !== 'application/octet-stream'
    ? type
    : '';
}

/** The kind of asset a MIME type stands for. */
export function kindOfMimeType(mimeType: string): AssetKind {
  const type = normaliseMimeType(mimeType);
  const top = type.split('/')[0];
  if (top === 'image' || top === 'video' || top === 'audio') return top;
  if (top === 'text' || TEXT_APPLICATION_TYPES.has(type) || type.endsWith('+json')) return 'text';
  if (DOCUMENT_TYPES.has(type)) return 'document';
  return 'other';
}

/** The MIME type an extension usually stands for, or '' when it is not known. */
export function mimeTypeOfExtension(name: string | undefined): string {
  return EXTENSIONS[extensionOf(name)] ?? '';
}

/**
 * Whether a MIME type is markup a browser runs as a document with script (HTML, XHTML, SVG,
 * any XML): such a type is taken only from the bytes, never from a name or a declared type.
 */
export function isMarkupMimeType(mimeType: string): boolean {
  const type = normaliseMimeType(mimeType);
  return type === 'text/html' || type.endsWith('/xml') || type.endsWith('+xml');
}

/** Whether a MIME type is one whose bytes are readable text. */
export function isTextMimeType(mimeType: string): boolean {
  return kindOfMimeType(mimeType) === 'text';
}

/**
 * The type claimed by the outside world: the declared type when it is specific, else the
 * extension's; `undefined` when neither says anything.
 */
export function claimedType(name?: string, declaredType?: string): SniffedType | undefined {
  const mimeType = normaliseMimeType(declaredType) || mimeTypeOfExtension(name);
  return mimeType ? { kind: kindOfMimeType(mimeType), mimeType } : undefined;
}
