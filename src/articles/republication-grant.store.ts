import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { RepublicationGrant } from './article.entity';
import { OLDEST_FIRST } from './article.projection';

/** Every query of the republication grants of articles. */
@Injectable()
export class RepublicationGrantStore {
  constructor(@InjectRepository(RepublicationGrant) private readonly grants: Repository<RepublicationGrant>) {}

  /** One grant by id, or null. */
  findById(grantId: string): Promise<RepublicationGrant | null> {
    return this.grants.findOneBy({ id: grantId });
  }

  /** Many grants by id. */
  findByIds(grantIds: readonly string[]): Promise<RepublicationGrant[]> {
    return this.grants.findBy({ id: In([...grantIds]) });
  }

  /** The grant row, locked until the transaction ends: using a grant and revoking it take turns. */
  lockForWrite(tx: EntityManager, grantId: string): Promise<RepublicationGrant> {
    return tx.findOneOrFail(RepublicationGrant, { where: { id: grantId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The grants of many articles, revoked ones included, oldest first. */
  grantsOf(articleIds: readonly string[]): Promise<RepublicationGrant[]> {
    return this.grants.find({ where: { articleId: In([...articleIds]) }, order: OLDEST_FIRST });
  }

  /** The grant from one organization to another on an article that is not revoked, or null. */
  activeGrant(tx: EntityManager, articleId: string, grantorOrganizationId: string, granteeOrganizationId: string): Promise<RepublicationGrant | null> {
    return tx.findOneBy(RepublicationGrant, { articleId, grantorOrganizationId, granteeOrganizationId, revokedAt: IsNull() });
  }

  /** Inserts a grant and returns it with its generated columns. */
  insert(
    tx: EntityManager,
    grant: Pick<RepublicationGrant, 'articleId' | 'grantorOrganizationId' | 'granteeOrganizationId' | 'conditions' | 'grantedById'>,
  ): Promise<RepublicationGrant> {
    return tx.save(tx.create(RepublicationGrant, grant));
  }

  /** Marks a grant revoked. */
  async revoke(tx: EntityManager, grantId: string, revokedAt: Date, revokedById: string): Promise<void> {
    await tx.update(RepublicationGrant, { id: grantId }, { revokedAt, revokedById });
  }
}
