import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { articleSearchDocuments, commentSearchDocuments } from '../articles';
import { eventSearchDocuments, eventSessionSearchDocuments } from '../coverage';
import { organizationSearchDocuments } from '../organizations';
import { digestSearchDocuments, watchItemSearchDocuments, watchSourceSearchDocuments } from '../sources';
import { SearchKind } from './dto/search.args';
import { MARK_END, MARK_START } from './search-highlight';
import { SearchTerms } from './search-terms';

/** Each kind's documents, built by the module that owns them under the access policy. */
const DOCUMENTS: Record<SearchKind, (terms: SearchTerms) => string> = {
  [SearchKind.WATCH_ITEM]: watchItemSearchDocuments,
  [SearchKind.WATCH_SOURCE]: watchSourceSearchDocuments,
  [SearchKind.DIGEST]: digestSearchDocuments,
  [SearchKind.ARTICLE]: articleSearchDocuments,
  [SearchKind.COMMENT]: commentSearchDocuments,
  [SearchKind.EVENT]: eventSearchDocuments,
  [SearchKind.EVENT_SESSION]: eventSessionSearchDocuments,
  [SearchKind.ORGANIZATION]: organizationSearchDocuments,
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

/** Where a page starts: the rank as PostgreSQL wrote it (so it reads back as the very same real) and the hit's key. */
export interface SearchCursor {
  rank: string;
  key: string;
}

export interface SearchRow {
  kind: SearchKind;
  id: string;
  workspace_id: string | null;
  language: string;
  title: string;
  published_at: Date | null;
  rank: string;
  hit_key: string;
  headline: string;
}

@Injectable()
export class SearchStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of the hits the viewer may see: best first after the keyset (rank, key) when given, or,
   * `backward`, worst first before it.
   */
  page(search: SearchQuery, limit: number, cursor: SearchCursor | null, backward: boolean): Promise<SearchRow[]> {
    const { sql, params } = this.matches(search);
    const order = backward ? 'ASC' : 'DESC';
    const range = cursor ? `WHERE (hit.rank, hit.hit_key) ${backward ? '>' : '<'} ($${params.length + 1}::real, $${params.length + 2})` : '';
    const config = `CASE WHEN page.language = 'en' THEN 'public.en_unaccent'::regconfig ELSE 'public.fr_unaccent'::regconfig END`;
    const query = `CASE WHEN page.language = 'en' THEN tandem_search_query('en', $2, $3) ELSE tandem_search_query('fr', $2, $3) END`;
    const text = `translate(tandem_search_text(page.body), '${MARK_START}${MARK_END}', '')`;
    // Highlights are cut for the page's rows only, once it is chosen.
    return this.dataSource.query(
      `SELECT page.kind, page.id, page.workspace_id, page.language, page.title, page.published_at, page.rank::text AS rank, page.hit_key,
              ts_headline(${config}, ${text}, ${query}, 'StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS headline
         FROM (SELECT hit.* FROM (${sql}) hit ${range} ORDER BY hit.rank ${order}, hit.hit_key ${order} LIMIT ${limit}) page
        ORDER BY page.rank ${order}, page.hit_key ${order}`,
      cursor ? [...params, cursor.rank, cursor.key] : params,
    );
  }

  /** How many hits the viewer may see in all. */
  async count(search: SearchQuery): Promise<number> {
    const { sql, params } = this.matches(search);
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS count FROM (${sql}) hit`, params);
    return row.count;
  }

  /**
   * For each of `words` (at most a few), the lexicon words closest to it by trigrams that, searched
   * alone with the same filters, find something the viewer may see: best first, at most 3 each.
   */
  async suggestions(search: SearchQuery, words: string[]): Promise<{ position: number; word: string }[]> {
    const { sql, params } = this.matches({ ...search, query: words.join(' ') }, (language) => `tandem_search_query('${language}', candidate.word, false)`);
    return this.dataSource.query(
      `SELECT original.position::int AS position, candidate.word
         FROM unnest(string_to_array($2, ' ')) WITH ORDINALITY AS original(word, position)
         CROSS JOIN LATERAL (
           SELECT known.word, similarity(known.word, lower(original.word)) AS closeness FROM search_word known
            WHERE known.word % lower(original.word) AND known.word <> lower(original.word)
            ORDER BY closeness DESC, known.word LIMIT 3) candidate
        WHERE EXISTS (SELECT 1 FROM (${sql}) hit)
        ORDER BY original.position, candidate.closeness DESC, candidate.word`,
      params,
    );
  }

  /**
   * The documents of the asked kinds that match, with their filters, as one SQL and its parameters;
   * `query` gives the tsquery of each language (the search's own by default).
   */
  private matches(search: SearchQuery, query = (language: 'fr' | 'en') => `tandem_search_query('${language}', $2, $3)`): { sql: string; params: unknown[] } {
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
    const union = search.kinds.map((kind) => DOCUMENTS[kind](terms).replaceAll(':viewerId', '$1::uuid')).join('\n UNION ALL \n');
    const sql = `SELECT doc.*, doc.kind || ':' || doc.id || ':' || doc.language AS hit_key FROM (${union}) doc
      WHERE num_nulls($1::uuid, $2::text, $3::boolean, $8::uuid, $9::text, $10::text, $11::text, $12::text, $13::boolean) >= 0 -- types the parameters no builder asked for names
        AND ($5::text IS NULL OR doc.language = $5)
        AND ($6::timestamptz IS NULL OR doc.published_at >= $6)
        AND ($7::timestamptz IS NULL OR doc.published_at < $7)`;
    return { sql, params: [search.viewerId, search.query, search.prefix, search.workspaceId, search.language, search.since, search.until,
      search.sourceId, search.tag, search.curationStatus, search.articleStatus, search.eventStatus, search.uncovered] };
  }
}
