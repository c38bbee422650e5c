import type { SearchableKind, SearchTerms } from '../search';
import { textOfHit } from '../common/text-search';
import { AccessPolicy } from '../workspaces';
import { ARTICLE_VISIBILITY } from './article.store';

// The statuses an article search may be limited to.
export { ArticleStatus } from './article.entity';

// Kept by the database (migrations/1764840000000-SearchVectors.ts), indexed by GIN; a comment's is in its revision's language.
const REVISION_VECTOR = 'revision.search_vector';

/** The viewer may read the article `article` in its workspace: ORGANIZATION visibility for its lead organization and named authors. */
const READABLE = AccessPolicy.visibleToSql(':viewerId', { workspace: 'article.workspace_id', ...ARTICLE_VISIBILITY });

/**
 * The article texts the viewer (`:viewerId`) may find, one document per language: the current
 * revision for those who may read the article in its workspace (ORGANIZATION visibility: its lead
 * organization and named authors), the published revision of a published PUBLIC article for
 * everyone else. The viewer's access is joined once, not asked per candidate: a common word
 * matches a revision of nearly every article. Both cases are one scan, not a union of two: each
 * branch of a union plans its own joins and its own copy of the viewer's accesses, which cost a
 * rare word more to plan than to find.
 */
function articleDocuments(terms: SearchTerms): string {
  const readable = AccessPolicy.seesSql('access', ARTICLE_VISIBILITY);
  const current = 'NOT revision.superseded';
  const published = `article.visibility = 'PUBLIC' AND article.status <> 'ARCHIVED' AND article.published_at IS NOT NULL
    AND revision.number = CASE WHEN revision.language = 'en' THEN article.published_revision_en ELSE article.published_revision_fr END`;
  const query = `CASE WHEN revision.language = 'en' THEN ${terms.en} ELSE ${terms.fr} END`;
  return `SELECT 'ARTICLE'::text AS kind, article.id, article.workspace_id, revision.language::text AS language,
            revision.title, revision.id AS text_id, article.published_at,
            ts_rank(${REVISION_VECTOR}, ${query}) AS rank
       FROM article_revision revision
       JOIN article ON article.id = revision.article_id
       LEFT JOIN ${AccessPolicy.accessesOfSql(':viewerId')} access ON access.workspace_id = article.workspace_id
      WHERE ((revision.language = 'en' AND ${REVISION_VECTOR} @@ ${terms.en}) OR (revision.language = 'fr' AND ${REVISION_VECTOR} @@ ${terms.fr}))
        AND (${terms.workspace} IS NULL OR article.workspace_id = ${terms.workspace})
        AND (${terms.articleStatus} IS NULL OR article.status::text = ${terms.articleStatus})
        AND CASE WHEN ${readable} THEN ${current} ELSE ${published} END`;
}

const COMMENT_TEXT = `coalesce(comment.quote, '') || ' ' || comment.body`;

/**
 * The comments the viewer may find: those of the articles the viewer may read in their workspace
 * (never through a public article), in the language of the revision they are anchored to.
 */
function commentDocuments(terms: SearchTerms): string {
  return `SELECT 'COMMENT'::text AS kind, comment.id, article.workspace_id, revision.language::text AS language,
            revision.title, comment.id AS text_id, comment.created_at AS published_at,
            ts_rank(comment.search_vector, CASE WHEN revision.language = 'en' THEN ${terms.en} ELSE ${terms.fr} END) AS rank
       FROM comment
       JOIN article_revision revision ON revision.id = comment.revision_id
       JOIN article ON article.id = comment.article_id
      WHERE ((revision.language = 'en' AND comment.search_vector @@ ${terms.en}) OR (revision.language = 'fr' AND comment.search_vector @@ ${terms.fr}))
        AND (${terms.workspace} IS NULL OR article.workspace_id = ${terms.workspace})
        AND (${terms.articleStatus} IS NULL OR article.status::text = ${terms.articleStatus})
        AND ${READABLE}`;
}

export const articleSearch: SearchableKind = {
  documents: articleDocuments,
  text: textOfHit('article_revision', 'revision', `revision.title || ' ' || revision.summary || ' ' || revision.body`),
  matching: (terms) => `SELECT 1 FROM article_revision revision WHERE ${REVISION_VECTOR} @@ ${terms.fr} OR ${REVISION_VECTOR} @@ ${terms.en}`,
};

export const commentSearch: SearchableKind = {
  documents: commentDocuments,
  text: textOfHit('comment', 'comment', COMMENT_TEXT),
  matching: (terms) => `SELECT 1 FROM comment WHERE comment.search_vector @@ ${terms.fr} OR comment.search_vector @@ ${terms.en}`,
};
