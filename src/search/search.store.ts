import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { articleSearch, commentSearch } from '../articles';
import { eventSearch, eventSessionSearch } from '../coverage';
import { organizationSearch } from '../organizations';
import { digestSearch, watchItemSearch, watchSourceSearch } from '../sources';
import { SearchKind } from './dto/search.args';
import { MARK_END, MARK_START } from './search-highlight';
import { leavesOutOnly, SearchableKind, SearchTerms } from './search-terms';

/** Each kind, made searchable by the module that owns it under the access policy. */
const SEARCHABLE: Record<SearchKind, SearchableKind> = {
  [SearchKind.WATCH_ITEM]: watchItemSearch,
  [SearchKind.WATCH_SOURCE]: watchSourceSearch,
  [SearchKind.DIGEST]: digestSearch,
  [SearchKind.ARTICLE]: articleSearch,
  [SearchKind.COMMENT]: commentSearch,
  [SearchKind.EVENT]: eventSearch,
  [SearchKind.EVENT_SESSION]: eventSessionSearch,
  [SearchKind.ORGANIZATION]: organizationSearch,
};

/** One search, as the store runs it. */
export interface SearchQuery {
  viewerId: string;
  /** Websearch text; for search-as-you-type, the words typed whole as a tsquery (TypedWords.whole). */
  query: string;
  /** Search-as-you-type: the word being typed, and words of the lexicon it begins (completions). */
  prefix: { word: string; completions: string[] } | null;
  kinds: SearchKind[];
  workspaceId: string | null;
  language: string | null;
  since: Date | null;
  until: Date | null;
  sourceId: string | null;
  tag: string | null;
  curationStatus: string | null;
  articleStatus: string | null;
  eventStatus: string | null;
  uncovered: boolean | null;
}

/**
 * Where a page starts: the rank as PostgreSQL wrote it (so it reads back as the very same real) and
 * what tells hits of one rank apart (their kind, id and language), the order of a page.
 */
export interface SearchCursor {
  rank: string;
  kind: SearchKind;
  id: string;
  language: string;
}

/**
 * A search once PostgreSQL has read its words: the kinds narrowed to those with a match, and the
 * tsquery of each language as PostgreSQL writes it. The page and the count take the tsqueries as
 * parameters: folding the query function into each of their dozens of uses cost more to plan than
 * a rare word costs to find.
 */
export interface MatchedSearch extends SearchQuery {
  tsquery: Record<'fr' | 'en', string>;
  /** The words name nothing every hit holds (only exclusions, or an alternative with one): see leavesOutOnly. */
  leavesOutOnly: boolean;
}

/**
 * How many matching rows a kind's probe asks for (see matched). Asked for one, as EXISTS does,
 * PostgreSQL plans a walk through the table that stops at the first match, cheaper by its guess of
 * how many rows match; for a word no one wrote it reads the whole table (61 ms for 100,000 items).
 * Asked for a few, it takes the index, which answers a word no one wrote at once.
 */
const PROBED_ROWS = 10;

/** How many words of the lexicon a prefix may stand for in a search (see completions), and from how many letters. */
const COMPLETIONS = 20;
const COMPLETED_FROM = 3;

/**
 * The tsquery of each language of a search, as SQL over parameters from $1, and those parameters.
 * What is being typed is looked for three ways: as the prefix of a stem; as typed, a prefix of
 * any word, which a language's stopwords do not drop ("qué", "dé"); and as the words of the
 * lexicon it begins, stemmed each.
 */
function queryTerms(search: SearchQuery): { terms: Record<'fr' | 'en', string>; params: unknown[] } {
  if (!search.prefix) return { terms: { fr: `tandem_search_query('fr', $1, false)`, en: `tandem_search_query('en', $1, false)` }, params: [search.query] };
  const typed = (language: 'fr' | 'en') =>
    `(tandem_search_query('${language}', $1, true) && (tandem_search_query('${language}', $2::text || ':*', true) || to_tsquery('public.simple_unaccent', $2::text || ':*') || tandem_search_query('${language}', $3, true)))`;
  return { terms: { fr: typed('fr'), en: typed('en') }, params: [search.query, search.prefix.word, search.prefix.completions.join(' | ')] };
}

/** How the statements of a search read its words: a tsquery expression per language, from parameters $2 and $3. */
interface SearchWords {
  fr: string;
  en: string;
  values: [unknown, unknown];
  types: [string, string];
}

/** The words of a matched search: its two tsqueries, read once. */
const tsqueriesOf = (search: MatchedSearch): SearchWords => ({
  fr: '$2::tsquery',
  en: '$3::tsquery',
  values: [search.tsquery.fr, search.tsquery.en],
  types: ['tsquery', 'tsquery'],
});

export interface SearchRow {
  kind: SearchKind;
  id: string;
  workspace_id: string | null;
  language: string;
  title: string;
  published_at: Date | null;
  rank: string;
  headline: string;
}

@Injectable()
export class SearchStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of the hits the viewer may see: best first after the keyset cursor when given, or,
   * `backward`, worst first before it. Each kind gives its own best `limit` first, so PostgreSQL
   * ranks and cuts each kind where its documents are (in parallel workers, on a server, for the large ones) and
   * sorts only those few together.
   */
  page(search: MatchedSearch, limit: number, cursor: SearchCursor | null, backward: boolean): Promise<SearchRow[]> {
    const { kinds, params } = this.matches(search, tsqueriesOf(search));
    const order = backward ? 'ASC' : 'DESC';
    const [rank, kind, id, language] = [1, 2, 3, 4].map((n) => `$${params.length + n}`);
    const range = cursor ? `WHERE (hit.rank, hit.kind, hit.id, hit.language) ${backward ? '>' : '<'} (${rank}::real, ${kind}::text, ${id}::uuid, ${language}::text)` : '';
    const ordered = (alias: string) => ['rank', 'kind', 'id', 'language'].map((column) => `${alias}.${column} ${order}`).join(', ');
    const best = kinds.map((sql) => `(SELECT hit.* FROM (${sql}) hit ${range} ORDER BY ${ordered('hit')} LIMIT ${limit})`);
    const config = `CASE WHEN page.language = 'en' THEN 'public.en_unaccent'::regconfig ELSE 'public.fr_unaccent'::regconfig END`;
    const query = `CASE WHEN page.language = 'en' THEN $3::tsquery ELSE $2::tsquery END`;
    // Highlights are cut for the page's rows only, once it is chosen, from their text read then.
    const body = `CASE page.kind ${search.kinds.map((kind) => `WHEN '${kind}' THEN ${SEARCHABLE[kind].text('page')}`).join(' ')} END`;
    // Marks removed once references are decoded: '&#xE000;' is one too.
    const text = `translate(tandem_headline_text(${body}), '${MARK_START}${MARK_END}', '')`;
    return this.dataSource.query(
      `SELECT page.kind, page.id, page.workspace_id, page.language, page.title, page.published_at, page.rank::text AS rank,
              ts_headline(${config}, ${text}, ${query}, 'StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS headline
         FROM (SELECT hit.* FROM (${union(best)}) hit ORDER BY ${ordered('hit')} LIMIT ${limit}) page
        ORDER BY ${ordered('page')}`,
      cursor ? [...params, cursor.rank, cursor.kind, cursor.id, cursor.language] : params,
    );
  }

  /**
   * The search's words read by PostgreSQL, and of its kinds those with a document that matches
   * them, whoever may see it: one cheap statement, after which the search plans only those kinds
   * (see SearchableKind).
   */
  async matched(search: SearchQuery): Promise<MatchedSearch> {
    const { terms, params } = queryTerms(search);
    // Words are read once, as the statement runs: written into each probe, every use was read again
    // as it was planned, which cost more than the probes (their LIMIT makes the index their plan
    // whatever the words). A prefix is written in: it may stand for most words (two letters), and
    // PostgreSQL, reading it as it plans, takes the first rows of the table rather than the index's
    // union of every word it begins.
    const words = { fr: 'words.fr', en: 'words.en' };
    const probed = search.prefix ? terms : words;
    const probes = search.kinds.map((kind) => `, (SELECT count(*) FROM (${SEARCHABLE[kind].matching(probed)} LIMIT ${PROBED_ROWS}) probe) > 0 AS "${kind}"`).join('');
    // With a language filter, only that language's query is run.
    const language = `$${params.length + 1}::text`;
    const [row]: (Record<SearchKind, boolean> & MatchedSearch['tsquery'] & Pick<MatchedSearch, 'leavesOutOnly'>)[] = await this.dataSource.query(
      `WITH words AS MATERIALIZED (SELECT ${terms.fr} AS fr, ${terms.en} AS en)
       SELECT words.fr::text AS fr, words.en::text AS en, ${leavesOutOnly(words, language)} AS "leavesOutOnly"${probes} FROM words`,
      [...params, search.language],
    );
    return { ...search, kinds: search.kinds.filter((kind) => row[kind]), tsquery: { fr: row.fr, en: row.en }, leavesOutOnly: row.leavesOutOnly };
  }

  /**
   * Words of the lexicon that `prefix` begins, accents aside, whose stem in French or English does
   * not begin with it: search-as-you-type looks for them as words, stemmed as they are, since a
   * prefix of a stem finds the others ("publication" is stemmed 'publiqu', which "public" does not
   * begin). The stems of words agree with them in their first letters: a prefix shorter than
   * COMPLETED_FROM needs none, and costs no statement.
   */
  async completions(prefix: string): Promise<string[]> {
    if ([...prefix].length < COMPLETED_FROM) return [];
    const rows: { word: string }[] = await this.dataSource.query(
      `SELECT known.word FROM search_word known
        WHERE tandem_fold(known.word) LIKE tandem_fold($1) || '%'
          AND EXISTS (SELECT 1 FROM unnest(to_tsvector('public.fr_unaccent', known.word) || to_tsvector('public.en_unaccent', known.word)) stem
                       WHERE stem.lexeme NOT LIKE tandem_fold($1) || '%')
        ORDER BY tandem_fold(known.word) LIMIT ${COMPLETIONS}`,
      [prefix],
    );
    return rows.map((row) => row.word);
  }

  /** Whether a query people typed requires no word in `language`, or either language when null (see leavesOutOnly). */
  async queryLeavesOutOnly(query: string, language: string | null): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT ${leavesOutOnly({ fr: `tandem_search_query('fr', $1, false)`, en: `tandem_search_query('en', $1, false)` }, '$2::text')} AS "leavesOutOnly"`,
      [query, language],
    );
    return row.leavesOutOnly;
  }

  /** How many hits the viewer may see in all. */
  async count(search: MatchedSearch): Promise<number> {
    const { kinds, params } = this.matches(search, tsqueriesOf(search));
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS count FROM (${union(kinds)}) hit`, params);
    return row.count;
  }

  /**
   * For each of `words` (at most a few), the lexicon words closest to it by trigrams that, searched
   * alone with the same filters, find something the viewer may see with that very word in its text:
   * best first, at most 3 each. A match alone would not do: stemming and accent folding let a word
   * held only by hidden content ("dossiers", "résumé") find visible text ("dossier", "resume").
   */
  async suggestions(search: SearchQuery, words: string[]): Promise<{ position: number; word: string }[]> {
    const matches = this.matches(search, {
      fr: `tandem_search_query('fr', candidate.word, false)`,
      en: `tandem_search_query('en', candidate.word, false)`,
      values: [words.join(' '), null],
      types: ['text', 'text'],
    });
    // The words of a text as the lexicon collected them (lower-cased, neither stemmed nor folded), read only for hits of a candidate.
    const holdsCandidate = (text: string) => `to_tsvector('simple', tandem_search_text(${text})) @@ plainto_tsquery('simple', candidate.word)`;
    const kinds = matches.kinds.map((sql, index) => `SELECT 1 FROM (${sql}) hit WHERE ${holdsCandidate(SEARCHABLE[search.kinds[index]].text('hit'))}`);
    return this.dataSource.query(
      `SELECT original.position::int AS position, candidate.word
         FROM unnest(string_to_array($2, ' ')) WITH ORDINALITY AS original(word, position)
         CROSS JOIN LATERAL (
           SELECT known.word, similarity(known.word, lower(original.word)) AS closeness FROM search_word known
            WHERE known.word % lower(original.word) AND known.word <> lower(original.word)
            ORDER BY closeness DESC, known.word LIMIT 3) candidate
        WHERE EXISTS (${union(kinds)})
        ORDER BY original.position, candidate.closeness DESC, candidate.word`,
      matches.params,
    );
  }

  /**
   * The documents of each asked kind that match `words`, with their filters, as one SQL per kind
   * and the parameters of all.
   */
  private matches(search: SearchQuery, words: SearchWords): { kinds: string[]; params: unknown[] } {
    const terms: SearchTerms = {
      fr: words.fr,
      en: words.en,
      workspace: '$4::uuid',
      language: '$5::text',
      source: '$8::uuid',
      tag: '$9::text',
      curationStatus: '$10::text',
      articleStatus: '$11::text',
      eventStatus: '$12::text',
      uncovered: '$13::boolean',
      fetchedAfter: 'NULL::timestamptz',
      fetchedUntil: 'NULL::timestamptz',
    };
    // The builders name the viewer `:viewerId`, as every visibility builder does.
    const kinds = search.kinds.map(
      (kind) => `SELECT doc.* FROM (${SEARCHABLE[kind].documents(terms).replaceAll(':viewerId', '$1::uuid')}) doc
      WHERE num_nulls($1::uuid, $2::${words.types[0]}, $3::${words.types[1]}, $4::uuid, $5::text, $8::uuid, $9::text, $10::text, $11::text, $12::text, $13::boolean) >= 0 -- types the parameters this kind's builder does not name
        AND ($5::text IS NULL OR doc.language = $5)
        AND ($6::timestamptz IS NULL OR doc.published_at >= $6)
        AND ($7::timestamptz IS NULL OR doc.published_at < $7)`,
    );
    return { kinds, params: [search.viewerId, ...words.values, search.workspaceId, search.language, search.since, search.until,
      search.sourceId, search.tag, search.curationStatus, search.articleStatus, search.eventStatus, search.uncovered] };
  }
}

/** The documents of every kind, as one set. */
function union(kinds: string[]): string {
  return kinds.join('\n UNION ALL \n');
}
