import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../activity';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Language, LANGUAGES } from '../common/localized-text';
import { Actor } from '../common/request-context';
import { OrganizationsService } from '../organizations';
import { AccessPolicy, Visibility } from '../workspaces';
import { mayGrant, mayRepublish, mayRevokeGrant } from './article-access';
import { ArticleContext, assertNotArchived, assertNotRepublication } from './article-context';
import { Article, ArticleStatus, AuthorRole, RepublicationGrant } from './article.entity';
import { ArticleStore } from './article.store';
import { GrantRepublicationInput, RepublishArticleInput } from './dto/article.inputs';
import { republicationBlockers } from './publication-rules';
import { RepublicationGrantStore } from './republication-grant.store';

/**
 * Republication: an organization with an author on a published article lets another republish it,
 * on conditions (the grant is the consent); the grantee then republishes it in its own workspace.
 */
@Injectable()
export class RepublicationService {
  constructor(
    private readonly grants: RepublicationGrantStore,
    private readonly store: ArticleStore,
    private readonly context: ArticleContext,
    private readonly policy: AccessPolicy,
    private readonly organizations: OrganizationsService,
    private readonly dataSource: DataSource,
  ) {}

  /** A grant from the organization one acts for to another; one active grant per pair. */
  async grant(actor: Actor, input: GrantRepublicationInput): Promise<RepublicationGrant> {
    const { article, access, authors } = await this.context.open(actor, input.articleId, 'article.grant');
    if (!mayGrant(access, authors)) throw new ForbiddenError('Only an organization with an author on the article grants republication');
    if (!article.publishedAt) throw new PreconditionFailedError('The article is not published', ['The article is not published']);
    assertNotArchived(article);
    assertNotRepublication(article);
    await this.organizations.getById(input.organizationId);
    if (input.organizationId === access.organizationId) throw BadUserInputError.field('organizationId', 'an organization does not grant itself');
    return this.dataSource.transaction(async (tx) => {
      const active = await this.grants.activeGrant(tx, article.id, access.organizationId, input.organizationId);
      if (active) throw new ConflictError('This organization already has a grant from yours', { grantId: active.id });
      const grant = await this.grants.insert(tx, {
        articleId: article.id,
        grantorOrganizationId: access.organizationId,
        granteeOrganizationId: input.organizationId,
        conditions: input.conditions,
        grantedById: actor.userId,
      });
      await this.context.record(tx, actor, article, AuditAction.articleRepublicationGranted, {
        grantId: grant.id,
        granteeOrganizationId: input.organizationId,
      });
      return grant;
    });
  }

  /**
   * Ends a grant: only the granting organization does, once. What was republished under it is
   * withdrawn in the same transaction: archived, so it leaves the public pages and feeds at once,
   * while the grantee keeps the record of what it published.
   */
  async revoke(actor: Actor, grantId: string): Promise<RepublicationGrant> {
    const grant = await this.grants.findById(grantId);
    if (!grant) throw new NotFoundError('Grant');
    const { article, access } = await this.context.open(actor, grant.articleId, 'article.grant', 'Grant');
    if (!mayRevokeGrant(access, grant)) throw new ForbiddenError('Only the granting organization revokes its grant');
    const revokedAt = new Date();
    await this.dataSource.transaction(async (tx) => {
      const locked = await this.grants.lockForWrite(tx, grant.id);
      if (locked.revokedAt) throw new ConflictError('This grant is already revoked', { revokedAt: locked.revokedAt.toISOString() });
      await this.grants.revoke(tx, grant.id, revokedAt, actor.userId);
      await this.context.record(tx, actor, article, AuditAction.articleRepublicationRevoked, {
        grantId: grant.id,
        granteeOrganizationId: grant.granteeOrganizationId,
      });
      for (const republication of await this.store.withdrawRepublications(tx, grant.id)) {
        await this.context.record(tx, actor, republication, AuditAction.articleRepublicationWithdrawn, { grantId: grant.id, from: republication.status });
      }
    });
    return { ...grant, revokedAt, revokedById: actor.userId };
  }

  /**
   * The grantee's copy of the original in one of its workspaces, by a member who writes articles
   * there for the grantee: led by the grantee, carrying the original's published text of each
   * language as its revisions, and published at once, PUBLIC (only public articles are republished).
   * Once per grant and workspace.
   */
  async republish(actor: Actor, input: RepublishArticleInput): Promise<Article> {
    const access = await this.policy.assert(actor, 'article.create', { workspaceId: input.workspaceId });
    const grant = await this.grants.findById(input.grantId);
    if (!grant) throw new NotFoundError('Grant');
    if (!mayRepublish(access, grant)) throw new ForbiddenError('You republish under a grant to the organization you act for in this workspace');
    return this.dataSource.transaction(async (tx) => {
      // The grant and the original are locked: a revocation, an archiving or a second republication waits.
      const locked = await this.grants.lockForWrite(tx, grant.id);
      if (locked.revokedAt) throw new PreconditionFailedError('The grant is revoked', ['The grant is revoked']);
      const original = await this.store.lockForWrite(tx, grant.articleId);
      const reasons = republicationBlockers(original);
      if (reasons.length) throw new PreconditionFailedError('The article cannot be republished', reasons);
      const existing = await this.store.republicationUnder(tx, grant.id, input.workspaceId);
      if (existing) throw new ConflictError('This grant was already used to republish the article in this workspace', { articleId: existing.id });
      const numbers = { [Language.fr]: original.publishedRevisionFr, [Language.en]: original.publishedRevisionEn };
      const texts = await this.store.revisionsByNumber(
        LANGUAGES.flatMap((language) => (numbers[language] ? [{ articleId: original.id, language, number: numbers[language] as number }] : [])),
        tx,
      );
      const copy = await this.store.insertArticle(tx, {
        workspaceId: input.workspaceId,
        leadOrganizationId: grant.granteeOrganizationId,
        visibility: Visibility.PUBLIC,
        createdById: actor.userId,
        status: ArticleStatus.PUBLISHED,
        publishedAt: new Date(),
        // Each published language becomes revision 1 of the copy, the two in step.
        publishedRevisionFr: numbers.fr ? 1 : null,
        publishedRevisionEn: numbers.en ? 1 : null,
        unilingualReason: original.unilingualReason,
        republishedFromId: original.id,
        republicationGrantId: grant.id,
      });
      await this.store.insertAuthor(tx, { articleId: copy.id, userId: actor.userId, organizationId: access.organizationId, role: AuthorRole.LEAD, bylineOrder: 0 });
      for (const text of texts) {
        await this.store.insertRevision(tx, {
          articleId: copy.id,
          language: text.language,
          number: 1,
          title: text.title,
          summary: text.summary,
          body: text.body,
          basedOn: null,
          translationOf: text.language === Language.en && numbers.fr ? 1 : null,
          authorId: actor.userId,
          organizationId: access.organizationId,
        });
      }
      await this.context.record(tx, actor, copy, AuditAction.articleRepublished, {
        grantId: grant.id,
        republishedFromId: original.id,
        grantorOrganizationId: grant.grantorOrganizationId,
      });
      return copy;
    });
  }
}
