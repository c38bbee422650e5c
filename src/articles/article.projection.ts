import { User } from '../auth';
import { defineProjection, first, growingMany, many, one, oneWhere, RelationSql, SortOrder } from '../common/projection';
import { Approval, Article, ArticleAuthor, ArticleRevision, Comment, RepublicationGrant } from './article.entity';

// The orders of the lists, for the loaders' queries and the SQL projection alike.
export const AUTHOR_ORDER = { bylineOrder: 'ASC', createdAt: 'ASC' } as const satisfies SortOrder;
export const APPROVAL_ORDER = { createdAt: 'DESC' } as const satisfies SortOrder;
export const REVISION_ORDER = { number: 'ASC' } as const satisfies SortOrder;
export const OLDEST_FIRST = { createdAt: 'ASC', id: 'ASC' } as const satisfies SortOrder;
const LATEST_FIRST = { number: 'DESC' } as const satisfies SortOrder;

const inLanguage = (sql: RelationSql) => `${sql.child('language')} = ${sql.arg('language')}`;

/**
 * How an article page is one SQL statement (see common/projection): the relations its resolvers
 * find projected. Byline, staleness and diffs keep their loaders.
 */
defineProjection(Article, {
  relations: {
    leadOrganization: one('leadOrganization'),
    authors: many(() => ArticleAuthor, 'article', AUTHOR_ORDER),
    approvals: many(() => Approval, 'article', APPROVAL_ORDER),
    currentRevision: first(() => ArticleRevision, 'article', LATEST_FIRST, inLanguage),
    publishedRevision: first(
      () => ArticleRevision,
      'article',
      LATEST_FIRST,
      (sql) =>
        `${inLanguage(sql)} AND ${sql.child('number')} = CASE ${sql.arg('language')}::text WHEN 'fr' THEN ${sql.parent('publishedRevisionFr')} ELSE ${sql.parent('publishedRevisionEn')} END`,
    ),
    revisions: growingMany(() => ArticleRevision, 'article', REVISION_ORDER, inLanguage),
    comments: growingMany(() => Comment, 'article', OLDEST_FIRST),
    republicationGrants: many(() => RepublicationGrant, 'article', OLDEST_FIRST),
  },
});
defineProjection(ArticleAuthor, { relations: { user: one('user'), organization: one('organization') } });
defineProjection(ArticleRevision, { relations: { author: one('author') } });
defineProjection(Approval, {
  relations: {
    organization: one('organization'),
    decidedBy: oneWhere(() => User, (sql) => `${sql.child('id')} = ${sql.parent('decidedById')}`),
  },
});
defineProjection(Comment, { relations: { author: one('author') } });
defineProjection(RepublicationGrant, {
  relations: { grantorOrganization: one('grantorOrganization'), granteeOrganization: one('granteeOrganization') },
});
