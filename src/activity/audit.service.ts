import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { AuditAction } from './audit-action';
import { AuditEvent } from './audit-event.entity';

export type AuditRecord = Pick<AuditEvent, 'resourceType' | 'resourceId'> & { action: AuditAction } &
  Partial<Pick<AuditEvent, 'workspaceId' | 'organizationId' | 'details'>> & { actorId: string | null };

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Writes within the caller's transaction when given one, so the change and its record commit together. */
  async record(event: AuditRecord, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditEvent) : this.events;
    await repository.save(repository.create({ details: {}, ...event }), { reload: false });
  }

  /** The usual record: a person changed something of a workspace, in the change's transaction. */
  inWorkspace(
    manager: EntityManager,
    actor: Pick<Actor, 'userId'>,
    workspaceId: string,
    action: AuditAction,
    resourceType: string,
    resourceId: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.record({ actorId: actor.userId, action, resourceType, resourceId, workspaceId, details }, manager);
  }

  /** Newest first. Callers check that the viewer may read the scope. */
  list(scope: { workspaceId: string } | { organizationId: string }, page: PageArgs): Promise<Connection<AuditEvent>> {
    const query = this.events.createQueryBuilder('event');
    if ('workspaceId' in scope) query.where('event.workspace_id = :id', { id: scope.workspaceId });
    else query.where('event.organization_id = :id', { id: scope.organizationId });
    return paginate(query, page, byCreation('event', 'DESC'));
  }
}
