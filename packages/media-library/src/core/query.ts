// The query engine: filters, text search, sorting and paging over the loaded index, in memory.
// Built to run on every keystroke over 10,000+ assets: one pass, no per-asset allocation.
import { sortedAssets, sortedSearchTexts } from './query-index';
import { narrowingFor, previousMatches, rememberMatches } from './query-narrow';
import { assetSearchText, searchTerms } from './search-text';
import type { MediaAsset, MediaLibraryState, MediaQuery, QueryResult, SortField } from './types';

export { normalizeSearchText } from './search-text';

type Compare = (a: MediaAsset, b: MediaAsset) => number;
type Predicate = (asset: MediaAsset) => boolean;

// Creating a Collator is far more expensive than using one; one instance serves every query.
// `numeric` sorts "img2" before "img10"; 'base' sensitivity ignores case and accents.
let collator: Intl.Collator | undefined;
function nameCollator(): Intl.Collator {
  collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return collator;
}

function costOf(asset: MediaAsset): number {
  return asset.source.type === 'ai' ? (asset.source.costUsd ?? 0) : 0;
}

function fieldCompare(field: SortField): Compare {
  switch (field) {
    case 'name': {
      const { compare } = nameCollator();
      return (a, b) => compare(a.name, b.name);
    }
    case 'updatedAt':
      return (a, b) => a.updatedAt - b.updatedAt;
    case 'size':
      return (a, b) => a.size - b.size;
    case 'cost':
      return (a, b) => costOf(a) - costOf(b);
    default:
      return (a, b) => a.createdAt - b.createdAt;
  }
}

/**
 * The comparator for a query's sort. Ties break on id in the same direction, so the order is
 * total (paging never shows an asset twice) and descending is exactly ascending reversed.
 */
export function comparatorFor(sort: MediaQuery['sort']): Compare {
  const byField = fieldCompare(sort?.field ?? 'createdAt');
  const sign = (sort?.direction ?? (sort ? 'asc' : 'desc')) === 'desc' ? -1 : 1;
  return (a, b) => {
    const order = byField(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return sign * order;
  };
}

const nonEmpty = <T>(values: readonly T[] | undefined): values is readonly T[] =>
  values !== undefined && values.length > 0;

/**
 * Compiles the filters of a query into a list of predicates, cheapest first, so each asset
 * is rejected as early as possible; the text match (the most expensive) runs after them all.
 */
function compileFilters(query: MediaQuery): Predicate[] {
  const predicates: Predicate[] = [];
  if (query.trashed !== undefined) {
    // A list of records may mix both; the library's maps hold one or the other.
    const trashed = query.trashed;
    predicates.push((a) => (a.trashedAt !== undefined) === trashed);
  }
  if (query.favorite !== undefined) {
    const favorite = query.favorite;
    predicates.push((a) => a.favorite === favorite);
  }
  if (query.unreadable !== undefined) {
    const unreadable = query.unreadable;
    predicates.push((a) => (a.unreadable === true) === unreadable);
  }
  if (nonEmpty(query.kinds)) {
    const kinds = new Set(query.kinds);
    predicates.push((a) => kinds.has(a.kind));
  }
  if (nonEmpty(query.sourceTypes)) {
    const types = new Set(query.sourceTypes);
    predicates.push((a) => types.has(a.source.type));
  }
  if (query.derivedFrom !== undefined) {
    const parentId = query.derivedFrom;
    predicates.push((a) => 'parentId' in a.source && a.source.parentId === parentId);
  }
  if (nonEmpty(query.providers)) {
    const providers = new Set(query.providers);
    predicates.push((a) => a.source.type === 'ai' && providers.has(a.source.provider));
  }
  if (nonEmpty(query.models)) {
    const models = new Set(query.models);
    predicates.push((a) => a.source.type === 'ai' && models.has(a.source.model));
  }
  const { createdFrom, createdTo, minSize, maxSize } = query;
  if (createdFrom !== undefined) predicates.push((a) => a.createdAt >= createdFrom);
  if (createdTo !== undefined) predicates.push((a) => a.createdAt <= createdTo);
  if (minSize !== undefined) predicates.push((a) => a.size >= minSize);
  if (maxSize !== undefined) predicates.push((a) => a.size <= maxSize);
  if (query.orientation) {
    const orientation = query.orientation;
    predicates.push((a) => {
      // Without both dimensions the orientation is unknown, so the asset does not match.
      if (!a.width || !a.height) return false;
      if (orientation === 'square') return a.width === a.height;
      return orientation === 'landscape' ? a.width > a.height : a.width < a.height;
    });
  }
  if (nonEmpty(query.sourceModules)) {
    // Stored trimmed and lower-cased, so the wanted names are compared the same way.
    const modules = new Set(query.sourceModules.map((module) => module.trim().toLowerCase()));
    predicates.push((a) => a.sourceModule !== undefined && modules.has(a.sourceModule));
  }
  if (query.meta) {
    const wanted = Object.entries(query.meta);
    if (wanted.length > 0) {
      predicates.push((a) => {
        const meta = a.meta;
        if (meta === undefined) return false;
        for (let i = 0; i < wanted.length; i++) {
          const [key, value] = wanted[i] as [string, unknown];
          // Own keys only: `{ toString: ... }` must not match through the prototype.
          if (!Object.hasOwn(meta, key) || meta[key] !== value) return false;
        }
        return true;
      });
    }
  }
  if (query.collectionId !== undefined) {
    const collectionId = query.collectionId;
    predicates.push((a) => a.collectionIds.includes(collectionId));
  }
  if (nonEmpty(query.tags)) {
    const tags = query.tags;
    predicates.push(
      query.tagMode === 'any'
        ? (a) => tags.some((tag) => a.tags.includes(tag))
        : (a) => tags.every((tag) => a.tags.includes(tag)),
    );
  }
  return predicates;
}

/** Inserts `asset` into `buffer` (sorted by `compare`), keeping it sorted. */
function insertSorted(buffer: MediaAsset[], asset: MediaAsset, compare: Compare): void {
  // The index is usually in creation order, so with the default newest-first sort nearly
  // every match beats the whole buffer: one comparison instead of a binary search.
  const first = buffer[0];
  if (first === undefined || compare(asset, first) < 0) {
    buffer.unshift(asset);
    return;
  }
  let low = 1;
  let high = buffer.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(buffer[mid] as MediaAsset, asset) <= 0) low = mid + 1;
    else high = mid;
  }
  buffer.splice(low, 0, asset);
}

// Above this many kept items, insertion into the buffer costs more than sorting all matches.
const maxSelected = 512;

/**
 * The assets to scan, whether they come in the query's order already and, for a search, their
 * search texts index by index: a library's map is kept sorted per sort, so a query keeping all
 * its matches needs no sort of its own.
 */
function valuesOf(
  assets: Iterable<MediaAsset> | ReadonlyMap<string, MediaAsset>,
  query: MediaQuery,
  compare: Compare,
  select: boolean,
  search: boolean,
): { values: Iterable<MediaAsset>; sorted: boolean; texts?: readonly string[] } {
  const maybeMap = assets as Partial<ReadonlyMap<string, MediaAsset>>;
  // A Map iterates [key, value] pairs; its values are what we want.
  if (typeof maybeMap.get !== 'function' || typeof maybeMap.values !== 'function') {
    return { values: assets as Iterable<MediaAsset>, sorted: false };
  }
  const map = assets as ReadonlyMap<string, MediaAsset>;
  const key = sortKeyOf(query.sort);
  // Host data filters narrow the scan to their index's lists, kept newest first.
  const host = hostIndex?.hostDataCandidates(map, query, () =>
    sortedAssets(map, newest, newestFirst()),
  );
  if (host) return { values: host.candidates, sorted: host.inOrder && key === newest };
  if (!hostIndex && (query.sourceModules?.length || query.meta)) void loadHostDataIndex();
  if (select) return { values: map.values(), sorted: false };
  const values = sortedAssets(map, key, compare);
  if (!search) return { values, sorted: true };
  return { values, sorted: true, texts: sortedSearchTexts(map, key, compare) };
}

// The host data index loads with the first query that filters on host data (a library only
// searched never downloads it); until it is there, such queries scan, which finds the same.
let hostIndex: typeof import('./host-data-index') | undefined;
let hostIndexLoading: Promise<void> | undefined;

/** Loads the host data index's code, after which queries on host data use it. */
export function loadHostDataIndex(): Promise<void> {
  hostIndexLoading ??= import('./host-data-index').then(
    (module) => {
      hostIndex = module;
    },
    () => undefined,
  );
  return hostIndexLoading;
}

const newest = sortKeyOf(undefined);
let newestCompare: Compare | undefined;
const newestFirst = () => {
  newestCompare ??= comparatorFor(undefined);
  return newestCompare;
};

/** Names a query's order (`createdAt:desc`), under which a map's sorted assets are kept. */
export function sortKeyOf(sort: MediaQuery['sort']): string {
  return `${sort?.field ?? 'createdAt'}:${sort?.direction ?? (sort ? 'asc' : 'desc')}`;
}

/**
 * Runs a query over a set of assets (the library's index, or any list of records) and returns
 * one page of matches plus the total number of matches.
 *
 * Text search matches name, title, description, the AI prompt and tags, ignoring case and
 * accents; every whitespace-separated term must occur (as a substring) in one of them. Tags
 * filters match tags exactly as stored. Sorting defaults to newest first; ties break on id.
 *
 * When the query asks for a page (`limit`), only `offset + limit` best matches are kept while
 * scanning, so a first page out of 10,000 matches costs one pass and no full sort. Over a Map
 * (the library's index), a query without a small page scans the assets in an order sorted once
 * per version of the map, so it sorts nothing.
 *
 * @example
 * queryAssets(state.assets, { text: 'red fox', kinds: ['image'], limit: 60 });
 */
export function queryAssets(
  assets: Iterable<MediaAsset> | ReadonlyMap<string, MediaAsset>,
  query: MediaQuery = {},
): QueryResult {
  const scan = createQueryScan(assets, query);
  scan.advance();
  return scan.result();
}

/** A query's page: the matches it skips and returns, and how it keeps them while scanning. */
export function pageOf(query: MediaQuery) {
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit =
    query.limit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(query.limit));
  const keep = offset + limit;
  // A small page is selected while scanning (binary insertion into a short buffer); a large
  // one is cheaper to take from one full sort of the matches.
  return { offset, limit, keep, select: keep <= maxSelected };
}

// How many assets a scan checks between two calls of its `pause` check (a power of two).
const CHECK_EVERY = 256;

/** One query's pass over its assets, run at once (`queryAssets`) or a few thousand at a time. */
export interface QueryScan {
  /**
   * Checks assets, keeping the matches, until every one is checked (true) or `pause`, asked
   * every few hundred assets, says to stop for now (false; call again to go on).
   */
  advance(pause?: () => boolean): boolean;
  /** The page and the total, once `advance` has checked every asset. */
  result(): QueryResult;
}

/** Starts a pass of `query` over `assets`: nothing is checked until `advance`. */
export function createQueryScan(
  assets: Iterable<MediaAsset> | ReadonlyMap<string, MediaAsset>,
  query: MediaQuery,
): QueryScan {
  const terms = searchTerms(query.text);
  const termCount = terms.length;
  const predicates = compileFilters(query);
  const predicateCount = predicates.length;
  const compare = comparatorFor(query.sort);
  const { offset, limit, keep, select } = pageOf(query);
  const scan = valuesOf(assets, query, compare, select, termCount > 0);
  const { sorted } = scan;
  // A search over a library's map remembers its matches, and a longer text checks only those.
  const narrowing =
    scan.texts && termCount > 0
      ? narrowingFor(assets as ReadonlyMap<string, MediaAsset>, query)
      : undefined;
  const previous = narrowing && previousMatches(narrowing, terms);
  const values = previous ? previous.matches : scan.values;
  const texts = previous ? previous.texts : scan.texts;
  // An array is read by index, anything else through its iterator.
  const list = Array.isArray(values) ? (values as readonly MediaAsset[]) : undefined;
  const iterator = list ? undefined : values[Symbol.iterator]();
  const kept: MediaAsset[] = [];
  const keptTexts: string[] = [];
  let total = 0;
  let next = 0; // the index of the next asset to check
  // Read into the loop's own locals on each call: closed-over variables are slower to read.
  const fixed = { predicates, terms, texts, list, iterator, kept, keptTexts, narrowing };

  function advance(pause?: () => boolean): boolean {
    const { predicates, terms, texts, list, iterator, kept, keptTexts, narrowing } = fixed;
    const start = next;
    let index = start;
    let count = total;
    let finished = true;
    for (;;) {
      if (pause && (index & (CHECK_EVERY - 1)) === 0 && index !== start && pause()) {
        finished = false; // stopped before fetching the asset at `index`
        break;
      }
      let asset: MediaAsset;
      if (list) {
        if (index >= list.length) break;
        asset = list[index] as MediaAsset;
      } else {
        const step = (iterator as Iterator<MediaAsset>).next();
        if (step.done) break;
        asset = step.value;
      }
      const at = index++;
      let matches = true;
      for (let i = 0; i < predicateCount; i++) {
        if (!(predicates[i] as Predicate)(asset)) {
          matches = false;
          break;
        }
      }
      if (!matches) continue;
      if (termCount > 0) {
        const text = texts ? (texts[at] as string) : assetSearchText(asset);
        for (let i = 0; i < termCount; i++) {
          if (!text.includes(terms[i] as string)) {
            matches = false;
            break;
          }
        }
        if (!matches) continue;
        if (narrowing) keptTexts.push(text);
      }
      count++;
      if (!select) {
        kept.push(asset);
      } else if (kept.length < keep) {
        insertSorted(kept, asset, compare);
      } else if (keep > 0 && compare(asset, kept[keep - 1] as MediaAsset) < 0) {
        // Better than the worst kept match: it takes that one's place.
        kept.pop();
        insertSorted(kept, asset, compare);
      }
    }
    next = index;
    total = count;
    return finished;
  }

  function result(): QueryResult {
    if (!select && !sorted) kept.sort(compare);
    if (narrowing) rememberMatches(narrowing, { terms, matches: kept.slice(), texts: keptTexts });
    return { items: offset === 0 && kept.length <= limit ? kept : kept.slice(offset, keep), total };
  }

  return { advance, result };
}

/**
 * Runs `query` over a library's state: over the Trash when `query.trashed` is true, else over
 * the library's assets (where trashed assets never are).
 */
export function queryLibrary(state: MediaLibraryState, query: MediaQuery = {}): QueryResult {
  return queryAssets(query.trashed ? state.trash : state.assets, query);
}
