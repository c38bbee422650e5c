import type { SearchableKind, SearchTerms } from '../search';
import { bilingualSearchText, textOfHit } from '../common/text-search';
import { AccessPolicy } from '../workspaces';
import { LIVE_SHARES, sourcesSharedInto, sourceVisibleToViewer } from './share-sql';

// Kept by the database (migrations/1764840000000-SearchVectors.ts), indexed by GIN.
const ITEM_VECTOR = 'item.search_vector';

/**
 * The watch items the viewer (`:viewerId`) may find, as search documents (kind, id, workspace_id,
 * language, title, text_id, published_at, rank): those of a source shared, by a live share, into a
 * workspace the viewer has access to. An item without a language is French text. Its curation
 * status and tags are those of that workspace (NEW when nobody curated it there). The live shares
 * the viewer sees are one set, joined once, not a subquery per candidate item; the live shares and
 * the viewer's accesses are each planned apart (DISTINCT, see AccessPolicy.accessesOfSql): in the
 * items' join search they cost more to plan than a rare word costs to find. An item belongs to
 * no one workspace: its workspace_id is the one the search is limited to, if any.
 */
function watchItemDocuments(terms: SearchTerms): string {
  const query = `CASE WHEN item.language = 'en' THEN ${terms.en} ELSE ${terms.fr} END`;
  return `SELECT 'WATCH_ITEM'::text AS kind, item.id, ${terms.workspace} AS workspace_id, coalesce(item.language::text, 'fr') AS language,
            item.title, item.id AS text_id,
            item.published_at, ts_rank(${ITEM_VECTOR}, ${query}) AS rank
       FROM watch_item item
      -- Every item has its source, read only by the tag filter.
      LEFT JOIN watch_source source ON source.id = item.source_id
      WHERE (${terms.source} IS NULL OR item.source_id = ${terms.source})
        AND (${terms.fetchedAfter} IS NULL OR item.fetched_at > ${terms.fetchedAfter})
        AND (${terms.fetchedUntil} IS NULL OR item.fetched_at <= ${terms.fetchedUntil})
        AND ((item.language = 'en' AND ${ITEM_VECTOR} @@ ${terms.en}) OR (item.language IS DISTINCT FROM 'en' AND ${ITEM_VECTOR} @@ ${terms.fr}))
        AND EXISTS (SELECT 1 FROM (SELECT DISTINCT live.* FROM (${LIVE_SHARES}) live) share
                     WHERE share.source_id = item.source_id AND (${terms.workspace} IS NULL OR share.workspace_id = ${terms.workspace})
                       AND share.workspace_id IN (SELECT access.workspace_id FROM ${AccessPolicy.accessesOfSql(':viewerId')} access)
                       AND (${terms.tag} IS NULL OR ${terms.tag} = ANY (source.topics) OR EXISTS (SELECT 1 FROM curation tagged
                             WHERE tagged.item_id = item.id AND tagged.workspace_id = share.workspace_id AND ${terms.tag} = ANY (tagged.tags)))
                       AND (${terms.curationStatus} IS NULL OR ${terms.curationStatus} = coalesce((SELECT curation.status::text FROM curation
                             WHERE curation.item_id = item.id AND curation.workspace_id = share.workspace_id), 'NEW')))`;
}

export const watchItemSearch: SearchableKind = {
  documents: watchItemDocuments,
  text: textOfHit('watch_item', 'item', `item.title || ' ' || coalesce(item.summary, '') || ' ' || coalesce(item.content, '')`),
  matching: (terms) => `SELECT 1 FROM watch_item item WHERE ${ITEM_VECTOR} @@ ${terms.fr} OR ${ITEM_VECTOR} @@ ${terms.en}`,
};

const SOURCE_TEXT = `coalesce(source.title, '') || ' ' || source.url`;
const SOURCE_VECTOR = `tandem_search_vector(source.language, ${SOURCE_TEXT})`;

/** The watch sources the viewer may find: those of the viewer's organizations, and those shared into a workspace the viewer has access to. */
function watchSourceDocuments(terms: SearchTerms): string {
  return `SELECT 'WATCH_SOURCE'::text AS kind, source.id, NULL::uuid AS workspace_id, coalesce(source.language::text, 'fr') AS language,
            coalesce(source.title, source.url) AS title, source.id AS text_id, source.created_at AS published_at,
            ts_rank(${SOURCE_VECTOR}, CASE WHEN source.language = 'en' THEN ${terms.en} ELSE ${terms.fr} END) AS rank
       FROM watch_source source
      WHERE ${sourceMatches(terms)}
        AND (${terms.workspace} IS NULL OR source.id IN (${sourcesSharedInto(terms.workspace)}))
        AND ${sourceVisibleToViewer('source')}`;
}

/** The source `source` matches in its language (its vector's index is on that expression). */
const sourceMatches = (terms: Pick<SearchTerms, 'fr' | 'en'>) =>
  `((source.language = 'en' AND ${SOURCE_VECTOR} @@ ${terms.en}) OR (source.language IS DISTINCT FROM 'en' AND ${SOURCE_VECTOR} @@ ${terms.fr}))`;

export const watchSourceSearch: SearchableKind = {
  documents: watchSourceDocuments,
  text: textOfHit('watch_source', 'source', SOURCE_TEXT),
  matching: (terms) => `SELECT 1 FROM watch_source source WHERE ${sourceMatches(terms)}`,
};

const INTRODUCTION = { fr: `coalesce(digest.introduction_fr, '')`, en: `coalesce(digest.introduction_en, '')` };
const DIGEST_SEARCHED = bilingualSearchText(INTRODUCTION);

/** The digests the viewer may find by their introduction: every digest of the viewer's workspaces, and published digests (public) of any. */
function digestDocuments(terms: SearchTerms): string {
  const hit = DIGEST_SEARCHED.hit(terms);
  return `SELECT 'DIGEST'::text AS kind, digest.id, digest.workspace_id, ${hit.language} AS language,
            left(${hit.inLanguage(INTRODUCTION)}, 80) AS title,
            digest.id AS text_id,
            coalesce(digest.published_at, digest.period_end) AS published_at,
            ${DIGEST_SEARCHED.rank(terms)} AS rank
       FROM digest
      WHERE ${DIGEST_SEARCHED.matches(terms)}
        AND (${terms.workspace} IS NULL OR digest.workspace_id = ${terms.workspace})
        AND (digest.status = 'PUBLISHED' OR ${AccessPolicy.visibleToSql(':viewerId', { workspace: 'digest.workspace_id' })})`;
}

export const digestSearch: SearchableKind = {
  documents: digestDocuments,
  text: textOfHit('digest', 'digest', INTRODUCTION),
  matching: (terms) => `SELECT 1 FROM digest WHERE ${DIGEST_SEARCHED.matches(terms)}`,
};
