// Typing a search narrows it: every match of "fox 12" is a match of "fox 1", so a query whose
// terms only grow checks the previous query's matches rather than the whole index.
import type { MediaAsset, MediaQuery } from './types';

/** A search's terms and every match in the query's order, with the matches' search texts. */
export interface SearchMatches {
  terms: readonly string[];
  matches: MediaAsset[];
  texts: string[];
}

type Cache = Map<string, SearchMatches>;

/** Where a query's matches are remembered: the cache of its map and its key there. */
export interface Narrowing {
  cache: Cache;
  key: string;
}

// Per version of a library's map, per query apart from its text and paging. A few queries per
// map, as a screen and a side panel may search the same index at once.
const narrowings = new WeakMap<ReadonlyMap<string, MediaAsset>, Cache>();
const PER_MAP = 4;

/** The place of `query`'s matches over `map`, whatever its text and page. */
export function narrowingFor(map: ReadonlyMap<string, MediaAsset>, query: MediaQuery): Narrowing {
  let cache = narrowings.get(map);
  if (!cache) {
    cache = new Map();
    narrowings.set(map, cache);
  }
  const { text: _text, offset: _offset, limit: _limit, ...filters } = query;
  return { cache, key: `${map.size}\n${JSON.stringify(filters)}` };
}

/** The remembered matches that surely hold every match of `terms`, if any. */
export function previousMatches(
  narrowing: Narrowing,
  terms: readonly string[],
): SearchMatches | undefined {
  const previous = narrowing.cache.get(narrowing.key);
  // A text matching each new term contains each old term that is part of a new one.
  const narrower =
    previous?.terms.every((term) => terms.some((longer) => longer.includes(term))) === true;
  return narrower ? previous : undefined;
}

/** Remembers a search's matches, forgetting the least recent of the map's others. */
export function rememberMatches(narrowing: Narrowing, entry: SearchMatches): void {
  const { cache, key } = narrowing;
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > PER_MAP) cache.delete(cache.keys().next().value as string);
}
