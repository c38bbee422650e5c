import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../activity';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Actor } from '../common/request-context';
import { OrganizationsService } from '../organizations';
import { mayGrant, mayRevokeGrant } from './article-access';
import { ArticleContext, assertNotArchived } from './article-context';
import { RepublicationGrant } from './article.entity';
import { GrantRepublicationInput } from './dto/article.inputs';
import { RepublicationGrantStore } from './republication-grant.store';

/** Republication: an organization with an author on a published article lets another republish it, on conditions. */
@Injectable()
export class RepublicationService {
  constructor(
    private readonly grants: RepublicationGrantStore,
    private readonly context: ArticleContext,
    private readonly organizations: OrganizationsService,
    private readonly dataSource: DataSource,
  ) {}

  /** A grant from the organization one acts for to another; one active grant per pair. */
  async grant(actor: Actor, input: GrantRepublicationInput): Promise<RepublicationGrant> {
    const { article, access, authors } = await this.context.open(actor, input.articleId, 'article.grant');
    if (!mayGrant(access, authors)) throw new ForbiddenError('Only an organization with an author on the article grants republication');
    if (!article.publishedAt) throw new PreconditionFailedError('The article is not published', ['The article is not published']);
    assertNotArchived(article);
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

  /** Ends a grant: only the granting organization does, once. */
  async revoke(actor: Actor, grantId: string): Promise<RepublicationGrant> {
    const grant = await this.grants.findById(grantId);
    if (!grant) throw new NotFoundError('Grant');
    const { article, access } = await this.context.open(actor, grant.articleId, 'article.grant', 'Grant');
    if (!mayRevokeGrant(access, grant)) throw new ForbiddenError('Only the granting organization revokes its grant');
    if (grant.revokedAt) throw new ConflictError('This grant is already revoked', { revokedAt: grant.revokedAt.toISOString() });
    const revokedAt = new Date();
    await this.dataSource.transaction(async (tx) => {
      await this.grants.revoke(tx, grant.id, revokedAt, actor.userId);
      await this.context.record(tx, actor, article, AuditAction.articleRepublicationRevoked, {
        grantId: grant.id,
        granteeOrganizationId: grant.granteeOrganizationId,
      });
    });
    return { ...grant, revokedAt, revokedById: actor.userId };
  }
}
