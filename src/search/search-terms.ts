/**
 * How a module makes one kind searchable: its documents (see SearchTerms), and a probe that a search
 * runs first, so that it plans only the kinds with a match (planning all eight costs more than
 * finding a rare word).
 */
export interface SearchableKind {
  documents(terms: SearchTerms): string;
  /**
   * A SQL text expression: the text a hit's highlight is cut from, read by `hit.text_id` (and
   * `hit.language`), as `textOfHit` (src/common/text-search.ts) builds it. Only the page's hits
   * read it: carried by every candidate of a common word, it cost a fifth of the page's statement.
   */
  text(hit: string): string;
  /**
   * A SQL query: the rows of the kind that match the words (`terms.fr` or `terms.en`), whoever may
   * see them. It may find rows where `documents` finds nothing, never none where it finds some.
   */
  matching(terms: Pick<SearchTerms, 'fr' | 'en'>): string;
}

/**
 * What a module's search documents are built from: the SQL tsquery expressions of one search in
 * each language, and the workspace it is limited to (a SQL expression that may be NULL: then all). The
 * viewer is the parameter `:viewerId`. Every builder returns the same columns: kind, id,
 * workspace_id, language, title, text_id (the row its text is in: the document's own, or an
 * article's revision), published_at, rank.
 */
export interface SearchTerms {
  fr: string;
  en: string;
  workspace: string;
  /** The language the search is limited to (a SQL text that may be NULL): a bilingual row is a hit in it when that half matches. */
  language: string;
  /** The filters of one kind, SQL expressions that may be NULL (no filter); a search that sets one finds only that kind. */
  source: string;
  /** A curation tag of the item in that workspace, or a topic of its source. */
  tag: string;
  curationStatus: string;
  articleStatus: string;
  eventStatus: string;
  /** A SQL boolean: only events and sessions that have (true) or have not (false) a gap (src/coverage/coverage-gaps.ts). */
  uncovered: string;
  /** Watch items stored (fetched) in (fetchedAfter, fetchedUntil]: what a saved search has not alerted about yet. */
  fetchedAfter: string;
  fetchedUntil: string;
}

/**
 * A SQL boolean: the tsquery of a language the search reads (`language`, a SQL text that may be
 * NULL: both) requires no word at all. `-budget` or `budget or -loi` match nearly every document,
 * which no index finds (querytree is what an index can use of a tsquery; 'T' is nothing). Each
 * language's documents are read with that language's query, so `le -budget`, which is `-budget`
 * in French ("le" is a French stopword), would match nearly every French document. A query of
 * stopwords only is empty ('') and matches nothing.
 */
export function leavesOutOnly(terms: Pick<SearchTerms, 'fr' | 'en'>, language: string): string {
  const readsNothingIn = (read: 'fr' | 'en') => `((${language} IS NULL OR ${language} = '${read}') AND querytree(${terms[read]}) = 'T')`;
  return `(${readsNothingIn('fr')} OR ${readsNothingIn('en')})`;
}
