import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, EntityManager, IsNull, Repository } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { CalendarLink } from './event.entity';

/** Every query of calendar links. */
@Injectable()
export class CalendarLinkStore {
  constructor(@InjectRepository(CalendarLink) private readonly links: Repository<CalendarLink>) {}

  /** The link with this id, if any. */
  findLink(id: string): Promise<CalendarLink | null> {
    return this.links.findOneBy({ id });
  }

  /** The link whose token has this hash, unless it was revoked. */
  findActiveByTokenHash(tokenHash: string): Promise<CalendarLink | null> {
    return this.links.findOneBy({ tokenHash, revokedAt: IsNull() });
  }

  /** One page of a person's links, newest first, revoked ones included. */
  pageOfOwner(ownerId: string, page: PageArgs): Promise<Connection<CalendarLink>> {
    const query = this.links.createQueryBuilder('link').where('link.owner_id = :ownerId', { ownerId });
    return paginate(query, page, byCreation('link', 'DESC'));
  }

  /** Inserts a new link. */
  insertLink(tx: EntityManager, fields: DeepPartial<CalendarLink>): Promise<CalendarLink> {
    return tx.save(tx.create(CalendarLink, fields));
  }

  /** Revokes the link now, unless it already is. */
  revokeLink(tx: EntityManager, id: string): Promise<unknown> {
    return tx.update(CalendarLink, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
