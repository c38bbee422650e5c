/** What other modules may use of the search module: the shape of the search documents they build. */
export { SearchModule } from './search.module';
export type { SearchableKind, SearchTerms } from './search-terms';
