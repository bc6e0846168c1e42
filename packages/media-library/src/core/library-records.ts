// Small pure helpers about asset records shared by import and the operations: id lists, tag
// normalisation and default names.
import type { AssetKind } from './types';

/** `ids` as a list without repeats, for the single-or-many operations. */
export function idList(ids: string | string[]): string[] {
  return [...new Set(typeof ids === 'string' ? [ids] : ids)];
}

/** Trimmed, non-empty and unique tags, case kept, first spelling wins. */
export function normalizeTags(tags: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (typeof tag !== 'string') continue;
    const trimmed = tag.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}

/** A file name for bytes that came without one, e.g. `image-3f2a9c1e.png`. */
export function defaultName(kind: AssetKind, mimeType: string, id: string): string {
  const subtype = mimeType.split('/')[1]?.split(/[+;]/)[0]?.trim();
  const extension = subtype && /^[a-z0-9.-]{1,10}$/i.test(subtype) ? `.${subtype}` : '';
  return `${kind}-${id.replace(/[^a-z0-9]/gi, '').slice(0, 8)}${extension}`;
}

/** The last path segment of a URL, decoded, or undefined when there is none. */
export function nameFromUrl(url: string): string | undefined {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    return segment ? decodeURIComponent(segment) : undefined;
  } catch {
    return undefined;
  }
}
