import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../auth';
import { CreatedAt } from '../common/timestamps';
import type { MailLanguage } from './mail-template';

export enum MessageState {
  queued = 'queued',
  /** Claimed by a sender, until `nextAttemptAt` (its lease): past it, another sender takes it back. */
  sending = 'sending',
  sent = 'sent',
  /** Refused for good (a permanent, 5xx, SMTP refusal: never retried), or out of attempts: `lastError` says why. */
  failed = 'failed',
  /** Nothing to send any more when it was built (the recipient is gone, or may no longer see it). */
  cancelled = 'cancelled',
}

/**
 * One e-mail of the outbox, written in the transaction of the change that causes it and built
 * only when sent: its template and parameters, never its text.
 */
@Entity()
@Index(['nextAttemptAt'], { where: `"state" IN ('queued', 'sending')` })
export class OutboundMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A person: their address, name and language are read when the message is built. */
  @Column('uuid', { nullable: true })
  userId: string | null;

  /** A person's messages go with their account. */
  @ManyToOne('User', { onDelete: 'CASCADE' })
  user?: User;

  /** Or an address with no account behind it (an invitation to someone not registered yet). */
  @Column('text', { nullable: true })
  address: string | null;

  /** The language of an address without an account; a person's comes from their preferences. */
  @Column('text', { nullable: true })
  language: MailLanguage | null;

  @Column('text')
  template: string;

  @Column('jsonb')
  params: Record<string, unknown>;

  @Index({ unique: true })
  @Column('text')
  idempotencyKey: string;

  @Column({ type: 'enum', enum: MessageState, enumName: 'outbound_message_state', default: MessageState.queued })
  state: MessageState;

  @Column('int', { default: 0 })
  attempts: number;

  /** When a queued message is next tried (its back-off); for a sending one, when its lease ends. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  nextAttemptAt: Date;

  @Column('text', { nullable: true })
  lastError: string | null;

  /** `<uuid@host of MAIL_FROM>`, fixed at enqueue: a retry after a crash is the same message to its receiver. */
  @Column('text')
  messageId: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
