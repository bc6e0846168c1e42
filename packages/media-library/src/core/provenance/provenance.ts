// The public face of provenance: write a generated image's source into its file, read it back
// from a file. Both load their code on first use, so an app that never calls them pays nothing.
import type { AssetSource } from '../types';

/** Provenance carried by a file: the generated image's source, and when it was made. */
export interface FileProvenance {
  source: Extract<AssetSource, { type: 'ai' }>;
  /** Epoch ms, when the file says. */
  createdAt?: number;
}

/** Files bigger than this are read only at their start, where image metadata lives. */
const READ_WHOLE_BELOW_BYTES = 32 * 1024 * 1024;
const READ_HEAD_BYTES = 1024 * 1024;

/**
 * `blob` with `source` written into it when `source` is of type 'ai' and the bytes are PNG
 * (a `parameters` text chunk and a `medialoft` JSON chunk), JPEG or WebP (an XMP packet); for
 * any other source or format, `blob` itself, unchanged. The pixels are never touched.
 *
 * @param createdAt - Epoch ms the image was made (the asset's `createdAt`), written alongside.
 * @example
 * const asset = library.get(id);
 * const original = await library.getBlob(id, 'original');
 * const file = await embedProvenance(original, asset.source, asset.createdAt);
 */
export async function embedProvenance(
  blob: Blob,
  source: AssetSource,
  createdAt?: number,
): Promise<Blob> {
  if (source.type !== 'ai') return blob;
  const { embedProvenanceInBlob } = await import('./embed');
  return embedProvenanceInBlob(blob, source, createdAt);
}

/**
 * The provenance a PNG, JPEG or WebP file carries (written by {@link embedProvenance}, or a
 * `parameters` text chunk from another image generator), or undefined when it carries none.
 * Never throws on broken or hostile bytes.
 */
export async function readProvenance(blob: Blob): Promise<FileProvenance | undefined> {
  const bytes = blob.size < READ_WHOLE_BELOW_BYTES ? blob : blob.slice(0, READ_HEAD_BYTES);
  const [{ readProvenanceBytes }, buffer] = await Promise.all([
    import('./read'),
    bytes.arrayBuffer(),
  ]);
  return readProvenanceBytes(new Uint8Array(buffer));
}
