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
// never be read, and entries of deleted assets go away with them. Split over several maps by
// id: a hash table grows by copying every entry in one step, and one map of 100,000 assets
// grew in a single main-thread task of 40 to 50 ms while a library opened (a trace of
// `pnpm bench scale`); a map of a sixty-fourth of them grows in a sixty-fourth of the time.
const shards = Array.from({ length: 64 }, () => new WeakMap<MediaAsset, string>());

/**
 * The map that holds the text of `asset`, chosen by a multiplicative hash of the last four
 * characters of its id (even for ids of hexadecimal digits or counters, each map then holds
 * within 15 % of the average).
 */
function shardOf(asset: MediaAsset): WeakMap<MediaAsset, string> {
  const { id } = asset;
  let hash = 0;
  for (let i = Math.max(0, id.length - 4); i < id.length; i++)
    hash = Math.imul(hash ^ id.charCodeAt(i), 0x9e3779b1);
  // The top six bits: the best mixed ones of a multiplicative hash.
  return shards[hash >>> 26] as WeakMap<MediaAsset, string>;
}

/**
 * The normalised text a query's terms are matched against: name, title, description, the AI
 * prompt and the tags. Fields are joined with a newline so that a term (which never contains
 * whitespace) cannot match across two fields.
 */
export function assetSearchText(asset: MediaAsset): string {
  const cache = shardOf(asset);
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
