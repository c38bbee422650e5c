import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { AuditEvent } from './audit-event.entity';

/** The audit trail's table: appended to, never changed. */
@Injectable()
export class AuditStore {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Appends one event in `tx`, so the change and its record commit together. */
  async append(tx: EntityManager, event: Partial<AuditEvent>): Promise<void> {
    const events = tx.getRepository(AuditEvent);
    await events.save(events.create({ details: {}, ...event }), { reload: false });
  }

  /** A page of the events of one workspace or one organization, newest first. */
  page(scope: { workspaceId: string } | { organizationId: string }, page: PageArgs): Promise<Connection<AuditEvent>> {
    const query = this.events.createQueryBuilder('event');
    if ('workspaceId' in scope) query.where('event.workspace_id = :id', { id: scope.workspaceId });
    else query.where('event.organization_id = :id', { id: scope.organizationId });
    return paginate(query, page, byCreation('event', 'DESC'));
  }
}
