import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Connection, PageArgs } from '../common/pagination';
import { Actor } from '../common/request-context';
import { ActivityStream } from './activity-stream';
import { AuditAction } from './audit-action';
import { AuditEvent } from './audit-event.entity';
import { AuditStore } from './audit.store';

export type AuditRecord = Pick<AuditEvent, 'resourceType' | 'resourceId'> & { action: AuditAction } &
  Partial<Pick<AuditEvent, 'workspaceId' | 'organizationId' | 'details'>> & { actorId: string | null };

@Injectable()
export class AuditService {
  constructor(
    private readonly store: AuditStore,
    private readonly stream: ActivityStream,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Writes within the caller's transaction when given one, so the change and its record commit
   * together; every audited change is also an event of the activity stream.
   */
  record(event: AuditRecord, tx?: EntityManager): Promise<void> {
    if (tx) return this.append(tx, event);
    return this.dataSource.transaction((tx) => this.append(tx, event));
  }

  private async append(tx: EntityManager, event: AuditRecord): Promise<void> {
    await this.store.append(tx, event);
    await this.stream.append(tx, [{ ...event, kind: event.action, payload: event.details }]);
  }

  /** The usual record: a person changed something of a workspace, in the change's transaction. */
  inWorkspace(
    tx: EntityManager,
    actor: Pick<Actor, 'userId'>,
    workspaceId: string,
    action: AuditAction,
    resourceType: string,
    resourceId: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.record({ actorId: actor.userId, action, resourceType, resourceId, workspaceId, details }, tx);
  }

  /** The usual record of an organization's change: a person changed it or its membership, in the change's transaction. */
  inOrganization(tx: EntityManager, actor: Pick<Actor, 'userId'>, organizationId: string, action: AuditAction, resource: { type: string; id: string }, details: Record<string, unknown> = {}): Promise<void> {
    return this.record({ actorId: actor.userId, action, resourceType: resource.type, resourceId: resource.id, organizationId, details }, tx);
  }

  /** Newest first. Callers check that the viewer may read the scope. */
  list(scope: { workspaceId: string } | { organizationId: string }, page: PageArgs): Promise<Connection<AuditEvent>> {
    return this.store.page(scope, page);
  }
}
