// Reads provenance out of an image file's bytes: our JSON chunk or the settings text in a PNG,
// our XMP in a JPEG, WebP or PNG. Any file is untrusted: every walk is bounded, and a file
// that is broken, hostile or simply plain yields undefined, never an exception.
import { parseParameters } from './a1111-parameters';
import { ascii, isXmpSegment, JPEG_XMP_HEADER, jpegSegments, webpChunks } from './containers';
import {
  type FileProvenance,
  JSON_KEYWORD,
  PARAMETERS_KEYWORD,
  provenanceFromFields,
  UNKNOWN,
} from './fields';
import { decodeTextChunk, isPng, MAX_TEXT_CHUNK_BYTES, pngChunks } from './png-chunks';
import { MAX_XMP_BYTES, readXmp } from './xmp';

/** The PNG text keyword of an XMP packet. */
const PNG_XMP_KEYWORD = 'XML:com.adobe.xmp';

/** The provenance `bytes` carry, or undefined when they carry none that can be read. */
export function readProvenanceBytes(bytes: Uint8Array): FileProvenance | undefined {
  try {
    if (isPng(bytes)) return readPng(bytes);
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpeg(bytes);
    if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return readWebp(bytes);
  } catch {
    // A file this cannot make sense of has no provenance to offer.
  }
  return undefined;
}

function readPng(bytes: Uint8Array): FileProvenance | undefined {
  let json: FileProvenance | undefined;
  let xmp: FileProvenance | undefined;
  let parameters: FileProvenance | undefined;
  for (const chunk of pngChunks(bytes)) {
    if (chunk.type !== 'tEXt' && chunk.type !== 'iTXt') continue;
    const text = decodeTextChunk(chunk);
    if (!text) continue;
    if (text.keyword === JSON_KEYWORD) json ??= fromJson(text.text);
    else if (text.keyword === PARAMETERS_KEYWORD) parameters ??= fromParameters(text.text);
    else if (text.keyword === PNG_XMP_KEYWORD) xmp ??= fromXmp(text.text);
  }
  return json ?? xmp ?? parameters;
}

function readJpeg(bytes: Uint8Array): FileProvenance | undefined {
  for (const segment of jpegSegments(bytes).segments) {
    if (!isXmpSegment(bytes, segment)) continue;
    const found = fromXmpBytes(
      bytes.subarray(segment.start + 4 + JPEG_XMP_HEADER.length, segment.end),
    );
    if (found) return found;
  }
  return undefined;
}

function readWebp(bytes: Uint8Array): FileProvenance | undefined {
  for (const chunk of webpChunks(bytes)) {
    if (chunk.fourcc !== 'XMP ') continue;
    const found = fromXmpBytes(chunk.data);
    if (found) return found;
  }
  return undefined;
}

function fromXmpBytes(bytes: Uint8Array): FileProvenance | undefined {
  if (bytes.length > MAX_XMP_BYTES) return undefined;
  return fromXmp(new TextDecoder().decode(bytes));
}

function fromXmp(text: string): FileProvenance | undefined {
  const fields = readXmp(text);
  return fields ? provenanceFromFields(fields) : undefined;
}

function fromJson(text: string): FileProvenance | undefined {
  if (text.length > MAX_TEXT_CHUNK_BYTES) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return provenanceFromFields(value as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

function fromParameters(text: string): FileProvenance | undefined {
  const parsed = parseParameters(text);
  if (!parsed) return undefined;
  const { settings: _settings, ...fields } = parsed;
  return provenanceFromFields({ ...fields, provider: UNKNOWN, model: parsed.model ?? UNKNOWN });
}
