import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A durable reader's place in the activity stream (webhooks, say): it moves in the same transaction
 * as what the reader wrote for the events it passed, so a crash neither skips nor repeats one.
 */
@Entity()
export class ActivityConsumer {
  @PrimaryColumn('text')
  name: string;

  /** The last event read: its transaction and id (see ActivityEvent). */
  @Column('bigint')
  transactionId: string;

  @Column('bigint')
  eventId: string;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
