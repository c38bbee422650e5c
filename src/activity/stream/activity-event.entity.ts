import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../common/timestamps';

/**
 * One event of the activity stream, the transactional outbox: written in the transaction of the
 * change it tells of, read by the processes that deliver it (subscriptions, webhooks) after commit,
 * kept for the replay window. Ids and small facts only: whoever delivers it re-reads what it shows,
 * with the rights of whoever receives it.
 */
@Entity()
@Index(['transactionId', 'id'])
@Index(['createdAt'])
export class ActivityEvent {
  /** Insertion order within a transaction; the token a client resumes from. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  /**
   * The writing transaction's id (pg_current_xact_id(), set by the store). The stream is read in (transaction, id)
   * order, and only below the oldest transaction of this database still running: so an event never
   * appears behind one already read, however late its transaction commits. The price: a transaction
   * left open in this database holds back every event committed after it began, until it ends.
   */
  @Column('bigint')
  transactionId: string;

  @Column('text')
  kind: string;

  @Column('text')
  resourceType: string;

  @Column('uuid')
  resourceId: string;

  @Column('uuid', { nullable: true })
  workspaceId: string | null;

  @Column('uuid', { nullable: true })
  organizationId: string | null;

  /** Set for a personal event: a notification for this person. */
  @Column('uuid', { nullable: true })
  recipientId: string | null;

  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('jsonb', { default: {} })
  payload: Record<string, unknown>;

  @CreatedAt()
  createdAt: Date;
}
