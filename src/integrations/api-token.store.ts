import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, EntityManager, IsNull, Repository } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { ApiToken } from './api-token.entity';

/** How stale a recorded last use may be: a token used all day writes once a minute, not at every request. */
const LAST_USE_RESOLUTION = '1 minute';

/** Every query of API tokens. */
@Injectable()
export class ApiTokenStore {
  constructor(@InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>) {}

  /** The token with this id, if any. */
  findById(id: string): Promise<ApiToken | null> {
    return this.tokens.findOneBy({ id });
  }

  /** The token whose secret has this hash, if any (revoked and expired ones included). */
  findByHash(tokenHash: string): Promise<ApiToken | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  /** One page of an organization's tokens, newest first, revoked and expired ones included. */
  pageOfOrganization(organizationId: string, page: PageArgs): Promise<Connection<ApiToken>> {
    const query = this.tokens.createQueryBuilder('token').where('token.organization_id = :organizationId', { organizationId });
    return paginate(query, page, byCreation('token', 'DESC'));
  }

  /** Inserts a new token. */
  insert(tx: EntityManager, fields: DeepPartial<ApiToken>): Promise<ApiToken> {
    return tx.save(tx.create(ApiToken, fields));
  }

  /** Revokes the token now, unless it already is. */
  revoke(tx: EntityManager, id: string): Promise<unknown> {
    return tx.update(ApiToken, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Records a use at `now`, unless one was recorded within the last minute. */
  recordUse(id: string, now: Date): Promise<unknown> {
    return this.tokens.query(
      `UPDATE api_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '${LAST_USE_RESOLUTION}')`,
      [id, now],
    );
  }
}
