// The filter state and its query live in the React binding (no React in them); this module
// keeps the preset's public names where they were.
export {
  activeFilterCount,
  type DateWindow,
  emptyFilters,
  filtersToQuery,
  type LibraryFilters,
} from '../react/library-filters';
