import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { articleSearch, commentSearch } from '../articles';
import { eventSearch, eventSessionSearch } from '../coverage';
import { organizationSearch } from '../organizations';
import { digestSearch, watchItemSearch, watchSourceSearch } from '../sources';
import { SearchKind } from './dto/search.args';
import { MARK_END, MARK_START } from './search-highlight';
import { SearchableKind, SearchTerms } from './search-terms';

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

/** One search, as the store runs it: `query` is websearch text, or a prefix tsquery when `prefix`. */
export interface SearchQuery {
  viewerId: string;
  query: string;
  prefix: boolean;
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
  page(search: SearchQuery, limit: number, cursor: SearchCursor | null, backward: boolean): Promise<SearchRow[]> {
    const { kinds, params } = this.matches(search);
    const order = backward ? 'ASC' : 'DESC';
    const [rank, kind, id, language] = [1, 2, 3, 4].map((n) => `$${params.length + n}`);
    const range = cursor ? `WHERE (hit.rank, hit.kind, hit.id, hit.language) ${backward ? '>' : '<'} (${rank}::real, ${kind}::text, ${id}::uuid, ${language}::text)` : '';
    const ordered = (alias: string) => ['rank', 'kind', 'id', 'language'].map((column) => `${alias}.${column} ${order}`).join(', ');
    const best = kinds.map((sql) => `(SELECT hit.* FROM (${sql}) hit ${range} ORDER BY ${ordered('hit')} LIMIT ${limit})`);
    const config = `CASE WHEN page.language = 'en' THEN 'public.en_unaccent'::regconfig ELSE 'public.fr_unaccent'::regconfig END`;
    const query = `CASE WHEN page.language = 'en' THEN tandem_search_query('en', $2, $3) ELSE tandem_search_query('fr', $2, $3) END`;
    const text = `translate(tandem_search_text(page.body), '${MARK_START}${MARK_END}', '')`;
    // Highlights are cut for the page's rows only, once it is chosen.
    return this.dataSource.query(
      `SELECT page.kind, page.id, page.workspace_id, page.language, page.title, page.published_at, page.rank::text AS rank,
              ts_headline(${config}, ${text}, ${query}, 'StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS headline
         FROM (SELECT hit.* FROM (${union(best)}) hit ORDER BY ${ordered('hit')} LIMIT ${limit}) page
        ORDER BY ${ordered('page')}`,
      cursor ? [...params, cursor.rank, cursor.kind, cursor.id, cursor.language] : params,
    );
  }

  /**
   * Of the search's kinds, those with a document that matches its words, whoever may see it: one
   * cheap statement, after which the search plans only those (see SearchableKind).
   */
  async kindsWithMatches(search: SearchQuery): Promise<SearchKind[]> {
    if (!search.kinds.length) return [];
    const terms = { fr: `tandem_search_query('fr', $1, $2)`, en: `tandem_search_query('en', $1, $2)` };
    const [row]: Record<SearchKind, boolean>[] = await this.dataSource.query(
      `SELECT ${search.kinds.map((kind) => `${SEARCHABLE[kind].anyMatch(terms)} AS "${kind}"`).join(', ')}`,
      [search.query, search.prefix],
    );
    return search.kinds.filter((kind) => row[kind]);
  }

  /** How many hits the viewer may see in all. */
  async count(search: SearchQuery): Promise<number> {
    const { kinds, params } = this.matches(search);
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS count FROM (${union(kinds)}) hit`, params);
    return row.count;
  }

  /**
   * For each of `words` (at most a few), the lexicon words closest to it by trigrams that, searched
   * alone with the same filters, find something the viewer may see: best first, at most 3 each.
   */
  async suggestions(search: SearchQuery, words: string[]): Promise<{ position: number; word: string }[]> {
    const { kinds, params } = this.matches({ ...search, query: words.join(' ') }, (language) => `tandem_search_query('${language}', candidate.word, false)`);
    return this.dataSource.query(
      `SELECT original.position::int AS position, candidate.word
         FROM unnest(string_to_array($2, ' ')) WITH ORDINALITY AS original(word, position)
         CROSS JOIN LATERAL (
           SELECT known.word, similarity(known.word, lower(original.word)) AS closeness FROM search_word known
            WHERE known.word % lower(original.word) AND known.word <> lower(original.word)
            ORDER BY closeness DESC, known.word LIMIT 3) candidate
        WHERE EXISTS (SELECT 1 FROM (${union(kinds)}) hit)
        ORDER BY original.position, candidate.closeness DESC, candidate.word`,
      params,
    );
  }

  /**
   * The documents of each asked kind that match, with their filters, as one SQL per kind and the
   * parameters of all; `query` gives the tsquery of each language (the search's own by default).
   */
  private matches(search: SearchQuery, query = (language: 'fr' | 'en') => `tandem_search_query('${language}', $2, $3)`): { kinds: string[]; params: unknown[] } {
    const terms: SearchTerms = {
      fr: query('fr'),
      en: query('en'),
      workspace: '$4::uuid',
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
      WHERE num_nulls($1::uuid, $2::text, $3::boolean, $4::uuid, $8::uuid, $9::text, $10::text, $11::text, $12::text, $13::boolean) >= 0 -- types the parameters this kind's builder does not name
        AND ($5::text IS NULL OR doc.language = $5)
        AND ($6::timestamptz IS NULL OR doc.published_at >= $6)
        AND ($7::timestamptz IS NULL OR doc.published_at < $7)`,
    );
    return { kinds, params: [search.viewerId, search.query, search.prefix, search.workspaceId, search.language, search.since, search.until,
      search.sourceId, search.tag, search.curationStatus, search.articleStatus, search.eventStatus, search.uncovered] };
  }
}

/** The documents of every kind, as one set. */
function union(kinds: string[]): string {
  return kinds.join('\n UNION ALL \n');
}
