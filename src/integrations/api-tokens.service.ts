import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { API_TOKEN_PREFIX, ApiTokenVerifier } from '../auth';
import { BadUserInputError, NotFoundError } from '../common/errors';
import { Connection } from '../common/pagination';
import { Actor } from '../common/request-context';
import { hashToken, newOpaqueToken } from '../common/tokens';
import { OrganizationsService } from '../organizations';
import { expiryRefusal, isUsable } from './api-token-access';
import { ApiToken } from './api-token.entity';
import { ApiTokenStore } from './api-token.store';
import { ApiTokensArgs, CreateApiTokenInput } from './dto/api-token.inputs';

/**
 * API tokens for integrations: created, listed and revoked by an organization's admins; at each use
 * checked unrevoked, unexpired, and its creator still an admin, so a token never outlives the rights
 * of the person who made it.
 */
@Injectable()
export class ApiTokensService implements ApiTokenVerifier {
  constructor(
    private readonly store: ApiTokenStore,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  /** The secret (256 random bits after the prefix) is returned once; only its hash is kept. */
  async create(actor: Actor, input: CreateApiTokenInput): Promise<ApiToken> {
    await this.organizations.assertAdmin(actor, input.organizationId);
    const refusal = expiryRefusal(input.expiresAt, new Date());
    if (refusal) throw BadUserInputError.field('expiresAt', refusal);
    const secret = `${API_TOKEN_PREFIX}${newOpaqueToken()}`;
    const token = await this.dataSource.transaction(async (tx) => {
      const created = await this.store.insert(tx, {
        organizationId: input.organizationId,
        createdById: actor.userId,
        name: input.name,
        scopes: [...new Set(input.scopes)],
        tokenHash: hashToken(secret),
        expiresAt: input.expiresAt,
      });
      await this.record(tx, actor, created, AuditAction.apiTokenCreated);
      return created;
    });
    return Object.assign(token, { token: secret });
  }

  /** By an admin of the token's organization; to anyone else the token does not exist. */
  async revoke(actor: Actor, apiTokenId: string): Promise<ApiToken> {
    const token = await this.store.findById(apiTokenId);
    if (!token || !(await this.organizations.isAdmin(actor.userId, token.organizationId))) throw new NotFoundError('API token');
    await this.organizations.assertAdmin(actor, token.organizationId);
    if (!token.revokedAt) {
      await this.dataSource.transaction(async (tx) => {
        await this.store.revoke(tx, token.id);
        await this.record(tx, actor, token, AuditAction.apiTokenRevoked);
      });
    }
    return (await this.store.findById(apiTokenId)) as ApiToken;
  }

  /** An organization's tokens, for its admins; their secrets are never shown again. */
  async list(actor: Actor, { organizationId, ...page }: ApiTokensArgs): Promise<Connection<ApiToken>> {
    await this.organizations.assertAdmin(actor, organizationId);
    return this.store.pageOfOrganization(organizationId, page);
  }

  async actorFor(secret: string): Promise<Actor | null> {
    const now = new Date();
    const token = await this.store.findByHash(hashToken(secret));
    if (!token || !isUsable(token, now) || !(await this.organizations.mayAdminister(token.createdById, token.organizationId))) return null;
    await this.store.recordUse(token.id, now);
    return {
      userId: token.createdById,
      // No session: the token itself is what a revocation ends.
      sessionId: `api-token:${token.id}`,
      apiToken: { id: token.id, organizationId: token.organizationId, scopes: token.scopes },
    };
  }

  private record(tx: EntityManager, actor: Actor, token: ApiToken, action: AuditAction): Promise<void> {
    return this.audit.inOrganization(tx, actor, token.organizationId, action, { type: 'api_token', id: token.id }, { name: token.name, scopes: token.scopes });
  }
}
