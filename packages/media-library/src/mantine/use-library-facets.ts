// The preset's facets hook lives in the React binding now; this module keeps the old import
// path working for code that reached in for it.
export { type LibraryFacets, useLibraryFacets } from '../react/use-library-facets';
