// Search-text normalisation for the query engine: one lower-case, accent-free string per asset,
// computed once per record object and cached (records are immutable and replaced on change).
import type { MediaAsset } from './types';

// Combining marks left behind by NFKD ("é" -> "e" + U+0301); dropping them makes search
// accent-insensitive.
const combiningMarks = /\p{M}/gu;
const whitespace = /\s+/u;
// Anything outside printable ASCII takes the full path.
const nonAscii = /[^ -~]/u;

/**
 * Normalises text for matching: NFKD compatibility decomposition, combining marks removed,
 * lower-cased. "Crème Brûlée" and "CREME brulee" normalise to the same string.
 *
 * @example normalizeSearchText('Ｃafé') // 'cafe'
 */
export function normalizeSearchText(text: string): string {
  // Most names are plain ASCII, which NFKD leaves unchanged: skip the costly normalisation.
  if (!nonAscii.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(combiningMarks, '').toLowerCase();
}

/**
 * Splits a user's query into normalised terms; every term must match somewhere.
 * Empty or whitespace-only input gives no terms (matches everything).
 */
export function searchTerms(text: string | undefined): string[] {
  if (!text) return [];
  return normalizeSearchText(text)
    .split(whitespace)
    .filter((term) => term.length > 0);
}

// Keyed by the record object itself: an updated asset is a new object, so a stale entry can
// never be read, and entries of deleted assets go away with them.
const cache = new WeakMap<MediaAsset, string>();

/**
 * The normalised text a query's terms are matched against: name, title, description, the AI
 * prompt and the tags. Fields are joined with a newline so that a term (which never contains
 * whitespace) cannot match across two fields.
 */
export function assetSearchText(asset: MediaAsset): string {
  let text = cache.get(asset);
  if (text === undefined) {
    const parts = [asset.name];
    if (asset.title) parts.push(asset.title);
    if (asset.description) parts.push(asset.description);
    if (asset.source.type === 'ai' && asset.source.prompt) parts.push(asset.source.prompt);
    for (const tag of asset.tags) parts.push(tag);
    text = normalizeSearchText(parts.join('\n'));
    cache.set(asset, text);
  }
  return text;
}
